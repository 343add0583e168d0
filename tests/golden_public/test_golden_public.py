"""The content -> public golden: representative pages of the sample site, byte for byte."""

from __future__ import annotations

from pathlib import Path

from golden import EXPECTED, PAGES, build_sample, differences

REGENERATE = "scripts/regenerate_public_golden.py"


def test_built_pages_match_the_golden(tmp_path: Path) -> None:
    built = build_sample(tmp_path / "public")
    diff = differences(built)
    assert diff == "", f"built pages differ from {EXPECTED}; if intended, run {REGENERATE}\n{diff}"


def test_every_golden_page_is_checked_in() -> None:
    assert sorted(p.relative_to(EXPECTED).as_posix() for p in EXPECTED.rglob("*") if p.is_file()) == sorted(PAGES)


def test_the_build_is_deterministic(tmp_path: Path) -> None:
    first, second = build_sample(tmp_path / "a"), build_sample(tmp_path / "b")
    for page in PAGES:
        assert (first / page).read_bytes() == (second / page).read_bytes(), page
