"""Find dates in English text, in every common style, and the years that context gives away.

"15 March 2018", "March 15, 2018", "Sept. 28, 2022", "8.06.2018", "2018-03-15", "On April 3-4",
"Nov. 29-30", "Aug. 6 (EIRNS)", "September 2017". A range gives its first day. Nothing here knows today's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from site_builder.ingest import date_words

MONTH_NAMES = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
MONTH = date_words.MONTH
DAY = r"(?<![\d.:/,])(?P<day>[0-3]?\d)(?:st|nd|rd|th|-th)?(?!\d)"
DAY_AFTER = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|-th)?(?!\d)"
RANGE = (r"(?:\s*[-–—]\s*[0-3]?\d(?:st|nd|rd|th)?(?![\d:])|"
         r"\s*[-–—]\s*(?:" + date_words.ENGLISH_FORMS + r")\s+[0-3]?\d(?![\d:]))?")
YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?!\d)(?:\s*(?:y\.|yil|il|г\.|года|жыл|yılı))?"
NUMERIC = re.compile(r"(?<![\d.:/-])(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)"
                     r"(?!\w|[./-]\d)")
# A two-digit year only where the shape leaves no doubt: a time follows ("24.10.22 17:15") or brackets close
# the date ("(09/15/22)"); elsewhere "1.5.22" may be a version or a clause number.
SHORT_YEAR = re.compile(r"(?<![\d.:/-])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[0-3]?\d)(?P=sep)(?P<short>\d\d)"
                        r"(?=,?\s+[0-2]?\d:[0-5]\d(?!\d)|\))")
PATTERNS = (
    re.compile(r"(?<![\d.:/])(?P<year>(?:19|20)\d\d)(?P<sep>[-/.])(?P<mnum>[01]\d)(?P=sep)(?P<day>[0-3]\d)(?!\d)"),
    NUMERIC,  # 15.03.2018, 8/10/2024, 15-03-2018
    SHORT_YEAR,  # 24.10.22 17:15, (09/15/22)
    re.compile(r"(?<![\d.:/-])(?P<a>[0-3]?\d) / (?P<b>[0-3]?\d) / (?P<year>(?:19|20)\d\d)(?!\w)"),  # 08 / 06 / 2016
    re.compile(DAY + RANGE + r"\s*(?:of\s+)?" + MONTH + r"\.?,?\s+" + YEAR),  # 15 March 2018, 2 Dekabr 2015
    re.compile(MONTH + r"\.?\s+" + DAY_AFTER + RANGE + r",?\s+" + YEAR),  # March 15, 2018
    re.compile(DAY + r"\s+" + date_words.ANY_CASE_MONTH + r",?\s+" + YEAR),  # 27 july 2011
    re.compile(MONTH + r"\.?\s+" + DAY_AFTER + r"\s+" + date_words.TIME + r",?\s+" + YEAR),  # April 18 06:28 2020
    re.compile(r"(?<!\w)" + MONTH + r"\.?,?\s+(?:of\s+)?" + YEAR),  # March 2018
    re.compile(r"(?<!\w)(?P<month>" + date_words.ENGLISH_FORMS + r")(?![^\W\d_])\s+" + DAY_AFTER + RANGE +
               r"(?!\s*,?\s*\d)"),  # March 15 / Nov. 29-30
    re.compile(DAY + RANGE + r"\s+(?:of\s+)?" + MONTH),  # 15 March / 7th of April / 18 апреля
)
LEAD_WINDOW, BODY_WINDOW = 500, 3000
NUMERIC_PATTERNS = 4  # the first patterns need no month name
ANY_MONTH = re.compile(date_words.MONTH + "|" + date_words.ANY_CASE_MONTH.replace("?P<month>", ""))

# Words just before a date that make it history, not the article's news.
HISTORY = re.compile(r"(since|back in|ago,?|anniversary of( the)?|founded( on| in)?|established( on| in)?|"
                     r"born( on| in)?|until|till|by|before)\s*$", re.IGNORECASE)
# A dateline: an optional agency in brackets or a time, an optional place, the date, an optional time, zone or
# agency, then a dash, a colon, a full stop, a slash or the end.
DATELINE = re.compile(r"^(?:\([^)]{1,60}\)\s*)?(?:" + date_words.TIME + r",?\s*)?"
                      r"(?:(?:On\s+)?(?P<place>[A-Z][A-Za-z'’.\- ]{1,40}?(?:,\s*[A-Z][A-Za-z ]{1,30}?)?)"
                      r"\s*[,(]\s*)?")
AFTER_DATELINE = re.compile(r"^\.?,?\s*(?:[A-Z][A-Za-z]+(?:-[A-Z][A-Za-z]+)?(?=[.:,]))?"
                            r"\.?,?\s*(?:" + date_words.TIME + r")?\s*(?:" + date_words.ZONE + r")?"
                            r"\s*(?:\([^)]{1,40}\))?\s*\)?\s*(?:[-–—:|/.(\[]|$)")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    year: int | None
    month: int
    day: int | None
    ambiguous: bool = False  # numeric with day and month both 12 or less: read day-first unless told otherwise
    month_first: bool | None = None  # the order the text's own style shows: True "March 15, 2018" or "8/13/2024"

    @property
    def full(self) -> bool:
        return self.year is not None and self.day is not None


def month_number(name: str) -> int:
    other = date_words.OTHER_MONTHS.get(name.lower().rstrip("."))
    return other if other else MONTH_NAMES[name[:3].lower()]


def _numbers(groups: dict[str, str | None], month_first: bool) -> tuple[int, int, bool, bool | None]:
    """Month, day, whether the order was a guess, and the order the text shows (numeric dates only)."""
    a, b = int(groups["a"] or 0), int(groups["b"] or 0)
    if groups.get("sep") == ".":
        return b, a, False, None  # dotted dates are day-first everywhere in the region
    if a > 12 >= b:
        return b, a, False, False
    if b > 12 >= a:
        return a, b, False, True
    ambiguous = a != b
    return (a, b, ambiguous, None) if month_first else (b, a, ambiguous, None)


def _mention(match: re.Match[str], month_first: bool) -> DateMention | None:
    groups = match.groupdict()
    ambiguous, order = False, None
    if groups.get("a"):
        month, day_number, ambiguous, order = _numbers(groups, month_first)
        day: int | None = day_number
    else:
        month = int(groups["mnum"]) if groups.get("mnum") else month_number(groups["month"])
        day = int(groups["day"]) if groups.get("day") else None
        if groups.get("month") and day is not None:
            order = match.group(0)[:1].isalpha()
    year = int(groups["year"]) if groups.get("year") else None
    if groups.get("short"):
        year = 2000 + int(groups["short"] or 0)  # no page here predates the 2000s in a two-digit style
    try:
        dt.date(year or 2000, month, day or 1)  # 2000 is a leap year: "Feb. 29" stays possible
    except ValueError:
        return None
    return DateMention(match.start(), match.end(), year, month, day, ambiguous, order)


def find_dates(text: str, month_first: bool = False) -> list[DateMention]:
    """Every date mentioned, in order; where two patterns overlap the first (most specific) wins.
    `month_first`: how to read a numeric date such as 8/10/2024 that could be either (the page's convention)."""
    if not any(ch.isdigit() for ch in text):
        return []
    return list(_find(text, month_first))


@lru_cache(maxsize=8192)
def _find(text: str, month_first: bool) -> tuple[DateMention, ...]:
    found: list[DateMention] = []
    for first, last in _windows(text):
        window = text[first:last]
        taken: list[tuple[int, int]] = []
        named = ANY_MONTH.search(window) is not None  # most numbers ("$41 billion") have no month nearby
        for pattern in PATTERNS if named else PATTERNS[:NUMERIC_PATTERNS]:
            for match in pattern.finditer(window):
                if any(match.start() < end and start < match.end() for start, end in taken):
                    continue
                mention = _mention(match, month_first)
                if mention:
                    found.append(replace(mention, start=mention.start + first, end=mention.end + first))
                    taken.append((match.start(), match.end()))
    return tuple(sorted(found, key=lambda m: m.start))


DIGITS = re.compile(r"\d+")
MARGIN = 28  # characters of a date that may lie before or after its digits ("Sentyabrya ", "Wednesday, ")


def _windows(text: str) -> list[tuple[int, int]]:
    """Every date has digits: the patterns (long alternations of month names in many languages) are tried only
    around them, each window widened to whole words, nearby windows merged."""
    windows: list[list[int]] = []
    for match in DIGITS.finditer(text):
        start, end = max(0, match.start() - MARGIN), min(len(text), match.end() + MARGIN)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    result: list[tuple[int, int]] = []
    for start, end in windows:
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        result.append((start, end))
    return result


AMBIGUOUS = re.compile(r"(?<![\d.])(?:0?[1-9]|1[0-2])([/-])(?:0?[1-9]|1[0-2])\1(?:19|20)\d\d(?!\d)")
US_ZONE = re.compile(r"\d(?:\s*[ap]\.?m\.?)?\s+(?:EDT|EST|CDT|CST|MDT|MST|PDT|PST|ET|PT)\b")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_MONTH_DAY_YEAR = re.compile(r"\b(?:" + date_words.ENGLISH_FORMS + r")\.? [0-3]?\d(?:st|nd|rd|th)?,? (?:19|20)\d\d$")
_DAY_MONTH_YEAR = re.compile(r"\b[0-3]?\d(?:st|nd|rd|th)? (?:" + date_words.ENGLISH_FORMS + r")\.?,? (?:19|20)\d\d$")


def page_month_first(text: str) -> bool:
    """Whether the page writes month before day: its numeric dates that can only be read one way, then the
    order of its dates with month names ("August 10, 2024" against "10 August 2024"). Day-first when nothing
    tells."""
    if not AMBIGUOUS.search(text):
        return False  # no date on the page that the order could change
    votes: Counter[bool] = Counter()
    for match in NUMERIC.finditer(text):
        mention = _mention(match, False)
        if mention is not None and mention.month_first is not None:
            votes[mention.month_first] += 1
    votes[True] += 2 * len(US_ZONE.findall(text))  # times in the Americas' zones: an American outlet's page
    for year in _YEAR.finditer(text):
        before = text[max(0, year.start() - 22):year.end()]  # "September 30th, 2024" at most
        votes[True] += bool(_MONTH_DAY_YEAR.search(before))
        votes[False] += bool(_DAY_MONTH_YEAR.search(before))
    return votes[True] > votes[False]


def is_history(text: str, mention: DateMention) -> bool:
    return bool(HISTORY.search(text[max(0, mention.start - 30):mention.start]))


def dateline(text: str, month_first: bool = False) -> DateMention | None:
    """The date a block starts with, after an optional place: 'Baku, 2 March 2017 –', 'Aug. 6 (EIRNS)—'."""
    return _head_dateline(text[:120], month_first)


@lru_cache(maxsize=4096)  # splitting, headers, dating and summaries each ask about the same blocks
def _head_dateline(head: str, month_first: bool) -> DateMention | None:
    place = DATELINE.match(head)
    offset = place.end() if place else 0
    for mention in find_dates(head, month_first):
        at_start = mention.start in (0, offset) or not head[:mention.start].strip(" ,(")
        if at_start and AFTER_DATELINE.match(head[mention.end:]):
            return mention
    return None


# What a line that only dates an article may hold besides its date: times, zones, weekdays, labels such as
# "Updated:", an agency or site name, view counters and separators.
_LINE_NOISE = re.compile(
    r"(?:" + date_words.TIME + r")|(?:" + date_words.ZONE + r")|\b(?:" + date_words.WEEKDAYS + r")\b|"
    r"\b(?:updated|published|posted|created|modified|last|date|dated|on|at|release|time|views?|in|comments?|print|"
    r"e-?mail|share|"
    r"обновлено|опубликовано|дата)\b|https?://\S+|\b[\w-]+(?:\.[\w-]+)+\b|\d+|[^\w\s]", re.IGNORECASE)
DATE_LINE_LENGTH = 100
DATE_LINE_WORDS = 4


def date_line(text: str, month_first: bool = False) -> DateMention | None:
    """A line that does nothing but date an article: '13:38, 24.09.2017', 'October 15, 2019 14:18',
    '4 July 2024 08:30 (UTC+04:00)', '12:13 GMT 15.09.2022', 'Updated: October 19, 2023 19:56 Xinhua',
    'May 25, 2023, The Kremlin, Moscow', '2017-04-11 16:50 | www.trend.az | 0'. At most a few words (a place,
    an agency) besides the date, its time and its furniture."""
    if len(text) > DATE_LINE_LENGTH:
        return None
    found = find_dates(text, month_first)
    if not found:
        return None
    mention = found[0]
    rest = text[:mention.start] + " " + text[mention.end:]
    for other in found[1:]:
        rest = rest.replace(text[other.start:other.end], " ")
    leftover = _LINE_NOISE.sub(" ", rest).split()
    if len(leftover) <= DATE_LINE_WORDS:
        return mention
    # A full date with its time is a timestamp, whatever furniture the line glued to it ("... Adsence 300X250
    # 14th Jan, 2022. 02:18 pm").
    near = text[max(0, mention.start - 12):mention.end + 12]
    return mention if mention.full and date_words.TIME_RE.search(near) else None


def lead_date(text: str, month_first: bool = False) -> DateMention | None:
    """The first date of a lead paragraph that is news, not history ('On April 3-4, the President...'), in its
    opening sentences (LEAD_WINDOW characters): a date further down a long lead is a detail, not the news."""
    for mention in find_dates(text[:LEAD_WINDOW], month_first):
        if mention.month and not is_history(text, mention):
            return mention
    return None


def body_date(text: str, month_first: bool = False) -> DateMention | None:
    for mention in find_dates(text[:BODY_WINDOW], month_first):
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


RECENT_DAYS = 45  # a report's full dates of the weeks before its dateline fix the dateline's year


def recent_year(text: str, month: int, day: int, month_first: bool = False) -> int | None:
    """The year of a dateline 'Aug 11' that the text's full dates of the days before it fix ('on August 8, 2025'
    makes it 11 August 2025; 'December 28, 2021' makes 'Jan. 5' 2022): only when they all agree."""
    years = set()
    for mention in find_dates(text, month_first):
        if not (mention.full and mention.year and mention.day):
            continue
        reported = dt.date(mention.year, mention.month, mention.day)
        for year in (mention.year, mention.year + 1):
            try:
                gap = (dt.date(year, month, day) - reported).days
            except ValueError:  # 29 February of a common year
                continue
            if 0 <= gap <= RECENT_DAYS:
                years.add(year)
    return years.pop() if len(years) == 1 else None


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
