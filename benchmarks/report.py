"""The benchmark's table (plain text, also Markdown) and its JSON results, with the issue's targets."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from measure import Measurement

LABELS = {
    "ours_render": "ours: full build, render only (--no-search)",
    "ours_full": "ours: full build, render + search",
    "ours_incremental": "ours: rebuild after editing one article",
    "hugo": "Hugo build",
    "pelican": "Pelican build",
    "pagefind_hugo": "Pagefind over Hugo's output",
    "ours_ingest": "ours: ingest of raw digests",
}


@dataclass(frozen=True)
class Target:
    text: str
    value: float | None
    limit: float
    higher_is_better: bool = False

    @property
    def met(self) -> bool | None:
        if self.value is None:
            return None
        return self.value >= self.limit if self.higher_is_better else self.value <= self.limit

    def line(self) -> str:
        verdict = {True: "met", False: "NOT met", None: "not measured"}[self.met]
        shown = "-" if self.value is None else f"{self.value:.2f}"
        sign = ">=" if self.higher_is_better else "<="
        return f"{self.text}: {shown} (target {sign} {self.limit:g}) {verdict}"


def _seconds(results: dict[str, Measurement], name: str) -> float | None:
    m = results.get(name)
    return m.seconds if m is not None and m.ok else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def targets(results: dict[str, Measurement], ingest_rate_per_core: float | None,
            search_seconds: float | None) -> list[Target]:
    """The issue's targets; `search_seconds` is the search step as our build times it (it prints its steps)."""
    render, full = _seconds(results, "ours_render"), _seconds(results, "ours_full")
    search = search_seconds
    if search is None and full is not None and render is not None:
        search = full - render
    return [
        Target("full render vs Hugo (ratio)", _ratio(render, _seconds(results, "hugo")), 1.0),
        Target("full render vs Pelican (ratio)", _ratio(render, _seconds(results, "pelican")), 0.25),
        Target("incremental rebuild vs full build with search (ratio)",
               _ratio(_seconds(results, "ours_incremental"), full), 0.15),
        Target("our search step vs Pagefind over Hugo (ratio)",
               _ratio(search, _seconds(results, "pagefind_hugo")), 0.7),
        Target("ingest, articles per second per core", ingest_rate_per_core, 200, higher_is_better=True),
        Target("peak memory of our full build with search, MB (largest process or tree PSS)",
               results["ours_full"].peak_mb if "ours_full" in results else None, 4096),
    ]


def table(results: dict[str, Measurement], notes: dict[str, str]) -> str:
    """A Markdown table: seconds, CPU seconds, peak memory, ratio vs Hugo, and a note per row."""
    hugo = _seconds(results, "hugo")
    rows = ["| step | seconds | CPU s | peak MB (largest process / tree PSS / tree RSS) | vs Hugo | load before "
            "| note |",
            "|---|---:|---:|---:|---:|---:|---|"]
    for name, label in LABELS.items():
        m = results.get(name)
        if m is None:
            continue
        ratio = _ratio(m.seconds, hugo)
        status = "" if m.ok else f" FAILED (exit {m.returncode})"
        rows.append(f"| {label}{status} | {m.seconds:.2f} | {m.cpu_seconds:.2f} | "
                    f"{m.peak_rss_mb:.0f} / {m.peak_tree_pss_mb:.0f} / {m.peak_tree_mb:.0f} | "
                    f"{'-' if ratio is None else f'{ratio:.2f}x'} | {m.load_before:.1f} | {notes.get(name, '')} |")
    return "\n".join(rows)


def write_json(path: Path, payload: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, sort_keys=False) + "\n", encoding="utf-8")


def payload(meta: dict[str, Any], results: dict[str, Measurement], notes: dict[str, str],
            checks: list[Target]) -> dict[str, Any]:
    hugo = _seconds(results, "hugo")
    return {
        **meta,
        "results": {name: {**m.as_json(), "label": LABELS.get(name, name), "note": notes.get(name, ""),
                           "vs_hugo": None if _ratio(m.seconds, hugo) is None
                           else round(_ratio(m.seconds, hugo) or 0.0, 3)}
                    for name, m in results.items()},
        "targets": [{"target": t.text, "value": None if t.value is None else round(t.value, 3),
                     "limit": t.limit, "met": t.met} for t in checks],
    }
