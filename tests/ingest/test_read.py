from __future__ import annotations

import codecs
from dataclasses import replace

import pytest

from site_builder.ingest.read import MAX_BYTES, SourceError, SourceHints, decode_source

TEXT = "Қазақстан and Azerbaijan – «friendship»\nSecond line"


@pytest.mark.parametrize(("data", "encoding"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
])
def test_unicode_encodings(data: bytes, encoding: str) -> None:
    source = decode_source(data, "s.txt")
    assert source.text == TEXT and source.encoding == encoding
    assert source.lines == ((1, TEXT.split("\n")[0]), (2, "Second line"))


def test_cp1251() -> None:
    text = "Президент Казахстана Нурсултан Назарбаев посетил Баку, где провёл переговоры с Алиевым. " * 3
    assert decode_source(text.encode("cp1251"), "s.txt").text == text


def test_latin1() -> None:
    text = "Le président français a visité Astana et Bakou pour des entretiens économiques. " * 3
    assert decode_source(text.encode("latin-1"), "s.txt").text == text


@pytest.mark.parametrize(("data", "words"), [
    (b"", "empty"),
    (b"  \n ", "empty"),
    (b"%PDF\x00\x00\x01", "NUL"),
    (b"x" * (MAX_BYTES + 1), "20 MB"),
])
def test_not_text_is_a_clear_error(data: bytes, words: str) -> None:
    with pytest.raises(SourceError) as error:
        decode_source(data, "content/sources/x.bin")
    assert words in str(error.value) and "content/sources/x.bin" in str(error.value)


def test_line_endings_are_normalised() -> None:
    assert decode_source(b"a\r\nb\rc", "s.txt").lines == ((1, "a"), (2, "b"), (3, "c"))


def test_html_lines_keep_their_source_line() -> None:
    page = b"<html><body>\n<nav>Menu</nav>\n<h1>Title here</h1>\n<p>First\nparagraph</p>\n</body></html>"
    lines = [pair for pair in decode_source(page, "p.html").lines if pair[1]]
    assert lines == [(3, "Title here"), (4, "First paragraph")]


def test_a_source_without_pages_has_no_page_range() -> None:
    source = decode_source(b"Title\n\nText.\n", "content/sources/a.txt")
    assert source.hints == SourceHints() and source.page_range((1, 3)) is None


@pytest.mark.parametrize(("lines", "pages"), [((1, 5), (1, 1)), ((5, 12), (1, 2)), ((12, 30), (2, 3)),
                                              ((31, 40), (3, 3))])
def test_page_range_names_the_pages_a_line_range_lies_on(lines: tuple[int, int], pages: tuple[int, int]) -> None:
    source = replace(decode_source(b"x\n", "content/sources/a.pdf.txt"), pages=((1, 1), (10, 2), (25, 3)))
    assert source.page_range(lines) == pages
