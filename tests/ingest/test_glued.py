"""Glued words: split only with evidence (a known name, or a function word, before a common word)."""

from __future__ import annotations

from collections import Counter

import pytest

from site_builder.ingest.glued import WORD, split_glued

NAMES = frozenset(("Kazakhstan", "Kazakh", "Azerbaijan", "Baku", "Kazakhstani", "UN"))


@pytest.mark.parametrize(("text", "expected"), [
    ("an official visit to Kazakhstanwhere he spoke", "an official visit to Kazakhstan where he spoke"),
    ("the interaction betweenofficials of the parliaments", "the interaction between officials of the parliaments"),
    ("talks in Bakuand Astana", "talks in Baku and Astana"),
    ("the meeting ofthe ministers", "the meeting of the ministers"),
    ("the delegation met againstthe odds", "the delegation met against the odds"),
    # real words and compounds stay whole
    ("without delay, throughout the year", "without delay, throughout the year"),
    ("we understand the format of the income report", "we understand the format of the income report"),
    ("the afternoon session; beforehand, nevertheless", "the afternoon session; beforehand, nevertheless"),
    ("Kazakhstani officials", "Kazakhstani officials"),
    ("Kazakhstanis abroad", "Kazakhstanis abroad"),
    ("Azerbaijanian", "Azerbaijanian"),
    ("the therapist and the theatre", "the therapist and the theatre"),
])
def test_split_glued(text: str, expected: str) -> None:
    assert split_glued(text, NAMES, Counter(WORD.findall(text.lower()))) == expected


def test_a_token_the_document_uses_twice_is_a_word() -> None:
    text = "Kazakhstanwhere is a brand. Kazakhstanwhere again."
    assert split_glued(text, NAMES, Counter(WORD.findall(text.lower()))) == text


def test_a_tail_known_only_from_the_document_must_be_used_there() -> None:
    without = "relations betweenparliamentarians grew"
    assert split_glued(without, NAMES, Counter(WORD.findall(without.lower()))) == without
    with_evidence = without + "; parliamentarians met"
    assert "between parliamentarians" in split_glued(with_evidence, NAMES, Counter(WORD.findall(with_evidence.lower())))
