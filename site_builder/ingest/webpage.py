"""Saved web pages: the main text through trafilatura, each block numbered with the HTML line it came from, and
what the page says of itself (title, date, author, site name, canonical URL, language) as SourceHints.

trafilatura finds the article body (dropping menus, cookie banners, tickers, share bars, related-story rails and
comments) and, through htmldate, the publication date. The elements it returns are those of our own lxml tree,
so each keeps its `sourceline`. Where the date came from is found here, in the page's markup (page_dates.py).
Nothing here guesses a title or a date from running text: that is for the text rules, which weigh these hints.
"""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from lxml import etree, html

from site_builder.ingest.page_dates import date_origin, page_language
from site_builder.ingest.read import SourceError, SourceHints

LINES = tuple[tuple[int, str], ...]
# A page must say it is HTML somewhere near its start: a doctype or one of the elements every page has.
PAGE_START = re.compile(rb"<\s*(!doctype\s+html|html|head|body|meta|title|div|p|article|main|h1)\b", re.I)
NOT_PAGES = frozenset({"rss", "feed", "svg", "urlset", "sitemapindex", "kml"})
SPACE = re.compile(r"\s+")
NON_WORD = re.compile(r"\W+")
WEB_URL = re.compile(r"(?i)^https?://[^\s\"'<>]+$")
UNREAD = frozenset({"script", "style", "noscript", "template"})  # never text a reader sees
TEXT_NODES = etree.XPath("//body//text()")
FAST = True  # trafilatura without its fallback extractors: measured (benchmarks/extraction), not assumed


@dataclass(frozen=True)
class PageText:
    lines: LINES
    hints: SourceHints


def read_page(text: str, path: str) -> PageText:
    """The page's main text as numbered lines (blank lines between blocks) and its hints; a SourceError naming
    the file for markup that is no web page or a page with no text."""
    tree = _parse(text, path)
    meta = _metadata(tree)
    hints = _hints(tree, meta)
    body = _extract(tree)
    body_lines = _located(tree, tuple(_body_lines(body))) if body is not None and not _baseline(body) else ()
    if not any(t for _, t in body_lines):
        body_lines = tuple(_light_lines(text))  # very short pages trafilatura will not take: read every block
    if not any(t for _, t in body_lines):
        raise SourceError(path, "the page has no readable text (only markup, scripts or navigation)",
                          "is it a saved page of an article? Save the page again with its text, or remove it")
    return PageText(_with_title(tree, hints.title, body_lines), hints)


def _metadata(tree: html.HtmlElement) -> Any:
    """trafilatura's metadata steps that read what the page states (<meta>, JSON-LD, <title>/<h1>, canonical
    link) and htmldate's publication date; not its slower guesses (authors and site names searched for in the
    page's text, categories, tags, licence), which the archive does not use."""
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url

    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # a login name ("admin"), not a byline
    with contextlib.suppress(Exception):  # trafilatura's JSON-LD reader on malformed data: <meta> still counts
        meta = extract_meta_json(tree, meta)
    meta.title = meta.title or extract_title(tree)
    meta.url = meta.url or extract_url(tree)
    # One extensive search: asking for the markup first and searching the text only when it gives nothing is
    # faster but not the same (htmldate weighs some markup dates against the text): measured, 2 more wrong days.
    meta.date = find_date(tree, extensive_search=True, original_date=True, url=meta.url)
    return meta


def _hints(tree: html.HtmlElement, meta: Any) -> SourceHints:
    origin, basis = date_origin(tree, meta.date, meta.url)
    return SourceHints(
        title=_clean(meta.title) if meta.title else None, date=meta.date, date_origin=origin, date_basis=basis,
        author=_clean(meta.author) if meta.author else None, outlet=_site_name(meta.sitename),
        url=meta.url if meta.url and WEB_URL.match(meta.url) else None, language=page_language(tree),
    )


def _parse(text: str, path: str) -> html.HtmlElement:
    head = text[:4096].encode("utf-8", "replace")
    if not PAGE_START.search(head):
        raise SourceError(path, "is not an HTML page: no <html>, <head>, <body> or other page element near its "
                          "start", "rename it to .txt if it is plain text, or save the page again as HTML", 1)
    # lxml refuses a str that declares its encoding; blank the declaration, keeping its newlines (line numbers).
    text = re.sub(r"^\s*<\?xml[^>]*\?>", lambda m: "\n" * m.group(0).count("\n"), text)
    try:
        tree = html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise SourceError(path, f"is not an HTML page lxml can read: {error}",
                          "save the page again from the browser as HTML") from error
    root = tree.getroottree().getroot()
    tag = root.tag if isinstance(root.tag, str) else ""
    if tag.lower().rpartition("}")[2] in NOT_PAGES or tree.find(".//rss") is not None:
        raise SourceError(path, f"is not a web page but <{tag}> markup (a feed, sitemap or drawing?)",
                          "keep only saved article pages in content/sources", root.sourceline)
    return tree


def _extract(tree: html.HtmlElement) -> etree._Element | None:
    from trafilatura import bare_extraction  # imported here: loading trafilatura costs a fraction of a second

    document = bare_extraction(tree, with_metadata=False, include_comments=False, include_tables=True,
                               deduplicate=False, fast=FAST)
    return getattr(document, "body", None)


def _baseline(body: etree._Element) -> bool:
    """On a page too short for its rules trafilatura falls back to one new paragraph of the page's whole text:
    the light reader does better there, and knows its lines."""
    return len(body) == 1 and body[0].sourceline is None


def _located(tree: html.HtmlElement, lines: LINES) -> LINES:
    """Lines from elements trafilatura built itself (number 0) numbered with the first HTML line, after the
    previous line's, whose text starts them; the others keep their element's line."""
    if all(number for number, _ in lines):
        return lines
    pieces = list(_text_pieces(tree))
    starts = list(accumulate((len(text) + 1 for _, text in pieces), initial=0))
    joined = "\n".join(text for _, text in pieces)
    located: list[tuple[int, str]] = []
    position, previous = 0, 1
    for number, text in lines:
        if not number:
            probe = _key(text.removeprefix("- "))[:20]
            found = joined.find(probe, position) if probe else -1
            if found >= 0:
                position = found + 1  # the next line starts after this one, even with the same words
                number = max(pieces[bisect_right(starts, found) - 1][0], previous)
        number = number or previous
        located.append((number, text))
        previous = number
    return tuple(located)


def _text_pieces(tree: html.HtmlElement) -> Iterator[tuple[int, str]]:
    """The page's text nodes in document order, each with the HTML line its first word is on: the line of the
    element it starts in (a tail: of the element it follows, which is where that element starts, so never past
    the text) and the newlines before its first word. Only the body, and not the text of scripts or styles."""
    for text in TEXT_NODES(tree):
        stripped = text.lstrip()
        if not stripped:
            continue
        element = text.getparent()
        if text.is_tail:
            parent = element.getparent()
            if parent is None or parent.tag in UNREAD:
                continue
            line = element.sourceline or parent.sourceline or 1
        elif element.tag in UNREAD:
            continue
        else:
            line = element.sourceline or 1
        yield line + text.count("\n", 0, len(text) - len(stripped)), _key(stripped)


def _body_lines(body: etree._Element) -> Iterator[tuple[int, str]]:
    """One line per block of trafilatura's body: paragraphs, headings, list items, quotes, table rows; a <lb>
    inside a paragraph starts a new line (an address, a verse). Each line keeps its element's source line."""
    for element in body:
        yield from _block(element)


def _block(element: etree._Element) -> Iterator[tuple[int, str]]:
    tag = element.tag if isinstance(element.tag, str) else ""
    line = element.sourceline or 0
    if tag in ("list", "table"):
        for child in element:
            yield from _block(child)
    elif tag == "row":
        cells = [_clean(cell.xpath("string()")) for cell in element]
        if any(cells):
            yield from ((line, "   ".join(c for c in cells if c)), (line, ""))
    elif tag == "item":
        yield from _item(element, line)
    else:
        yield from _split_breaks(element, line)
        yield line, ""


def _item(element: etree._Element, line: int) -> Iterator[tuple[int, str]]:
    nested = [child for child in element if child.tag == "list"]
    if not nested:
        yield from ((number, f"- {text}") for number, text in _split_breaks(element, line))
        yield line, ""
        return
    text = _clean(element.text or "")
    if text:
        yield from ((line, f"- {text}"), (line, ""))
    for child in nested:
        yield from _block(child)


def _split_breaks(element: etree._Element, line: int) -> Iterator[tuple[int, str]]:
    parts: list[str] = [element.text or ""]
    start = line
    for child in element:
        if child.tag == "lb":
            text = _clean("".join(parts))
            if text:
                yield start, text
            parts, start = [], child.sourceline or start
        else:
            parts.append(child.xpath("string()"))
        parts.append(child.tail or "")
    text = _clean("".join(parts))
    if text:
        yield start, text


def _with_title(tree: html.HtmlElement, title: str | None, lines: LINES) -> LINES:
    """The page's heading as the first line, numbered where it stands in the HTML, unless the body starts
    with it already: a reader sees it above the text, and the text rules read a title from the header zone."""
    if not title:
        return lines
    first = next((t for _, t in lines if t), "")
    if _key(first) == _key(title):
        return lines
    number = _heading_line(tree, title) or (lines[0][0] if lines else 1)
    return ((number, title), (number, ""), *lines)


def _heading_line(tree: html.HtmlElement, title: str) -> int | None:
    wanted = _key(title)
    fallback = None
    for element in tree.iter("h1", "h2", "title"):
        text = _key(element.text_content())
        if text and (text == wanted or (len(text) > 10 and text in wanted)):
            if element.tag != "title":
                return int(element.sourceline or 1)
            fallback = fallback or element.sourceline
    return fallback


def _light_lines(text: str) -> Iterator[tuple[int, str]]:
    from site_builder.ingest.html import html_lines

    yield from html_lines(text)


def _site_name(name: str | None) -> str | None:
    """The site name the page states (og:site_name, publisher); not a bare host name trafilatura derives."""
    if not name:
        return None
    name = _clean(name)
    return None if not name or re.fullmatch(r"(www\.)?[\w-]+(\.[\w-]+)+", name) else name


def _clean(text: str) -> str:
    return SPACE.sub(" ", text.replace("\u00ad", "")).strip()


def _key(text: str) -> str:
    return NON_WORD.sub(" ", text.casefold()).strip()
