"""Listing views: groups by year and month (partial dates placed honestly), charts, entity, pair, home."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from site_builder.catalogue import Catalogue
from site_builder.model import Article, EntityKind
from site_builder.render import listings
from site_builder.urls import Urls

ArticleFactory = Callable[..., Article]


@pytest.mark.parametrize(("dates", "labels"), [
    (["2017-04-03", "2017-04", "2017-06-01"], ["April", "June"]),
    (["2017", "2017-01-05"], ["January", "Date within year unknown"]),
    (["2017"], ["Date within year unknown"]),
])
def test_month_groups(make_article: ArticleFactory, urls: Urls, dates: list[str], labels: list[str]) -> None:
    articles = [make_article(slug=f"a{i}", date=d) for i, d in enumerate(dates)]
    assert [g.label for g in listings.by_month_groups(articles, urls)] == labels


def test_month_only_articles_open_their_month(make_article: ArticleFactory, urls: Urls) -> None:
    articles = [make_article(slug="day", title="Day", date="2017-04-03"),
                make_article(slug="month", title="Month", date="2017-04")]
    (april,) = listings.by_month_groups(articles, urls)
    assert [item.title for item in april.articles] == ["Month", "Day"]


def test_year_groups_keep_undated_last(catalogue: Catalogue, urls: Urls) -> None:
    groups = listings.by_year_groups(catalogue.articles, urls)
    assert [(g.label, g.anchor) for g in groups] == [("2019", "y-2019"), ("2017", "y-2017"),
                                                      ("Date unknown", "y-date-unknown")]


@pytest.mark.parametrize(("counts", "years", "linked"), [
    ({}, [], []),
    ({2017: 3}, ["2017"], ["2017"]),
    ({2017: 3, 2019: 1}, ["2017", "2018", "2019"], ["2017", "2019"]),  # an empty year shows, unlinked
])
def test_year_chart(urls: Urls, counts: dict[int, int], years: list[str], linked: list[str]) -> None:
    chart = listings.year_chart(counts, urls, "t")
    assert [bar.label for bar in chart.bars] == years
    assert [bar.label for bar in chart.bars if bar.url] == linked
    assert all(bar.height <= listings.CHART_HEIGHT and bar.y >= listings.CHART_TOP for bar in chart.bars)
    if chart.bars:
        assert max(bar.height for bar in chart.bars) == listings.CHART_HEIGHT


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
    assert [g.label for g in view.groups] == ["2019", "2017"]


def test_person_view_has_no_feed_but_countries(catalogue: Catalogue, urls: Urls) -> None:
    person = catalogue.authority.get(EntityKind.PERSON, "Nursultan Nazarbayev")
    assert person is not None
    view = listings.entity_view(person, catalogue, urls)
    assert view.feed_url is None and view.companions == ()
    assert view.countries[0].text == "Kazakhstan" and view.search_url.endswith("?person=Nursultan+Nazarbayev")


def test_pair_view(catalogue: Catalogue, urls: Urls) -> None:
    first = catalogue.authority.get(EntityKind.COUNTRY, "Kazakhstan")
    second = catalogue.authority.get(EntityKind.COUNTRY, "Kyrgyzstan")
    assert first is not None and second is not None
    view = listings.pair_view(first, second, catalogue.pairs[("Kazakhstan", "Kyrgyzstan")], catalogue, urls)
    assert (view.count, view.span, [o.text for o in view.organisations]) == (1, "2017", ["SCO"])


def test_year_views_link_neighbours_and_list_months(catalogue: Catalogue, urls: Urls) -> None:
    years = dict(listings.year_views(catalogue, urls))
    assert list(years) == [2017, 2019, None]
    assert years[2017].next is not None and years[2017].next.url == "/archive/timeline/2019/"
    assert years[2019].previous is not None and years[2019].next is None
    assert years[None].year == "Date unknown" and years[None].previous is None
    assert [(m.text, m.url, m.count) for m in years[2017].months] == [("April", "#m-04", 1), ("June", "#m-06", 1)]


def test_home_view(catalogue: Catalogue, urls: Urls) -> None:
    view = listings.home_view(catalogue, urls, latest_count=2)
    assert [item.title for item in view.latest] == ["A year", "SCO summit"]
    assert (view.total, view.span) == (4, "2017–2019")
    assert view.countries[0].text == "Kazakhstan"
    assert [y.text for y in view.years] == ["2019", "2017", "Date unknown"]
