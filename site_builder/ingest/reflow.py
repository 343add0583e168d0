"""Re-flow hard-wrapped lines into paragraphs, and join words hyphenated across lines.

PDF and e-mail exports wrap lines at a fixed width; some also put a blank line after every wrapped line and
mark real paragraph breaks differently (a line holding a single space, or two blank lines). The rules here
measure the document first (its wrap width, whether it is wrapped at all, how it marks paragraphs) and then
decide each line break from that evidence, so they hold for any outlet's export, not one file.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from string import ascii_letters

TERMINAL = tuple(".!?:;\"”»)'’")
# Words a line never ends on when its sentence goes on: "the President of" / "Kazakhstan".
JOINING_WORDS = frozenset((  # noqa: SIM905 - a word list reads best as one string
    "a an the of and or to in on at by for with from as that which who mr mrs ms dr its their his her"
).split())
LIST_ITEM = re.compile(r"^([-•*–▪●]|\d{1,2}[.)]|[a-z][.)]|\([a-z0-9]{1,2}\))\s+\S")
# A paragraph opening with an agency dateline in capitals ("TASHKENT (Sputnik) -", "YEREVAN, NOVEMBER 14,"):
# the line above it is a headline, never the start of the same sentence.
CAPS_DATELINE = re.compile(r"^[A-Z][A-Z'’.\-]{2,}(?:\s[A-Z][A-Z'’.\-]+)?\s*(?:\([^)]{2,30}\)\s*[-–—:]|,\s*[A-Z0-9])")
BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$")  # an address alone on its line: never part of a paragraph
WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
LEADING_WORD = re.compile(r"[A-Za-z]+")
LOWER_WORD_SHAPE = re.compile(r"[a-z]+(?:-[a-z]+)*")
# Endings that are never words of their own: "develop-" + "ment" is one word.
SUFFIXES = frozenset((  # noqa: SIM905 - a word list reads best as one string
    "ment ments tion tions sion sions ing ings ed ly ness ity ities ation ations ance ances ence ences "
    "ive ives ous ously ize izes ized ise ised able ably ible ibly ism isms ist ists ship ships ful less "
    "al ally ial ical ic ics ure ures ent ents ant ants ary ory age ages ate ated ates ating ator ators "
    "er ers est ty ties cy cies logy logical nomic nomics tory tive tives ture tures ern ward wards hood "
    "dom sive cation cations ency ancy bility ibility ization isation"
).split())
# Prefixes written with a hyphen in English: "self-", "non-", "co-"; and adjective endings that signal a
# compound of two words ("cultural-humanitarian", "military-technical").
HYPHEN_PREFIXES = frozenset((  # noqa: SIM905 - a word list reads best as one string
    "self non ex anti co pro post pre vice cross well multi semi quasi inter-state all half long short "
    "high low full mid"
).split())
_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))
COMPOUND_ENDINGS = ("al", "ic", "ian", "an", "ese", "ish", "ary", "ive", "ous", "ed", "ing", "ist", "ern", "ical")


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    spacer: bool = False  # held only whitespace: a paragraph mark in some exports


@dataclass(frozen=True)
class Block:
    """A paragraph (or table) of the cleaned text with the source lines it came from (1-based, inclusive)."""

    first: int
    last: int
    text: str
    kind: str = "paragraph"  # paragraph | table
    gap_before: int = 0  # blank lines before it in the source: tables use it to find their rows


@dataclass(frozen=True)
class Layout:
    width: int
    wrapped: bool
    double_spaced: bool
    text: str  # the document's lines joined by newlines (no word spans one)

    @cached_property
    def vocabulary(self) -> Container[str]:
        """The document's words in lower case, hyphenated ones whole (`word in vocabulary`): made when a line-end
        hyphen first asks, and searched for the few words asked about instead of listing every word."""
        return DocumentWords(self.text)


class DocumentWords:
    """frozenset(w.lower() for w in WORD.findall(text)), as far as `in` goes."""

    def __init__(self, text: str) -> None:
        # Every character outside ASCII becomes one '?': WORD matches only ASCII letters and hyphens, so every
        # word keeps its place and extent, and bytes.lower() lower-cases ASCII letters only.
        self.lower = text.encode("ascii", "replace").lower()

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not LOWER_WORD_SHAPE.fullmatch(word):
            return False
        target = word.encode("ascii")
        start = self.lower.find(target)
        while start >= 0:
            if _whole_word(self.lower, start, start + len(target)):
                return True
            start = self.lower.find(target, start + 1)
        return False


def _whole_word(text: bytes, start: int, end: int) -> bool:
    """Whether text[start:end] is one of WORD's matches: not continued by a letter, nor by a hyphen and a letter,
    on either side (bytes.isalpha() is true for ASCII letters only)."""
    before, after = text[max(0, start - 2):start], text[end:end + 2]
    if before[-1:].isalpha() or (before[-1:] == b"-" and before[:-1].isalpha()):
        return False
    return not (after[:1].isalpha() or (after[:1] == b"-" and after[1:2].isalpha()))


def measure(lines: Sequence[Line]) -> Layout:
    texts = [line.text for line in lines if line.text]
    long_lines = sorted(len(t) for t in texts if len(t) >= 20)
    width = long_lines[int(0.9 * (len(long_lines) - 1))] if long_lines else 0
    mid_sentence = sum(1 for t in texts if len(t) >= 0.6 * width and not t.endswith(TERMINAL))
    # Wrapped text has many lines ending mid-sentence and none much longer than the wrap width.
    longest = max((len(t) for t in texts), default=0)
    wrapped = 0 < width <= 140 and len(texts) >= 4 and mid_sentence >= 0.3 * len(texts) and longest <= 1.3 * width
    gaps = _gaps(lines)
    # Double-spaced exports put one blank line after (nearly) every wrapped line, and mark paragraphs otherwise.
    plain = [empties for empties, spacer in gaps if not spacer]
    double_spaced = (wrapped and bool(plain) and plain.count(1) >= 0.6 * len(plain)
                     and plain.count(0) <= 0.1 * len(plain))
    return Layout(width, wrapped, double_spaced, "\n".join(texts))


def _gaps(lines: Sequence[Line]) -> list[tuple[int, bool]]:
    """(blank lines, any spacer among them) between each pair of consecutive text lines."""
    gaps: list[tuple[int, bool]] = []
    empties, spacer, seen = 0, False, False
    for line in lines:
        if line.text:
            if seen:
                gaps.append((empties, spacer))
            empties, spacer, seen = 0, False, True
        else:
            empties, spacer = empties + 1, spacer or line.spacer
    return gaps


@lru_cache(maxsize=1024)  # re-flowing asks about each line twice: as the end of one pair, the start of the next
def is_heading_line(text: str) -> bool:
    """An ALL-CAPS line: digests use them as article headings."""
    if len(text) > 160:
        return False
    # Letters are counted in C: ASCII ones by deleting them from the bytes. More than 15 % of the line in ASCII
    # lower case rules it out (at least that many of its letters are not capitals); so most lines stop here.
    data = text.encode("ascii", "ignore")
    lower = len(data) - len(data.translate(None, _ASCII_LOWER))
    if 20 * lower > 3 * len(text):
        return False
    if len(data) == len(text):
        upper = len(data) - len(data.translate(None, _ASCII_UPPER))
        letters = upper + lower
    else:
        cased = [ch.isupper() for ch in text if ch.isalpha()]
        upper, letters = sum(cased), len(cased)
    return letters >= 8 and upper >= 0.85 * letters and len(text.split()) >= 2


def breaks(a: str, b: str, gap: tuple[int, bool], layout: Layout) -> bool:
    """Whether a paragraph ends between line a and line b, separated by `gap`."""
    empties, spacer = gap
    if LIST_ITEM.match(b) or is_heading_line(a) or is_heading_line(b) or BARE_URL.match(a) or BARE_URL.match(b):
        return True
    continues = not a.endswith(TERMINAL) and (b[:1].islower() or a.endswith(("-", "—", ",")))
    if not layout.wrapped:  # one line per paragraph: a break unless the sentence plainly runs on
        if empties == 0 and not spacer:
            if a.endswith(TERMINAL):
                return not b[:1].islower()
            # A headline on its own line above a paragraph: a short line, the next one starting a sentence.
            if continues or not b[:1].isupper() or a.rsplit(None, 1)[-1].lower() in JOINING_WORDS:
                return False
            # ... or a paragraph cut off (a teaser) above the next headline.
            return (len(a) < 0.6 * max(layout.width, len(b)) or _headline(b, layout)
                    or CAPS_DATELINE.match(b) is not None)
        return not (continues and empties <= 1)
    if spacer or empties >= (2 if layout.double_spaced else 1):
        return not (continues and a.endswith("-") and not spacer)
    return a.endswith(TERMINAL) and len(a) < 0.75 * layout.width and not b[:1].islower()


def _headline(text: str, layout: Layout) -> bool:
    words = text.split()
    return 3 <= len(words) <= 20 and len(text) < 0.5 * layout.width and not text.endswith((".", ",", ";", ":"))


def join_lines(parts: Sequence[str], vocabulary: Container[str]) -> str:
    text = parts[0]
    for part in parts[1:]:
        text = join_two(text, part, vocabulary)
    return " ".join(text.split())


def join_two(a: str, b: str, vocabulary: Container[str]) -> str:
    if a.endswith("—") or b.startswith("—"):
        return a + b
    left = hyphenated_word(a)
    right = LEADING_WORD.match(b) if left else None
    if left and right:
        hyphen = "-" if keeps_hyphen(left, right.group(0), vocabulary) else ""
        return a[:-1] + hyphen + b
    return f"{a} {b}"


def hyphenated_word(text: str) -> str | None:
    """The word a line-end hyphen follows, as re.search(r"([A-Za-z]+)-$", text) finds it, without scanning the
    whole (growing) paragraph from every position."""
    if text.endswith("-"):
        stem = text[:-1]
    elif text.endswith("-\n"):  # '$' also matches before a final newline
        stem = text[:-2]
    else:
        return None
    word = stem[len(stem.rstrip(ascii_letters)):]
    return word or None


def keeps_hyphen(left: str, right: str, vocabulary: Container[str]) -> bool:
    """'cultural-' + 'humanitarian' keeps its hyphen; 'develop-' + 'ment' is one word. Evidence first."""
    low_left, low_right = left.lower(), right.lower()
    if f"{low_left}-{low_right}" in vocabulary:
        return True
    if f"{low_left}{low_right}" in vocabulary:
        return False
    if right[:1].isupper():  # "Kazakh-" + "Kyrgyz": two names
        return True
    if low_right in SUFFIXES:
        return False
    if low_left in HYPHEN_PREFIXES:
        return True
    return len(left) >= 4 and len(right) >= 4 and low_left.endswith(COMPOUND_ENDINGS)


def reflow(lines: Sequence[Line]) -> list[Block]:
    layout = measure(lines)
    blocks: list[Block] = []
    parts: list[Line] = []
    gap_before, empties, spacer = 0, 0, False
    for line in lines:
        if not line.text:
            empties, spacer = empties + 1, spacer or line.spacer
            continue
        if parts and breaks(parts[-1].text, line.text, (empties, spacer), layout):
            blocks.append(_block(parts, gap_before, layout))
            parts = []
        if not parts:
            gap_before = empties
        parts.append(line)
        empties, spacer = 0, False
    if parts:
        blocks.append(_block(parts, gap_before, layout))
    return blocks


def _block(parts: Sequence[Line], gap_before: int, layout: Layout) -> Block:
    texts = [p.text for p in parts]
    # Only a line-end hyphen consults the vocabulary: most blocks have none, and most documents need no vocabulary.
    hyphens = any(t.endswith(("-", "-\n")) for t in texts[:-1])
    text = join_lines(texts, layout.vocabulary if hyphens else frozenset())
    return Block(parts[0].number, parts[-1].number, text, gap_before=gap_before)
