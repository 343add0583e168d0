"""The archive's data model: frozen dataclasses, no I/O."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # of articles and entities: their URL segment
MAX_SLUG_LENGTH = 100  # a path segment every file system and URL takes
# Device names that Windows will not accept as a file name, whatever the extension.
RESERVED_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                            *(f"lpt{n}" for n in range(10))})
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


class EntityKind(StrEnum):
    COUNTRY = "country"
    ORGANISATION = "organisation"
    PERSON = "person"


@dataclass(frozen=True)
class Entity:
    """One authority record: a country, an organisation or a person."""

    kind: EntityKind
    name: str
    slug: str
    full_name: str | None = None
    wikidata: str | None = None
    iso2: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    country: str | None = None  # a person's country
    roles: tuple[str, ...] = ()

    @property
    def wikidata_url(self) -> str | None:
        return f"https://www.wikidata.org/wiki/{self.wikidata}" if self.wikidata else None


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month, the year, or not at all."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str | None) -> PartialDate:
        if not text:
            return cls()
        match = ISO_DATE.match(text)
        if not match:
            raise ValueError(f"not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            dt.date(year or 0, 1 if month is None else month, 1 if day is None else day)
        except ValueError as error:
            raise ValueError(f"not a calendar date ({error}): {text!r}") from error
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        if self.day:
            return "day"
        if self.month:
            return "month"
        return "year" if self.year else "unknown"

    @property
    def iso(self) -> str | None:
        if self.year is None:
            return None
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p]
        return "-".join(parts)

    @property
    def sort_key(self) -> str:
        """Sorts partial dates at the start of their period; undated last in reverse order."""
        return f"{self.year or 0:04d}-{self.month or 0:02d}-{self.day or 0:02d}"

    def human(self) -> str:
        if self.year is None:
            return "Date unknown"
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {MONTHS[self.month - 1]} {self.year}"


@dataclass(frozen=True)
class SourceRef:
    """Where an article came from: provenance recorded by ingest."""

    path: str
    sha256: str
    part: int
    parts: int
    lines: tuple[int, int]
    url: str | None = None  # where it was collected from: the sidecar's url or the page's canonical URL
    outlet: str | None = None  # the original publisher: sidecar, site name, or the dateline's agency
    pages: tuple[int, int] | None = None  # for a PDF: the first and last page the article's text came from


@dataclass(frozen=True)
class Article:
    title: str
    slug: str
    date: PartialDate
    date_basis: str  # stated (visible text) | metadata (the page's own metadata) | inferred | manual
    author: str | None
    countries: tuple[str, ...]
    countries_mentioned: tuple[str, ...]
    organisations: tuple[str, ...]
    people: tuple[str, ...]
    summary: str | None
    source: SourceRef | None
    body: str  # Markdown
    path: str = ""  # the Markdown file, relative to the site
    date_note: str | None = None  # how the date was found or inferred, or what the page gives without a year
    cite_key: str | None = None  # BibTeX key, frozen once given (like the slug)

    @property
    def year_segment(self) -> str:
        return f"{self.date.year:04d}" if self.date.year else "undated"
