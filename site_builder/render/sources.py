"""View objects for source pages: the original as a reader would check it, each article's lines marked.

A text source shows its own lines. A web page shows the text its reader took (never its scripts or markup),
each line with the HTML line it came from; a PDF shows its extracted text with its pages, and links the PDF
itself at the article's first page (`#page=N`). Every source page links the raw file, copied into the site,
beside the sha256 of its bytes. A web page's raw copy is named NAME.html.txt so that a static host serves it as
text: a stranger's page never runs as a page of the archive.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from site_builder.ingest.display import extracted, parse
from site_builder.ingest.read import HTML_SUFFIXES, PDF_SUFFIXES
from site_builder.model import Article
from site_builder.render.views import Link, web_url
from site_builder.urls import Urls, safe_name


@dataclass(frozen=True)
class SourceLine:
    number: int
    text: str
    anchor: bool = True  # the first row of its number carries the L<number> id (a web page's line may hold two)


@dataclass(frozen=True)
class SourceSection:
    anchor: str | None  # "part-N" for an article's lines, None for text no article took
    article: Link | None
    lines: tuple[SourceLine, ...]
    label: str | None = None  # "Part 1 of 6, lines 3–62"
    original: str | None = None  # for a PDF: the original at the article's first page ("file.pdf#page=3")


@dataclass(frozen=True)
class SourceView:
    name: str
    path: str
    sha256: str
    sections: tuple[SourceSection, ...]
    articles: tuple[Link, ...]
    kind: str = "text"  # text | web page | PDF
    raw_url: str = ""  # the raw file, copied into the site
    raw_name: str = ""  # the name a download saves it under (the source's own name)
    outlet: str | None = None
    url: str | None = None  # where the source was collected from


def source_kind(path: str) -> str:
    lowered = path.lower()
    return "web page" if lowered.endswith(HTML_SUFFIXES) else "PDF" if lowered.endswith(PDF_SUFFIXES) else "text"


def raw_url(path: str, urls: Urls) -> str:
    """The raw file, in its page's folder under its own name when that is a plain URL segment."""
    name = safe_name(PurePosixPath(path).name)
    return urls.source(path) + (f"{name}.txt" if source_kind(path) == "web page" else name)


def source_view(path: str, text: str, articles: list[Article], urls: Urls) -> SourceView:
    kind = source_kind(path)
    if extracted(path):
        shown = parse(text)
        rows, pages = [r for r in shown.rows if r[1].strip()], shown.pages
    else:
        rows, pages = list(enumerate(text.splitlines(), start=1)), ()
    parts = sorted((a for a in articles if a.source), key=lambda a: a.source.lines if a.source else (0, 0))
    sections = _sections(rows, parts, urls, raw_url(path, urls) if kind == "PDF" else None, pages)
    first = parts[0].source if parts else None
    return SourceView(
        PurePosixPath(path).name, path, first.sha256 if first else "", tuple(sections),
        tuple(Link(a.title, urls.article(a)) for a in parts), kind, raw_url(path, urls), PurePosixPath(path).name,
        next((a.source.outlet for a in parts if a.source and a.source.outlet), None),
        web_url(next((a.source.url for a in parts if a.source and a.source.url), None)),
    )


def _sections(rows: list[tuple[int, str]], parts: list[Article], urls: Urls, pdf: str | None,
              pages: tuple[tuple[int, int], ...]) -> list[SourceSection]:
    sections: list[SourceSection] = []
    seen: set[int] = set()
    index = 0
    for article in parts:
        assert article.source is not None
        first, last = article.source.lines
        start = index
        while index < len(rows) and rows[index][0] < first:
            index += 1
        if index > start:
            sections.append(SourceSection(None, None, _lines(rows[start:index], seen)))
        start = index
        while index < len(rows) and rows[index][0] <= last:
            index += 1
        if index == start:
            continue  # lines already shown for an overlapping part: ids must stay unique, so no second mark
        shown_first, shown_last = rows[start][0], rows[index - 1][0]
        label = f"Part {article.source.part} of {article.source.parts}, lines {shown_first}–{shown_last}"
        original = None
        if pdf and article.source.pages:
            one, two = article.source.pages
            label += f", page {one}" if one == two else f", pages {one}–{two}"
            original = f"{pdf}#page={one}"
        link = Link(article.title, urls.article(article))
        sections.append(SourceSection(f"part-{article.source.part}", link, _lines(rows[start:index], seen), label,
                                      original))
    if index < len(rows):
        sections.append(SourceSection(None, None, _lines(rows[index:], seen)))
    return sections


def _lines(rows: list[tuple[int, str]], seen: set[int]) -> tuple[SourceLine, ...]:
    lines = []
    for number, text in rows:
        lines.append(SourceLine(number, text, number not in seen))
        seen.add(number)
    return tuple(lines)


def raw_files(site: Path, sources: Mapping[str, str], urls: Urls) -> dict[str, bytes]:
    """URL -> bytes of every source a source page shows, to be copied into the site for download."""
    files: dict[str, bytes] = {}
    for path in sorted(sources):
        try:
            files[raw_url(path, urls)] = (site / path).read_bytes()
        except OSError:  # gone since its text was read: its page links a missing file, which the link check names
            continue
    return files
