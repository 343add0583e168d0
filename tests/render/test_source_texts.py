"""SourceTexts: the source pages' texts read only when asked for, and a digest that stands for them."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from site_builder.ingest import display
from site_builder.render import source_texts
from site_builder.render.source_texts import SourceTexts, texts_digest


def _site(tmp_path: Path) -> tuple[Path, Path]:
    site = tmp_path / "site"
    (site / "content" / "sources").mkdir(parents=True)
    (site / "content" / "articles").mkdir(parents=True)
    (site / "content" / "sources" / "a.txt").write_text("First line\nSecond line\n", encoding="utf-8")
    (site / "content" / "sources" / "b.html").write_text("<p>Hello</p>\n", encoding="utf-8")
    return site, site / "content" / "articles"


PATHS = ("content/sources/a.txt", "content/sources/b.html", "content/sources/missing.txt")


def test_only_existing_sources_are_keys_and_nothing_is_decoded_until_asked(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    site, articles = _site(tmp_path)
    calls: list[str] = []
    real = display.source_text
    monkeypatch.setattr(source_texts, "source_text", lambda f, p, a: calls.append(p) or real(f, p, a))
    texts = SourceTexts(site, articles, PATHS)
    assert list(texts) == ["content/sources/a.txt", "content/sources/b.html"] and len(texts) == 2
    assert "content/sources/missing.txt" not in texts
    texts.digest()
    assert calls == []
    assert texts["content/sources/a.txt"] == "First line\nSecond line\n"
    assert texts["content/sources/a.txt"] and calls == ["content/sources/a.txt"]  # decoded once
    with pytest.raises(KeyError):
        texts["content/sources/missing.txt"]


def test_the_digest_follows_the_bytes_and_the_stored_extraction(tmp_path: Path) -> None:
    site, articles = _site(tmp_path)
    before = SourceTexts(site, articles, PATHS).digest()
    assert SourceTexts(site, articles, PATHS).digest() == before
    (site / "content" / "sources" / "a.txt").write_text("First line\nChanged line\n", encoding="utf-8")
    edited = SourceTexts(site, articles, PATHS).digest()
    assert edited != before
    html = (site / "content" / "sources" / "b.html").read_bytes()
    stored = articles / display.STORE / f"{hashlib.sha256(html).hexdigest()}.txt"
    stored.parent.mkdir()
    stored.write_text("1\tHello\n", encoding="utf-8")  # what the page shows now comes from ingest's extraction
    assert SourceTexts(site, articles, PATHS).digest() != edited


def test_hashes_known_from_ingest_stand_for_the_bytes(tmp_path: Path) -> None:
    site, articles = _site(tmp_path)
    real = SourceTexts(site, articles, PATHS).digest()
    known = {p: hashlib.sha256((site / p).read_bytes()).hexdigest() for p in PATHS[:2]}
    assert SourceTexts(site, articles, PATHS, known).digest() == real
    assert SourceTexts(site, articles, PATHS, {**known, PATHS[0]: "0" * 64}).digest() != real


def test_texts_given_in_full_have_a_digest_of_their_own() -> None:
    assert texts_digest({"a": "x"}) == texts_digest({"a": "x"}) != texts_digest({"a": "y"})
