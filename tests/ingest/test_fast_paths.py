"""Fast paths of ingest agree with the plain code they replaced (kept here as the reference)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.ingest import date_finder, furniture, glued, unknown
from site_builder.ingest.clean import (
    INVISIBLE,
    SENTENCE,
    SENTENCE_END,
    SPACES,
    SUBSTANTIAL,
    _dated_rest,
    normalise,
    strip_furniture,
)
from site_builder.ingest.entities import trie_pattern, word_start_trie_pattern
from site_builder.ingest.furniture import is_furniture
from site_builder.ingest.reflow import (
    WORD,
    Block,
    Line,
    hyphenated_word,
    is_heading_line,
    join_lines,
    measure,
    reflow,
)

# Letters of every kind: ASCII, accented, Cyrillic, title case, caseless; and the separators headings have.
CHARS = st.sampled_from(list("ABCXYZabcxyz  -—.,:'0123\u00e9\u00c9\u0416\u0436\u01c5\u4e2d\u00df\n"))
LINES = st.one_of(st.text(), st.lists(CHARS, max_size=200).map("".join))
# The furniture table as one pattern per kind, searched anywhere in the line: what is_furniture replaced.
DROP_LINE = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"^(you are here|home|main page|main)\s*[:»>/|]",  # breadcrumbs
    r"»[^«]*»",  # "Main page »» Diplomatic Chapter »»"
    r"line spacing|font size|text size|\bA\s*[+-]\s*A\b",  # reading widgets
    r"^\d+\s+comments?\b",
    r"^(print|e-?mail|share|tweet|like|subscribe|follow us|print version|printable version|back to top|top of page|"
    r"skip to (main )?content|menu|search|log ?in|sign ?in|sign up|read more|continue reading|more|next|previous|"
    r"next post|previous post|older posts|newer posts|load more|advertisement|sponsored)\W*$",
    r"^(share( on| this)?:?\s*)?((facebook|twitter|x|telegram|whatsapp|vk|vkontakte|linkedin|reddit|"
    r"odnoklassniki|email|pinterest)[\s,|/]*){1,8}$",
    r"^[•·*\-–]?\s*(english|eng|en|русский|русская версия|рус|ru|қазақша|қазақ тілі|kaz|kz|o['‘’]zbekcha|"
    r"ўзбекча|azərbaycanca|azərbaycan dili|türkçe|deutsch|français|español|中文|кыргызча|тоҷикӣ)\s*$",
    r"^[\w ]{0,30}\b(link buttons|navigation|nav menu|main menu|breadcrumbs?|top menu|site map|sitemap)\s*$",
    r"^(category|tag|author|daily|monthly|yearly|date)?\s*archives?\b(\s*(for|of|:).{0,60})?$",
    r"^(categories|tags?|filed under|posted in|labels?)\s*:",
    r"^(©|\(c\)|copyright\b)|all rights reserved",
    r"^(photo|image|picture|illustration)( credit)?\s*:.{0,80}$",
))
FURNITURE_WORDS = st.sampled_from([
    "You are here", "home", "Main", ":", "»", "«", "»»", "A", "+", "-", "a", " ", "  ", "\u00a0", "LINE SPACING",
    "font size", "Text Size", "3", "comments", "Print", "E-mail", "share", "on", "Facebook", "x", "|", ",", "/",
    "•", "English", "Қазақша", "o’zbekcha", "Top", "Menu", "Link Buttons", "sitemap", "Category", "Archives",
    "for", "of", "Tags", "©", "(c)", "Copyright", "All Rights Reserved", "all rights reſerved", "Photo",
    "credit", "Kazakhstan", "\u0131", "\u212a", "\n", "ALL RİGHTS RESERVED",
])
FURNITURE_LINES = st.one_of(LINES, st.lists(FURNITURE_WORDS, max_size=12).map(" ".join),
                            st.lists(FURNITURE_WORDS, max_size=12).map("".join))


def heading_reference(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 8 or len(text.split()) < 2 or len(text) > 160:
        return False
    return sum(ch.isupper() for ch in letters) >= 0.85 * len(letters)


def hyphen_reference(text: str) -> str | None:
    match = re.search(r"([A-Za-z]+)-$", text)
    return match.group(1) if match else None


@pytest.mark.parametrize("text", [
    "KAZAKHSTAN AND CHINA SIGN AGREEMENTS", "Kazakhstan and China sign agreements", "ÉTÉ ÉTÉ ÉTÉ ÉTÉ",
    "ПРЕЗИДЕНТ КАЗАХСТАНА ПОСЕТИЛ", "SHORT", "A B C D E F G H", "KAZAKHSTAN-CHINA TALKS: a", "X" * 161 + " Y",
    "ABCDEFGh ijk", "ABCDEFGHIJKLMNOPQRs tu", "", "ASTANA – KAZAKHSTAN HOSTS TALKS", "Astana – talks were held",
    "ABCDEFGHIJKLMNOPQ abc", "ABCDEFGHIJKLMNOPQ abcd", "ABCDEFGHIJKLMNOPQ–abc", "ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ abc",
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghi",
])
def test_heading_examples(text: str) -> None:
    assert is_heading_line(text) is heading_reference(text)


@settings(max_examples=300, deadline=None)
@given(LINES)
def test_heading_agrees_with_reference(text: str) -> None:
    assert is_heading_line(text) is heading_reference(text)


@pytest.mark.parametrize("text", [
    "develop-", "counter-", "the cultural-", "co-", "-", "x -", "word-\n", "word-\n\n", "naïve-", "Kazakh-",
    "a-b-", "no hyphen", "", "—", "1990-", "abc1-",
])
def test_hyphenated_word_examples(text: str) -> None:
    assert hyphenated_word(text) == hyphen_reference(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(LINES, LINES.map(lambda text: text + "-"), LINES.map(lambda text: text + "-\n")))
def test_hyphenated_word_agrees_with_reference(text: str) -> None:
    assert hyphenated_word(text) == hyphen_reference(text)


@pytest.mark.parametrize("text", [
    "You are here: Main page »» Diplomatic Chapter »»", "\u00a00 comment Line Spacing+- AFont Size+- Print",
    "Top Left Link Buttons", "  • English", "Category Archives", "Share on Facebook Twitter", "English",
    "Source: Committee on Statistics", "a - a", "A+ A-", "2024 All rights reserved", "ALL RİGHTS RESERVED",
    "all rights reſerved", "line spacıng", "Photo: Reuters", "Print\n", "Kazakhstan-China talks", "",
    "a" * 30 + "Link Buttons", "a" * 31 + "Link Buttons", "a" * 29 + " Link Buttons  \n", "Top Left LINK BUTTONS\t",
    "Top Left Linᴋ Buttons", "Top Left Lin\u212a Buttons", "x" * 29 + " breadcrumbs ", "x" * 30 + " breadcrumbs",
])
def test_furniture_examples(text: str) -> None:
    assert is_furniture(text) is any(pattern.search(text) for pattern in DROP_LINE)


@settings(max_examples=400, deadline=None)
@given(FURNITURE_LINES)
def test_furniture_agrees_with_reference(text: str) -> None:
    assert is_furniture(text) is any(pattern.search(text) for pattern in DROP_LINE)


OLD_YEAR_EVIDENCE = (
    re.compile(r"\bfor (?:the (?:period|years) )?(?P<year>20\d\d)\s*[-–]\s*(?:20)?\d\d\b"),
    re.compile(r"\b(?:during|throughout|since the beginning of|(?:months|quarters?|half|results|end|start) of)"
               r" (?P<year>20\d\d)\b"),
    re.compile(r"\b(?P<year>20\d\d) (?:presidential|parliamentary|general|local) elections?\b"),
    re.compile(r"\b(?:this|current) year,? (?P<year>20\d\d)\b"),
)
YEAR_WORDS = st.sampled_from([
    "for", "the", "period", "years", "year", "year,", "2017", "2017-2018", "2019–20", "-", "during", "throughout",
    "since", "beginning", "of", "months", "quarter", "half", "results", "end", "start", "presidential",
    "local", "elections", "election", "this", "current", "For", "2025", "\n", "nine",
])
YEAR_TEXTS = st.one_of(st.text(), st.lists(YEAR_WORDS, max_size=40).map(" ".join))


@settings(max_examples=400, deadline=None)
@given(YEAR_TEXTS)
def test_year_evidence_agrees_with_reference(text: str) -> None:
    expected = [int(m.group("year")) for pattern in OLD_YEAR_EVIDENCE for m in pattern.finditer(text)]
    assert date_finder.year_evidence(text) == expected


NAMES = frozenset(("Kazakhstan", "Kazakh", "Baku", "UN", "Astana"))
GLUE_WORDS = st.sampled_from([
    "Kazakhstanwhere", "Kazakhstan", "where", "betweenofficials", "between", "officials", "Bakuand", "and",
    "ofthe", "the", "throughout", "Kazakhstani", "İstanbul", "agreementsigned", "signed", "thereports", "reports",
    "Astanawhile", ",", ".", "\n", "-", "UNmembers", "members",
])
GLUE_BLOCKS = st.lists(st.lists(GLUE_WORDS, max_size=20).map(" ".join), max_size=6)


@settings(max_examples=300, deadline=None)
@given(GLUE_BLOCKS)
def test_glued_blocks_agree_with_reference(texts: list[str]) -> None:
    blocks = [Block(n, n, text) for n, text in enumerate(texts, start=1)]
    vocabulary = Counter(word for block in blocks for word in glued.WORD.findall(block.text.lower()))
    expected = [glued.split_glued(block.text, NAMES, vocabulary) for block in blocks]
    assert [block.text for block in glued.split_glued_blocks(blocks, NAMES)] == expected


HYPHEN_WORDS = st.sampled_from(["counter", "terrorism", "Counter", "-", "--", " ", "x", "ab", "\n", ".", "1", "é",
                                 "İ", "\u212a", "_"])
HYPHEN_TEXTS = st.one_of(LINES, st.lists(HYPHEN_WORDS, max_size=30).map("".join))


@settings(max_examples=300, deadline=None)
@given(st.lists(HYPHEN_TEXTS, max_size=8), st.lists(HYPHEN_WORDS, max_size=5).map("".join))
def test_measured_vocabulary_agrees_with_reference(texts: list[str], query: str) -> None:
    lines = [Line(n, text) for n, text in enumerate(texts, start=1)]
    expected = frozenset(w.lower() for line in lines if line.text for w in WORD.findall(line.text))
    vocabulary = measure(lines).vocabulary
    # Every word, every piece of one, and arbitrary strings are in it exactly when they are in the reference.
    pieces = {piece for word in expected for piece in (word, *word.split("-"), word.replace("-", ""), word[1:])}
    for word in (*pieces, query, query.lower(), "counter-terrorism", "counterterrorism", "terrorism", ""):
        assert (word in vocabulary) is (word in expected), word


@settings(max_examples=300, deadline=None)
@given(st.one_of(LINES, st.lists(st.sampled_from(["a", " ", "\t", "\f", "\v", "\u00a0", "\u200b", "\u00ad",
                                                    "\u3000", "\x1c", "\r"]), max_size=20).map("".join)))
def test_normalise_agrees_with_reference(raw: str) -> None:
    stripped = " ".join(INVISIBLE.sub("", SPACES.sub(" ", raw)).split())
    assert normalise(7, raw) == Line(7, stripped, spacer=bool(raw) and not stripped)


# Patterns that began with \\b, and the rewrites that check the boundary after the first character.
OLD_WORD_PATTERNS = [
    (unknown.PERSON_LIKE, re.compile(
        r"\b(?:[A-Z]\.\s?|[A-Z][a-z]+\s)[A-Z][a-z]+(?:ov|ev|yev|iyev|ova|eva|enko|uly|kyzy|"
        r"dze|shvili|yan|ian|zade|bek|bayev|beyli|oglu|ski|sky)\b")),
    (unknown.BODY_LIKE, re.compile(
        r"\b(?:[A-Z][a-z]+\s(?:(?:of|for|and|on|the)\s)*){1,5}(?:Organi[sz]ation|Council|Union|"
        r"Committee|Agency|Forum|Commission|Bank|Fund|Assembly|Parliament|Party|Institute|"
        r"Association|Conference|Community|Corporation|Group|Secretariat|Structure|Initiative)\b")),
    (unknown.ACRONYM, re.compile(r"\b[A-Z]{3,6}\b")),
    (unknown.LOWER_WORD, re.compile(r"\b[a-z]+\b")),
    (glued.TOKEN, re.compile(r"\b[A-Za-z]{5,}\b")),
    (glued.WORD, re.compile(r"\b[a-z]+\b")),
]
NAME_WORDS = st.sampled_from([
    "Khalaf", "Khalafov", "N.", "Patrushev", "Eurasian", "Economic", "Forum", "of", "the", "and", "Council",
    "Working", "Group", "CJSC", "OSCE", "NATO", "X", "Xx", "abc", "abcdefg", "_", "1", "é", "Ç", "İ", "-", ".",
    ",", " ", "  ", "\n", "Kazakhstan", "Kazakh", "Kazakhstanwhere", "US", "USA", "Astana", "Astana Opera",
])
NAME_TEXTS = st.one_of(st.text(), st.lists(NAME_WORDS, max_size=30).map(" ".join),
                       st.lists(NAME_WORDS, max_size=30).map("".join))


@settings(max_examples=400, deadline=None)
@given(NAME_TEXTS)
def test_word_start_patterns_agree_with_reference(text: str) -> None:
    for new, old in OLD_WORD_PATTERNS:
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], old.pattern


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["US", "USA", "Kazakh", "Kazakhstan", "N. Patrushev", "Astana", "é", "_x", "(c)",
                                 "1st", "Ab"]), min_size=1, max_size=8), NAME_TEXTS)
def test_word_start_trie_agrees_with_reference(words: list[str], text: str) -> None:
    new = re.compile(word_start_trie_pattern(sorted(words)) + r"(?![\w])")
    old = re.compile(r"(?<![\w])(?:" + trie_pattern(sorted(words)) + r")(?![\w])")
    assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]


WRAP_WORDS = st.sampled_from(["develop-", "ment", "counter-", "terrorism", "counter-terrorism", "Counterterrorism",
                              "cultural-", "humanitarian", "the", "talks.", "Kazakh-", "Kyrgyz", "-", "—", "İ-", "x"])
WRAPPED = st.lists(st.one_of(st.just(""), st.lists(WRAP_WORDS, min_size=1, max_size=12).map(" ".join)), max_size=30)


@settings(max_examples=300, deadline=None)
@given(WRAPPED)
def test_reflow_joins_with_the_whole_vocabulary(texts: list[str]) -> None:
    lines = [Line(n, text) for n, text in enumerate(texts, start=1)]
    vocabulary = measure(lines).vocabulary
    for block in reflow(lines):
        parts = [line.text for line in lines if block.first <= line.number <= block.last and line.text]
        assert block.text == join_lines(parts, vocabulary)


def _unglued(line: Line, stamp: str | None) -> Line:
    """Widgets glued before a dateline (rules version 5): the dateline stays."""
    rest = _dated_rest(line.text) if line.text and not stamp else None
    return Line(line.number, rest) if rest else line


def strip_reference(lines: list[Line], repeated: frozenset[str]) -> tuple[list[Line], list[tuple[int, str]]]:
    """strip_furniture as it was: every rule tried on every line."""
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
        line = _unglued(line, stamp)
        text = line.text
        noise = any(p.search(text) for p in DROP_LINE) or furniture.is_artefact(text)
        if text and (stamp or noise or furniture.line_key(text) in repeated):
            if furniture.ARCHIVE_HEADER.match(text):
                for index in range(len(kept) - 1, -1, -1):
                    if kept[index].text:
                        if len(kept[index].text.split()) <= 3 and not kept[index].text.endswith(tuple(".!?")):
                            kept[index] = Line(kept[index].number, "")
                        break
            kept.append(Line(line.number, ""))
            continue
        if len(text) >= SENTENCE and text.endswith(SENTENCE_END):
            seen += len(text)
        kept.append(line)
    return kept, stamps


START_WORDS = st.sampled_from([
    "Related articles", "Read also", "More news", "Foreign press", "Most read", "Leave a reply", "12 comments",
    "Share this story", "Created at : 8.06.2018, 10:40", "Published on 2018", "Date: 15.03.2018", "B.", "iv)", "IV)",
    "•", "Category Archives", "Kazakhstan", "Print", "a" * 120, "Home: Main", "Photo: AP", "©", ":", "\n",
])
STRIP_LINES = st.lists(st.one_of(FURNITURE_LINES, st.lists(START_WORDS, max_size=4).map(" ".join), START_WORDS),
                       max_size=25)


@settings(max_examples=400, deadline=None)
@given(STRIP_LINES, st.booleans())
def test_strip_furniture_agrees_with_reference(texts: list[str], with_repeated: bool) -> None:
    lines = [normalise(number, text) for number, text in enumerate(texts, start=1)]
    repeated = frozenset(furniture.line_key(text) for text in texts[::3] if with_repeated)
    assert strip_furniture(lines, repeated) == strip_reference(lines, repeated)
