from __future__ import annotations

import pytest

from site_builder.ingest.clean import clean_source
from site_builder.ingest.furniture import after_widgets, is_today_header, repeated_lines
from site_builder.ingest.reflow import keeps_hyphen


def paragraphs(text: str, repeated: frozenset[str] = frozenset()) -> list[str]:
    return [b.text for b in clean_source(list(enumerate(text.split("\n"), start=1)), repeated).blocks]


@pytest.mark.parametrize(("left", "right", "vocabulary", "hyphen"), [
    ("develop", "ment", set(), False), ("cultural", "humanitarian", set(), True),
    ("negotia", "tions", set(), False), ("self", "isolation", set(), True), ("Kazakh", "Kyrgyz", set(), True),
    ("trade", "economic", {"trade-economic"}, True), ("counter", "terrorism", {"counterterrorism"}, False),
])
def test_hyphenation(left: str, right: str, vocabulary: set[str], hyphen: bool) -> None:
    assert keeps_hyphen(left, right, frozenset(vocabulary)) is hyphen


@pytest.mark.parametrize(("line", "kept"), [
    ("You are here: Main page »» Diplomatic Chapter »»", False),
    ("\u00a00 comment Line Spacing+- AFont Size+- Print", False),
    ("Top Left Link Buttons", False), ("  • English", False), ("Category Archives", False), ("B.", False),
    ("Share on Facebook Twitter", False), ("Source: Committee on Statistics", True), ("English", False),
])
def test_furniture_lines(line: str, kept: bool) -> None:
    text = f"A long enough first paragraph of the article, ending in a full stop.\n\n{line}\n\nLast one."
    assert (line.strip() in " ".join(paragraphs(text))) is kept


def test_end_markers_cut_the_rest() -> None:
    body = "The article text is long enough to be an article and says several things. " * 3
    assert paragraphs(f"{body}\n\nRelated articles\n\nSomething else\n\nMore") == [body.strip()]


def test_stamps_are_removed_and_kept() -> None:
    cleaned = clean_source([(1, "Text of the article."), (2, "Created at : 8.06.2018, 10:40")])
    assert [b.text for b in cleaned.blocks] == ["Text of the article."]
    assert cleaned.stamps == ((2, "8.06.2018, 10:40"),)


def test_repeated_lines_across_sources_are_furniture() -> None:
    sources = [["Subscribe to our newsletter", f"Article {n} text."] for n in range(5)]
    repeated = repeated_lines(sources)
    assert "subscribe to our newsletter" in repeated and "article 1 text." not in repeated
    assert paragraphs("Subscribe to our newsletter\n\nArticle text here.", repeated) == ["Article text here."]


def test_non_breaking_and_invisible_spaces() -> None:
    assert paragraphs("Sept.\u00a016,\u200b 2021\u2009here") == ["Sept. 16, 2021 here"]


def test_line_ranges_survive_cleaning() -> None:
    text = "TITLE OF A DIGEST ITEM\n\nline one of a paragraph that wraps\n\nand goes on\n\n \n\nNext paragraph."
    blocks = clean_source(list(enumerate(text.split("\n"), start=1))).blocks
    assert (blocks[0].first, blocks[0].last) == (1, 1)


def test_lost_table_is_kept_as_rows() -> None:
    cells = "\n\n".join(["$1 million", "$2 million", "", "$3 million", "$4 million", "", "+5 percent", "-6 percent"])
    text = f"Turnover between the countries\n\n\n{cells}\n\nSource: statistics committee"
    blocks = clean_source(list(enumerate(text.split("\n"), start=1))).blocks
    table = [b for b in blocks if b.kind == "table"]
    assert table and table[0].text == "- $1 million | $2 million\n- $3 million | $4 million\n- +5 percent | -6 percent"


@pytest.mark.parametrize(("line", "rest"), [
    ("0 Comment(s)Print E-mail Xinhua, September 3, 2013", "Xinhua, September 3, 2013"),
    ("Print | E-mail | Share 12.03.2019", "12.03.2019"), ("Share", None), ("Printing plant opens", None),
    ("Emailed statements", None), ("Tokayev meets Putin", None),
])
def test_what_follows_sharing_widgets(line: str, rest: str | None) -> None:
    assert after_widgets(line) == rest


@pytest.mark.parametrize(("line", "today"), [
    ("Saturday, June 10, 2023", True), ("Friday, 25 January 2008", True), ("Τετάρτη 6 Νοεμβρίου 2013", True),
    ("Tuesday, 18 April 2023 16:30", False), ("Thursday, June 16, 2022 - Read: 224", False),
    ("Monday talks in Baku end 3 May 2020", False), ("Saturday", False), ("June 10, 2023", False),
    ("Sunday, June 2023", False),
])
def test_todays_header(line: str, today: bool) -> None:
    assert is_today_header(line) is today


@pytest.mark.parametrize(("text", "kept"), [
    ("Saturday, June 10, 2023\n\nMinisters met in Tashkent on Monday.", False),
    ("Ministers met in Tashkent on Monday.\n\nSaturday, June 10, 2023", True),
    ("0 Comment(s)Print E-mail Xinhua, September 3, 2013", True),
])
def test_a_date_line_kept_or_dropped(text: str, kept: bool) -> None:
    assert any("2013" in p or "2023" in p for p in paragraphs(text)) is kept
