"""Listings and feeds: a page whose items each have their own title (and date, or a teaser) becomes one article
per item, whatever the heading style.

An item starts at a title-shaped line whose body follows within a few lines (after optional date lines, bylines,
kickers or a repeat of the title). The page is a listing when at least two items carry their own date line, or
when at least three items are teasers (one or two paragraphs each: a tag page, a feed, a "Latest" block). A date
line just above an item's title belongs to that item (sites that print the date first). A single article with
subheadings has sections of several paragraphs and no date per section: it stays one article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from site_builder.ingest import date_finder, date_words, labels, titles
from site_builder.ingest.header import BRACKETED, BYLINE, CAPTION, is_body_text
from site_builder.ingest.reflow import Block
from site_builder.ingest.split import Part

LOOKAHEAD = 4  # lines at most between an item's title and its body
TEASER_BLOCKS = 2  # a teaser item has at most this many paragraphs
MIN_DATED, MIN_TEASERS = 2, 3
CUT_OFF_WORDS = 8
MIN_SUMMARIES, SUMMARY_WORDS = 5, 60
# Openings of a paragraph that continue the one before: pronouns, connectives, the parties, quotes, attributions.
GOES_ON = re.compile(r"^(?:[“\"«‘'(•▪●*–—-]|(?:while|nonetheless|but|and|so|yet|still|"
                     r"he|she|it|they|we|this|these|those|that|his|her|its|their|there|then|also|"
                     r"earlier|later|in addition|additionally|however|meanwhile|moreover|furthermore|besides|"
                     r"at the same time|as a result|therefore|thus|according|in turn|the sides|the parties|both|"
                     r"during|in particular|in this regard|speaking|among|particular attention|at the end|"
                     r"the (?:president|minister|heads?|leaders?|two|"
                     r"ministry|ambassador|prime minister|foreign minister|delegation|meeting|talks|event|"
                     r"document|agreement|statement|report|official|spokes\w+)\b(?! of\b)))", re.IGNORECASE)
IMAGE_OF = re.compile(r"^(?:image|photo|picture|video) of\b", re.IGNORECASE)
QUOTED_SENTENCE = (".”", '."', ".’", "!”", '!"')


def split_listing(blocks: Sequence[Block], month_first: bool = False) -> list[Part] | None:
    """The items of a listing, or None when the blocks read as one article."""
    starts = _item_titles(blocks, month_first)
    if len(starts) < MIN_DATED:
        return _cut_teasers(blocks, month_first)
    ends = [*starts[1:], len(blocks)]
    items = [(s, _item_end(blocks, s, e, month_first)) for s, e in zip(starts, ends, strict=True)]
    dated = sum(_dated(blocks, s, e, month_first) for s, e in items)
    sizes = sorted(sum(is_body_text(b, month_first) for b in blocks[s + 1:e]) for s, e in items)
    first = sum(is_body_text(b, month_first) for b in blocks[items[0][0] + 1:items[0][1]])
    teasers = (len(items) >= MIN_TEASERS and sizes[len(sizes) // 2] <= 1 and sizes[-1] <= TEASER_BLOCKS + 1
               and first <= 1)  # an article's sections start with an introduction of several paragraphs
    if not (dated >= MIN_DATED and 2 * dated >= len(items)) and not teasers:
        return None
    items = _cut_off_item(blocks, items, month_first)
    parts: list[Part] = []
    for start, end in items:
        before = blocks[start - 1] if start and date_finder.date_line(blocks[start - 1].text, month_first) else None
        rest = ((before,) if before else ()) + tuple(blocks[start + 1:end])
        parts.append(Part(blocks[start], rest, "listing"))
    return parts


def _item_titles(blocks: Sequence[Block], month_first: bool) -> list[int]:
    found: list[int] = []
    for index, block in enumerate(blocks):
        if not _title_shaped(block, month_first):
            continue
        if found and found[-1] >= index - 2 and titles.same_text(blocks[found[-1]].text, block.text):
            continue  # the title printed a second time
        for following in blocks[index + 1:index + 1 + LOOKAHEAD]:
            if is_body_text(following, month_first):
                found.append(index)
                break
            if _title_shaped(following, month_first) and not titles.same_text(following.text, block.text):
                break
    return found


def _title_shaped(block: Block, month_first: bool) -> bool:
    text = block.text
    if block.kind != "paragraph" or len(text.split()) < 3 or is_body_text(block, month_first):
        return False
    if labels.is_label_run(text) or date_finder.date_line(text, month_first) or text.endswith((",", ";", ":")):
        return False
    if BYLINE.match(text) or CAPTION.search(text) or IMAGE_OF.match(text) or BRACKETED.match(text):
        return False
    if text.endswith(QUOTED_SENTENCE) or (text.endswith("!") and not text[:1].isalnum()):
        return False  # a quoted sentence or a salutation in a speech, not a headline
    found = date_finder.find_dates(text, month_first)
    if found and found[0].start <= 3:
        return False  # a date line with authors or a place after it
    if text.endswith(".") and len(text.split()) > 16:
        return False
    if len(text.split()) <= 4 and date_words.TIME_RE.search(text):
        return False  # "Politics Today 11:06": a section and a relative timestamp
    return text[:1].isupper() or text[:1].isdigit() or not text[:1].isalnum()


def _item_end(blocks: Sequence[Block], start: int, end: int, month_first: bool) -> int:
    """An item's date line printed above the next item's title belongs to the next item."""
    if end < len(blocks) and end - 1 > start and date_finder.date_line(blocks[end - 1].text, month_first):
        return end - 1
    return end


def _dated(blocks: Sequence[Block], start: int, end: int, month_first: bool) -> bool:
    near = list(blocks[start + 1:min(end, start + 1 + LOOKAHEAD)])
    if start and date_finder.date_line(blocks[start - 1].text, month_first):
        return True
    return any(date_finder.date_line(b.text, month_first) or _agency_dateline(b.text, month_first) for b in near)


def _agency_dateline(text: str, month_first: bool) -> bool:
    """A paragraph opening with a place and a date ('YEREVAN, NOVEMBER 14, ARMENPRESS.'), not 'On 17 December'."""
    mention = date_finder.dateline(text, month_first)
    return mention is not None and text[:mention.start].strip(" ,(") not in ("", "On", "on")


def _cut_teasers(blocks: Sequence[Block], month_first: bool) -> list[Part] | None:
    """A feed of teasers with no titles, each cut off with an ellipsis ('... between the leaders of...'), or a
    page of one-paragraph summaries each opening its own story: one article per teaser."""
    body = [b for b in blocks if is_body_text(b, month_first)]
    cut = [b for b in body if b.text.rstrip().endswith(("...", "…"))]
    if (len(cut) < MIN_TEASERS or len(cut) < 0.6 * len(body)) and not _summaries(blocks, body):
        return None
    parts: list[Part] = []
    for index, block in enumerate(blocks):
        if block not in body or (parts and titles.same_text(parts[-1].blocks[-1].text, block.text)):
            continue  # not a teaser, or the same teaser printed twice
        above = blocks[index - 1] if index else None
        title = above if above is not None and above not in body and _title_shaped(above, month_first) else None
        parts.append(Part(title, (block,), "listing"))
    return parts


def _summaries(blocks: Sequence[Block], body: Sequence[Block]) -> bool:
    """Short paragraphs, none of which goes on from the one before ('He added', 'The sides', a quote, 'Earlier'),
    with nothing but a date line above them and no headline: a page of stories' summaries, not one article."""
    if len(body) < MIN_SUMMARIES or len(blocks) - len(body) > 2:
        return False
    if blocks[0] not in body and not date_finder.date_line(blocks[0].text):
        return False  # a headline above the first paragraph: an article's, whose paragraphs are short
    return all(len(b.text.split()) <= SUMMARY_WORDS and b.text.count(". ") <= 1 and not GOES_ON.match(b.text)
               and not b.text.endswith(":") for b in body)


def _cut_off_item(blocks: Sequence[Block], items: list[tuple[int, int]], month_first: bool) -> list[tuple[int, int]]:
    """The page's excerpt often ends inside its last item: a headline and the start of its teaser, too short to
    read as running text. On a page already known to be a listing, that is an item too."""
    start, end = items[-1]
    for index in range(max(start + 2, end - 2), end - 1):
        following = blocks[index + 1]
        cut_off = index + 2 == len(blocks) and len(following.text.split()) >= CUT_OFF_WORDS  # the excerpt's end
        if (_title_shaped(blocks[index], month_first) and (cut_off or not _title_shaped(following, month_first))
                and len(following.text.split()) >= 3 and not labels.is_label_run(following.text)):
            return [*items[:-1], (start, index), (index, end)]
    return items


def split_appended(part: Part, month_first: bool = False) -> list[Part]:
    """Another dispatch printed after an article (a related story with its own headline and agency dateline:
    'Taliban welcomes ...' / 'Source: TASS' / 'CAIRO, October 25. /TASS/. The Taliban ...') starts an article."""
    blocks = part.blocks
    body = next((i for i, b in enumerate(blocks) if is_body_text(b, month_first)), len(blocks))
    cuts = [i for i in range(body + 1, len(blocks) - 1) if _title_shaped(blocks[i], month_first)
            and any(_agency_dateline(b.text, month_first) for b in blocks[i + 1:i + 3])]
    if not cuts:
        return [part]
    first = Part(part.title, tuple(blocks[:cuts[0]]), part.kind)
    ends = [*cuts[1:], len(blocks)]
    return [first, *(Part(blocks[c], tuple(blocks[c + 1:e]), "dispatches") for c, e in zip(cuts, ends, strict=True))]
