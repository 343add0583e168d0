from __future__ import annotations

import pytest

from site_builder.ingest import dates

CASES = [
    ("15 March 2018", (2018, 3, 15)), ("March 15, 2018", (2018, 3, 15)), ("Sept. 28, 2022", (2022, 9, 28)),
    ("8.06.2018", (2018, 6, 8)), ("2018-03-15", (2018, 3, 15)), ("On April 3-4", (None, 4, 3)),
    ("Nov. 29-30", (None, 11, 29)), ("Aug. 6 (EIRNS)", (None, 8, 6)), ("September 2017", (2017, 9, None)),
    ("December 25-26, 2017", (2017, 12, 25)), ("14-15 March 2018", (2018, 3, 14)), ("7th of April", (None, 4, 7)),
    ("Sept.\u00a016, 2021", (2021, 9, 16)), ("31.02.2018", None), ("may be", None),
    ("in March of 2016", (2016, 3, None)),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_dates(text: str, expected: tuple[int | None, int, int | None] | None) -> None:
    found = dates.find_dates(text.replace("\u00a0", " "))
    assert ((found[0].year, found[0].month, found[0].day) if found else None) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Astana, 15 March 2018. (", (2018, 3, 15)), ("Baku, 2 March 2017 –", (2017, 3, 2)),
    ("ASTANA, March 15 (Reuters) - The", (None, 3, 15)), ("Sept. 28, 2022 (EIRNS)—Foreign", (2022, 9, 28)),
    ("On April 3-4, the President", None), ("The meeting of 15 March 2018 was", None),
])
def test_dateline(text: str, expected: tuple[int | None, int, int | None] | None) -> None:
    found = dates.dateline(text)
    assert ((found.year, found.month, found.day) if found else None) == expected


@pytest.mark.parametrize(("text", "years"), [
    ("Program of cooperation for 2017-2018", [2017]), ("trade during 2017 grew", [2017]),
    ("in nine months of 2017", [2017]), ("a programme until 2026 and targets by 2025", []),
    ("the 2019 presidential election", [2019]),
])
def test_year_evidence(text: str, years: list[int]) -> None:
    assert dates.year_evidence(text) == years


def test_anniversary() -> None:
    text = "7th ANNIVERSARY OF THE APRIL REVOLUTION ... on April 7, 2010, the fate"
    assert dates.anniversary_year(text, 4, 7) == 2017
    assert dates.anniversary_year("no anniversary here", 4, 7) is None


def test_history_is_not_the_lead_date() -> None:
    found = dates.lead_date("Since April 7, 2010 the country changed; on May 3 the talks began.")
    assert found is not None and (found.month, found.day) == (5, 3)
