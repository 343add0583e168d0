"""View objects for source pages: the original text, each article's lines marked."""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.model import Article
from site_builder.render.views import Link
from site_builder.urls import Urls


@dataclass(frozen=True)
class SourceLine:
    number: int
    text: str


@dataclass(frozen=True)
class SourceSection:
    anchor: str | None  # "part-N" for an article's lines, None for text no article took
    article: Link | None
    lines: tuple[SourceLine, ...]
    label: str | None = None  # "Part 1 of 6, lines 3–62"


@dataclass(frozen=True)
class SourceView:
    name: str
    path: str
    sha256: str
    sections: tuple[SourceSection, ...]
    articles: tuple[Link, ...]


def source_view(path: str, text: str, articles: list[Article], urls: Urls) -> SourceView:
    lines = text.splitlines()
    parts = sorted((a for a in articles if a.source), key=lambda a: a.source.lines if a.source else (0, 0))
    sections: list[SourceSection] = []
    cursor = 1
    for article in parts:
        assert article.source is not None
        first, last = article.source.lines
        first, last = max(first, cursor), min(last, len(lines))
        if first > last:
            continue  # lines already shown for an overlapping part: ids must stay unique, so no second mark
        if first > cursor:
            sections.append(SourceSection(None, None, _lines(lines, cursor, first - 1)))
        link = Link(article.title, urls.article(article))
        label = f"Part {article.source.part} of {article.source.parts}, lines {first}–{last}"
        sections.append(SourceSection(f"part-{article.source.part}", link, _lines(lines, first, last), label))
        cursor = max(cursor, last + 1)
    if cursor <= len(lines):
        sections.append(SourceSection(None, None, _lines(lines, cursor, len(lines))))
    sha = parts[0].source.sha256 if parts and parts[0].source else ""
    return SourceView(path.rsplit("/", 1)[-1], path, sha, tuple(sections),
                      tuple(Link(a.title, urls.article(a)) for a in parts))


def _lines(lines: list[str], first: int, last: int) -> tuple[SourceLine, ...]:
    return tuple(SourceLine(n, lines[n - 1]) for n in range(first, last + 1))
