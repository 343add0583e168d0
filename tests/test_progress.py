"""Progress: plain lines off a terminal or in CI, rich's live display on a terminal, told by the pipeline."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from site_builder import pipeline
from site_builder.config import load_config
from site_builder.documents import render_article
from site_builder.model import Article
from site_builder.progress import LiveDisplay, PlainLines, reporter_for

ArticleFactory = Callable[..., Article]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Recorder:
    def __init__(self) -> None:
        self.told: list[tuple[object, ...]] = []

    def step(self, name: str) -> None:
        self.told.append(("step", name))

    def advance(self, done: int, total: int, detail: str) -> None:
        self.told.append(("advance", done, total, detail))

    def close(self) -> None:
        self.told.append(("close",))


def test_plain_lines_say_each_step_and_each_tenth_once() -> None:
    stream = io.StringIO()
    lines = PlainLines(stream)
    lines.step("render")
    for done in range(1, 21):
        lines.advance(done, 20, f"{done * 5} pages")
    lines.step("links")
    assert stream.getvalue().splitlines() == [
        "render...", *(f"render: {done}/20 ({done * 5} pages)" for done in range(2, 21, 2)), "links..."]


def test_a_terminal_gets_the_live_display_and_anything_else_plain_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert isinstance(reporter_for(io.StringIO()), PlainLines)
    live = reporter_for(Terminal())
    assert isinstance(live, LiveDisplay)
    live.close()
    monkeypatch.setenv("CI", "true")
    assert isinstance(reporter_for(Terminal()), PlainLines)


def test_the_live_display_shows_the_step_and_leaves_nothing_behind() -> None:
    screen = Terminal()
    live = LiveDisplay(Console(file=screen, force_terminal=True, width=100))
    live.step("render")
    live.advance(3, 6, "120 pages")
    live.close()
    assert "render (120 pages)" in screen.getvalue()
    assert screen.getvalue().rstrip().endswith("\x1b[2K")  # transient: the display erased when the build ends


def test_the_build_tells_each_step_and_every_chunk_rendered(tmp_path: Path, make_article: ArticleFactory) -> None:
    site = tmp_path / "site"
    (site / "content" / "sources").mkdir(parents=True)
    for year in (2015, 2016):
        article = make_article(slug=f"a-{year}", title=f"A {year}", date=str(year), source=None,
                               path=f"content/articles/{year}/a-{year}.md")
        (site / article.path).parent.mkdir(parents=True, exist_ok=True)
        (site / article.path).write_text(render_article(article), encoding="utf-8")
    recorder = Recorder()
    result = pipeline.build(load_config(site), search=False, progress=recorder)
    steps = [entry[1] for entry in recorder.told if entry[0] == "step"]
    assert steps == ["ingest", "load", "render", "search", "links"] == list(result.timings.steps)
    advances = [entry for entry in recorder.told if entry[0] == "advance"]
    assert advances, "no chunk rendered was told"
    assert [entry[1] for entry in advances] == list(range(1, len(advances) + 1))
    assert {entry[2] for entry in advances} == {len(advances)}
    assert advances[-1][3] == f"{sum(1 for _ in (site / 'public').rglob('*.html'))} pages"  # 404.html too
    assert ("close",) not in recorder.told  # closing is the caller's, which made it
