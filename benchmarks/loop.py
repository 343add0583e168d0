"""The editor's loop: edits an editor makes to a built site, each followed by `site-builder build` (with
search), measured one after another on the same site. Each edit says how to check that the rebuilt site shows
it; a step whose build fails, or whose site does not show the edit, is reported as failed and the loop goes
on with the next edit."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

MARK = "The benchmark edited this sentence."
TITLE = "Retitled by the Benchmark"
ALIAS = "Benchmark Alias"


@dataclass(frozen=True)
class Edit:
    name: str
    apply: Callable[[Path], str]  # edits the site; returns what it did
    check: Callable[[Path, Path], str | None]  # (site, out) -> None when the site shows the edit, else why not


def _articles(site: Path) -> list[Path]:
    return sorted((site / "content" / "articles").glob("*/*.md"))


def _page(out: Path, article: Path) -> Path:
    return out / "articles" / article.parent.name / article.stem / "index.html"


def _contains(file: Path, text: str) -> str | None:
    try:
        found = text in file.read_text(encoding="utf-8")
    except OSError as error:
        return f"{file.name}: {error.strerror}"
    return None if found else f"{file} does not show {text!r}"


def nothing(site: Path) -> str:
    return "nothing changed"


def edit_body(site: Path) -> str:
    """Append a sentence to the body of the article in the middle of the archive."""
    path = _articles(site)[len(_articles(site)) // 2]
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f" {MARK}\n", encoding="utf-8")
    return f"appended a sentence to {path.relative_to(site)}"


def check_body(site: Path, out: Path) -> str | None:
    return _contains(_page(out, _articles(site)[len(_articles(site)) // 2]), MARK)


def retitle(site: Path) -> str:
    """Give the article a third into the archive a new title (its slug, and so its URL, stays)."""
    path = _articles(site)[len(_articles(site)) // 3]
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title: .*$", f"title: {TITLE}", text, count=1, flags=re.MULTILINE), encoding="utf-8")
    return f"retitled {path.relative_to(site)}"


def check_title(site: Path, out: Path) -> str | None:
    return _contains(_page(out, _articles(site)[len(_articles(site)) // 3]), TITLE)


def add_alias(site: Path) -> str:
    """Add an alias to the most cited person of the authority file."""
    file = site / "content" / "entities" / "people.yaml"
    records = yaml.safe_load(file.read_text(encoding="utf-8"))
    record = next((r for r in records if r.get("name") == "Ilham Aliyev"), records[0])
    record["aliases"] = [*(record.get("aliases") or []), ALIAS]
    file.write_text(yaml.safe_dump(records, sort_keys=False, allow_unicode=True, width=100_000), encoding="utf-8")
    return f"added the alias {ALIAS!r} to {record['name']} in {file.relative_to(site)}"


def no_check(site: Path, out: Path) -> str | None:
    return None


def adder(source_text: Callable[[], tuple[str, str, str]]) -> tuple[Callable[[Path], str],
                                                                    Callable[[Path, Path], str | None]]:
    """An edit that puts a new source in content/sources (name, text, title of its article from
    `source_text`), and its check: the build ingested it and the site has the article's page and the source's."""

    def apply(site: Path) -> str:
        name, text, _ = source_text()
        (site / "content" / "sources" / name).write_text(text, encoding="utf-8")
        return f"added the source content/sources/{name}"

    def check(site: Path, out: Path) -> str | None:
        name, _, title = source_text()
        source_page = out / "sources" / Path(name).stem / "index.html"
        if not source_page.is_file():
            return f"no source page {source_page}"
        for article in _articles(site):
            head = article.read_text(encoding="utf-8")[:2000]
            if f"path: content/sources/{name}" in head:
                return _contains(_page(out, article), title.split()[0])
        return f"ingest wrote no article from {name}"

    return apply, check


def edits(source_text: Callable[[], tuple[str, str, str]]) -> list[Edit]:
    """In this order: adding a source last but one, as today it breaks the builds after it (issue 17), and
    the last step shows whether it did."""
    add, added = adder(source_text)
    return [
        Edit("loop_nothing", nothing, no_check),
        Edit("loop_body", edit_body, check_body),
        Edit("loop_retitle", retitle, check_title),
        Edit("loop_alias", add_alias, no_check),
        Edit("loop_source", add, added),
        Edit("loop_after_source", nothing, no_check),
    ]
