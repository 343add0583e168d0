from __future__ import annotations

from site_builder.ingest.clean import clean_source
from site_builder.ingest.header import read_header
from site_builder.ingest.split import split_blocks


def parts(text: str) -> list[tuple[str | None, str | None, int]]:
    blocks = clean_source(list(enumerate(text.split("\n"), start=1))).blocks
    result = []
    for part in split_blocks(blocks):
        header = read_header(part)
        result.append((header.title, header.author, len(header.body)))
    return result


BODY = "This is the body of the article, long enough to count as a real paragraph of news text for sure."


def test_digest_headings() -> None:
    text = f"FIRST HEADING OF THE DIGEST\n{BODY}\n\nSECOND HEADING HERE\n{BODY}\n\n{BODY}"
    assert parts(text) == [("FIRST HEADING OF THE DIGEST", None, 1), ("SECOND HEADING HERE", None, 2)]


def test_dispatches_with_repeated_titles() -> None:
    one = f"Title One\n\nTitle One\n\nMay 26, 2022 (EIRNS)—{BODY}"
    two = f"Title Two\n\nJune 1 (EIRNS)—{BODY}\n\n{BODY}"
    assert parts(f"{one}\n\n{two}") == [("Title One", None, 1), ("Title Two", None, 2)]


def test_single_article_with_byline_and_dateline() -> None:
    text = f"A Title\n\nBaku, 2 March 2017 –\n\nBeybit Isabayev\n\nAmbassador of the Republic\n\n{BODY}"
    assert parts(text) == [("A Title", "Beybit Isabayev", 1)]


def test_no_title() -> None:
    assert parts(BODY) == [(None, None, 1)]


def test_part_lines_cover_title_and_body() -> None:
    text = f"FIRST HEADING OF THE DIGEST\n{BODY}\n\nSECOND HEADING HERE\n{BODY}"
    blocks = clean_source(list(enumerate(text.split("\n"), start=1))).blocks
    assert [p.lines for p in split_blocks(blocks)] == [(1, 2), (4, 5)]
