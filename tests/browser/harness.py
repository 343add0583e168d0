"""Build the seed site, serve it under a sub-path and drive Debian's Chromium: shared by the browser tests
and scripts/screenshots.py. One build, one server, one browser per session keeps the suite fast."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from site_builder import pipeline
from site_builder.config import load_config
from site_builder.errors import Problem

REPO = Path(__file__).resolve().parents[2]
GOLDEN_SITE = REPO / "tests" / "golden_public" / "site"
SUB_PATH = "archive/"  # the site is always served under a sub-path, so a link that ignores base_url breaks
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
INJECTED_SLUG = "escaping-check"
# A hostile article: if any of these ran, window.__injected would be set.
INJECTED_ARTICLE = """---
title: 'Escaping check <script>window.__injected = 1</script><img src=x onerror="window.__injected = 2">'
slug: escaping-check
date: 2019-05-01
date_precision: day
date_basis: manual
author: '<b onmouseover="window.__injected = 5">Mallory</b>'
countries: [Kazakhstan]
countries_mentioned: [Kazakhstan]
organisations: []
people: []
summary: 'An article whose text tries to run script <script>window.__injected = 6</script>'
source: null
---

Escaping check. <script>window.__injected = 3</script> <img src="x" onerror="window.__injected = 4">

[a link](javascript:window.__injected=7) and <a href="javascript:window.__injected=8">another</a>.
"""


@dataclass(frozen=True)
class BuiltSite:
    site: Path  # the site folder (content/)
    root: Path  # what the HTTP server serves; the site is in root/archive/
    public: Path
    base_path: str
    problems: tuple[Problem, ...]


def has_seed_articles() -> bool:
    return any((REPO / "content" / "articles").rglob("*.md"))


def make_seed_site(target: Path) -> Path:
    """A copy of the archive's content (the seed), or the golden sample while ingest has written nothing yet,
    plus one hostile article; the archive's authority files are the built-in ones (no content/entities/)."""
    source = REPO if has_seed_articles() else GOLDEN_SITE
    for folder in ("sources", "articles", "entities", "pages"):
        if (source / "content" / folder).is_dir():
            shutil.copytree(source / "content" / folder, target / "content" / folder)
    hostile = target / "content" / "articles" / "2019" / f"{INJECTED_SLUG}.md"
    hostile.parent.mkdir(parents=True, exist_ok=True)
    hostile.write_text(INJECTED_ARTICLE, encoding="utf-8")
    return target


def build(site: Path, output: Path, base_url: str, *, search: bool = True) -> tuple[Problem, ...]:
    """The real build (render, search index, link check, atomic swap) without ingest: the articles are there."""
    config = load_config(site).with_overrides(output=output, base_url=base_url)
    return pipeline.build(config, run_ingest=False, search=search).problems


@contextmanager
def http_server(root: Path) -> Iterator[int]:
    """`python -m http.server` on a free port of 127.0.0.1; yields the port, stops the server by its PID."""
    process = subprocess.Popen([sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
                                "--directory", str(root)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.search(r"port (\d+)", line)
        if not match:
            raise RuntimeError(f"http.server did not report its port: {line!r}")
        yield int(match.group(1))
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def served_seed_site(workdir: Path) -> Iterator[tuple[BuiltSite, str]]:
    """Build the seed site into workdir/root/archive/ with base_url pointing at the server; yield it and its URL."""
    with served_site(make_seed_site(workdir / "site"), workdir) as served:
        yield served


@contextmanager
def served_site(site: Path, workdir: Path) -> Iterator[tuple[BuiltSite, str]]:
    """Build `site` into workdir/root/archive/ with base_url pointing at the server; yield it and its URL."""
    root = workdir / "root"
    root.mkdir(parents=True)
    with http_server(root) as port:
        base_url = f"http://127.0.0.1:{port}/{SUB_PATH}"
        public = root / SUB_PATH.rstrip("/")
        problems = build(site, public, base_url)
        yield BuiltSite(site, root, public, "/" + SUB_PATH, problems), base_url


def page_kinds(public: Path) -> dict[str, str]:
    """One representative page of every kind, as paths under the base path ('' is the home page)."""
    def first(pattern: str, depth: int) -> str:
        found = sorted(p.parent.relative_to(public).as_posix() + "/" for p in public.glob(pattern)
                       if len(p.relative_to(public).parts) == depth)
        hostile = [f for f in found if INJECTED_SLUG not in f]
        return (hostile or found)[0]

    def pair() -> str:  # a pair page in its canonical order (the other order is a redirect; years are not pairs)
        found = sorted(p.parent.relative_to(public).as_posix() + "/" for p in public.glob("countries/*/*/index.html"))
        return next(f for f in found if f.split("/")[1] < f.split("/")[2] and not _is_year(f.split("/")[2]))

    return {
        "home": "", "article": first("articles/*/*/index.html", 4), "countries": "countries/",
        "country": first("countries/*/index.html", 3), "pair": pair(),
        "country-year": first("countries/*/[0-9]*/index.html", 4), "about": "about/", "methodology": "methodology/",
        "organisations": "organisations/", "organisation": first("organisations/*/index.html", 3),
        "people": "people/", "person": first("people/*/index.html", 3), "timeline": "timeline/",
        "year": first("timeline/[0-9]*/index.html", 3), "source": first("sources/*/index.html", 3),
        "search": "search/", "404": "404.html",
    }


def _is_year(segment: str) -> bool:
    return segment.isdigit() or segment == "undated"


def launch_chromium(playwright: object) -> object:
    """Debian's Chromium (no `playwright install`): the flags keep it quiet and offline."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)  # type: ignore[attr-defined]
