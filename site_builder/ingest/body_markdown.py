"""Blocks -> Markdown body and summary. Source text is text: nothing in it may turn into Markdown or HTML
by accident (a line starting '1.' that is no list, a leading '#', stray '*' or '_', raw '<tags>')."""

from __future__ import annotations

import re
from collections.abc import Sequence

from site_builder.ingest import date_finder
from site_builder.ingest.reflow import LIST_ITEM, Block

INLINE = re.compile(r"([\\`*_])")
LEADING = re.compile(r"^(#{1,6}|>|[+=-]+(?=\s|$)|\d{1,9}(?=[.)]\s)|\|)")
ENTITY = re.compile(r"&(?=#?\w+;)")
ABBREVIATION = re.compile(r"(\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sgt|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|"
                          r"Oct|Nov|Dec|No|Nos|vs|etc|e\.g|i\.e|U\.S|U\.N|Inc|Ltd|Co|Jr|Sr|approx))\.$")
SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z\"“‘(])")


def escape_text(text: str) -> str:
    text = INLINE.sub(r"\\\1", text)
    text = ENTITY.sub("&amp;", text).replace("<", "&lt;")
    if "](" in text or "][" in text or "]:" in text:
        text = text.replace("[", "\\[")
    match = LEADING.match(text)
    if match:
        marker = match.group(0)
        text = marker + "\\" + text[len(marker):] if marker[0].isdigit() else "\\" + text
    return text


def body_markdown(blocks: Sequence[Block]) -> str:
    """Paragraphs separated by blank lines; a run of two or more list items stays one list."""
    out: list[str] = []
    for index, block in enumerate(blocks):
        if block.kind == "table":
            out.append("\n".join(_table_row(row) for row in block.text.split("\n")))
        elif _in_list(blocks, index):
            item = LIST_ITEM.match(block.text)
            marker = item.group(1) if item else "-"
            rest = block.text[len(marker):].strip()
            line = f"{'-' if not marker[0].isdigit() else marker} {escape_text(rest)}"
            joined = out and _in_list(blocks, index - 1) and index > 0
            out.append(out.pop() + "\n" + line if joined else line)
        else:
            out.append(escape_text(block.text))
    return "\n\n".join(out)


def _table_row(row: str) -> str:
    cells = row[2:] if row.startswith("- ") else row
    return "- " + " | ".join(escape_text(cell.strip()) for cell in cells.split(" | "))


def _in_list(blocks: Sequence[Block], index: int) -> bool:
    def item(i: int) -> bool:
        return 0 <= i < len(blocks) and blocks[i].kind == "paragraph" and bool(LIST_ITEM.match(blocks[i].text))
    return item(index) and (item(index - 1) or item(index + 1))


def summary(blocks: Sequence[Block], limit: int = 320) -> str | None:
    """The first one or two sentences of the body, without the dateline they may start with."""
    for block in blocks:
        if block.kind != "paragraph" or len(block.text) < 40:
            continue
        text = strip_dateline(block.text)
        sentences = split_sentences(text)
        chosen = sentences[0]
        if len(chosen) < 120 and len(sentences) > 1 and len(chosen) + len(sentences[1]) < limit:
            chosen = f"{chosen} {sentences[1]}"
        return chosen if len(chosen) <= limit else chosen[: limit - 1].rsplit(" ", 1)[0] + "…"
    return None


def strip_dateline(text: str) -> str:
    mention = date_finder.dateline(text)
    if not mention:
        return text
    rest = re.sub(r"^\s*(\([^)]{1,40}\))?\s*[-–—:|.]?\s*", "", text[mention.end:])
    return rest if len(rest) > 20 else text


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        candidate = text[start:match.start() + 1]
        if ABBREVIATION.search(candidate):
            continue
        sentences.append(text[start:match.end()].strip())
        start = match.end()
    sentences.append(text[start:].strip())
    return [s for s in sentences if s]
