"""The same content gives the same site, wherever the site folder is and however often it is built: every file
of ours byte for byte (shards.json and its fingerprints included), Pagefind's bundles decoded, since Pagefind
writes its filter files in a random order (docs/pagefind-determinism.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

from rebuild_edits import make_site
from rebuild_harness import assert_same_site, built, copy_inputs, site_snapshot

from site_builder.config import load_config


def _clean_build(site: Path) -> Path:
    """The site built from nothing: its output, caches and lock removed first."""
    output = load_config(site).paths.output
    for leftover in output.parent.glob(f".{output.name}.*"):
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    shutil.rmtree(output, ignore_errors=True)
    built(site)
    return output


def test_the_same_content_in_two_folders_and_built_twice_gives_the_same_site(tmp_path: Path) -> None:
    site = make_site(tmp_path / "a" / "site")
    twin = copy_inputs(site, tmp_path / "elsewhere" / "much deeper" / "twin")
    first = _clean_build(site)
    kept = tmp_path / "first"
    shutil.copytree(first, kept, symlinks=True)
    assert (kept / "pagefind" / "shards.json").is_file()
    assert_same_site(_clean_build(twin), kept)  # another folder
    assert_same_site(_clean_build(site), kept)  # the same folder, again from nothing
    built(site)  # and rebuilt with nothing changed
    assert_same_site(first, kept)
    ours = [name for name in site_snapshot(kept) if not name.endswith("(decoded)")]
    assert "pagefind/shards.json" in ours and len(ours) > 50  # compared byte for byte, not decoded


def test_the_comparison_sees_a_changed_fingerprint(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    output = _clean_build(site)
    kept = tmp_path / "kept"
    shutil.copytree(output, kept, symlinks=True)
    shards = kept / "pagefind" / "shards.json"
    shards.write_text(shards.read_text(encoding="utf-8").replace('"fingerprint": "', '"fingerprint": "0'),
                      encoding="utf-8")
    try:
        assert_same_site(output, kept)
    except AssertionError as error:
        assert "pagefind/shards.json" in str(error)
    else:
        raise AssertionError("a changed shards.json went unnoticed")
