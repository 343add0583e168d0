"""Split a cleaned source into its articles, and separate each article's header from its body.

Two kinds of many-article sources are recognised by their shape, not by their outlet:
- digests, whose articles start with ALL-CAPS headings;
- category and archive pages, whose dispatches start with a title (often printed twice) followed by a
  paragraph that opens with a dateline ("Sept. 16, 2021 (EIRNS)—...").
Anything else is one article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from site_builder.ingest import dates, titles
from site_builder.ingest.reflow import Block, is_heading_line

HEADER_ZONE = 7  # blocks at most between a title and the body: kicker, byline, position, caption, dateline
BODY_START = 120  # a paragraph this long, ending a sentence, is body text


@dataclass(frozen=True)
class Part:
    """One article of a source, before extraction: its title block (if any) and its other blocks."""

    title: Block | None
    blocks: tuple[Block, ...]
    kind: str  # single | digest | dispatches

    @property
    def lines(self) -> tuple[int, int]:
        first = self.title or (self.blocks[0] if self.blocks else None)
        last = self.blocks[-1] if self.blocks else self.title
        return (first.first if first else 0, last.last if last else 0)


@dataclass(frozen=True)
class Header:
    title: str | None
    author: str | None
    dateline: dates.DateMention | None
    body: tuple[Block, ...]


def split_blocks(blocks: Sequence[Block]) -> list[Part]:
    headings = [i for i, block in enumerate(blocks) if block.kind == "paragraph" and is_heading_line(block.text)]
    if len(headings) >= 2:
        return _cut(blocks, headings, "digest")
    titles_at = dispatch_titles(blocks)
    if len(titles_at) >= 2:
        return _cut(blocks, titles_at, "dispatches")
    if not blocks:
        return []
    start = headings[0] if headings and headings[0] <= 2 else 0
    if titles.looks_like_title(blocks[start].text):
        return [Part(blocks[start], tuple(blocks[start + 1:]), "single")]
    return [Part(None, tuple(blocks[start:]), "single")]


def _cut(blocks: Sequence[Block], starts: list[int], kind: str) -> list[Part]:
    """One part per start; blocks before the first start are the page's own header, not an article."""
    ends = [*starts[1:], len(blocks)]
    return [Part(blocks[s], tuple(blocks[s + 1:e]), kind) for s, e in zip(starts, ends, strict=True)]


def dispatch_titles(blocks: Sequence[Block]) -> list[int]:
    """Indexes of titles followed (after an optional repeat of themselves) by a dateline paragraph."""
    found: list[int] = []
    for index, block in enumerate(blocks[:-1]):
        if not titles.looks_like_title(block.text) or dates.dateline(block.text):
            continue
        if found and found[-1] == index - 1 and titles.same_text(blocks[index - 1].text, block.text):
            continue  # the title printed a second time
        following = blocks[index + 1]
        if titles.same_text(following.text, block.text) and index + 2 < len(blocks):
            following = blocks[index + 2]
        if dates.dateline(following.text) and len(following.text) > 60:
            found.append(index)
    return found


def read_header(part: Part) -> Header:
    """Title, author and dateline from the head of an article; the body is what remains."""
    title = part.title.text if part.title else None
    author: str | None = None
    if title and (split := titles.author_from_title(title)) and _confirms_author(split, part.blocks):
        author, title = split
    zone = _zone_length(part.blocks)
    body: list[Block] = []
    dateline: dates.DateMention | None = None
    pending: list[Block] = []  # kicker or caption lines: dropped only if a dateline follows them
    for index, block in enumerate(part.blocks):
        text = block.text
        if index >= zone:
            body.append(block)
        elif title and titles.same_text(text, title):
            continue
        elif (name := titles.byline_name(text)) and (author is None or titles.same_text(name, author)):
            author = author or name
        elif author and titles.is_role_line(text):
            continue
        elif dateline is None and (found := _dateline_only(text)):
            dateline, pending = found, []
        else:
            pending.append(block)
    return Header(title, author, dateline, tuple(pending + body))


def _zone_length(blocks: Sequence[Block]) -> int:
    for index, block in enumerate(blocks[:HEADER_ZONE]):
        text = block.text
        if block.kind != "paragraph" or (len(text) >= BODY_START and text.endswith((".", "!", "?", "”", '"'))):
            return index
        if dates.dateline(text) and len(text) > 60:
            return index
    return min(len(blocks), HEADER_ZONE)


def _dateline_only(text: str) -> dates.DateMention | None:
    """A block that is nothing but a dateline: 'Astana, 15 March 2018. (' or 'Baku, 2 March 2017 –'."""
    mention = dates.dateline(text)
    if mention and len(text) - mention.end <= 6 and len(text) <= 60:
        return mention
    return None


def _confirms_author(split: tuple[str, str], blocks: Sequence[Block]) -> bool:
    """'Name. Title' is a byline only with evidence: the name again in a byline, or the title alone below."""
    name, rest = split
    head = [block.text for block in blocks[:HEADER_ZONE]]
    return any(titles.same_text(text, rest) or text.lower().startswith(name.lower()) for text in head)
