"""An article's header zone, read by weighing evidence: which line is the title, which dates it, who wrote it.

The header zone is the lines before the body (the first paragraph that reads as running text). Every line in it
is a candidate title with features (shape, case, ending, interface labels, date or number content, menu-like runs
of short lines, repetition in the page, words shared with the lead, agreement with the page's own metadata title,
closeness to the body and to a date line); the best one wins. Date lines ("13:38, 24.09.2017", "Updated: October
19, 2023 19:56 Xinhua") date the article, the one nearest the title first; a line that mixes a title with its
dateline or a timestamp is split. Bylines give the author. The rest of the zone before the title is furniture;
after it, what is not furniture stays in the body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from site_builder.ingest import date_finder, date_words, labels, titles
from site_builder.ingest.reflow import BARE_URL, JOINING_WORDS, LIST_ITEM, Block
from site_builder.ingest.split import Part

ZONE_MAX = 14  # header lines at most before the body: anything further up is the site's furniture
BODY_START = 120  # a paragraph this long, ending a sentence, is body text
LONG_TEXT = 220  # this long, it is body text however it ends
SENTENCE_END = (".", "!", "?", "”", '"', "»", "…", ")", "’", "'")
MIN_TITLE_SCORE = 0.5
LEADING_TIME = re.compile(r"^(?:\[?\d{1,2}:\d{2}\]?\s*[|,–—-]?\s+|https?://\S+\s+)(?=\S)")
TRAILING_COUNTER = re.compile(r"\s+(?:view-icon|views?|просмотр\w*|comments?)\s*:?\s*\d+$", re.I)
ICON = re.compile(r"^[^\x00-\x7f]\s+(?=[A-Z])")  # an icon font's glyph before the headline
OTHER_SCRIPT_TAIL = re.compile(r"\s+[\u10a0-\u10ff\u0530-\u058f\u0400-\u04ff]+$")
# What a title glued to its stamp keeps before the date: the site's domain and the stamp's label
# ("... editorial chinadaily.com.cn | Updated: 2024-12-02 20:16").
STAMP_TAIL = re.compile(r"(?:\s+(?:[\w-]+\.)+(?:com|org|net|info|news|gov|[a-z]{2}))?\s*[|•·]?\s*(?:(?:last\s+)?"
                        r"(?:updated|published|posted|created|modified)|опубликовано|обновлено)?\s*:?\s*$", re.I)
BYLINE = re.compile(r"^by\s+[A-Z]", re.IGNORECASE)
BRACKETED = re.compile(r"^\[.*\]$")
LEADING_URL = re.compile(r"^https?://\S+\s+")
CAPTION = re.compile(r"\b(?:photo|photos|фото|image|picture)\s*(?::|by\b|credit)|[(\[](?:photo|фото)\b|^photo\b|"
                     r"\bcourtesy of\b|wikimedia commons|creative commons|\bgetty images\b|"
                     r"\((?:left|right|centre|center|front|L|R|C|second (?:left|right)|"
                     r"\d+(?:st|nd|rd|th) (?:left|right))\)", re.I)
CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")
MENU_WORDS = 3  # a run of three or more lines this short is a menu


@dataclass(frozen=True)
class Header:
    title: str | None
    author: str | None
    dateline: date_finder.DateMention | None
    body: tuple[Block, ...]
    title_found: bool = True  # False: no line of the page reads as its title (the report flags it)
    first_line: int | None = None  # where the article starts in the source: its title line, else its body


@dataclass(frozen=True)
class Candidate:
    index: int  # position in the zone
    text: str  # the title part of the line
    date: date_finder.DateMention | None  # a date the line carries besides the title (a mixed line)


def body_start(blocks: Sequence[Block], month_first: bool = False) -> int:
    """Index of the first block that reads as running text (the end of the header zone)."""
    for index, block in enumerate(blocks):
        if is_body_text(block, month_first):
            if (len(block.text) < LONG_TEXT and index + 2 < len(blocks)
                    and date_finder.date_line(blocks[index + 1].text, month_first)):
                continue  # a kicker or caption above the dateline
            return index
    return len(blocks)


def is_body_text(block: Block, month_first: bool = False) -> bool:
    text = LEADING_URL.sub("", block.text)
    if block.kind != "paragraph" or len(text) >= LONG_TEXT:
        return True
    if titles.is_all_caps(text) and len(text) < 2 * LONG_TEXT:
        return False  # a headline in capitals, however long
    if len(text) >= BODY_START and text.endswith((".", "!", "?", "…", ":")):
        return True
    if len(text) >= BODY_START and text.endswith(SENTENCE_END) and ". " in text:
        return True  # ending on a quote: running text when it holds more than one sentence
    if len(text) > 60 and date_finder.dateline(text, month_first) and not date_finder.date_line(text, month_first):
        return True
    return len(text.split()) >= 12 and text.endswith((".", "!", "?")) and not labels.is_label_run(text)


def read_header(part: Part, hint_title: str | None = None, month_first: bool = False) -> Header:
    """Title, author and dateline from the header zone of an article; the body is what remains."""
    blocks = part.blocks
    start = body_start(blocks, month_first)
    zone_from = max(0, start - ZONE_MAX)
    zone = list(blocks[zone_from:start])
    if part.title is not None:
        title: str | None = part.title.text
        chosen: int | None = -1  # before the zone
        date = None
    else:
        chosen, title, date = _best_title(zone, blocks[start:], hint_title, month_first)
    author: str | None = None
    raw_title = title
    if title and (split := titles.author_from_title(title)) and _confirms_author(split, blocks):
        author, title = split
    dateline = date or _zone_date(zone, chosen, month_first)
    for index, block in enumerate(zone):
        if index != chosen and author is None and _byline(block.text) and not (
                title and titles.same_text(block.text, title)):
            author = titles.byline_name(block.text)
    kept: list[Block] = []
    for index, block in enumerate(zone):
        text = block.text
        if (chosen is not None and index <= chosen) or (chosen is None and len(text.split()) < 5):
            continue
        if date_finder.date_line(text, month_first):
            kept = []  # a kicker or caption above the dateline
            continue
        if (title and titles.same_text(text, title)) or labels.is_label_run(text):
            continue
        if _byline(text) or (author and titles.is_role_line(text)):
            continue
        kept.append(block)
    body = tuple(kept) + tuple(blocks[start:])
    # The article starts at its title, or at an earlier copy of it (with the author's name before it).
    same = [b.first for i, b in enumerate(zone) if chosen is not None and i <= chosen and raw_title
            and (titles.same_text(b.text, raw_title) or (title and titles.same_text(b.text, title))
                 or (author and b.text.startswith(author)))]
    first = part.title.first if part.title else (min(same) if same else None)
    first = first if first is not None else (body[0].first if body else None)
    return Header(title, author, dateline, body, title is not None, first)


def _best_title(zone: Sequence[Block], body: Sequence[Block], hint: str | None,
                month_first: bool) -> tuple[int | None, str | None, date_finder.DateMention | None]:
    lead = body[0].text if body else ""
    page = [b.text for b in zone] + [b.text for b in body[:40]]
    best: tuple[float, Candidate] | None = None
    for index, block in enumerate(zone):
        candidate = _candidate(index, block.text, month_first)
        if candidate is None:
            continue
        score = _score(candidate, zone, lead, page, hint, month_first)
        if best is None or score > best[0]:
            best = (score, candidate)
    if best is None or best[0] < MIN_TITLE_SCORE:
        return None, None, None
    return best[1].index, best[1].text, best[1].date


def _candidate(index: int, text: str, month_first: bool) -> Candidate | None:
    """The title part of a line: without a leading timestamp ('10:56 Astana and Tashkent ...'), without the
    dateline and tag lines it runs on into ('... confidence 13:38, 24.09.2017 Region:Armenia')."""
    text = TRAILING_COUNTER.sub("", LEADING_TIME.sub("", text))
    text = ICON.sub("", text)
    if not text.isascii() and text[:1].isascii() and OTHER_SCRIPT_TAIL.search(text):
        text = OTHER_SCRIPT_TAIL.sub("", text)  # a Latin headline with a tag in Georgian, Armenian or Cyrillic
    found = date_finder.find_dates(text, month_first)
    date = None
    if found and len(text) > 25 and not CAPTION.search(text):  # a caption's date is its photo's: never split
        first = found[0]
        before = text[:first.start]
        if len(before.split()) >= 3 and (first.year or date_words.TIME_RE.search(text[first.start - 8:first.end + 8])):
            cut = date_words.TIME_RE.search(before[-12:])
            head = before[: len(before) - 12 + cut.start()] if cut and len(before) > 12 else before
            text, date = STAMP_TAIL.sub("", head.rstrip(" ,|–—-:(")), first if first.day else None
        elif first.start <= 3 and (rest := _after_date(text, first)) and len(rest.split()) >= 3:
            text, date = rest, first if first.day else None
    return Candidate(index, text.strip(), date) if text.strip() else None


def _after_date(text: str, mention: date_finder.DateMention) -> str:
    rest = text[mention.end:]
    rest = re.sub(r"^[\s,|–—-]*(?:" + date_words.TIME + r")?[\s,|–—-]*", "", rest)
    return rest


def _score(candidate: Candidate, zone: Sequence[Block], lead: str, page: Sequence[str], hint: str | None,
           month_first: bool) -> float:
    text = candidate.text
    words = text.split()
    if _never_title(candidate, zone, month_first):
        return -10.0
    score = _shape(text, words)
    if candidate.index and titles.is_role_line(text) and _byline(zone[candidate.index - 1].text):
        score -= 6  # the position line under a byline
    if _in_menu(zone, candidate.index):
        score -= 4
    repeats = sum(titles.same_text(other, text) for other in page) - 1
    score += 1.5 * min(repeats, 2)
    score += 3 * _overlap(text, lead)
    if len(words) <= 8 and " ".join(lead.split()).lower().startswith(" ".join(words).lower()):
        score -= 3  # the lead's own first words: a caption or kicker echoing it, not its headline
    if hint and _similar(text, hint):
        score += 6
    if LIST_ITEM.match(text):
        score -= 4
    if any(b.text != text and b.text.startswith(text) and CAPTION.search(b.text) for b in zone):
        score -= 4  # the short form of a caption printed beside it ('Oil Pump in Baku, courtesy of ...')
    if not lead:  # no running text: the title is near the top
        return score - 0.6 * candidate.index
    distance = len(zone) - 1 - candidate.index  # blocks between it and the body
    between = [b.text for b in zone[candidate.index + 1:]]
    filler = sum(1 for t in between if date_finder.date_line(t, month_first) or _byline(t) or titles.is_role_line(t)
                 or labels.is_label_run(t) or titles.same_text(t, text) or len(t.split()) <= 3)
    score -= 0.6 * (distance - filler)
    if candidate.date is not None or _near_date(zone, candidate.index, month_first):
        score += 1
    return score


def _never_title(candidate: Candidate, zone: Sequence[Block], month_first: bool) -> bool:
    """Interface labels, date lines, bylines, bracketed notes, lines of numbers."""
    text = candidate.text
    if (labels.is_label_run(text) or date_finder.date_line(text, month_first) or _byline(text, bare=False)
            or BYLINE.match(text) or BRACKETED.match(text) or BARE_URL.match(text)):
        return True
    if _byline(text) and (_title_above(zone, candidate.index) or _role_below(zone, candidate.index)):
        return True  # a bare name under a title, or above the author's position
    digits = sum(ch.isdigit() for ch in text)
    letters = sum(ch.isalpha() for ch in text)
    return letters < 5 or digits > 0.3 * (digits + letters)


def _byline(text: str, bare: bool = True) -> bool:
    """A byline: 'By ...', 'NAME, position', or (`bare`) a name of two or three words alone ('Anthony Kim')."""
    name = titles.byline_name(text)
    return name is not None and len(name.split()) <= 3 and (text.lower().startswith("by ") or "," in text
                                                            or (bare and len(text.split()) <= 3))


def _title_above(zone: Sequence[Block], index: int) -> bool:
    return any(len(b.text.split()) >= 4 and not labels.is_label_run(b.text) for b in zone[:index])


def _role_below(zone: Sequence[Block], index: int) -> bool:
    return index + 1 < len(zone) and titles.is_role_line(zone[index + 1].text)


def _shape(text: str, words: Sequence[str]) -> float:
    score = 0.0
    count = len(words)
    score += 2 if 4 <= count <= 30 else (1 if count == 3 else (-0.5 if count == 2 else -4))
    if count > 30 or len(text) > 250:
        score -= 4
    elif count > 20:
        score -= 1
    if CAPTION.search(text):
        score -= 4
    score += 1 if (text[:1].isupper() or text[:1].isdigit() or text[:1] in "\"“«‘'") else -2
    if text.endswith((":", ",", ";")) or words[-1].lower() in JOINING_WORDS:
        score -= 2  # a line cut mid-sentence: a caption or a teaser
    elif text.endswith(".") and count > 15:
        score -= 2.5  # a standfirst: one long sentence under the headline
    elif text.endswith(("…", "...")):
        score -= 1.5
    elif text.endswith("."):
        score -= 0.5
    if titles.is_all_caps(text) and count <= 3:
        score -= 2
    if "|" in text or "©" in text or "@" in text:
        score -= 2
    return score


def _in_menu(zone: Sequence[Block], index: int) -> bool:
    """Part of a run of three or more very short lines: a menu, a language picker, a tag list."""
    short = [len(b.text.split()) <= MENU_WORDS for b in zone]
    if not short[index]:
        return False
    low, high = index, index
    while low > 0 and short[low - 1]:
        low -= 1
    while high + 1 < len(short) and short[high + 1]:
        high += 1
    return high - low + 1 >= 3


def _content(text: str) -> set[str]:
    return {w.casefold() for w in CONTENT_WORD.findall(text)}


def _overlap(text: str, lead: str) -> float:
    """Share of the candidate's content words that the lead repeats (titles restate their lead)."""
    own = _content(text)
    if not own or not lead:
        return 0.0
    return len(own & _content(lead)) / len(own)


def _similar(text: str, hint: str) -> bool:
    a, b = " ".join(text.casefold().split()), " ".join(hint.casefold().split())
    if a == b or (len(a) >= 15 and a in b):
        return True
    own, other = _content(a), _content(b)
    return bool(own) and len(own & other) >= 0.8 * len(own | other)


def _near_date(zone: Sequence[Block], index: int, month_first: bool) -> bool:
    near = [zone[i].text for i in (index - 1, index + 1, index + 2) if 0 <= i < len(zone)]
    return any(date_finder.date_line(t, month_first) for t in near)


def _zone_date(zone: Sequence[Block], chosen: int | None, month_first: bool) -> date_finder.DateMention | None:
    """The date line nearest the title: after it (between title and body) first, else just before it; a full date
    before a partial one."""
    found: list[tuple[int, int, date_finder.DateMention]] = []
    anchor = -1 if chosen is None else chosen
    for index, block in enumerate(zone):
        mention = date_finder.date_line(block.text, month_first)
        if mention is None:
            continue
        after = index > anchor
        if not after and anchor - index > 2:
            continue
        distance = (index - anchor) if after else 10 + (anchor - index)
        found.append((0 if mention.full else 1, distance, mention))
    return min(found, key=lambda f: (f[0], f[1]))[2] if found else None


def _confirms_author(split: tuple[str, str], blocks: Sequence[Block]) -> bool:
    """'Name. Title' is a byline only with evidence: the name again in a byline, or the title alone below."""
    name, rest = split
    head = [block.text for block in blocks[:ZONE_MAX]]
    return any(titles.same_text(text, rest) or text.lower().startswith(name.lower()) for text in head)
