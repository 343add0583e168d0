"""Site furniture: lines that belong to the website around an article, not to the article.

Data, not code: each table below is a list of patterns matched against one whole (stripped) line.
They describe kinds of furniture common to news sites, ministries and blogs, not one source.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from site_builder.ingest import date_finder, date_words

_I = re.IGNORECASE

# A line starting with one of these is dropped (each is tried at the start of the line only).
DROP_LINE_START = (
    r"(you are here|home|main page|main)\s*[:»>/|]",  # breadcrumbs
    r"\d+\s+comments?\b",
    r"(print|e-?mail|share|tweet|like|subscribe|follow us|print version|printable version|back to top|top of page|"
    r"skip to (main )?content|menu|search|log ?in|sign ?in|sign up|read more|continue reading|more|next|previous|"
    r"next post|previous post|older posts|newer posts|load more|advertisement|sponsored)\W*$",
    r"(share( on| this)?:?\s*)?((facebook|twitter|x|telegram|whatsapp|vk|vkontakte|linkedin|reddit|"
    r"odnoklassniki|email|pinterest)[\s,|/]*){1,8}$",
    r"[•·*\-–]?\s*(english|eng|en|русский|русская версия|рус|ru|қазақша|қазақ тілі|kaz|kz|o['‘’]zbekcha|"
    r"ўзбекча|azərbaycanca|azərbaycan dili|türkçe|deutsch|français|español|中文|кыргызча|тоҷикӣ)\s*$",
    r"(category|tag|author|daily|monthly|yearly|date)?\s*archives?\b(\s*(for|of|:).{0,60})?$",
    r"(categories|tags?|filed under|posted in|labels?)\s*:",
    r"(©|\(c\)|copyright\b)",
    r"(photo|image|picture|illustration)( credit)?\s*:.{0,80}$",
)
# Sharing and reading widgets that lead a line glued to what follows them ("0 Comment(s)Print E-mail Xinhua,
# September 3, 2013"): dropping the line would lose the dateline glued on after them.
WIDGET_PREFIX = re.compile(
    r"^(?:(?:\d+\s*comments?(?:\(s\))?|print(?: version)?|e-?mail|share|tweet|bookmark|font size|a\+|a-)(?-i:(?![a-z]))"
    r"[\s|:/•·,-]*)+", _I)
# A page that opens with a weekday and a date alone ("Saturday, June 10, 2023", "Monday, 16, September, 2024"):
# the site's header of the day it was crawled, not the date of what it shows (a dateline has a time or a place).
TODAY_HEADER = re.compile(r"^(?:" + date_words.WEEKDAYS + r")(?![^\W\d_])\s*,?\s*(?P<date>[\w ,.]{6,40}?)\s*$")
# Navigation labels: a line of at most NAV_LENGTH characters before its trailing spaces (30 + "link buttons").
NAV_MENU = re.compile(
    r"[\w ]{0,30}\b(link buttons|navigation|nav menu|main menu|breadcrumbs?|top menu|site map|sitemap)\s*$", _I)
NAV_LENGTH = 42
# A line holding one of these anywhere (in any case) is dropped: reading widgets, copyright.
DROP_PHRASES = ("line spacing", "font size", "text size", "all rights reserved")
# Also anywhere: the reading widget "A+ A-" and breadcrumbs such as "Main page »» Diplomatic Chapter »»".
WIDGET = re.compile(r"\bA\s*[+-]\s*A\b", _I)
GUILLEMETS = re.compile(r"»[^«]*»")

# A line matching one of these ends the article: it and everything after it are dropped.
END_OF_ARTICLE = tuple(re.compile(p + r"\s*:?\s*$", _I) for p in (
    r"related (articles|news|posts|stories|materials|content|links|reading)",
    r"(read|see) also", r"more (news|stories|articles|on this topic|from this section)",
    r"foreign press", r"world cities", r"(latest|popular|recent|top|most read|most popular) (news|posts|articles)",
    r"most read", r"you may also like", r"(you might|you may) also be interested( in)?",
    r"leave a (comment|reply)", r"\d* ?comments", r"share this( article| story| page)?",
    r"recommended( for you)?", r"other news", r"news feed", r"in other news",
))

# Publication stamps: removed from the text, their date kept as a fallback.
STAMP = re.compile(
    r"^(created|published|posted|updated|last updated|last modified|date|dated|release date)"
    r"(\s+(at|on))?\s*:?\s*(?P<rest>.*\d.*)$", _I)

# Stray list artefacts left by PDF extraction: a lone letter or number with a dot or bracket.
ARTEFACT = re.compile(r"^([A-Za-z]|\d{1,2}|[ivx]{1,4})[.)]$|^[•·▪■●○◦*\-–—]$")

# An archive header and the short category name printed next to it ("Kazakhstan" / "Category Archives").
ARCHIVE_HEADER = re.compile(r"^(category|tag|author)?\s*archives?$", _I)


# End markers as one alternation, tried once at the start of a line instead of once per pattern. (Not the
# drop patterns: searched anywhere in a line, one alternation was slower than the separate searches.)
_ANY_END_OF_ARTICLE = re.compile("|".join(f"(?:{p.pattern})" for p in END_OF_ARTICLE), _I)


# One anchored alternation for the start patterns, and cheap character tests before the patterns searched
# anywhere: a search through every position of every body line was a tenth of ingest.
_ANY_START = re.compile("|".join(f"(?:{p})" for p in DROP_LINE_START), _I)
_ANY_PHRASE = re.compile("|".join(re.escape(p) for p in DROP_PHRASES), _I)


def is_furniture(text: str) -> bool:
    if _ANY_START.match(text) or (len(text.rstrip()) <= NAV_LENGTH and NAV_MENU.match(text)):
        return True
    if ("»" in text and GUILLEMETS.search(text)) or (("+" in text or "-" in text) and WIDGET.search(text)):
        return True
    if text.isascii():  # ASCII letters match case-insensitively exactly when their lower cases are equal
        lower = text.lower()
        return any(phrase in lower for phrase in DROP_PHRASES)
    return _ANY_PHRASE.search(text) is not None


def after_widgets(text: str) -> str | None:
    """What follows a leading run of sharing widgets on one line, or None when the line does not start with them."""
    match = WIDGET_PREFIX.match(text)
    return text[match.end():].strip() or None if match else None


def is_today_header(text: str) -> bool:
    """A weekday and a full date with nothing else: as a page's first line, the site's date of the day."""
    match = TODAY_HEADER.match(text)
    if match is None:
        return False
    rest = match.group("date")
    found = date_finder.find_dates(rest)
    if len(found) != 1 or not found[0].full or re.search(r"\d:\d", text):
        return False
    return not re.search(r"[^\W\d_]", rest[:found[0].start] + rest[found[0].end:])  # nothing but the date


def ends_article(text: str) -> bool:
    return _ANY_END_OF_ARTICLE.match(text) is not None


def stamp_text(text: str) -> str | None:
    """The date part of a 'Created at : 8.06.2018, 10:40' stamp, or None."""
    match = STAMP.match(text)
    return match.group("rest") if match and len(text) < 120 else None


def is_artefact(text: str) -> bool:
    return bool(ARTEFACT.match(text))


def line_key(text: str) -> str:
    """How lines are compared across sources: case and spacing do not matter."""
    return " ".join(text.lower().split())


def repeated_lines(sources: Iterable[Iterable[str]], minimum: int = 3, share: float = 0.2) -> frozenset[str]:
    """Short lines found in many sources: the strongest sign of furniture a single site leaves behind.

    A line counts once per source; it must appear in at least `minimum` sources and in `share` of them,
    so a phrase that two articles happen to share is never taken for furniture.
    """
    counts: Counter[str] = Counter()
    total = 0
    for lines in sources:
        total += 1
        counts.update({line_key(t) for t in lines if 0 < len(t.split()) <= 12 and len(t.strip()) > 1})
    needed = max(minimum, int(share * total))
    return frozenset(key for key, count in counts.items() if count >= needed)
