"""The source folder's inventory: sources and sidecars from one walk, as each used to be listed alone."""

from __future__ import annotations

from pathlib import Path

from site_builder.ingest.inventory import list_files, list_sources
from site_builder.ingest.sidecar import read_sidecars


def test_one_walk_lists_the_sources_and_the_sidecars(tmp_path: Path) -> None:
    sources = tmp_path / "content" / "sources"
    (sources / "2020").mkdir(parents=True)
    (sources / ".hidden").mkdir()
    for name in ("a.txt", "2020/b.HTML", "2020/b.html.meta.yaml", "c.pdf", "notes.yaml", ".hidden/d.txt",
                 "a.meta.yaml"):
        (sources / name).write_text("x", encoding="utf-8")
    (sources / "folder.txt").mkdir()  # a folder named like a source is no source
    found, sidecars = list_files(sources)
    assert [f.relative_to(sources).as_posix() for f in found] == ["2020/b.HTML", "a.txt", "c.pdf"]
    assert found == list_sources(sources)
    assert [f.relative_to(sources).as_posix() for f in sidecars] == ["2020/b.html.meta.yaml", "a.meta.yaml"]
    names = [f"content/sources/{f.relative_to(sources).as_posix()}" for f in found]
    assert read_sidecars(sources, tmp_path, names, sidecars) == read_sidecars(sources, tmp_path, names)
    assert list_files(tmp_path / "nowhere") == ([], [])
