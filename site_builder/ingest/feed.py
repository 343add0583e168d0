"""RSS and Atom feeds saved as text: one article per item, with the item's own title, date and text.

A feed is read as text, not parsed as XML: stored pages are often excerpts cut off inside an item, and the last,
unfinished item still has its title and the start of its text. Each item gives a title block, its date line
(`pubDate`, `published`, `updated`, `dc:date`) and the paragraphs of its description or content, the HTML in them
unescaped and stripped. The channel's own title and build date belong to no item.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Sequence

from site_builder.ingest.reflow import Block
from site_builder.ingest.split import Part

FEED_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?<(?:rss|feed|rdf:RDF)\b")
ITEM = re.compile(r"<(item|entry)\b[^>]*>(.*?)(?=</(?:item|entry)>|<(?:item|entry)\b|\Z)", re.DOTALL)
TITLE = re.compile(r"<title\b[^>]*>(.*?)(?:</title>|\Z)", re.DOTALL)
DATE = re.compile(r"<(pubDate|published|updated|dc:date)\b[^>]*>(.*?)</\1>", re.DOTALL)
TEXT = re.compile(r"<(content:encoded|description|summary|content)\b[^>]*>(.*?)(?:</\1>|(?=<[a-z]+[:>\s])|\Z)",
                  re.DOTALL)
CDATA = re.compile(r"<!\[CDATA\[(.*?)(?:\]\]>|\Z)", re.DOTALL)
BREAK = re.compile(r"</p\s*>|<br\s*/?>|</div\s*>|</h\d\s*>|</li\s*>", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>|<[^>]*\Z")


def is_feed(text: str) -> bool:
    return FEED_START.match(text[:500]) is not None


def feed_parts(lines: Sequence[tuple[int, str]]) -> list[Part] | None:
    """The feed's items as listing parts, or None when the text is no feed or holds no item."""
    text = "\n".join(line for _, line in lines)
    if not is_feed(text):
        return None
    starts, offset = [], 0
    for _, line in lines:
        starts.append(offset)
        offset += len(line) + 1
    numbers = [number for number, _ in lines]

    def block(at: int, value: str) -> Block:
        number = numbers[max(0, bisect_right(starts, at) - 1)]
        return Block(number, number, value)

    parts: list[Part] = []
    for item in ITEM.finditer(text):
        body_at, body = item.start(2), item.group(2)
        title = TITLE.search(body)
        if title is None or not (heading := _plain(title.group(1))):
            continue
        rest: list[Block] = []
        if date := DATE.search(body):
            rest.append(block(body_at + date.start(), _plain(date.group(2))))
        content = TEXT.search(body)
        if content:
            at = body_at + content.start(2)
            rest.extend(block(at, paragraph) for paragraph in _paragraphs(content.group(2)))
        parts.append(Part(block(body_at + title.start(), heading), tuple(rest), "listing"))
    return parts or None


def _paragraphs(markup: str) -> list[str]:
    """The text of an item's description: escaped HTML (or CDATA) unescaped, one paragraph per HTML paragraph."""
    inner = CDATA.sub(lambda m: m.group(1), markup)
    inner = html.unescape(inner)  # &lt;p&gt; -> <p>
    return [p for p in (_plain(chunk) for chunk in BREAK.split(inner)) if p]


def _plain(markup: str) -> str:
    inner = CDATA.sub(lambda m: m.group(1), markup)
    return " ".join(html.unescape(TAG.sub(" ", html.unescape(inner))).split())
