"""The benchmark's table (plain text, also Markdown) and its JSON results, with the targets of issue 17."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from measure import Measurement

LABELS = {
    "ours_ingest": "ours: ingest of the raw sources",
    "ours_full": "ours: full build with search (ingest check, render, search)",
    "ours_render": "ours: full build, render only (--no-search)",
    "loop_nothing": "editor's loop: nothing changed",
    "loop_body": "editor's loop: edit one article's body",
    "loop_retitle": "editor's loop: retitle one article",
    "loop_alias": "editor's loop: add an alias to a person",
    "loop_source": "editor's loop: add a source",
    "loop_after_source": "editor's loop: nothing changed, after adding a source",
    "hugo": "Hugo build",
    "pagefind_hugo": "Pagefind over Hugo's output",
}
DEFAULT_STEPS = [name for name in LABELS if name != "ours_render"]
LOOP = [name for name in LABELS if name.startswith("loop_")]


@dataclass(frozen=True)
class Target:
    text: str
    value: float | None
    limit: float | None  # None: reported, no target
    higher_is_better: bool = False
    why: str = ""  # why it was not measured

    @property
    def met(self) -> bool | None:
        if self.value is None or self.limit is None:
            return None
        return self.value >= self.limit if self.higher_is_better else self.value <= self.limit

    def line(self) -> str:
        shown = "-" if self.value is None else f"{self.value:.2f}"
        if self.value is None:
            return f"{self.text}: not measured{f' ({self.why})' if self.why else ''}"
        if self.limit is None:
            return f"{self.text}: {shown} (reported)"
        verdict = "met" if self.met else "NOT met"
        sign = ">=" if self.higher_is_better else "<="
        return f"{self.text}: {shown} (target {sign} {self.limit:g}) {verdict}"


def _seconds(results: dict[str, Measurement], name: str) -> float | None:
    m = results.get(name)
    return m.seconds if m is not None and m.ok else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def targets(results: dict[str, Measurement], phases: dict[str, dict[str, float]], failures: dict[str, str],
            articles: int, ingest_rate_per_core: float | None) -> list[Target]:
    """The targets of issue 17 from one run; `phases` are the steps each of our builds printed."""
    full = _seconds(results, "ours_full")
    peers = peers_seconds(results)
    big = articles >= 100_000
    checks = [
        Target("full build with search vs Hugo + Pagefind (ratio)", _ratio(full, peers), 1.0,
               why="" if peers is not None or not big else "Pagefind over Hugo not run at this size"),
        Target("full build with search, seconds", full, 300.0 if big else None),
        Target("peak memory of the full build, MB (largest process or tree PSS)",
               results["ours_full"].peak_mb if "ours_full" in results else None, 4096.0),
        Target("editor's loop, body edit, seconds", _loop_seconds(results, failures, "loop_body"),
               3.0 if big else 1.0),
        Target("editor's loop, nothing changed: ingest's check, seconds",
               phases.get("loop_nothing", {}).get("ingest") if "loop_nothing" not in failures else None, 0.5),
    ]
    for name in ("loop_nothing", "loop_retitle", "loop_alias", "loop_source", "loop_after_source"):
        seconds = _loop_seconds(results, failures, name)
        checks.append(Target(f"{LABELS[name]}, ratio to the full build", _ratio(seconds, full), None,
                             why=failures.get(name, "")))
    checks.append(Target("ingest, articles per second per core", ingest_rate_per_core, 200, higher_is_better=True))
    return checks


def _loop_seconds(results: dict[str, Measurement], failures: dict[str, str], name: str) -> float | None:
    return None if name in failures else _seconds(results, name)


def peers_seconds(results: dict[str, Measurement]) -> float | None:
    """Hugo's build and Pagefind over its output: what a Hugo site with search takes."""
    hugo, pagefind = _seconds(results, "hugo"), _seconds(results, "pagefind_hugo")
    return hugo + pagefind if hugo is not None and pagefind is not None else None


def table(results: dict[str, Measurement], notes: dict[str, str], failures: dict[str, str]) -> str:
    """A Markdown table: seconds, CPU seconds, peak memory, ratio vs Hugo + Pagefind, and a note per row."""
    peers = peers_seconds(results)
    rows = ["| step | seconds | CPU s | peak MB (largest process / tree PSS / tree RSS) | vs Hugo + Pagefind "
            "| load before | note |",
            "|---|---:|---:|---:|---:|---:|---|"]
    for name, label in LABELS.items():
        m = results.get(name)
        if m is None:
            if name in notes:
                rows.append(f"| {label} | - | - | - | - | - | {notes[name]} |")
            continue
        ratio = _ratio(m.seconds, peers)
        status = f" FAILED ({failures[name]})" if name in failures else ""
        rows.append(f"| {label}{status} | {m.seconds:.2f} | {m.cpu_seconds:.2f} | "
                    f"{m.peak_rss_mb:.0f} / {m.peak_tree_pss_mb:.0f} / {m.peak_tree_mb:.0f} | "
                    f"{'-' if ratio is None else f'{ratio:.2f}x'} | {m.load_before:.1f} | {notes.get(name, '')} |")
    if peers is not None:
        cpu = results["hugo"].cpu_seconds + results["pagefind_hugo"].cpu_seconds
        rows.append(f"| Hugo + Pagefind (the two steps above) | {peers:.2f} | {cpu:.2f} | - | 1.00x | - | |")
    return "\n".join(rows)


def write_json(path: Path, payload: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, sort_keys=False) + "\n", encoding="utf-8")


def payload(meta: dict[str, Any], results: dict[str, Measurement], notes: dict[str, str],
            failures: dict[str, str], checks: list[Target]) -> dict[str, Any]:
    peers = peers_seconds(results)
    return {
        **meta,
        "results": {name: {**m.as_json(), "label": LABELS.get(name, name), "note": notes.get(name, ""),
                           "failed": failures.get(name),
                           "vs_hugo_plus_pagefind": None if _ratio(m.seconds, peers) is None
                           else round(_ratio(m.seconds, peers) or 0.0, 3)}
                    for name, m in results.items()},
        "hugo_plus_pagefind_seconds": peers,
        "skipped": {name: note for name, note in notes.items() if name not in results},
        "targets": [{"target": t.text, "value": None if t.value is None else round(t.value, 3),
                     "limit": t.limit, "met": t.met, "why": t.why or None} for t in checks],
    }
