"""Rebuilds equal clean builds: for every kind of change an editor makes to a built archive, the rebuild's
whole output is what a clean build of the same content into a fresh folder writes (rebuild_harness.py
compares them, Pagefind's index decoded). The changes are a table (rebuild_edits.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rebuild_edits import EDITS, SEEDS, Edit, make_site
from rebuild_harness import assert_same_builds, built, copy_inputs, problems

from site_builder.cli import main


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
