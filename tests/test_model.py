"""PartialDate: parsing, validation, precision, ordering and display of dates known to the day, month or year."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.model import Article, Entity, EntityKind, PartialDate

ArticleFactory = Callable[..., Article]


@pytest.mark.parametrize(("text", "expected", "precision", "human"), [
    ("2017-04-03", PartialDate(2017, 4, 3), "day", "3 April 2017"),
    ("2017-04", PartialDate(2017, 4), "month", "April 2017"),
    ("2017", PartialDate(2017), "year", "2017"),
    ("2016-02-29", PartialDate(2016, 2, 29), "day", "29 February 2016"),
    (None, PartialDate(), "unknown", "Date unknown"),
    ("", PartialDate(), "unknown", "Date unknown"),
])
def test_parse_valid(text: str | None, expected: PartialDate, precision: str, human: str) -> None:
    date = PartialDate.parse(text)
    assert date == expected
    assert date.precision == precision
    assert date.human() == human
    assert date.iso == (text or None)


@pytest.mark.parametrize("text", [
    "3 April 2017", "2017/04/03", "17-04-03", "2017-4-3", "2017-04-03T10:00", " 2017", "April",
    "2017-13", "2017-00", "2017-02-30", "2017-04-31", "2017-01-00", "0000",
])
def test_parse_rejects_non_iso_and_impossible_dates(text: str) -> None:
    with pytest.raises(ValueError, match="date"):
        PartialDate.parse(text)


def test_sort_key_places_partial_dates_at_the_start_of_their_period() -> None:
    dates = [PartialDate(2017, 4, 3), PartialDate(2017), PartialDate(2017, 4), PartialDate(2016, 12, 31)]
    assert sorted(dates, key=lambda d: d.sort_key) == [
        PartialDate(2016, 12, 31), PartialDate(2017), PartialDate(2017, 4), PartialDate(2017, 4, 3)]
    assert PartialDate().sort_key < PartialDate(1, 1, 1).sort_key


@given(st.dates())
def test_iso_round_trips_every_calendar_date(day: object) -> None:
    iso = str(day)
    assert PartialDate.parse(iso).iso == iso
    assert PartialDate.parse(iso[:7]).iso == iso[:7]
    assert PartialDate.parse(iso[:4]).iso == iso[:4]


def test_article_year_segment(make_article: ArticleFactory) -> None:
    assert make_article(date="2017-04").year_segment == "2017"
    assert make_article(date=None).year_segment == "undated"


def test_model_is_frozen(make_article: ArticleFactory) -> None:
    article = make_article()
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.title = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(("wikidata", "url"), [("Q232", "https://www.wikidata.org/wiki/Q232"), (None, None)])
def test_entity_wikidata_url(wikidata: str | None, url: str | None) -> None:
    assert Entity(EntityKind.COUNTRY, "Kazakhstan", "kazakhstan", wikidata=wikidata).wikidata_url == url
