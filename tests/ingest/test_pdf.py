"""The PDF reader on PDFs made from real texts (tests/ingest/pdfs.py): a newsletter of six articles over four
pages, a two-column page, a scanned page, encrypted and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.authority import load_authority
from site_builder.config import BUILTIN_ENTITIES
from site_builder.ingest.entities import build_matcher
from site_builder.ingest.read import SourceError, decode_source
from site_builder.ingest.source_articles import extract_articles
from site_builder.ingest.unknown import load_ignored
from tests.ingest import pdfs

ENTITIES = BUILTIN_ENTITIES


@pytest.fixture(scope="module")
def matcher():  # type: ignore[no-untyped-def]
    return build_matcher(load_authority(ENTITIES), load_ignored(ENTITIES))


def test_a_newsletter_is_read_page_by_page_and_split_into_its_articles(matcher) -> None:  # type: ignore[no-untyped-def]
    source = decode_source(pdfs.newsletter(), "content/sources/bulletin.pdf")
    assert [page for _, page in source.pages] == [1, 2, 3, 4]
    assert source.lines[0] == (1, "KAZAKHSTAN AND AZERBAIJAN STRENGTHEN FRIENDSHIP AND COOPERATION")
    assert not any(text.strip() in {"1", "2", "3", "4"} for _, text in source.lines)  # page numbers dropped
    pdf = extract_articles(source, matcher)
    text = extract_articles(decode_source(pdfs.SEED.read_bytes(), "content/sources/seed.txt"), matcher)
    # The PDF reads as its own text export does: the same six articles, titles, dates and (re-flowed,
    # de-hyphenated) bodies but for a word or two at page breaks.
    assert [d.article.title for d in pdf] == [d.article.title for d in text]
    assert len(pdf) == 6
    assert [d.article.date for d in pdf] == [d.article.date for d in text]
    for ours, theirs in zip(pdf, text, strict=True):
        assert abs(len(ours.article.body) - len(theirs.article.body)) < 10
    assert "cultural-humanitarian cooperation" in pdf[0].article.body
    ranges = [source.page_range(d.lines) for d in pdf]
    assert ranges[0] == (1, 1) and ranges[1] == (1, 2) and ranges[-1] == (3, 4)


def test_two_columns_drawn_across_the_page_are_read_column_by_column() -> None:
    source = decode_source(pdfs.two_column(), "content/sources/columns.pdf")
    text = " ".join(t for _, t in source.lines if t).replace("Baku- ", "Baku-")  # wrapped at its hyphen
    assert pdfs.LEFT in text and pdfs.RIGHT in text
    assert [n for n, t in source.lines if t.startswith("Baku")] == [9]  # the right column after the left


@pytest.mark.parametrize(("make", "words", "hint"), [
    (pdfs.scanned, "no text layer (only scanned images, 1 page)", "OCR"),
    (pdfs.encrypted, "encrypted with a password", "unencrypted copy"),
    (pdfs.broken, "broken and cannot be read", "download or export the PDF again"),
    (lambda: b"%PDF-1.4\n" + b"garbage " * 100, "cannot be read", "PDF again"),
    (lambda: b"<html>not a pdf</html>", "is not a PDF", "rename"),
])
def test_unreadable_pdfs_are_named_errors_with_a_hint(make, words: str, hint: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SourceError) as error:
        decode_source(make(), "content/sources/bad.pdf")
    message = str(error.value)
    assert "content/sources/bad.pdf" in message and words in message and hint in message


def test_a_pdf_encrypted_with_an_empty_user_password_is_read() -> None:
    source = decode_source(pdfs.encrypted(""), "content/sources/open.pdf")
    assert any("foreign ministers" in text for _, text in source.lines)


def test_the_sample_sites_bulletin_is_the_one_this_module_makes() -> None:
    committed = Path(__file__).resolve().parents[1] / "sample_site" / "content" / "sources" / "bulletin.pdf"
    assert committed.read_bytes() == pdfs.sample_bulletin(), "regenerate it with pdfs.sample_bulletin()"
