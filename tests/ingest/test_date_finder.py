from __future__ import annotations

import pytest

from site_builder.ingest import date_finder

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
    found = date_finder.find_dates(text.replace("\u00a0", " "))
    assert ((found[0].year, found[0].month, found[0].day) if found else None) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Astana, 15 March 2018. (", (2018, 3, 15)), ("Baku, 2 March 2017 –", (2017, 3, 2)),
    ("ASTANA, March 15 (Reuters) - The", (None, 3, 15)), ("Sept. 28, 2022 (EIRNS)—Foreign", (2022, 9, 28)),
    ("On April 3-4, the President", None), ("The meeting of 15 March 2018 was", None),
])
def test_dateline(text: str, expected: tuple[int | None, int, int | None] | None) -> None:
    found = date_finder.dateline(text)
    assert ((found.year, found.month, found.day) if found else None) == expected


@pytest.mark.parametrize(("text", "years"), [
    ("Program of cooperation for 2017-2018", [2017]), ("trade during 2017 grew", [2017]),
    ("in nine months of 2017", [2017]), ("a programme until 2026 and targets by 2025", []),
    ("the 2019 presidential election", [2019]),
])
def test_year_evidence(text: str, years: list[int]) -> None:
    assert date_finder.year_evidence(text) == years


def test_anniversary() -> None:
    text = "7th ANNIVERSARY OF THE APRIL REVOLUTION ... on April 7, 2010, the fate"
    assert date_finder.anniversary_year(text, 4, 7) == 2017
    assert date_finder.anniversary_year("no anniversary here", 4, 7) is None


def test_history_is_not_the_lead_date() -> None:
    found = date_finder.lead_date("Since April 7, 2010 the country changed; on May 3 the talks began.")
    assert found is not None and (found.month, found.day) == (5, 3)


# Every style the region's outlets print, as (text, (year, month, day) of the first date).
STYLES = [
    ("13:38, 24.09.2017", (2017, 9, 24)), ("May 25, 2023, The Kremlin, Moscow", (2023, 5, 25)),
    ("October 15, 2019 14:18", (2019, 10, 15)), ("4 July 2024 08:30 (UTC+04:00)", (2024, 7, 4)),
    ("Aug 8, 2024", (2024, 8, 8)), ("12:13 GMT 15.09.2022", (2022, 9, 15)),
    ("Tbilisi, 27 October 2024 (dpa/MIA) –", (2024, 10, 27)), ("3 Nov 2022 15:25", (2022, 11, 3)),
    ("06.02.2020 [16:04]", (2020, 2, 6)), ("2 Dekabr 2015", (2015, 12, 2)), ("2017-04-11 16:50", (2017, 4, 11)),
    ("2024/08/10", (2024, 8, 10)), ("8/10/2024", (2024, 10, 8)), ("10/28/2024", (2024, 10, 28)),
    ("28/10/2024", (2024, 10, 28)), ("15-03-2018", (2018, 3, 15)), ("Friday, 25 January 2008", (2008, 1, 25)),
    ("Tue, 5 Mar 2019", (2019, 3, 5)), ("Monday, March 4, 2019", (2019, 3, 4)), ("April 3-4", (None, 4, 3)),
    ("Nov. 29-30", (None, 11, 29)), ("April 30 - May 2, 2018", (2018, 4, 30)), ("3-4 April 2018", (2018, 4, 3)),
    ("18 апреля 2024 г.", (2024, 4, 18)), ("18 апреля", (None, 4, 18)), ("5 avqust 2021", (2021, 8, 5)),
    ("12 Avgust 2019", (2019, 8, 12)), ("7 Iyul 2022", (2022, 7, 7)), ("1 Sentyabrya 2020", (2020, 9, 1)),
    ("14 Ekim 2023", (2023, 10, 14)), ("3 Aralık 2021", (2021, 12, 3)), ("9 Jeltoqsan 2020", (2020, 12, 9)),
    ("16 желтоқсан 2021", (2021, 12, 16)), ("25 Awgust 2023", (2023, 8, 25)), ("SEPT 16, 2021", (2021, 9, 16)),
    ("15 MARCH 2018", (2018, 3, 15)), ("June 17, 2025", (2025, 6, 17)), ("1st of June, 2020", (2020, 6, 1)),
    ("Updated: October 19, 2023 19:56 Xinhua", (2023, 10, 19)), ("Xinhua) 18:00, June 17, 2025", (2025, 6, 17)),
    ("12:40, 29 November 2019 | GMT +6", (2019, 11, 29)), ("the year 1995", None), ("Mart 2020", (2020, 3, None)),
    ("Kazan 2020", None), ("call 12-34-5678", None), ("version 1.2.2019x", None),
    ("24.10.22 17:15", (2022, 10, 24)), ("fighting.” (09/15/22)", (2022, 9, 15)), ("06.02.20, 16:04", (2020, 2, 6)),
    ("Τετάρτη 6 Νοεμβρίου 2013", (2013, 11, 6)), ("6 ΝΟΕΜΒΡΙΟΥ 2013", (2013, 11, 6)),
    ("15 Μαΐου 2020", (2020, 5, 15)), ("19 դեկտեմբերի 2024", (2024, 12, 19)), ("19 დეკემბერს 2024", (2024, 12, 19)),
    ("12 Sentabr 2023", (2023, 9, 12)), ("3 oktabr 2019", (2019, 10, 3)), ("Μάρτιος 2021", (2021, 3, None)),
    ("version 1.5.22 released", None), ("clause 24.10.22 of the code", None), ("ratio 3/4/22 split", None),
]


@pytest.mark.parametrize(("text", "expected"), STYLES)
def test_every_style(text: str, expected: tuple[int | None, int, int | None] | None) -> None:
    found = date_finder.find_dates(text)
    assert ((found[0].year, found[0].month, found[0].day) if found else None) == expected


@pytest.mark.parametrize(("page", "text", "expected"), [
    ("Posted August 10, 2024. Earlier: 8/13/2024.", "8/10/2024", (2024, 8, 10)),  # month-first page
    ("Posted 10 August 2024. Earlier: 13/08/2024.", "8/10/2024", (2024, 10, 8)),  # day-first page
    ("No other dates here.", "8/10/2024", (2024, 10, 8)),  # nothing tells: day-first, as the region writes
    ("Posted August 10, 2024.", "24.09.2017", (2017, 9, 24)),  # dots are day-first on any page
])
def test_day_or_month_first_from_the_page(page: str, text: str, expected: tuple[int, int, int]) -> None:
    found = date_finder.find_dates(text, date_finder.page_month_first(f"{page} {text}"))
    assert (found[0].year, found[0].month, found[0].day) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("13:38, 24.09.2017", (2017, 9, 24)), ("October 15, 2019 14:18", (2019, 10, 15)),
    ("4 July 2024 08:30 (UTC+04:00)", (2024, 7, 4)), ("12:13 GMT 15.09.2022", (2022, 9, 15)),
    ("06.02.2020 [16:04]", (2020, 2, 6)), ("2017-04-11 16:50 | www.trend.az | 0", (2017, 4, 11)),
    ("29.05.2025, 11:53 40011", (2025, 5, 29)), ("Updated: October 19, 2023 19:56 Xinhua", (2023, 10, 19)),
    ("May 25, 2023, The Kremlin, Moscow", (2023, 5, 25)), ("Friday, 25 January 2008", (2008, 1, 25)),
    ("22 February, 2017", (2017, 2, 22)), ("Xinhua) 18:00, June 17, 2025", (2025, 6, 17)),
    ("Baku, December 2, AZERTAC", (None, 12, 2)),
    ("The meeting on 15 March 2018 discussed trade and transit", None),
    ("Sadyr Japarov receives new U.S. Ambassador", None),
])
def test_date_line(text: str, expected: tuple[int | None, int, int | None] | None) -> None:
    found = date_finder.date_line(text)
    assert ((found.year, found.month, found.day) if found else None) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("DUSHANBE, 18.04.2024 /NIAT «Khovar»/. On April 18, the", (2024, 4, 18)),
    ("MOSCOW, September 5. /TASS/. Russian Foreign Minister", (None, 9, 5)),
    ("(MENAFN- Trend News Agency) BAKU, Azerbaijan, December 22. Azerbaijan and", (None, 12, 22)),
    ("ASTANA, Kazakhstan, January 23. The Minister", (None, 1, 23)),
    ("Tbilisi, 27 October 2024 (dpa/MIA) – Georgia's", (2024, 10, 27)),
    ("ASTANA, June 17 (Xinhua) -- Chinese President", (None, 6, 17)),
])
def test_lead_datelines(text: str, expected: tuple[int | None, int, int | None]) -> None:
    found = date_finder.dateline(text)
    assert found is not None and (found.year, found.month, found.day) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("27 july 2011, 20:10", (2011, 7, 27)), ("April 18 06:28 2020", (2020, 4, 18)),
    ("26 фев 2021, 07:58", (2021, 2, 26)), ("14th Jan, 2022. 02:18 pm", (2022, 1, 14)),
    ("22 JUNE, 2022", (2022, 6, 22)), ("we may 2011", None),
])
def test_more_styles(text: str, expected: tuple[int | None, int, int | None] | None) -> None:
    found = date_finder.find_dates(text)
    assert ((found[0].year, found[0].month, found[0].day) if found else None) == expected


def test_agency_after_the_date() -> None:
    found = date_finder.dateline("YEREVAN, NOVEMBER 14, ARMENPRESS. 1472 new cases")
    assert found is not None and (found.month, found.day) == (11, 14)


def test_a_timestamp_glued_to_furniture_is_a_date_line() -> None:
    found = date_finder.date_line("Top Banner Ads Across site (Mobile) 300X250 14th Jan, 2022. 02:18 pm")
    assert found is not None and (found.year, found.month, found.day) == (2022, 1, 14)
    assert date_finder.date_line(
        "Ministers of the five states met in Tashkent on 14 Jan, 2022 for talks on water") is None


def test_times_in_american_zones_make_a_page_month_first() -> None:
    page = "10/08/2019 | 12:02am EDT\nDUSHANBE, TAJIKISTAN (8 October 2019)- The bank"
    found = date_finder.find_dates("10/08/2019", date_finder.page_month_first(page))
    assert (found[0].month, found[0].day) == (10, 8)


@pytest.mark.parametrize(("text", "month", "day", "year"), [
    ("The declaration was adopted on August 8, 2025 in Washington.", 8, 11, 2025),
    ("The meeting held on 21 October 2011 in Almaty adopted it.", 10, 21, 2011),
    ("Talks began on December 28, 2021 and went on.", 1, 5, 2022),
    ("The treaty of May 5, 1994 still holds.", 8, 11, None),  # history, not the days before
    ("He met them on 3 August 2020 and on 2 August 2021.", 8, 11, None),  # two years: no evidence
    ("The deal signed on 12 August 2024 takes effect.", 8, 11, None),  # after the dateline's day
    ("No dates here.", 8, 11, None),
])
def test_recent_year(text: str, month: int, day: int, year: int | None) -> None:
    assert date_finder.recent_year(text, month, day) == year
