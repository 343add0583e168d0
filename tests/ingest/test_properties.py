"""Arbitrary text never crashes cleaning, splitting or date finding."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.ingest import date_finder
from site_builder.ingest.body_markdown import body_markdown
from site_builder.ingest.clean import clean_source
from site_builder.ingest.header import read_header
from site_builder.ingest.split import split_blocks

WORDS = st.sampled_from(["Astana", "March", "15", "2018", "—", "-", "SCO", "B.", "\u00a0", " ", "\n", "\n\n", "1.",
                         "(EIRNS)", "Related articles", "KAZAKHSTAN", "Sept.", "29-30", "$1.6 billion", "<b>", "*"])
TEXTS = st.one_of(st.text(), st.lists(WORDS, max_size=80).map(" ".join))


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_clean_split_never_crash(text: str) -> None:
    cleaned = clean_source(list(enumerate(text.split("\n"), start=1)))
    for part in split_blocks(cleaned.blocks):
        header = read_header(part)
        body_markdown(header.body)
        first, last = part.lines
        assert first <= last


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_dates_never_crash(text: str) -> None:
    for mention in date_finder.find_dates(text):
        assert 1 <= mention.month <= 12
    date_finder.dateline(text)
    date_finder.year_evidence(text)
