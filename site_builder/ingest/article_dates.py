"""The date of each article of a source: stated when the article says it, inferred from context otherwise.

Context, in order of trust: the article's own clues (an anniversary, the full dates of the days just before the
dateline's that its text reports, a programme period, 'during 2017'), its
neighbours on a page whose dated items run in one direction, then what the whole source says about its year.
A month and day with no year anywhere stays unknown: never today's year.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from site_builder.ingest import date_finder
from site_builder.model import MONTHS, PartialDate

STATED, INFERRED = "stated", "inferred"


@dataclass(frozen=True)
class Clues:
    mention: date_finder.DateMention | None  # the dateline, or the first news date of the lead paragraph
    evidence: tuple[int, ...]  # years the text gives away
    anniversary: int | None  # the year an 'Nth anniversary' points to
    stamp: date_finder.DateMention | None  # a 'Created at' stamp: the publication date, a fallback
    recent: int | None = None  # the year a full date of the text just before the dateline's day fixes


@dataclass(frozen=True)
class Dated:
    date: PartialDate
    basis: str
    note: str | None = None  # for date_note: what the page gives when it does not fix the year


def clues(title: str, dateline: date_finder.DateMention | None, lead: str, text: str,
          stamp: date_finder.DateMention | None, month_first: bool = False, events: bool = True) -> Clues:
    # The dateline, else the lead's first news date, else (`events`: not a listing's teaser, whose events may
    # be of any date) the first 'On April 5' of the body (no year: a full date deep in the body is more often
    # history than news).
    mention = line = dateline or date_finder.dateline(lead, month_first)
    news = date_finder.lead_date(lead, month_first)
    if mention is None and news is not None and news.full:
        mention = news  # a full date in the lead: the news it reports is the article's
    if events:
        mention = mention or date_finder.lead_date(lead, month_first) or date_finder.body_date(text, month_first)
    anniversary = recent = None
    if mention and mention.year is None:
        anniversary = date_finder.anniversary_year(f"{title}\n{text}", mention.month, mention.day)
        if mention is line and mention.day:  # a dateline, not a day the text reports ("met on April 6")
            recent = date_finder.recent_year(text, mention.month, mention.day, month_first)
    return Clues(mention, tuple(date_finder.year_evidence(text)), anniversary, stamp, recent)


def resolve(all_clues: Sequence[Clues], newest_first: bool = False, shared: bool = True) -> list[Dated]:
    """`newest_first`: the source is a category or archive page, which lists newest first unless its dates
    say otherwise. `shared`: an article with no date of its own may take the month its source's other articles
    share (a digest of one period); on a listing or a single page nothing dates it but itself."""
    own = [_own(c) for c in all_clues]
    order = _order(own) or (-1 if newest_first and any(own) else 0)
    pooled = date_finder.most_common_year([y for c in all_clues for y in c.evidence] +
                                    [d.date.year for d in own if d and d.date.year])
    results: list[Dated] = []
    for index, (clue, found) in enumerate(zip(all_clues, own, strict=True)):
        if found is None and clue.mention and clue.mention.year is None:
            found = _with_year(clue, index, own, order, pooled)
        results.append(found or Dated(PartialDate(), INFERRED, _no_year_note(clue)))
    if not shared:
        return results
    return [r if r.date.year else _from_context(r, i, results, all_clues) for i, r in enumerate(results)]


def _no_year_note(clue: Clues) -> str | None:
    """'7 August' with no year anywhere: kept as a note for an editor, never given a guessed year."""
    mention = clue.mention
    if mention is None or mention.year is not None:
        return None
    day = f"{mention.day} " if mention.day else ""
    return f"the page gives {day}{MONTHS[mention.month - 1]} without a year"


def _own(clue: Clues) -> Dated | None:
    mention = clue.mention if clue.mention else clue.stamp
    if mention and mention.year:
        return Dated(PartialDate(mention.year, mention.month, mention.day), STATED)
    return None


def _order(own: Sequence[Dated | None]) -> int:
    """-1 when the dated items run newest first (category pages), 1 oldest first, 0 unknown."""
    known = [d.date for d in own if d and d.date.precision == "day"]
    if len(known) < 2:
        return 0
    if all(a >= b for a, b in itertools.pairwise(known)):
        return -1
    return 1 if all(a <= b for a, b in itertools.pairwise(known)) else 0


def _with_year(clue: Clues, index: int, own: Sequence[Dated | None], order: int, pooled: int | None) -> Dated | None:
    assert clue.mention is not None
    month, day = clue.mention.month, clue.mention.day
    year = clue.anniversary or clue.recent or date_finder.most_common_year(list(clue.evidence)) or (
        clue.stamp.year if clue.stamp else None)
    year = year or (_neighbour_year(month, day, index, own, order) if order else None) or pooled
    return Dated(PartialDate(year, month, day), INFERRED) if year else None


def _neighbour_year(month: int, day: int | None, index: int, own: Sequence[Dated | None], order: int) -> int | None:
    """On a newest-first page, an item dated after its older neighbour's day is in that year or the next."""
    key = (month, day or 1)
    for step in (-1, 1):
        position = index + step
        while 0 <= position < len(own):
            found = own[position]
            if found and found.date.year and found.date.month:
                other = (found.date.month, found.date.day or 1)
                later = step * order > 0  # the neighbour is newer than this item
                if later:
                    return found.date.year if key <= other else found.date.year - 1
                return found.date.year if key >= other else found.date.year + 1
            position += step
    return None


def _from_context(result: Dated, index: int, results: Sequence[Dated], all_clues: Sequence[Clues]) -> Dated:
    """No date of its own: the month (or year) every other item of the source shares."""
    others = [r.date for i, r in enumerate(results) if i != index and r.date.year]
    if others and len({(d.year, d.month) for d in others}) == 1 and others[0].month:
        return Dated(PartialDate(others[0].year, others[0].month), INFERRED)
    if others and len({d.year for d in others}) == 1:
        return Dated(PartialDate(others[0].year), INFERRED)
    year = date_finder.most_common_year(list(all_clues[index].evidence))
    return Dated(PartialDate(year), INFERRED) if year else result
