"""Clean a decoded source: normalise spaces, drop site furniture, re-flow paragraphs, keep tables readable.

Works on (line number, text) pairs throughout, so every paragraph knows the source lines it came from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from site_builder.ingest import date_finder, furniture
from site_builder.ingest.reflow import Block, Line, reflow

# Spaces that are not the ASCII space, and characters that are invisible: all become one plain space or nothing.
SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
CELL = re.compile(r"^[+\-−–]?\s*[$€£₸₽¥]?\s*\d[\d.,\s]*\s*(%|percent|per cent|million|billion|thousand|mln|bn|"
                  r"tons?|tonnes?|km|kg|units?|people|persons)?\s*$", re.IGNORECASE)
MIN_CELLS = 4
# Enough text to be an article, before which an end-of-article marker is only a menu link.
SUBSTANTIAL = 100
SENTENCE, SENTENCE_END = 40, (".", "!", "?", "”", '"', "»", "…", ":")


@dataclass(frozen=True)
class Cleaned:
    blocks: tuple[Block, ...]
    stamps: tuple[tuple[int, str], ...]  # (line, text) of removed publication stamps: a fallback date
    tail: tuple[Block, ...] = ()  # what follows the end of the article: related items, other news


def normalise(number: int, raw: str) -> Line:
    # Both patterns' characters are all either outside ASCII or whitespace that split() drops anyway.
    text = raw if raw.isascii() else INVISIBLE.sub("", SPACES.sub(" ", raw))
    stripped = " ".join(text.split())
    return Line(number, stripped, spacer=bool(raw) and not stripped)


def clean_source(pairs: Sequence[tuple[int, str]], repeated: frozenset[str] = frozenset()) -> Cleaned:
    lines = [normalise(number, raw) for number, raw in pairs]
    first = next((index for index, line in enumerate(lines) if line.text), None)
    if first is not None and furniture.is_today_header(lines[first].text):
        lines[first] = Line(lines[first].number, "")  # the site's date of the day, above everything
    kept, stamps = strip_furniture(lines, repeated)
    blocks = join_tables(reflow(kept))
    # After an end marker ("Other news", "Read also"): the page's other items, which a listing may hold.
    rest = lines[len(kept) + 1:]
    tail = join_tables(reflow(strip_furniture(rest, repeated)[0])) if rest else []
    return Cleaned(tuple(blocks), tuple(stamps), tuple(tail))


def strip_furniture(lines: Sequence[Line], repeated: frozenset[str]) -> tuple[list[Line], list[tuple[int, str]]]:
    """Blank out furniture lines (blank, not delete: they still separate paragraphs) and cut at the end markers."""
    kept: list[Line] = []
    stamps: list[tuple[int, str]] = []
    seen = 0
    for line in lines:
        text = line.text
        if text and furniture.ends_article(text) and seen >= SUBSTANTIAL:
            break
        stamp = furniture.stamp_text(text) if text else None
        if stamp:
            stamps.append((line.number, stamp))
        if text and not stamp and (rest := _dated_rest(text)):
            line = Line(line.number, rest)  # widgets glued before a dateline: the dateline stays
            text = rest
        if text and (stamp or _is_noise(text, repeated)):
            if furniture.ARCHIVE_HEADER.match(text):
                _drop_category_name(kept)
            kept.append(Line(line.number, ""))
            continue
        if len(text) >= SENTENCE and text.endswith(SENTENCE_END):
            seen += len(text)  # only running text: a long headline above a "Read also" widget is not an article
        kept.append(line)
    return kept, stamps


def _dated_rest(text: str) -> str | None:
    """The rest of a furniture line led by widgets, when it holds a full date (a dateline glued on after them)."""
    rest = furniture.after_widgets(text)
    if rest is None or not _is_noise(text, frozenset()) or _is_noise(rest, frozenset()):
        return None
    return rest if any(found.full for found in date_finder.find_dates(rest)) else None


def _is_noise(text: str, repeated: frozenset[str]) -> bool:
    return furniture.is_furniture(text) or furniture.is_artefact(text) or furniture.line_key(text) in repeated


def _drop_category_name(kept: list[Line]) -> None:
    """'Kazakhstan' printed just above 'Category Archives' names the category, not the article."""
    for index in range(len(kept) - 1, -1, -1):
        text = kept[index].text
        if text:
            if len(text.split()) <= 3 and not text.endswith(tuple(".!?")):
                kept[index] = Line(kept[index].number, "")
            return


def is_cell(text: str) -> bool:
    return bool(CELL.match(text)) and len(text) <= 40


def join_tables(blocks: Sequence[Block]) -> list[Block]:
    """A run of short numeric blocks is a table that lost its layout: keep it as one readable block."""
    result: list[Block] = []
    index = 0
    while index < len(blocks):
        end = index
        while end < len(blocks) and is_cell(blocks[end].text):
            end += 1
        if end - index >= MIN_CELLS:
            result.append(table_block(blocks[index:end]))
            index = end
        else:
            result.append(blocks[index])
            index += 1
    return result


def table_block(cells: Sequence[Block]) -> Block:
    """Rows are the groups of cells the source separated by wider gaps; one list item per row."""
    rows: list[list[str]] = [[]]
    row_gap = max(cell.gap_before for cell in cells[1:])
    for position, cell in enumerate(cells):
        if position and cell.gap_before >= row_gap and row_gap > min(c.gap_before for c in cells[1:]):
            rows.append([])
        rows[-1].append(cell.text)
    if len(rows) == 1:
        rows = [[cell] for cell in rows[0]]
    text = "\n".join("- " + " | ".join(row) for row in rows)
    return Block(cells[0].first, cells[-1].last, text, kind="table", gap_before=cells[0].gap_before)
