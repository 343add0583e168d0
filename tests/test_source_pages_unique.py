"""Source pages keyed by the whole source path (issue 16): sources sharing a stem, names that are no URL, names
differing only in case each get a page of their own showing their own text; a stem alone keeps its URL."""

from __future__ import annotations

import hashlib
import html
import shutil
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder import pipeline
from site_builder.config import load_config
from site_builder.documents import render_article
from site_builder.model import Article, SourceRef
from site_builder.urls import SAFE_SEGMENT, Urls, source_keys

ArticleFactory = Callable[..., Article]
SAMPLE = Path(__file__).resolve().parent / "sample_site" / "content" / "sources"
BASE = "https://example.org/"


def test_a_stem_of_its_own_keeps_the_url_of_every_earlier_build() -> None:
    paths = ["content/sources/000_7bc920b7a4ddbe51.txt", "content/sources/agency_page.html",
             "content/sources/bulletin.pdf"]
    urls = Urls(BASE, frozenset(paths))
    assert [urls.source(p) for p in paths] == [
        "/sources/000_7bc920b7a4ddbe51/", "/sources/agency_page/", "/sources/bulletin/"]
    assert Urls(BASE).source(paths[0]) == "/sources/000_7bc920b7a4ddbe51/"  # alone, as before


def test_sources_sharing_a_stem_get_a_page_each() -> None:
    paths = ["content/sources/same.txt", "content/sources/same.html", "content/sources/sub/same.txt",
             "content/sources/x.html", "content/sources/x.pdf", "content/sources/same.html.txt"]
    assert source_keys(paths) == {
        "content/sources/same.txt": "same", "content/sources/same.html": f"same.html-{_hash('same.html')}",
        "content/sources/sub/same.txt": "sub--same.txt", "content/sources/x.html": "x",
        "content/sources/x.pdf": "x.pdf", "content/sources/same.html.txt": "same.html"}


def test_names_that_are_no_url_segment_are_spelt_safely() -> None:
    keys = source_keys(["content/sources/page.php?id=3#top.txt", "content/sources/Қазақ хабар.txt",
                        "content/sources/.hidden.txt"])
    assert keys["content/sources/page.php?id=3#top.txt"].startswith("page.php-id-3-top.txt-")
    assert keys["content/sources/Қазақ хабар.txt"].startswith("source.txt-")  # no ASCII letters at all
    assert keys["content/sources/.hidden.txt"].startswith("hidden.txt-")
    assert all(SAFE_SEGMENT.match(key) for key in keys.values())


def _hash(relative: str) -> str:
    return hashlib.sha256(f"content/sources/{relative}".encode()).hexdigest()[:8]


NAME = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\\x00"), min_size=1,
               max_size=12).filter(lambda n: n not in (".", ".."))
SUFFIX = st.sampled_from([".txt", ".TXT", ".html", ".htm", ".pdf", ""])
PATH = st.builds(lambda folders, name, suffix: "content/sources/" + "/".join([*folders, name + suffix]),
                 st.lists(st.sampled_from(["sub", "Sub", "a b", "ü"]), max_size=2), NAME, SUFFIX)


@settings(max_examples=300, deadline=None)
@given(st.lists(PATH, min_size=1, max_size=12, unique=True))
def test_every_source_gets_its_own_safe_url(paths: list[str]) -> None:
    keys = source_keys(paths)
    assert set(keys) == set(paths)
    assert len({key.casefold() for key in keys.values()}) == len(paths)  # even where case is ignored
    urls = Urls(BASE, frozenset(paths))
    for path in paths:
        url = urls.source(path)
        assert url.startswith("/sources/") and url.endswith("/")
        assert SAFE_SEGMENT.match(url.removeprefix("/sources/").removesuffix("/"))
        assert urls.output_file(url).count("/") == 2
    assert source_keys(reversed(paths)) == keys  # a property of the set, not of the order


def _cite(make_article: ArticleFactory, site: Path, path: str, number: int) -> None:
    text = (site / path).read_bytes()
    article = make_article(title=f"Article {number}", slug=f"article-{number}",
                           path=f"content/articles/2017/article-{number}.md",
                           source=SourceRef(path, hashlib.sha256(text).hexdigest(), 1, 1, (1, 100_000)))
    file = site / article.path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(render_article(article), encoding="utf-8")


def test_each_source_page_shows_its_own_text(tmp_path: Path, make_article: ArticleFactory) -> None:
    """The issue's case, end to end: same.txt, same.html and sub/same.txt, x.html and x.pdf, names differing
    only in case, with spaces, dots and letters beyond ASCII."""
    site = tmp_path / "S"
    sources = site / "content" / "sources"
    (sources / "sub").mkdir(parents=True)
    texts = ["same.txt", "sub/same.txt", "Same.txt", "a b.c.txt", "Қала.txt", "page.php?id=3#top.txt"]
    for name in texts:
        (sources / name).write_text(f"Text of {name}\n\nOnly in {name}.\nThe end.\n", encoding="utf-8")
    shutil.copy(SAMPLE / "agency_page.html", sources / "same.html")
    shutil.copy(SAMPLE / "ministry_page.html", sources / "x.html")
    shutil.copy(SAMPLE / "bulletin.pdf", sources / "x.pdf")
    names = [*texts, "same.html", "x.html", "x.pdf"]
    for number, name in enumerate(names):
        _cite(make_article, site, f"content/sources/{name}", number)
    config = load_config(site)
    result = pipeline.build(config, run_ingest=False, search=False)
    assert not [p for p in result.problems if p.is_error]
    urls = Urls(config.base_url, frozenset(f"content/sources/{name}" for name in names))
    pages = {name: urls.source(f"content/sources/{name}") for name in names}
    assert len(set(pages.values())) == len(names)
    for name, url in pages.items():
        page = html.unescape((config.paths.output / urls.output_file(url)).read_text(encoding="utf-8"))
        assert f"Source: {name.rsplit('/', 1)[-1]}" in page
        if name in texts:
            assert f"Only in {name}." in page
            assert not [other for other in texts if other != name and f"Only in {other}." in page]
    assert pages["Same.txt"] == "/sources/Same/" and pages["same.txt"] == "/sources/same.txt/"
    assert pages["x.html"] == "/sources/x/" and pages["sub/same.txt"] == "/sources/sub--same.txt/"
    assert (config.paths.output / "sources" / "x.pdf" / "x.pdf").is_file()  # each raw file in its own folder
    assert (config.paths.output / "sources" / "x" / "x.html.txt").is_file()
