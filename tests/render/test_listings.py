"""Listing views: months (partial dates placed honestly), charts, entity and its year pages, pair, indexes, home."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from site_builder.authority import Authority
from site_builder.catalogue import Catalogue, build_catalogue, year_order
from site_builder.model import Article, Entity, EntityKind
from site_builder.render import listings, paging
from site_builder.render.charts import year_chart
from site_builder.render.views import Link
from site_builder.urls import Urls

ArticleFactory = Callable[..., Article]


@pytest.mark.parametrize(("dates", "labels"), [
    (["2017-04-03", "2017-04", "2017-06-01"], ["April", "June"]),
    (["2017", "2017-01-05"], ["January", "Date within year unknown"]),
    (["2017"], ["Date within year unknown"]),
])
def test_month_groups(make_article: ArticleFactory, urls: Urls, dates: list[str], labels: list[str]) -> None:
    articles = [make_article(slug=f"a{i}", date=d) for i, d in enumerate(dates)]
    assert [g.label for g in listings.month_groups(sorted(articles, key=year_order), urls)] == labels


def test_month_only_articles_open_their_month(make_article: ArticleFactory, urls: Urls) -> None:
    articles = [make_article(slug="day", title="Day", date="2017-04-03"),
                make_article(slug="month", title="Month", date="2017-04")]
    (april,) = listings.month_groups(sorted(articles, key=year_order), urls)
    assert [item.title for item in april.articles] == ["Month", "Day"]


@pytest.mark.parametrize(("counts", "years", "linked"), [
    ({}, [], []),
    ({2017: 3}, ["2017"], ["2017"]),
    ({2017: 3, 2019: 1}, ["2017", "2018", "2019"], ["2017", "2019"]),  # an empty year shows, unlinked
])
def test_year_chart(urls: Urls, counts: dict[int, int], years: list[str], linked: list[str]) -> None:
    chart = year_chart(counts, urls.timeline_year, "t")
    assert [bar.label for bar in chart.bars] == years[::-1]  # newest first, as the lists are
    assert [bar.label for bar in chart.bars if bar.url] == linked[::-1]
    assert all(0 <= bar.percent <= 100 and (bar.percent > 0) == (bar.count > 0) for bar in chart.bars)
    if chart.bars:
        assert max(bar.percent for bar in chart.bars) == 100


def test_chart_at_many_years_keeps_one_row_a_year(urls: Urls) -> None:
    chart = year_chart({year: year % 7 for year in range(2000, 2026)}, urls.timeline_year, "t")
    assert len(chart.bars) == 26 and chart.bars[0].label == "2025" and chart.bars[-1].label == "2000"


def test_country_view(catalogue: Catalogue, urls: Urls) -> None:
    kazakhstan = catalogue.authority.get(EntityKind.COUNTRY, "Kazakhstan")
    assert kazakhstan is not None
    view = listings.entity_view(kazakhstan, catalogue, urls)
    assert (view.kind, view.count, view.span, view.iso2) == ("Country", 3, "2017–2019", "KZ")
    assert [(c.text, c.url) for c in view.companions] == [
        ("Azerbaijan", "/archive/countries/azerbaijan/kazakhstan/"),
        ("Kyrgyzstan", "/archive/countries/kazakhstan/kyrgyzstan/")]
    assert view.search_url == "/archive/search/?country=Kazakhstan"
    assert view.feed_url == "/archive/countries/kazakhstan/feed.xml"
    assert [(y.text, y.url, y.count) for y in view.years] == [
        ("2019", "/archive/countries/kazakhstan/2019/", 1), ("2017", "/archive/countries/kazakhstan/2017/", 2)]
    # the chart's bars open the entity's own year pages, not the archive-wide year
    assert [bar.url for bar in view.chart.bars] == [
        "/archive/countries/kazakhstan/2019/", None, "/archive/countries/kazakhstan/2017/"]
    assert [item.title for item in view.latest] == ["A year", "SCO summit",
                                                    "Kazakhstan and Azerbaijan Strengthen Cooperation"]


def test_entity_page_lists_only_its_latest(make_article: ArticleFactory, authority: Authority, urls: Urls) -> None:
    articles = [make_article(slug=f"a{i}", title=f"A{i:03}", date=f"{2000 + i % 20}-01-0{1 + i % 9}",
                             path=f"content/articles/a{i}.md") for i in range(300)]
    catalogue = build_catalogue(articles, authority)
    kazakhstan = catalogue.authority.get(EntityKind.COUNTRY, "Kazakhstan")
    assert kazakhstan is not None
    view = listings.entity_view(kazakhstan, catalogue, urls)
    assert len(view.latest) == listings.LATEST_COUNT and sum(y.count for y in view.years) == 300
    assert len(view.years) == 20 and view.years[0].url == "/archive/countries/kazakhstan/2019/"


def test_person_view_has_a_feed_variants_and_country(catalogue: Catalogue, urls: Urls) -> None:
    person = catalogue.authority.get(EntityKind.PERSON, "Nursultan Nazarbayev")
    assert person is not None
    view = listings.entity_view(person, catalogue, urls)
    assert view.feed_url == "/archive/people/nursultan-nazarbayev/feed.xml" and view.companions == ()
    assert view.country == Link("Kazakhstan", "/archive/countries/kazakhstan/")
    assert view.countries[0].text == "Kazakhstan" and view.search_url.endswith("?person=Nursultan+Nazarbayev")


def test_entity_year_pages(catalogue: Catalogue, urls: Urls) -> None:
    kazakhstan = catalogue.authority.get(EntityKind.COUNTRY, "Kazakhstan")
    assert kazakhstan is not None
    pages = dict(listings.entity_year_views(Link("Kazakhstan", urls.entity(kazakhstan)), "Country",
                                            catalogue.articles_of(kazakhstan),
                                            lambda y: urls.entity_year(kazakhstan, y), urls))
    assert list(pages) == ["/archive/countries/kazakhstan/2017/", "/archive/countries/kazakhstan/2019/"]
    year = pages["/archive/countries/kazakhstan/2017/"]
    assert (year.year, year.count, [g.label for g in year.groups]) == ("2017", 2, ["April", "June"])
    assert year.next == Link("2019", "/archive/countries/kazakhstan/2019/") and year.previous is None
    assert [(m.text, m.url) for m in year.months] == [("April", "/archive/countries/kazakhstan/2017/#m-04"),
                                                      ("June", "/archive/countries/kazakhstan/2017/#m-06")]


def test_a_long_year_is_paged(make_article: ArticleFactory, authority: Authority, urls: Urls) -> None:
    size = paging.PAGE_SIZE
    articles = [make_article(slug=f"a{i}", title=f"A{i:04}", date=f"2017-{1 + i * 12 // (size * 2 + 5):02}-01",
                             path=f"content/articles/a{i}.md") for i in range(size * 2 + 5)]
    catalogue = build_catalogue(articles, authority)
    (_, pages), = listings.year_views(catalogue, urls)
    assert [url for url, _ in pages] == ["/archive/timeline/2017/", "/archive/timeline/2017/page/2/",
                                         "/archive/timeline/2017/page/3/"]
    first, second, last = (view for _, view in pages)
    assert sum(len(g.articles) for g in first.groups) == size and sum(len(g.articles) for g in last.groups) == 5
    assert second.pager.previous == Link("1", "/archive/timeline/2017/") and last.pager.next is None
    # every month links the page it begins on; an article's timeline link finds its page
    assert all(m.url.split("#")[0] in {url for url, _ in pages} for m in first.months)
    last_article = max(articles, key=year_order)
    assert catalogue.year_position(last_article) == size * 2 + 4


def test_people_index_is_alphabetical_by_country(urls: Urls, make_article: ArticleFactory) -> None:
    def person(name: str, country: str | None, role: str) -> Entity:
        return Entity(EntityKind.PERSON, name, name.lower().replace(" ", "-"), country=country, roles=(role,))

    people = (person("Zhang Ming", "China", "Secretary-General of the SCO (2022–)"),
              person("Kassym-Jomart Tokayev", "Kazakhstan", "President of Kazakhstan (2019–)"),
              person("Askar Mamin", "Kazakhstan", "Prime Minister of Kazakhstan (2019–2022)"),
              person("Ban Ki-moon", None, "Secretary-General of the UN (2007–2016)"))
    authority = Authority((), (Entity(EntityKind.ORGANISATION, "C5", "c5", full_name="Central Asia Five"),), people)
    catalogue = build_catalogue([make_article(people=tuple(p.name for p in people), organisations=("C5",))], authority)
    view = listings.index_view(EntityKind.PERSON, catalogue, urls)
    assert [(g.label, [i.text for i in g.items]) for g in view.groups] == [
        ("China", ["Zhang Ming"]), ("Kazakhstan", ["Askar Mamin", "Kassym-Jomart Tokayev"]), ("Other", ["Ban Ki-moon"])]
    assert view.groups[1].items[0].detail == "Prime Minister of Kazakhstan (2019–2022); articles 2017"
    organisations = listings.index_view(EntityKind.ORGANISATION, catalogue, urls)
    assert [(i.text, i.detail) for i in organisations.groups[0].items] == [("C5", "Central Asia Five")]


def test_pair_view(catalogue: Catalogue, urls: Urls) -> None:
    first = catalogue.authority.get(EntityKind.COUNTRY, "Kazakhstan")
    second = catalogue.authority.get(EntityKind.COUNTRY, "Kyrgyzstan")
    assert first is not None and second is not None
    (url, view), = listings.pair_views(first, second, catalogue.pairs[("Kazakhstan", "Kyrgyzstan")], catalogue, urls)
    assert url == "/archive/countries/kazakhstan/kyrgyzstan/"
    assert (view.count, view.span, [o.text for o in view.organisations]) == (1, "2017", ["SCO"])
    assert [bar.url for bar in view.chart.bars] == ["/archive/countries/kazakhstan/kyrgyzstan/#y-2017"]


def test_a_long_bilateral_file_is_paged(make_article: ArticleFactory, authority: Authority, urls: Urls) -> None:
    articles = [make_article(slug=f"a{i}", title=f"A{i:03}", date=f"{2000 + i // 100}-01-01",
                             path=f"content/articles/a{i}.md") for i in range(450)]
    catalogue = build_catalogue(articles, authority)
    first, second = (catalogue.authority.get(EntityKind.COUNTRY, n) for n in ("Azerbaijan", "Kazakhstan"))
    assert first is not None and second is not None
    pages = listings.pair_views(first, second, catalogue.pairs[("Azerbaijan", "Kazakhstan")], catalogue, urls)
    assert [url for url, _ in pages] == ["/archive/countries/azerbaijan/kazakhstan/",
                                         "/archive/countries/azerbaijan/kazakhstan/page/2/",
                                         "/archive/countries/azerbaijan/kazakhstan/page/3/"]
    chart = pages[0][1].chart
    # each year's row opens the page where that year begins, at its heading
    assert [(bar.label, bar.url) for bar in chart.bars] == [
        ("2004", "/archive/countries/azerbaijan/kazakhstan/#y-2004"),
        ("2003", "/archive/countries/azerbaijan/kazakhstan/#y-2003"),
        ("2002", "/archive/countries/azerbaijan/kazakhstan/#y-2002"),
        ("2001", "/archive/countries/azerbaijan/kazakhstan/page/2/#y-2001"),
        ("2000", "/archive/countries/azerbaijan/kazakhstan/page/2/#y-2000")]
    assert [g.label for g in pages[1][1].groups] == ["2002", "2001", "2000"]  # a year may run on
    assert [g.label for g in pages[2][1].groups] == ["2000"]


def test_year_views_link_neighbours_and_list_months(catalogue: Catalogue, urls: Urls) -> None:
    years = {year: pages[0][1] for year, pages in listings.year_views(catalogue, urls)}
    assert list(years) == [2017, 2019, None]
    assert years[2017].next is not None and years[2017].next.url == "/archive/timeline/2019/"
    assert years[2019].previous is not None and years[2019].next is None
    assert years[None].year == "Date unknown" and years[None].previous is None
    assert [(m.text, m.url, m.count) for m in years[2017].months] == [
        ("April", "/archive/timeline/2017/#m-04", 1), ("June", "/archive/timeline/2017/#m-06", 1)]


def test_home_view(catalogue: Catalogue, urls: Urls) -> None:
    view = listings.home_view(catalogue, urls, latest_count=2)
    assert [item.title for item in view.latest] == ["A year", "SCO summit"]
    assert (view.total, view.span) == (4, "2017–2019")
    assert view.countries[0].text == "Kazakhstan"
    assert [bar.label for bar in view.chart.bars] == ["2019", "2018", "2017"]
