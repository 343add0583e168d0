"""Page planning, source pages and the non-HTML outputs."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.catalogue import Catalogue
from site_builder.config import Config
from site_builder.model import Article, SourceRef
from site_builder.render import outputs, pages
from site_builder.render.sources import source_view
from site_builder.urls import Urls

SOURCE = "content/sources/000_digest.txt"
ArticleFactory = Callable[..., Article]


def planned(catalogue: Catalogue, config: Config, urls: Urls) -> list[pages.Page]:
    return pages.plan_pages(catalogue, config, urls, {SOURCE: "\n".join(f"line {n}" for n in range(1, 70))})


def test_every_page_kind_is_planned_once(catalogue: Catalogue, config: Config, urls: Urls) -> None:
    plan = planned(catalogue, config, urls)
    kinds = Counter(page.meta.kind for page in plan)
    assert kinds == {"article": 4, "index": 3, "country": 4, "organisation": 1, "person": 1, "pair": 2,
                     "timeline": 1, "year": 3, "source": 1, "home": 1, "search": 1, "404": 1,
                     "entity-year": 7, "redirect": 2}
    assert len({page.url for page in plan}) == len(plan)
    assert all(page.url.startswith("/archive/") for page in plan)


def test_breadcrumbs_and_canonical(catalogue: Catalogue, config: Config, urls: Urls) -> None:
    plan = {page.url: page for page in planned(catalogue, config, urls)}
    pair = plan["/archive/countries/azerbaijan/kazakhstan/"]
    assert [c.text for c in pair.meta.crumbs] == ["Home", "Countries", "Azerbaijan"]
    assert pair.meta.canonical == "https://example.org/archive/countries/azerbaijan/kazakhstan/"
    assert plan["/archive/"].meta.crumbs == ()
    article = plan["/archive/articles/2017/sco-summit/"]
    assert [c.url for c in article.meta.crumbs] == ["/archive/", "/archive/timeline/", "/archive/timeline/2017/"]


def test_pairs_answer_in_both_orders(catalogue: Catalogue, config: Config, urls: Urls) -> None:
    plan = {page.url: page for page in planned(catalogue, config, urls)}
    other = plan["/archive/countries/kazakhstan/azerbaijan/"]
    assert other.template == "redirect.html" and other.meta.kind == "redirect"
    assert other.view.url == "/archive/countries/azerbaijan/kazakhstan/"
    assert other.meta.canonical == "https://example.org/archive/countries/azerbaijan/kazakhstan/"


def test_entity_year_pages_are_planned_with_their_links(catalogue: Catalogue, config: Config, urls: Urls) -> None:
    plan = {page.url: page for page in planned(catalogue, config, urls)}
    year = plan["/archive/countries/kazakhstan/2017/"]
    assert year.template == "entity_year.html" and year.meta.title == "Kazakhstan: 2017"
    assert [c.url for c in year.meta.crumbs] == ["/archive/", "/archive/countries/", "/archive/countries/kazakhstan/"]
    assert "/archive/countries/azerbaijan/kazakhstan/2017/" not in plan  # a pair is paged, not cut into years
    assert "/archive/people/nursultan-nazarbayev/2017/" in plan
    kazakhstan = plan["/archive/countries/kazakhstan/"].view
    assert {link.url for link in kazakhstan.years} <= set(plan)
    assert {bar.url for bar in kazakhstan.chart.bars if bar.url} <= set(plan)


def test_hand_pages_come_from_paths_pages(catalogue: Catalogue, config: Config, urls: Urls) -> None:
    folder = config.paths.pages
    folder.mkdir(parents=True)
    (folder / "methodology.md").write_text("# Methodology\n\nHow dates are *inferred*.\n", encoding="utf-8")
    (folder / "about.md").write_text("# About this archive\n\nWhat it is.\n", encoding="utf-8")
    (folder / "search.md").write_text("# Would hide the search page\n", encoding="utf-8")
    (folder / "Not A Slug.md").write_text("# Left out\n", encoding="utf-8")
    plan = {page.url: page for page in planned(catalogue, config, urls)}
    about, methodology = plan["/archive/about/"], plan["/archive/methodology/"]
    assert (about.meta.title, about.meta.description) == ("About this archive", "What it is.")
    assert "<em>inferred</em>" in methodology.view.body_html and plan["/archive/search/"].template == "search.html"
    assert pages.nav(urls, folder).pages == (("About this archive", "/archive/about/"),
                                             ("Methodology", "/archive/methodology/"))


def test_search_view_honours_the_base_path(urls: Urls) -> None:
    view = pages.search_view(urls)
    assert (view.bundle, view.base_path) == ("/archive/pagefind/", "/archive/")
    assert view.filters == ("country", "organisation", "person", "year")


@pytest.mark.parametrize(("ranges", "anchors", "labels"), [
    ([(3, 6), (8, 10)], ["part-1", "part-2"], ["Part 1 of 2, lines 3–6", "Part 2 of 2, lines 8–10"]),
    ([(1, 12)], ["part-1"], ["Part 1 of 2, lines 1–10"]),  # a range past the end is clipped
    ([(1, 6), (4, 6)], ["part-1"], ["Part 1 of 2, lines 1–6"]),  # a part inside another is not marked twice
])
def test_source_view_marks_each_article(make_article: ArticleFactory, urls: Urls, ranges: list[tuple[int, int]],
                                        anchors: list[str], labels: list[str]) -> None:
    text = "\n".join(f"line {n}" for n in range(1, 11))
    cited = [make_article(slug=f"a{i}", source=SourceRef(SOURCE, "ab" * 32, i, 2, lines))
             for i, lines in enumerate(ranges, start=1)]
    view = source_view(SOURCE, text, cited, urls)
    marked = [s for s in view.sections if s.anchor]
    assert ([s.anchor for s in marked], [s.label for s in marked]) == (anchors, labels)
    assert [line.number for s in view.sections for line in s.lines] == list(range(1, 11))  # each line once


def test_articles_json_lists_every_article(catalogue: Catalogue, urls: Urls) -> None:
    data = json.loads(outputs.articles_json(catalogue, urls))
    assert len(data["articles"]) == 4
    first = data["articles"][0]
    assert first["url"].startswith("https://example.org/archive/articles/")
    assert set(first) >= {"title", "date", "date_precision", "countries", "source"}


def test_feeds_are_deterministic_and_absolute(catalogue: Catalogue, config: Config, urls: Urls) -> None:
    feeds = outputs.all_feeds(catalogue, config, urls)
    assert "/archive/feed.xml" in feeds and "/archive/countries/kazakhstan/feed.xml" in feeds
    assert feeds == outputs.all_feeds(catalogue, config, urls)
    assert "/archive/people/nursultan-nazarbayev/feed.xml" in feeds  # people have feeds too
    assert b"https://example.org/archive/articles/2017/sco-summit/" in feeds["/archive/feed.xml"]


def test_robots_names_the_sitemap(urls: Urls) -> None:
    assert b"Sitemap: https://example.org/archive/sitemap.xml" in outputs.robots_txt(urls)


def test_compiled_templates_are_kept_and_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    from site_builder.render.environment import make_environment, render_template

    templates, compiled = tmp_path / "templates", tmp_path / "compiled"
    templates.mkdir()
    (templates / "t.html").write_text("<p>{{ x }}</p>", encoding="utf-8")
    assert render_template(make_environment(templates, compiled), "t.html", x="<a>") == "<p>&lt;a&gt;</p>"
    assert list(compiled.iterdir()), "the compiled template is kept"
    (templates / "t.html").write_text("<div>{{ x }}</div>", encoding="utf-8")
    assert render_template(make_environment(templates, compiled), "t.html", x="b") == "<div>b</div>"


def test_an_edited_hand_page_voids_the_render_cache(config: Config) -> None:
    from site_builder.render.cache import cache_key

    before = cache_key(config)
    config.paths.pages.mkdir(parents=True)
    (config.paths.pages / "about.md").write_text("# About\n\nFirst.\n", encoding="utf-8")
    with_page = cache_key(config)
    (config.paths.pages / "about.md").write_text("# About\n\nSecond.\n", encoding="utf-8")
    assert len({before, with_page, cache_key(config)}) == 3  # every page's footer links it, so all are rendered
