"""search.py: shard names, the bundles Pagefind writes per shard, the manifest, and reuse of unchanged shards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder.errors import ContentError
from site_builder.search import MAX_YEAR_SHARDS, SHARDS_FILE, UNDATED, SearchDocument, index_site, shard_of

BASE = "/archive/"


@pytest.mark.parametrize(("year", "years", "expected"), [
    (2017, [2017, 2018], "2017"),
    (None, [2017, 2018], UNDATED),
    (None, [], UNDATED),
    (2017, [], "2017"),  # the article's own year always counts
    (2017, list(range(2010, 2010 + MAX_YEAR_SHARDS)), "2017"),  # still one shard a year
    (2017, list(range(2000, 2001 + MAX_YEAR_SHARDS)), "2016-2017"),  # past the limit: calendar spans
    (2016, list(range(2000, 2001 + MAX_YEAR_SHARDS)), "2016-2017"),
    (2018, [*range(1990, 2030), None], "2018-2019"),  # undated articles do not count as a year
])
def test_shard_of(year: int | None, years: list[int | None], expected: str) -> None:
    assert shard_of(year, years) == expected


def test_a_span_never_moves_when_articles_are_added() -> None:
    many = list(range(1990, 2030))
    assert {shard_of(y, many) for y in (2010, 2011)} == {"2010-2011"}
    assert shard_of(2010, [*many, 2031, 1950]) == "2010-2011"


def page(url: str, words: str, year: int | None) -> SearchDocument:
    html = (f'<!doctype html><html lang="en"><head><title>{words}</title></head><body><main data-pagefind-body>'
            f'<h1>{words}</h1><p>{words} in the archive.</p>'
            f'<span data-pagefind-filter="year">{year or "undated"}</span>'
            f'<span data-pagefind-sort="date">{year or 0}-01-01</span></main></body></html>')
    return SearchDocument(url, html, year)


DOCUMENTS = [
    page("/archive/articles/2017/astana-summit/", "Astana summit", 2017),
    page("/archive/articles/2017/baku-talks/", "Baku talks", 2017),
    page("/archive/articles/2018/tashkent-forum/", "Tashkent forum", 2018),
    page("/archive/articles/undated/letter/", "An undated letter", None),
]


def manifest(site: Path) -> list[dict[str, str]]:
    shards: list[dict[str, str]] = json.loads((site / "pagefind" / SHARDS_FILE).read_text("utf-8"))["shards"]
    return shards


def test_one_bundle_per_shard_listed_newest_first(tmp_path: Path) -> None:
    stats = index_site(tmp_path, iter(DOCUMENTS[::-1]), base_path=BASE)  # any order in, the same bundles out
    shards = manifest(tmp_path)
    assert [s["name"] for s in shards] == ["2018", "2017", UNDATED]
    assert [s["bundle"] for s in shards] == [f"{BASE}pagefind/{name}/" for name in ("2018", "2017", UNDATED)]
    for shard in shards:
        bundle = tmp_path / "pagefind" / shard["name"]
        assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert (tmp_path / "pagefind" / "pagefind-ui.js").is_file()  # where the templates link the Default UI
    assert "shards.json" in (tmp_path / "pagefind" / "pagefind.js").read_text("utf-8")  # the UI's Pagefind
    assert (stats.shards, stats.reindexed, stats.reused, stats.documents) == (3, 3, 0, 4)
    entry = json.loads((tmp_path / "pagefind" / "2017" / "pagefind-entry.json").read_text("utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == 2
    assert not list(tmp_path.glob(".search-spool-*")), "the spool is removed"


def test_unchanged_shards_are_reused_and_a_changed_one_reindexed(tmp_path: Path) -> None:
    published, staging = tmp_path / "published", tmp_path / "staging"
    index_site(published, DOCUMENTS, base_path=BASE)
    before = {s["name"]: s["fingerprint"] for s in manifest(published)}
    edited = [*DOCUMENTS[:2], page("/archive/articles/2018/tashkent-forum/", "Tashkent forum, revised", 2018),
              DOCUMENTS[3]]
    stats = index_site(staging, edited, base_path=BASE, previous=published)
    after = {s["name"]: s["fingerprint"] for s in manifest(staging)}
    assert (stats.reindexed, stats.reused) == (1, 2)
    assert after["2017"] == before["2017"] and after[UNDATED] == before[UNDATED]
    assert after["2018"] != before["2018"]
    reused = staging / "pagefind" / "2017" / "pagefind-entry.json"
    assert reused.read_bytes() == (published / "pagefind" / "2017" / "pagefind-entry.json").read_bytes()


def test_an_unreadable_published_manifest_means_reindexing_everything(tmp_path: Path) -> None:
    published = tmp_path / "published"
    index_site(published, DOCUMENTS, base_path=BASE)
    (published / "pagefind" / SHARDS_FILE).write_text("{not json", encoding="utf-8")
    stats = index_site(tmp_path / "staging", DOCUMENTS, base_path=BASE, previous=published)
    assert (stats.reindexed, stats.reused) == (3, 0)


def test_an_empty_archive_still_gets_the_search_ui(tmp_path: Path) -> None:
    stats = index_site(tmp_path, [], base_path=BASE)
    assert stats.shards == 0 and manifest(tmp_path) == []
    assert (tmp_path / "pagefind" / "pagefind-ui.js").is_file()


@pytest.mark.parametrize(("documents", "message"), [
    ([DOCUMENTS[0], DOCUMENTS[0]], "two pages have the URL /archive/articles/2017/astana-summit/"),
    ([page("/elsewhere/articles/x/", "x", 2017)], "outside the base path /archive/"),
    ([page("/archive/articles/../../etc/", "x", 2017)], "leaves the site"),
])
def test_bad_documents_are_named(tmp_path: Path, documents: list[SearchDocument], message: str) -> None:
    with pytest.raises(ContentError, match=message.replace(".", r"\.").replace("/", "/")):
        index_site(tmp_path, documents, base_path=BASE)
