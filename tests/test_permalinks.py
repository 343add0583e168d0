"""Permalink history: old URLs of an article keep working through redirect pages."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from site_builder import permalinks
from site_builder.errors import ContentError
from site_builder.model import Article, PartialDate, SourceRef
from site_builder.urls import Urls

URLS = Urls("https://example.org/archive/")


def make_article(slug: str = "visit", year: int | None = 2017, part: int = 1, path: str = "a.md") -> Article:
    return Article(title="A visit", slug=slug, date=PartialDate(year, 4, 3) if year else PartialDate(),
                   date_basis="stated", author=None, countries=(), countries_mentioned=(), organisations=(),
                   people=(), summary=None, source=SourceRef("content/sources/s.txt", "0" * 64, part, 2, (1, 9)),
                   body="Text.", path=path)


def test_identity_prefers_the_source_part_over_the_file() -> None:
    article = make_article()
    assert permalinks.identity(article) == "source:content/sources/s.txt#1"
    assert permalinks.identity(replace(article, source=None)) == "file:a.md"


def test_record_appends_new_paths_once_and_keeps_old_ones() -> None:
    first = permalinks.record(permalinks.PermalinkHistory({}), [make_article()], URLS)
    again = permalinks.record(first, [make_article()], URLS)
    moved = permalinks.record(again, [make_article(slug="state-visit")], URLS)
    assert again == first
    assert moved.paths["source:content/sources/s.txt#1"] == ("articles/2017/visit/", "articles/2017/state-visit/")


@pytest.mark.parametrize(
    ("changed", "old_url"),
    [
        (make_article(slug="state-visit"), "/archive/articles/2017/visit/"),
        (make_article(year=2018), "/archive/articles/2017/visit/"),
        (make_article(year=None), "/archive/articles/2017/visit/"),
    ],
)
def test_a_changed_slug_or_date_leaves_a_redirect(changed: Article, old_url: str) -> None:
    history = permalinks.record(permalinks.PermalinkHistory({}), [make_article()], URLS)
    history = permalinks.record(history, [changed], URLS)
    assert permalinks.redirects(history, [changed], URLS) == {old_url: URLS.article(changed)}


def test_an_old_url_taken_by_another_article_is_not_redirected() -> None:
    history = permalinks.record(permalinks.PermalinkHistory({}), [make_article()], URLS)
    moved = make_article(slug="renamed")
    newcomer = make_article(part=2, path="b.md")  # now owns /articles/2017/visit/
    history = permalinks.record(history, [moved, newcomer], URLS)
    assert permalinks.redirects(history, [moved, newcomer], URLS) == {}


def test_a_removed_article_gets_no_redirect() -> None:
    history = permalinks.record(permalinks.PermalinkHistory({}), [make_article()], URLS)
    assert permalinks.redirects(history, [], URLS) == {}


def test_history_round_trips_and_is_saved_only_when_changed(tmp_path: Path) -> None:
    file = tmp_path / "content" / "permalinks.json"
    history = permalinks.record(permalinks.PermalinkHistory({}), [make_article()], URLS)
    assert permalinks.save_history(file, history) is True
    assert permalinks.save_history(file, history) is False
    assert permalinks.load_history(file) == history
    assert json.loads(file.read_text()) == {"source:content/sources/s.txt#1": ["articles/2017/visit/"]}


def test_a_corrupt_history_is_a_content_error_naming_the_file(tmp_path: Path) -> None:
    file = tmp_path / "permalinks.json"
    file.write_text("{not json")
    with pytest.raises(ContentError, match=r"permalinks\.json"):
        permalinks.load_history(file)


def test_redirect_page_escapes_its_target_and_points_to_it() -> None:
    page = permalinks.redirect_page('/a/"><script>x</script>/', 'https://e.org/a/"><script>x</script>/').decode()
    assert "<script>x" not in page
    assert 'http-equiv="refresh" content="0; url=/a/&quot;&gt;&lt;script&gt;' in page
    assert '<link rel="canonical" href="https://e.org/a/&quot;' in page
