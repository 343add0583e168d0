"""search.py: shard names, the bundles Pagefind writes per shard, the manifest, and reuse of unchanged shards."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rebuild_harness import _cbor as pagefind_cbor
from rebuild_harness import _payload as pagefind_payload

from site_builder import search_plan
from site_builder.errors import ContentError
from site_builder.search import (
    BODY_END,
    SHARDS_FILE,
    SearchDocument,
    SearchStats,
    index_site,
    searched_part,
)
from site_builder.search_plan import MB, MEMORY, SINGLE, UNDATED, MemoryModel, plan_bundles

BASE = "/archive/"


# Bundles of at most 900 bytes of HTML: two of the small pages below fit, three do not, so the pages of each
# year make a bundle of their own. The tests of reuse and of how Pagefind reads pages use it.
YEARLY = MemoryModel(base_mb=0.0, mb_per_html_mb=1.0, budget_mb=900 / MB)


@pytest.fixture(autouse=True)
def yearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_plan, "MEMORY", YEARLY)


def test_an_archive_that_fits_is_one_bundle() -> None:
    planned = plan_bundles([(2017, 15_000), (2018, 15_000), (None, 15_000)] * 600)
    assert [(b.name, len(b.members)) for b in planned] == [(SINGLE, 1800)]
    assert MEMORY.fits(2000 * 15_000) and not MEMORY.fits(20_000 * 15_000)


def test_beyond_one_bundle_years_are_packed_newest_first_into_as_few_as_memory_allows() -> None:
    model = MemoryModel(base_mb=0.0, mb_per_html_mb=1.0, budget_mb=3.0)  # three pages of 1 MB a bundle
    documents = [(2020, MB), (2019, MB), (2019, MB), (2018, MB), (2017, MB), (2016, MB), (None, MB), (2020, MB)]
    planned = plan_bundles(documents, model)
    assert [b.name for b in planned] == ["2020", "2018-2019", "2016-2017-undated"]
    assert [sorted(documents[i][0] or 0 for i in b.members) for b in planned] == [
        [2020, 2020], [2018, 2019, 2019], [0, 2016, 2017]]
    assert all(b.html_bytes <= model.capacity for b in planned)


def test_a_year_too_large_for_one_bundle_is_split() -> None:
    model = MemoryModel(base_mb=0.0, mb_per_html_mb=1.0, budget_mb=2.0)
    planned = plan_bundles([(2017, MB)] * 5 + [(None, MB)], model)
    assert [b.name for b in planned] == ["2017", "2017.2", "2017-undated"]


def test_a_split_year_is_split_by_date() -> None:
    model = MemoryModel(base_mb=0.0, mb_per_html_mb=1.0, budget_mb=2.0)
    dates = ["2017-03-01", "2017-12-01", "2017-01-05", "2017-07-30"]
    planned = plan_bundles([(2017, MB)] * 4, model, lambda position: dates[position])
    assert [[dates[i] for i in b.members] for b in planned] == [["2017-12-01", "2017-07-30"],
                                                              ["2017-03-01", "2017-01-05"]]


def test_the_plan_at_archive_scale() -> None:
    """The measured model on pages of 15 KB: 2 000 articles one bundle, 20 000 two, 100 000 ten (two years each)."""
    for count, bundles in ((2000, 1), (8000, 1), (20_000, 2), (100_000, 10)):
        documents = [(2005 + i % 20, 15_000) for i in range(count)]
        planned = plan_bundles(documents)
        assert len(planned) == bundles, count
        assert all(MEMORY.fits(b.html_bytes) for b in planned)


def page(folder: Path, url: str, words: str, year: int | None, marked: bool = True) -> SearchDocument:
    """An article page written under `folder`, as the renderer would have written it (`marked`: with the
    comment after its body that lets the spool keep the body alone)."""
    html = (f'<!doctype html><html lang="en"><head><title>{words}</title></head><body><main data-pagefind-body>'
            f'<h1>{words}</h1><p>{words} in the archive.</p>'
            f'<span data-pagefind-filter="year">{year or "undated"}</span>'
            f'<span data-pagefind-sort="date">{year or 0}-01-01</span></main>{BODY_END if marked else ""}'
            f'<nav><a href="/elsewhere/">Nothing to index here</a></nav></body></html>')
    file = folder / url.strip("/") / "index.html"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(html, encoding="utf-8")
    return SearchDocument(url, file, hashlib.sha256(html.encode()).hexdigest(), year)


@pytest.fixture
def documents(tmp_path: Path) -> list[SearchDocument]:
    pages = tmp_path / "pages"
    return [
        page(pages, "/archive/articles/2017/astana-summit/", "Astana summit", 2017),
        page(pages, "/archive/articles/2017/baku-talks/", "Baku talks", 2017),
        page(pages, "/archive/articles/2018/tashkent-forum/", "Tashkent forum", 2018),
        page(pages, "/archive/articles/undated/letter/", "An undated letter", None, marked=False),
    ]


def manifest(site: Path) -> list[dict[str, str]]:
    shards: list[dict[str, str]] = json.loads((site / "pagefind" / SHARDS_FILE).read_text("utf-8"))["shards"]
    return shards


def test_one_bundle_per_shard_listed_newest_first(tmp_path: Path, documents: list[SearchDocument]) -> None:
    site = tmp_path / "site"
    stats = index_site(site, iter(documents[::-1]), base_path=BASE)  # any order in, the same bundles out
    shards = manifest(site)
    assert [s["name"] for s in shards] == ["2018", "2017", UNDATED]
    assert [s["bundle"] for s in shards] == [f"{BASE}pagefind/{name}/" for name in ("2018", "2017", UNDATED)]
    for shard in shards:
        bundle = site / "pagefind" / shard["name"]
        assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert (site / "pagefind" / "pagefind-highlight.js").is_file()  # where article pages load it from
    assert "shards.json" in (site / "pagefind" / "pagefind.js").read_text("utf-8")  # the UI's Pagefind
    assert (stats.shards, stats.reindexed, stats.reused, stats.documents) == (3, 3, 0, 4)
    entry = json.loads((site / "pagefind" / "2017" / "pagefind-entry.json").read_text("utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == 2
    assert sorted(p.name for p in site.iterdir()) == ["pagefind"], "nothing else is written"
    assert documents[0].file.read_text("utf-8").startswith("<!doctype"), "the pages are left as they were"


def test_a_small_archive_is_one_bundle(tmp_path: Path, documents: list[SearchDocument]) -> None:
    site = tmp_path / "site"
    stats = index_site(site, documents, base_path=BASE, model=MEMORY)
    assert [s["name"] for s in manifest(site)] == [SINGLE] and stats.documents == 4
    entry = json.loads((site / "pagefind" / SINGLE / "pagefind-entry.json").read_text("utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == 4


def test_unchanged_shards_are_reused_and_a_changed_one_reindexed(tmp_path: Path,
                                                                documents: list[SearchDocument]) -> None:
    published, staging = tmp_path / "published", tmp_path / "staging"
    index_site(published, documents, base_path=BASE)
    before = {s["name"]: s["fingerprint"] for s in manifest(published)}
    revised = page(tmp_path / "revised", "/archive/articles/2018/tashkent-forum/", "Tashkent forum, revised", 2018)
    edited = [*documents[:2], revised, documents[3]]
    stats = index_site(staging, edited, base_path=BASE, previous=published)
    after = {s["name"]: s["fingerprint"] for s in manifest(staging)}
    assert (stats.reindexed, stats.reused) == (1, 2)
    assert after["2017"] == before["2017"] and after[UNDATED] == before[UNDATED]
    assert after["2018"] != before["2018"]
    reused = staging / "pagefind" / "2017" / "pagefind-entry.json"
    assert reused.read_bytes() == (published / "pagefind" / "2017" / "pagefind-entry.json").read_bytes()


def test_an_unreadable_published_manifest_means_reindexing_everything(tmp_path: Path,
                                                                     documents: list[SearchDocument]) -> None:
    published = tmp_path / "published"
    index_site(published, documents, base_path=BASE)
    (published / "pagefind" / SHARDS_FILE).write_text("{not json", encoding="utf-8")
    stats = index_site(tmp_path / "staging", documents, base_path=BASE, previous=published)
    assert (stats.reindexed, stats.reused) == (3, 0)


def test_an_empty_archive_still_gets_the_search_ui(tmp_path: Path) -> None:
    stats = index_site(tmp_path, [], base_path=BASE)
    assert stats.shards == 0 and manifest(tmp_path) == []
    assert (tmp_path / "pagefind" / "pagefind-highlight.js").is_file()


@pytest.mark.parametrize(("urls", "message"), [
    (["/archive/articles/2017/a/", "/archive/articles/2017/a/"], "two pages have the URL /archive/articles/2017/a/"),
    (["/elsewhere/articles/x/"], "outside the base path /archive/"),
    (["/archive/articles/../../etc/"], "leaves the site"),
])
def test_bad_documents_are_named(tmp_path: Path, urls: list[str], message: str) -> None:
    pages = [SearchDocument(url, tmp_path / "page.html", "digest", 2017) for url in urls]
    with pytest.raises(ContentError, match=re.escape(message)):
        index_site(tmp_path / "site", pages, base_path=BASE)


def test_an_incomplete_bundle_is_an_error_not_a_broken_search_page(tmp_path: Path) -> None:
    """Pagefind was once stopped while writing: an empty pagefind-entry.json broke every search in the browser."""
    from site_builder.pagefind_index import _check_bundle
    from site_builder.search import Shard

    (tmp_path / "pagefind-entry.json").write_text("", encoding="utf-8")
    with pytest.raises(ContentError, match="incomplete search shard 2017"):
        _check_bundle(Shard("2017"), tmp_path)
    (tmp_path / "pagefind-entry.json").write_text('{"version": "1.5.2", "languages": {}}', encoding="utf-8")
    _check_bundle(Shard("2017"), tmp_path)


def test_indexing_works_inside_a_running_event_loop(tmp_path: Path, documents: list[SearchDocument]) -> None:
    """A caller that already runs an event loop (a server, a Playwright fixture) can still index."""
    import asyncio
    import threading

    async def caller() -> SearchStats:
        return index_site(tmp_path / "site", documents, base_path=BASE)

    # In a thread of its own: this worker may already have a loop running (a Playwright sync fixture of a browser
    # test that ran before), and asyncio.run refuses to start a second one in the same thread.
    found: list[SearchStats] = []
    worker = threading.Thread(target=lambda: found.append(asyncio.run(caller())))
    worker.start()
    worker.join(timeout=300)
    assert [stats.reindexed for stats in found] == [3]


@pytest.mark.parametrize(("html", "expected"), [
    ('<html lang="kk"><head><title>T</title><script>x()</script></head><body><nav>Menu</nav>'
     f'<article class="a" data-pagefind-body>Body <b>text</b></article>{BODY_END}<aside>Cite</aside></body></html>',
     '<!DOCTYPE html><html lang="kk"><head><meta charset="utf-8"><title></title></head><body>'
     '<article class="a" data-pagefind-body>Body <b>text</b></article></body></html>'),
    ('<html><body><div data-pagefind-body="">B</div>' + BODY_END + '</body></html>',
     '<!DOCTYPE html><html><head><meta charset="utf-8"><title></title></head><body>'
     '<div data-pagefind-body="">B</div></body></html>'),
    ('<html lang="en"><body><main data-pagefind-body>No end marker</main></body></html>', None),
    (f'<html lang="en"><body>{BODY_END}<p data-pagefind-bodyguard>not a body</p></body></html>', None),
])
def test_searched_part_keeps_the_body_alone(html: str, expected: str | None) -> None:
    assert searched_part(html) == expected


def test_pagefind_is_given_marked_bodies_alone_and_unmarked_pages_whole(documents: list[SearchDocument]) -> None:
    from site_builder.search import group_shards

    given = {url: html for shard in group_shards(documents, BASE) for url, html in shard.pages()}
    assert sorted(given) == ["/articles/2017/astana-summit/", "/articles/2017/baku-talks/",
                             "/articles/2018/tashkent-forum/", "/articles/undated/letter/"]
    assert "Nothing to index here" not in given["/articles/2017/baku-talks/"]
    assert "<h1>Baku talks</h1>" in given["/articles/2017/baku-talks/"]
    assert given["/articles/undated/letter/"] == documents[3].file.read_text("utf-8")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["<", ">", "<main", " data-pagefind-body", "data-pagefind-body", "=\"\"", " ",
                                 "\n", "<div class=x", "xdata-pagefind-body", " data-pagefind-bodyx", "a", "/"]),
                max_size=25).map("".join))
def test_body_start_finds_what_the_pattern_finds(html: str) -> None:
    from site_builder.search import _BODY_START, body_start

    expected, found = _BODY_START.search(html), body_start(html)
    assert (found.span() if found else None) == (expected.span() if expected else None)


def pages_in_site(site: Path) -> list[SearchDocument]:
    """Article pages where the renderer writes them: in the site folder at their paths under the base path."""
    def at(url: str, words: str, year: int | None) -> SearchDocument:
        written = page(site / "written", url, words, year)
        file = site / url[len(BASE):] / "index.html"
        file.parent.mkdir(parents=True, exist_ok=True)
        written.file.replace(file)
        return SearchDocument(url, file, written.digest, year)

    return [at("/archive/articles/2017/astana-summit/", "Astana summit", 2017),
            at("/archive/articles/2017/baku-talks/", "Baku talks", 2017),
            at("/archive/articles/2018/tashkent-forum/", "Tashkent forum", 2018)]


def page_counts(site: Path) -> dict[str, int]:
    return {s["name"]: sum(language["page_count"] for language in json.loads(
        (site / "pagefind" / s["name"] / "pagefind-entry.json").read_text("utf-8"))["languages"].values())
        for s in manifest(site)}


def page_order(bundle: Path) -> list[str]:
    """The bundle's pages as Pagefind numbered them (its metadata lists them by number)."""
    fragments = {file.stem: json.loads(pagefind_payload(file)) for file in bundle.glob("fragment/*.pf_fragment")}
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    return [fragments[fragment]["url"] for about in entry["languages"].values()
            for fragment, _ in pagefind_cbor(pagefind_payload(bundle / f"pagefind.{about['hash']}.pf_meta"))[1]]


def test_pagefind_numbers_a_bundles_pages_by_url_whatever_order_they_come_in(tmp_path: Path) -> None:
    site = tmp_path / "site"
    documents = pages_in_site(site)
    index_site(site, documents[::-1], base_path=BASE, model=MEMORY)
    first = page_order(site / "pagefind" / SINGLE)
    assert first == sorted(first) and len(first) == 3
    index_site(site, [documents[1], documents[2], documents[0]], base_path=BASE, model=MEMORY)
    assert page_order(site / "pagefind" / SINGLE) == first


def test_a_page_in_the_folder_that_is_not_the_shards_is_not_indexed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    documents = pages_in_site(site)
    stray = page(site / "stray", "/archive/articles/2017/not-listed/", "Not listed", 2017)
    (site / "articles" / "2017" / "not-listed").mkdir(parents=True)
    stray.file.replace(site / "articles" / "2017" / "not-listed" / "index.html")
    index_site(site, documents, base_path=BASE)
    assert page_counts(site) == {"2018": 1, "2017": 2}, "the stray page is not indexed"


def test_a_patch_gives_pagefind_the_pages_in_the_order_of_a_clean_build(tmp_path: Path) -> None:
    """A rebuild that patched the middle page of a shard: that page is read from the patch, the others from the
    published site, and Pagefind numbers them as it does in a clean build of the same pages: by URL."""
    published = tmp_path / "public"
    documents = pages_in_site(published)[:2]
    written = page(published / "written", "/archive/articles/2017/caspian-forum/", "Caspian forum", 2017)
    moved = published / "articles" / "2017" / "caspian-forum" / "index.html"
    moved.parent.mkdir(parents=True)
    written.file.replace(moved)
    documents.append(SearchDocument(written.url, moved, written.digest, 2017))
    index_site(published, documents, base_path=BASE, model=MEMORY)
    patch = tmp_path / "patch"
    edited = page(patch / "written", "/archive/articles/2017/baku-talks/", "Baku talks resumed", 2017)
    moved = patch / "articles" / "2017" / "baku-talks" / "index.html"
    moved.parent.mkdir(parents=True)
    edited.file.replace(moved)
    changed = [documents[2], SearchDocument(edited.url, moved, edited.digest, 2017), documents[0]]
    stats = index_site(patch, changed, base_path=BASE, previous=published, keep_published=True, model=MEMORY)
    assert (stats.reindexed, stats.rebuilt) == (1, (f"pagefind/{SINGLE}",))
    fragments = [gzip.decompress(f.read_bytes()) for f in (patch / "pagefind").rglob("*.pf_fragment")]
    assert any(b"Baku talks resumed" in text for text in fragments), "the patched page, not the published one"
    assert not any(b"Baku talks in the archive" in text for text in fragments)
    clean = tmp_path / "clean"
    index_site(clean, changed, base_path=BASE, model=MEMORY)
    assert page_order(patch / "pagefind" / SINGLE) == page_order(clean / "pagefind" / SINGLE) == [
        "/articles/2017/astana-summit/", "/articles/2017/baku-talks/", "/articles/2017/caspian-forum/"]
