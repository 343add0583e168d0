from __future__ import annotations

import hashlib

import pytest

from site_builder.ingest.slugs import MAX_LENGTH, slugify, unique_slug


@pytest.mark.parametrize(("title", "slug"), [
    ("Kazakhstan and Azerbaijan Strengthen Friendship", "kazakhstan-and-azerbaijan-strengthen-friendship"),
    ("SCO Opens in Tajikistan: Pakistan’s Imran Khan", "sco-opens-in-tajikistan-pakistans-imran-khan"),
    ("Türkiye and Azərbaycan", "turkiye-and-azerbaycan"),
    # path tricks and names no file system accepts: only [a-z0-9-] ever remains
    ("../../etc/passwd", "etc-passwd"), ("/etc/passwd", "etc-passwd"), ("C:\\Windows\\system32", "c-windows-system32"),
    ("CON", "con-article"), ("nul", "nul-article"), ("COM1", "com1-article"), ("LPT9", "lpt9-article"),
    # non-Latin titles: transliterated, or a stable hash when nothing Latin is left
    ("Президент Казахстана посетил Баку", "prezident-kazakhstana-posetil-baku"),
    ("Қазақстан және Әзірбайжан", "qazaqstan-zhane-azirbayzhan"),
    ("Ｋａｚａｋｈｓｔａｎ Ｔｏｄａｙ", "kazakhstan-today"),  # full-width look-alikes fold to ASCII
    ("¡¿?!", "article-" + hashlib.sha256("¡¿?!".encode()).hexdigest()[:10]),
    ("..", "article-" + hashlib.sha256(b"..").hexdigest()[:10]),
    ("中国与哈萨克斯坦", "article-" + hashlib.sha256("中国与哈萨克斯坦".encode()).hexdigest()[:10]),
])
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_long_slugs_are_cut_at_a_word() -> None:
    slug = slugify("word " * 40)
    assert len(slug) <= MAX_LENGTH and not slug.endswith("-")


def test_unique_slug() -> None:
    assert unique_slug("a", set()) == "a"
    assert unique_slug("a", {"a", "a-2"}) == "a-3"


def test_different_non_latin_titles_get_different_slugs() -> None:
    assert slugify("中国") != slugify("日本") and slugify("中国") == slugify("中国")


def test_long_slugs_are_capped_whatever_the_title() -> None:
    for title in ("x" * 500, "word " * 400, "Казахстан " * 100):
        assert 0 < len(slugify(title)) <= MAX_LENGTH
