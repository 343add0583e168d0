"""Urls: the one object -> URL -> output path mapping; every URL sits under base_url, nothing escapes the output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

import pytest

from site_builder.authority import Authority
from site_builder.model import Article, EntityKind
from site_builder.urls import Urls

ArticleFactory = Callable[..., Article]
BASES = ["https://example.org/", "https://example.org/archive/", "http://127.0.0.1:8000/a/b/"]


def every_url(urls: Urls, article: Article, authority: Authority) -> list[str]:
    kazakhstan, azerbaijan = authority.countries[1], authority.countries[0]
    return [
        urls.home(), urls.article(article), urls.section(EntityKind.COUNTRY), urls.section(EntityKind.PERSON),
        urls.entity(kazakhstan), urls.entity(authority.organisations[0]), urls.entity(authority.people[0]),
        urls.entity_feed(kazakhstan), urls.pair(kazakhstan, azerbaijan), urls.timeline(), urls.timeline_year(2017),
        urls.timeline_year(None), urls.source("content/sources/000_abc.txt"), urls.search(), urls.feed(),
        urls.static("site.css"), urls.special("sitemap.xml"), urls.special("data/articles.json"),
    ]


def test_urls_at_the_root(make_article: ArticleFactory, authority: Authority) -> None:
    urls = Urls("https://example.org/")
    assert every_url(urls, make_article(), authority) == [
        "/", "/articles/2017/kazakhstan-and-azerbaijan-strengthen-cooperation/", "/countries/", "/people/",
        "/countries/kazakhstan/", "/organisations/sco/", "/people/nursultan-nazarbayev/",
        "/countries/kazakhstan/feed.xml", "/countries/azerbaijan/kazakhstan/", "/timeline/", "/timeline/2017/",
        "/timeline/undated/", "/sources/000_abc/", "/search/", "/feed.xml", "/static/site.css", "/sitemap.xml",
        "/data/articles.json",
    ]


@pytest.mark.parametrize("base_url", BASES)
def test_every_url_is_under_the_base_path_and_maps_to_an_output_file(
        base_url: str, make_article: ArticleFactory, authority: Authority) -> None:
    urls = Urls(base_url)
    root = urls.base_path
    for url in every_url(urls, make_article(), authority):
        assert url.startswith(root), url
        path = urls.output_path(url)
        assert not path.is_absolute() and ".." not in path.parts
        assert path.as_posix() == url[len(root):] + ("index.html" if url.endswith("/") else "")


def test_sub_path_example(make_article: ArticleFactory) -> None:
    urls = Urls("https://example.org/archive/")
    assert urls.base_path == "/archive/"
    undated = make_article(date=None, slug="csto-consultations")
    assert urls.article(undated) == "/archive/articles/undated/csto-consultations/"
    assert urls.absolute(urls.search()) == "https://example.org/archive/search/"
    assert urls.output_path("/archive/") == PurePosixPath("index.html")
    assert urls.output_path("/archive/feed.xml") == PurePosixPath("feed.xml")
    assert urls.output_path("/archive/countries/kazakhstan/") == PurePosixPath("countries/kazakhstan/index.html")


def test_pair_url_is_in_sorted_order_whichever_way_it_is_asked(authority: Authority) -> None:
    urls = Urls("https://example.org/")
    azerbaijan, kazakhstan, kyrgyzstan = authority.countries[:3]
    assert urls.pair(kazakhstan, azerbaijan) == urls.pair(azerbaijan, kazakhstan) == "/countries/azerbaijan/kazakhstan/"
    assert urls.pair(kyrgyzstan, kazakhstan) == "/countries/kazakhstan/kyrgyzstan/"


@pytest.mark.parametrize("url", [
    "/archive/../etc/passwd",
    "/archive/articles/../../secret/",
    "/archive//etc/passwd",
    "/archive/.git/config",
    "/archive/articles/.hidden/",
    "/archive/..",
    "/elsewhere/index.html",
    "/",
    "/archivex/",
    "articles/2017/x/",
])
def test_output_path_refuses_urls_escaping_the_output(url: str) -> None:
    with pytest.raises(ValueError, match="outside"):
        Urls("https://example.org/archive/").output_path(url)


def test_article_url_uses_year_segment(make_article: ArticleFactory) -> None:
    urls = Urls("https://example.org/")
    assert urls.article(make_article(date="2019-05")) == urls.article_at("2019", make_article().slug)
