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

from site_builder.ingest import date_finder, titles
from site_builder.ingest.reflow import Block, is_heading_line


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


def split_blocks(blocks: Sequence[Block]) -> list[Part]:
    headings = [i for i, block in enumerate(blocks) if block.kind == "paragraph" and is_heading_line(block.text)]
    if len(headings) >= 2:
        return _cut(blocks, headings, "digest")
    titles_at = dispatch_titles(blocks)
    if len(titles_at) >= 2:
        return _cut(blocks, titles_at, "dispatches")
    if not blocks:
        return []
    return [Part(None, tuple(blocks), "single")]


def _cut(blocks: Sequence[Block], starts: list[int], kind: str) -> list[Part]:
    """One part per start; blocks before the first start are the page's own header, not an article."""
    ends = [*starts[1:], len(blocks)]
    return [Part(blocks[s], tuple(blocks[s + 1:e]), kind) for s, e in zip(starts, ends, strict=True)]


def dispatch_titles(blocks: Sequence[Block]) -> list[int]:
    """Indexes of titles followed (after an optional repeat of themselves) by a dateline paragraph."""
    found: list[int] = []
    for index, block in enumerate(blocks[:-1]):
        if not titles.looks_like_title(block.text) or date_finder.dateline(block.text):
            continue
        if found and found[-1] == index - 1 and titles.same_text(blocks[index - 1].text, block.text):
            continue  # the title printed a second time
        following = blocks[index + 1]
        if titles.same_text(following.text, block.text) and index + 2 < len(blocks):
            following = blocks[index + 2]
        if date_finder.dateline(following.text) and len(following.text) > 60:
            found.append(index)
    return found
