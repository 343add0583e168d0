"""A sample of the rebuild cases on a generated archive of 500 articles over 20 years (the benchmark's corpus):
many shards, chunks of pages rendered by two processes, and pages Pagefind reads from both the published site
and the patch."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rebuild_edits import REPO, SOURCE_KINDS, article, front_matter_line
from rebuild_harness import assert_same_builds, built, copy_inputs

sys.path.insert(0, str(REPO / "benchmarks"))
import markdown_site

from site_builder.config import BUILTIN_TEMPLATES

ARTICLES = 500
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[markdown_site.Written]]:
    site = tmp_path_factory.mktemp("large") / "site"
    names, items = markdown_site.generate(ARTICLES)
    markdown_site.write_site(names, items, site)
    shutil.copytree(BUILTIN_TEMPLATES, site / "templates")
    built(site)
    return site, items


def _body(site: Path, slug: str) -> None:
    file = article(site, slug)
    file.write_text(file.read_text(encoding="utf-8").rstrip("\n") + " A sentence added later.\n", encoding="utf-8")


def _add_source(site: Path) -> None:
    SOURCE_KINDS["txt"](site, "020_added", 1)


CASES: dict[str, Callable[[Path, str], None]] = {
    "article-body": _body,
    "article-title": lambda site, slug: front_matter_line(site, slug, "title", "A Title Given by Hand"),
    "article-slug": lambda site, slug: front_matter_line(site, slug, "slug", "a-slug-given-by-hand"),
    "add-txt-source": lambda site, slug: _add_source(site),
}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_rebuild_of_the_large_archive_equals_a_clean_build(large: tuple[Path, list[markdown_site.Written]],
                                                             tmp_path: Path, case: str) -> None:
    published, items = large
    site = tmp_path / "site"
    shutil.copytree(published, site)  # with public/ and the build's caches beside it (.public.*): a rebuild
    CASES[case](site, items[len(items) // 2].slug)
    twin = copy_inputs(site, tmp_path / "clean")
    built(site)
    built(twin)
    assert_same_builds(site, twin)
