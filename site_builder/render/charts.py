"""The chart of articles per year: one row a year, so its labels stay readable at any number of years and on a
phone (an SVG of columns shrank its labels to 5 px at twenty years). Each row with articles links its year."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: int  # the bar's length, in percent of the busiest year's
    url: str | None  # its year page; None for a year with no articles (it has no page)


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    title: str


def year_chart(counts: dict[int, int], year_url: Callable[[int], str], title: str) -> Chart:
    """Rows for every year from the first to the last, empty years included (gaps are information), newest
    first as the lists are."""
    if not counts:
        return Chart((), title)
    peak = max(counts.values())
    bars = tuple(Bar(str(year), counts.get(year, 0), _percent(counts.get(year, 0), peak),
                     year_url(year) if counts.get(year) else None)
                 for year in range(max(counts), min(counts) - 1, -1))
    return Chart(bars, title)


def _percent(count: int, peak: int) -> int:
    return max(1, round(100 * count / peak)) if count else 0
