"""Fast paths of ingest agree with the plain code they replaced (kept here as the reference)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.ingest.reflow import hyphenated_word, is_heading_line

# Letters of every kind: ASCII, accented, Cyrillic, title case, caseless; and the separators headings have.
CHARS = st.sampled_from(list("ABCXYZabcxyz  -—.,:'0123\u00e9\u00c9\u0416\u0436\u01c5\u4e2d\u00df\n"))
LINES = st.one_of(st.text(), st.lists(CHARS, max_size=200).map("".join))


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
    "ABCDEFGh ijk", "ABCDEFGHIJKLMNOPQRs tu", "",
])
def test_heading_examples(text: str) -> None:
    assert is_heading_line(text) is heading_reference(text)


@settings(max_examples=500, deadline=None)
@given(LINES)
def test_heading_agrees_with_reference(text: str) -> None:
    assert is_heading_line(text) is heading_reference(text)


@pytest.mark.parametrize("text", [
    "develop-", "counter-", "the cultural-", "co-", "-", "x -", "word-\n", "word-\n\n", "naïve-", "Kazakh-",
    "a-b-", "no hyphen", "", "—", "1990-", "abc1-",
])
def test_hyphenated_word_examples(text: str) -> None:
    assert hyphenated_word(text) == hyphen_reference(text)


@settings(max_examples=500, deadline=None)
@given(st.one_of(LINES, LINES.map(lambda text: text + "-"), LINES.map(lambda text: text + "-\n")))
def test_hyphenated_word_agrees_with_reference(text: str) -> None:
    assert hyphenated_word(text) == hyphen_reference(text)
