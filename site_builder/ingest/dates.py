"""Find dates in English text, in every common style, and the years that context gives away.

"15 March 2018", "March 15, 2018", "Sept. 28, 2022", "8.06.2018", "2018-03-15", "On April 3-4",
"Nov. 29-30", "Aug. 6 (EIRNS)", "September 2017". A range gives its first day. Nothing here knows today's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

MONTH_NAMES = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
# Capitalised month names only: "may" and "march" in lower case are verbs.
MONTH = (r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?|"
         r"Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?|"
         r"JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)(?![a-z])")
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|-th)?(?!\d)"
RANGE = r"(?:\s*[-–—]\s*[0-3]?\d(?:st|nd|rd|th)?(?!\d)|\s*[-–—]\s*(?:[A-Z][a-z]{2,8}\.?\s+)?[0-3]?\d(?!\d))?"
YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?!\d)"
PATTERNS = (
    re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),  # ISO
    re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)[./](?P<mnum>[01]?\d)[./](?P<year>(?:19|20)\d\d)(?!\d)"),  # 15.03.2018
    re.compile(DAY + RANGE + r"\s+(?:of\s+)?" + MONTH + r",?\s+" + YEAR),  # 15 March 2018
    re.compile(r"\b" + MONTH + r"\s+" + DAY + RANGE + r",?\s+" + YEAR),  # March 15, 2018
    re.compile(r"\b" + MONTH + r"\s+(?:of\s+)?" + YEAR),  # March 2018
    re.compile(r"\b" + MONTH + r"\s+" + DAY + RANGE + r"(?!\s*,?\s*\d)"),  # March 15 / Nov. 29-30
    re.compile(DAY + RANGE + r"\s+(?:of\s+)?" + MONTH),  # 15 March / 7th of April
)
# Words just before a date that make it history, not the article's news.
HISTORY = re.compile(r"(since|back in|ago,?|anniversary of( the)?|founded( on| in)?|established( on| in)?|"
                     r"born( on| in)?|until|till|by|before)\s*$", re.IGNORECASE)
# A dateline: an optional place, the date, an optional agency, then a dash, a colon, a full stop or the end.
DATELINE = re.compile(r"^(?:(?:On\s+)?(?P<place>[A-Z][A-Za-z'’.\- ]{1,40}?(?:,\s*[A-Z][A-Za-z ]{1,30}?)?)"
                      r"\s*[,(]\s*)?")
AFTER_DATELINE = re.compile(r"^\s*(?:\([^)]{1,40}\))?\s*(?:[-–—:|/.(]|$)")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    year: int | None
    month: int
    day: int | None

    @property
    def full(self) -> bool:
        return self.year is not None and self.day is not None


def month_number(name: str) -> int:
    return MONTH_NAMES[name[:3].lower()]


def _mention(match: re.Match[str]) -> DateMention | None:
    groups = match.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else month_number(groups["month"])
    year = int(groups["year"]) if groups.get("year") else None
    day = int(groups["day"]) if groups.get("day") else None
    try:
        dt.date(year or 2000, month, day or 1)  # 2000 is a leap year: "Feb. 29" stays possible
    except ValueError:
        return None
    return DateMention(match.start(), match.end(), year, month, day)


def find_dates(text: str) -> list[DateMention]:
    """Every date mentioned, in order; where two patterns overlap the first (most specific) wins."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            mention = _mention(match)
            if mention:
                found.append(mention)
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def is_history(text: str, mention: DateMention) -> bool:
    return bool(HISTORY.search(text[max(0, mention.start - 30):mention.start]))


def dateline(text: str) -> DateMention | None:
    """The date a block starts with, after an optional place: 'Baku, 2 March 2017 –', 'Aug. 6 (EIRNS)—'."""
    return _head_dateline(text[:120])


@lru_cache(maxsize=4096)  # splitting, headers, dating and summaries each ask about the same blocks
def _head_dateline(head: str) -> DateMention | None:
    place = DATELINE.match(head)
    offset = place.end() if place else 0
    for mention in find_dates(head):
        at_start = mention.start in (0, offset) or not head[:mention.start].strip(" ,(")
        if at_start and AFTER_DATELINE.match(head[mention.end:]):
            return mention
    return None


def lead_date(text: str) -> DateMention | None:
    """The first date of a lead paragraph that is news, not history ('On April 3-4, the President...')."""
    for mention in find_dates(text):
        if mention.month and not is_history(text, mention):
            return mention
    return None


def body_date(text: str) -> DateMention | None:
    for mention in find_dates(text):
        if mention.day and mention.year is None and not is_history(text, mention):
            return mention
    return None


# Years that context states without a full date: programme periods ("for 2017-2018"), "during 2017",
# "nine months of 2017", "the 2017 presidential election". Targets ("until 2026", "by 2020") are not evidence.
# Each with the strings one of which every match contains: most texts have none, and a substring test is far
# cheaper than a search through every position.
YEAR_EVIDENCE = (
    # "\bfor", with the boundary checked after the word so that re can look for "for " as a literal.
    (re.compile(r"for(?<!\wfor) (?:the (?:period|years) )?(?P<year>20\d\d)\s*[-–]\s*(?:20)?\d\d\b"),
     ("for 20", "for the period 20", "for the years 20")),
    (re.compile(r"\b(?:during|throughout|since the beginning of|(?:months|quarters?|half|results|end|start) of)"
                r" (?P<year>20\d\d)\b"),
     ("during 20", "throughout 20", "of 20")),
    (re.compile(r"\b(?P<year>20\d\d) (?:presidential|parliamentary|general|local) elections?\b"),
     ("presidential election", "parliamentary election", "general election", "local election")),
    (re.compile(r"\b(?:this|current) year,? (?P<year>20\d\d)\b"), ("year 20", "year, 20")),
)
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "fifteenth": 15, "twentieth": 20, "twenty-fifth": 25, "thirtieth": 30,
}


def year_evidence(text: str) -> list[int]:
    return [int(m.group("year")) for pattern, needs in YEAR_EVIDENCE if any(need in text for need in needs)
            for m in pattern.finditer(text)]


def anniversary_year(text: str, month: int, day: int | None) -> int | None:
    """'7th anniversary' of 'April 7, 2010', celebrated on April 7: the year is 2017."""
    number = _anniversary_number(text)
    if number is None:
        return None
    for mention in find_dates(text):
        if mention.year and mention.month == month and mention.day == day:
            return mention.year + number
    return None


def _anniversary_number(text: str) -> int | None:
    match = re.search(r"\b(\d{1,3})(?:st|nd|rd|th|-th)\s+anniversary|\b([a-z]+(?:-[a-z]+)?)\s+anniversary",
                      text, re.IGNORECASE)
    if not match:
        return None
    if match.group(1):
        return int(match.group(1))
    return ORDINAL_WORDS.get(match.group(2).lower())


def most_common_year(years: list[int]) -> int | None:
    if not years:
        return None
    counts = Counter(years)
    return max(counts, key=lambda year: (counts[year], year))
