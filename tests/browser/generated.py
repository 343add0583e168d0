"""A generated archive of 2 000 articles (the benchmark's corpus: the region's countries, organisations and
people over 2005-2024), built once per session and served under a sub-path like the seed site."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from harness import REPO, BuiltSite, served_site

ARTICLES = 2000


def write_generated_site(target: Path, count: int = ARTICLES) -> Path:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import markdown_site
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    names, items = markdown_site.generate(count)
    markdown_site.write_site(names, items, target)
    return target


@contextmanager
def served_generated_site(workdir: Path, count: int = ARTICLES) -> Iterator[tuple[BuiltSite, str]]:
    with served_site(write_generated_site(workdir / "site", count), workdir) as served:
        yield served
