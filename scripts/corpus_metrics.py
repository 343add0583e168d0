"""Quality of ingest on the labelled corpus of real pages (tests/corpus): one figure per question a user asks.

Each page (tests/corpus/pages/ID.txt) is ingested as a plain-text source would be, with the sidecar a collector
would have written (its url only: no date, no title). Extracted articles are aligned with the labelled ones by
the labelled `first_words` (normalised), found near the start of an extracted body; an extracted article that
matches no label is an extra, and its entities count as false positives.

- articles found: labelled articles whose first words start (within its first 400 characters) an extracted body.
- titles: labelled titles (not null) whose aligned article has the same title after normalising case,
  whitespace, quotes, dashes and trailing punctuation ("Title." = "title"). Strict: a title that runs on into
  a dateline, misses a word or keeps a site's suffix is wrong. An unfound article's title is wrong.
- dates, by how the page gives them (`date_given`): right when the article's date is the
  labelled one at the labelled precision; for `none`, `partial` and `event`, also when ingest gives no date
  (as LABELLING.md defines them). A wrong date is one ingest gives (at any precision) that disagrees with the
  label where both say something: worse than none; counted over every labelled article.
- countries, organisations, people: precision, recall and F1 over the aligned articles (set per article).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from site_builder.ingest.entities import Matcher
from site_builder.ingest.read import SourceHints, SourceText, decode_source
from site_builder.ingest.source_articles import Draft, extract_articles

ENTITY_KEYS = ("countries", "organisations", "people")
ALIGN_WINDOW = 400
QUOTES = str.maketrans({c: '"' for c in "“”„«»‘’‚'`´"} | {c: "-" for c in "–—―‐‑−"})


def part_of(page_id: str) -> str:
    """The frozen split: a third of the pages, by a hash of the id fixed before any tuning."""
    return "test" if int(hashlib.sha256(page_id.encode()).hexdigest(), 16) % 3 == 0 else "dev"


def normal(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(QUOTES).casefold()
    return " ".join(text.split()).strip(" .:;,!")


def words(text: str) -> str:
    """For aligning bodies: letters and digits only, one space between words."""
    return " ".join(re.findall(r"\w+", normal(text)))


@dataclass(frozen=True)
class Page:
    id: str
    label: dict[str, Any]
    source: SourceText

    @property
    def part(self) -> str:
        return part_of(self.id)


def load_pages(corpus: Path, part: str | None = None) -> list[Page]:
    pages: list[Page] = []
    for file in sorted((corpus / "labels").glob("*.yaml")):
        label = yaml.safe_load(file.read_text(encoding="utf-8"))
        page_id = str(label["id"])
        if part and part_of(page_id) != part:
            continue
        data = (corpus / "pages" / f"{page_id}.txt").read_bytes()
        source = decode_source(data, f"content/sources/{page_id}.txt")
        hints = SourceHints(url=label.get("url"))
        pages.append(Page(page_id, label, SourceText(source.path, source.text, source.encoding, source.sha256,
                                                     source.lines, hints, source.pages)))
    return pages


@dataclass
class Prf:
    right: int = 0
    found: int = 0
    wanted: int = 0

    def add(self, found: Iterable[str], wanted: Iterable[str]) -> None:
        got, want = set(found), set(wanted)
        self.right += len(got & want)
        self.found += len(got)
        self.wanted += len(want)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.wanted if self.wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.value:6.1%} ({self.right}/{self.total})"


@dataclass
class Figures:
    pages: int = 0
    found: Ratio = field(default_factory=Ratio)
    extra: int = 0
    titles: Ratio = field(default_factory=Ratio)
    dates: dict[str, Ratio] = field(default_factory=lambda: {k: Ratio() for k in ("full", "context", "none")})
    wrong_dates: Ratio = field(default_factory=Ratio)
    entities: dict[str, Prf] = field(default_factory=lambda: {k: Prf() for k in ENTITY_KEYS})

    def lines(self, name: str) -> list[str]:
        out = [f"{name}: {self.pages} pages, {self.found.total} labelled articles",
               f"  articles found      {self.found}   extra articles {self.extra}",
               f"  titles              {self.titles}"]
        out += [f"  dates ({kind:<7})     {ratio}" for kind, ratio in self.dates.items()]
        out.append(f"  wrong dates         {self.wrong_dates}")
        out += [f"  {key:<19} precision {prf.precision:6.1%}  recall {prf.recall:6.1%}  F1 {prf.f1:.3f}  "
                f"({prf.right} right, {prf.found} found, {prf.wanted} labelled)" for key, prf in self.entities.items()]
        return out


@dataclass(frozen=True)
class Outcome:
    """One labelled article (or one extra draft) and what ingest made of it: for reading mistakes on dev."""

    page: str
    label: dict[str, Any] | None
    draft: Draft | None

    def problems(self) -> list[str]:
        label, draft = self.label, self.draft
        if label is None:
            assert draft is not None
            return [f"extra article: {draft.article.title!r}"]
        if draft is None:
            return [f"not found: {label.get('title')!r} ({label.get('first_words')!r})"]
        out: list[str] = []
        if label.get("title") and normal(label["title"]) != normal(draft.article.title):
            out.append(f"title {draft.article.title!r} != {label['title']!r}")
        if not date_right(label, draft):
            out.append(f"date {draft.article.date.iso} ({draft.article.date.precision}) != {label.get('date')} "
                       f"[{label.get('date_given')}: {label.get('date_text')!r}]")
        for key in ENTITY_KEYS:
            got, want = set(getattr(draft.article, key)), set(label.get(key) or [])
            if got != want:
                out.append(f"{key}: extra {sorted(got - want)} missing {sorted(want - got)}")
        return out


def align(labels: list[dict[str, Any]], drafts: list[Draft]) -> list[tuple[dict[str, Any] | None, Draft | None]]:
    """Each label with the first unused draft whose body starts (near its beginning) with the label's first words."""
    bodies = [words(d.article.body[:ALIGN_WINDOW * 2])[:ALIGN_WINDOW] for d in drafts]
    used: set[int] = set()
    pairs: list[tuple[dict[str, Any] | None, Draft | None]] = []
    for label in labels:
        first = words(label.get("first_words") or "")
        match = next((i for i, body in enumerate(bodies) if i not in used and first and first in body), None)
        if match is None and not first:
            match = next((i for i in range(len(drafts)) if i not in used), None)
        if match is not None:
            used.add(match)
        pairs.append((label, drafts[match] if match is not None else None))
    pairs += [(None, drafts[i]) for i in range(len(drafts)) if i not in used]
    return pairs


def label_date(label: dict[str, Any]) -> str | None:
    value = label.get("date")
    return None if value is None else str(value)


def date_right(label: dict[str, Any], draft: Draft | None) -> bool:
    wanted = label_date(label)
    got = draft.article.date.iso if draft else None
    if label.get("date_given") in ("none", "partial", "event"):  # LABELLING.md: no date is right for these too
        return got is None or got == wanted
    return got == wanted


def date_wrong(label: dict[str, Any], draft: Draft | None) -> bool:
    """A date given that disagrees with the label where both say something (a year alone agrees with its days)."""
    got = draft.article.date.iso if draft else None
    if got is None:
        return False
    wanted = label_date(label)
    if wanted is None:
        return True
    return not (wanted.startswith(got) or got.startswith(wanted))


def outcomes(pages: Iterable[Page], matcher: Matcher) -> Iterator[Outcome]:
    for page in pages:
        drafts = extract_articles(page.source, matcher)
        for label, draft in align(list(page.label.get("articles") or []), drafts):
            yield Outcome(page.id, label, draft)


def measure(pages: list[Page], matcher: Matcher) -> tuple[Figures, list[Outcome]]:
    figures = Figures(pages=len(pages))
    seen: list[Outcome] = []
    for outcome in outcomes(pages, matcher):
        seen.append(outcome)
        label, draft = outcome.label, outcome.draft
        if label is None:
            assert draft is not None
            figures.extra += 1
            for key in ENTITY_KEYS:
                figures.entities[key].add(getattr(draft.article, key), ())
            continue
        figures.found.add(draft is not None)
        if label.get("title"):
            figures.titles.add(draft is not None and normal(draft.article.title) == normal(label["title"]))
        kind = label.get("date_given") or "none"
        figures.dates.setdefault(kind, Ratio()).add(date_right(label, draft))
        figures.wrong_dates.add(not date_wrong(label, draft))
        for key in ENTITY_KEYS:
            figures.entities[key].add(getattr(draft.article, key) if draft else (), label.get(key) or ())
    # wrong_dates counted right answers; turn it into the share of articles with a wrong date
    figures.wrong_dates = Ratio(figures.wrong_dates.total - figures.wrong_dates.right, figures.wrong_dates.total)
    return figures, seen


def index_rows(corpus: Path) -> list[str]:
    """One Markdown table row per page: id, part, outlet, kind, articles, the address it was collected from."""
    rows = ["| id | part | outlet | page kind | articles | collected from |", "|---|---|---|---|---:|---|"]
    for file in sorted((corpus / "labels").glob("*.yaml")):
        label = yaml.safe_load(file.read_text(encoding="utf-8"))
        outlet = str(label.get("outlet", "")).replace("|", "/")
        rows.append(f"| {label['id']} | {part_of(str(label['id']))} | {outlet} | {label.get('page_kind', '')} | "
                    f"{len(label.get('articles') or [])} | <{label.get('url', '')}> |")
    return rows
