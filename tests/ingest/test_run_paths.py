"""The article-path safety check resolves folders once per run and must agree with Path.resolve."""

from __future__ import annotations

from pathlib import Path

from site_builder.config import load_config
from site_builder.ingest.run import Run, _resolve


def test_resolve_agrees_with_pathlib(tmp_path: Path) -> None:
    articles = tmp_path / "content" / "articles"
    (articles / "2020").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (articles / "2021").symlink_to(outside)  # a year folder that is a link out of the archive
    (articles / "2020" / "plain.md").write_text("x", encoding="utf-8")
    (articles / "2020" / "link.md").symlink_to(outside / "elsewhere.md")
    run = Run(load_config(tmp_path), {})
    for name in ("2020/plain.md", "2020/link.md", "2020/new.md", "2021/a.md", "2022/a.md", "2020/../..",
                 "2020/../../outside/x.md", "undated/.", "2021/a.md"):
        file = articles / name
        assert _resolve(run, file) == file.resolve(), name
