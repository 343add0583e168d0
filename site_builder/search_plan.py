"""How the search index is cut into Pagefind bundles: one while the archive fits in one, and beyond that as few
spans of years as memory requires. The decision is a measured memory model of Pagefind, not a count of years.

Why bundles at all: Pagefind holds the whole index of a bundle in memory while it builds it. Measured with
Pagefind 1.5.2 on the benchmark's pages (benchmarks/search.py; docs/performance.md, "Search bundles"), the
peak RSS of the Pagefind process that indexes pages is close to

    40 MB + 13.4 x (the size of their HTML files)

(2 000 article pages of 15 KB: 28 MB of HTML, 415 MB peak; 6 000: 85 MB, 1 194 MB; 12 000: 176 MB, 2 216 MB;
the model gives 421, 1 183 and 2 400 MB; MB here are MiB). Its slope falls a little as bundles grow, so the
model errs on the safe side where it matters, near the budget.
A build must stay under 4 GB at 100 000 articles, where our own process takes about 1.2 GB, so Pagefind gets
MemoryModel.budget_mb at once. A 2 000-article archive (421 MB) and one of 8 000 are one bundle; 20 000 articles
are two; 100 000 (5 000 a year) are ten of two years each.

Why spans of years: the reader's date sort then takes the bundles one after the other in date order
(pagefind_shards.js), and an article stays in its bundle while its year's neighbours do. Years are packed into
bundles newest first, each as full as the budget allows, which gives the fewest contiguous bundles; the undated
(and the entity pages, which have no year) go with the oldest. Only a single year too large for a bundle of
its own is split, by date (read from its pages, which are then the only ones read).

This module decides; search.py writes what it decides. It knows a document by its year and its size alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

MB = 1024 * 1024
SINGLE = "all"  # the name of the one bundle of an archive that fits in one
UNDATED = "undated"


@dataclass(frozen=True)
class MemoryModel:
    """Peak memory of one Pagefind process indexing pages of `html_bytes` in all (measured, see above)."""

    base_mb: float = 40.0
    mb_per_html_mb: float = 13.4
    budget_mb: float = 2400.0  # Pagefind's share at once: 4 GB less our build's 1.2 GB at 100 000, less a margin

    def peak_mb(self, html_bytes: int) -> float:
        return self.base_mb + self.mb_per_html_mb * html_bytes / MB

    def fits(self, html_bytes: int) -> bool:
        return self.peak_mb(html_bytes) <= self.budget_mb

    @property
    def capacity(self) -> int:
        """The most HTML bytes one bundle may hold."""
        return max(1, int((self.budget_mb - self.base_mb) / self.mb_per_html_mb * MB))


MEMORY = MemoryModel()


@dataclass(frozen=True)
class PlannedBundle:
    name: str
    members: tuple[int, ...]  # positions of the documents in the sequence planned
    html_bytes: int


def plan_bundles(documents: Sequence[tuple[int | None, int]], model: MemoryModel = MEMORY,
                 date_of: Callable[[int], str] = lambda _: "") -> list[PlannedBundle]:
    """Bundles for documents given as (year or None, HTML size in bytes): newest first. One bundle named
    SINGLE when everything fits; else spans named "2017", "2012-2016" or "undated" ("2005-2009-undated" when
    the undated are in it too). `date_of(position)` gives a document's sort date; it is asked only of the
    documents of a year that must be split, so that each part is a span of dates too."""
    if not documents:
        return []
    total = sum(size for _, size in documents)
    if model.fits(total):
        return [PlannedBundle(SINGLE, tuple(range(len(documents))), total)]
    by_year: dict[int | None, list[int]] = {}
    for position, (year, _) in enumerate(documents):
        by_year.setdefault(year, []).append(position)
    years = sorted((y for y in by_year if y is not None), reverse=True) + ([None] if None in by_year else [])
    capacity = model.capacity
    bundles: list[tuple[list[int | None], list[int], int]] = []  # (years, members, bytes), newest first
    for year in years:
        for part in _parts(by_year[year], documents, capacity, date_of):
            size = sum(documents[p][1] for p in part)
            if bundles and bundles[-1][2] + size <= capacity:
                bundles[-1][0].append(year)
                bundles[-1][1].extend(part)
                bundles[-1] = (bundles[-1][0], bundles[-1][1], bundles[-1][2] + size)
            else:
                bundles.append(([year], list(part), size))
    names = [_name(spanned) for spanned, _, _ in bundles]
    return [PlannedBundle(_unique(name, names[:i]), tuple(members), size)
            for i, (name, (_, members, size)) in enumerate(zip(names, bundles, strict=True))]


def _parts(positions: list[int], documents: Sequence[tuple[int | None, int]], capacity: int,
           date_of: Callable[[int], str]) -> list[list[int]]:
    """A year's documents in one part, or, newest first, in as many as it takes when the year alone exceeds a
    bundle."""
    if sum(documents[p][1] for p in positions) <= capacity:
        return [positions]
    positions = sorted(positions, key=lambda p: (date_of(p), p), reverse=True)
    parts: list[list[int]] = [[]]
    size = 0
    for position in positions:
        document_size = documents[position][1]
        if parts[-1] and size + document_size > capacity:
            parts.append([])
            size = 0
        parts[-1].append(position)
        size += document_size
    return parts


def _name(years: list[int | None]) -> str:
    dated = [y for y in years if y is not None]
    if not dated:
        return UNDATED
    span = str(dated[0]) if min(dated) == max(dated) else f"{min(dated)}-{max(dated)}"
    return span + (f"-{UNDATED}" if None in years else "")


def _unique(name: str, before: list[str]) -> str:
    """A year split in parts gives the parts one name: number the later ones (2017, 2017.2, 2017.3)."""
    count = before.count(name)
    return name if count == 0 else f"{name}.{count + 1}"
