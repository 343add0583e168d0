"""Rebuilds equal clean builds: for every kind of change an editor makes to a built archive, the rebuild's
whole output is what a clean build of the same content into a fresh folder writes (rebuild_harness.py
compares them, Pagefind's index decoded). The changes are a table (rebuild_edits.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from rebuild_edits import EDITS, EDITS_BY_NAME, SEEDS, SOURCE_KINDS, Edit, article, front_matter_line, make_site
from rebuild_harness import assert_same_builds, built, copy_inputs, problems

from site_builder import search, serve
from site_builder.cli import main
from site_builder.errors import ContentError
from site_builder.render import cache


def rebuilt_as_clean(site: Path, scratch: Path, edit: Edit) -> None:
    """Edit a built site, build it again, and build a copy of the edited inputs into a fresh folder: the same."""
    edit.apply(site)
    twin = copy_inputs(site, scratch / "clean")
    assert problems(built(site, errors=True)) == problems(built(twin, errors=True))
    assert_same_builds(site, twin)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    site = make_site(tmp_path / "site")
    built(site)
    return site


@pytest.mark.parametrize("edit", EDITS, ids=str)
def test_a_rebuild_after_an_edit_equals_a_clean_build(small: Path, tmp_path: Path, edit: Edit) -> None:
    rebuilt_as_clean(small, tmp_path, edit)


def test_adding_a_source_to_a_built_archive_then_building_again(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 10's workflow, by the command line: one source, build; a second, build; and again."""
    site = tmp_path / "S"
    (site / "content" / "sources").mkdir(parents=True)
    shutil.copy(SEEDS / "000_7bc920b7a4ddbe51.txt", site / "content" / "sources")
    assert main(["build", "--site", str(site)]) == 0, capsys.readouterr().err
    shutil.copy(SEEDS / "001_b487eabd0bb1da54.txt", site / "content" / "sources")
    twin = copy_inputs(site, tmp_path / "clean")
    assert main(["build", "--site", str(site)]) == 0, capsys.readouterr().err
    assert main(["build", "--site", str(twin)]) == 0, capsys.readouterr().err
    assert_same_builds(site, twin)
    assert main(["build", "--site", str(site)]) == 0, capsys.readouterr().err
    assert_same_builds(site, twin)


def test_three_sources_of_two_years_then_a_fourth(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    built(site)
    shutil.copy(SEEDS / "003_dc15103ac5bd4374.txt", site / "content" / "sources")
    twin = copy_inputs(site, tmp_path / "clean")
    built(site)
    built(twin)
    assert_same_builds(site, twin)


def test_an_upgraded_dependency_renders_and_indexes_everything_again(small: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A new Markdown, Jinja, nh3 or Pagefind may write other pages or indexes from the same content: the cache
    key holds their versions, so nothing of the published site is taken as it is."""
    upgraded = {**cache.dependency_versions(), "markdown": "99.0", "pagefind": "9.9.9"}
    monkeypatch.setattr(cache, "dependency_versions", lambda: upgraded)
    twin = copy_inputs(small, tmp_path / "clean")
    result = built(small)
    assert result.reused == 0
    assert result.search is not None and result.search.reused == 0
    built(twin)
    assert_same_builds(small, twin)


def test_a_failed_search_index_fails_the_build_with_the_real_cause(small: Path, capsys: pytest.CaptureFixture[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A page Pagefind is to read that is not there is named as such, not as a missing Pagefind, and exits 1."""
    real = search.Shard.pages

    def missing(shard: search.Shard) -> Iterator[tuple[str, str]]:
        for document in shard.documents:
            document[1].file.unlink(missing_ok=True)
        yield from real(shard)

    monkeypatch.setattr(search.Shard, "pages", missing)
    txt = SOURCE_KINDS["txt"]
    txt(small, "020_more", 1)
    assert main(["build", "--site", str(small)]) == 1
    err = capsys.readouterr().err
    assert "a page to index is missing" in err and "No such file" in err
    assert "installed" not in err


def test_serve_exits_non_zero_when_its_build_failed(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(config: object, **_: object) -> object:
        raise ContentError("search shard 2017: a page to index is missing")

    def stop() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(serve.pipeline, "build", failing)
    monkeypatch.setattr(serve.threading.Thread, "start", lambda self: None)
    monkeypatch.setattr(serve.ThreadingHTTPServer, "serve_forever", lambda self: stop())
    assert main(["serve", "--site", str(small), "--port", "0"]) == 1


def test_a_changed_slug_leaves_a_redirect_which_goes_with_its_article(small: Path, tmp_path: Path) -> None:
    """An article written by hand (ingest would write one of a source again): renamed, then removed."""
    rebuilt_as_clean(small, tmp_path / "added", EDITS_BY_NAME["add-article-by-hand"])
    old = small / "public" / "articles" / "2019" / "an-editor-wrote-this" / "index.html"
    assert b"This page has moved" not in old.read_bytes()
    rebuilt_as_clean(small, tmp_path / "renamed", Edit("slug", lambda site: front_matter_line(
        site, "an-editor-wrote-this", "slug", "renamed-by-hand")))
    assert b"This page has moved" in old.read_bytes()
    gone = Edit("remove", lambda site: article(site, "an-editor-wrote-this").unlink())
    rebuilt_as_clean(small, tmp_path / "removed", gone)
    assert not old.exists()
