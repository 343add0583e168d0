"""A deterministic synthetic corpus: N article specs from a seeded generator over fixed word lists.

The specs are written out in our content format (front matter via site_builder.documents), and as raw
digest text for the ingest benchmark; peers.py writes the same specs for Hugo and Pelican.
"""

from __future__ import annotations

import hashlib
import random
import re
import textwrap
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import vocabulary as vocab

from site_builder.documents import render_article
from site_builder.model import Article, PartialDate

SEED = 20240601
FIRST_YEAR, LAST_YEAR = 2005, 2024
WORDS = (500, 900)
SITE_TOML = """title = "Benchmark Archive"
description = "Synthetic corpus for the performance benchmark."
base_url = "https://archive.example.org/"
language = "en"
publisher = "Benchmark"
"""

NameMap = Callable[[str], str]


@dataclass(frozen=True)
class Spec:
    """One synthetic article, independent of any generator's format."""

    index: int
    title: str
    slug: str
    date: PartialDate
    countries: tuple[str, ...]
    countries_mentioned: tuple[str, ...]
    organisations: tuple[str, ...]
    people: tuple[str, ...]
    paragraphs: tuple[str, ...]
    heading: str  # a subheading placed before the middle paragraph

    @property
    def summary(self) -> str:
        return self.paragraphs[0].split(". ")[0].rstrip(".") + "."

    @property
    def year(self) -> int:
        return self.date.year or FIRST_YEAR

    @property
    def full_date(self) -> str:
        """YYYY-MM-DD for generators that need a full date (partial dates fall on the first day)."""
        return f"{self.year:04d}-{self.date.month or 1:02d}-{self.date.day or 1:02d}"

    def markdown_body(self) -> str:
        middle = len(self.paragraphs) // 2
        blocks = [*self.paragraphs[:middle], f"## {self.heading}", *self.paragraphs[middle:]]
        return "\n\n".join(blocks)

    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


def generate_specs(count: int, seed: int = SEED) -> list[Spec]:
    """The same `count` articles for the same seed, with slugs unique within each year."""
    rng = random.Random(seed)
    specs: list[Spec] = []
    used: set[tuple[int, str]] = set()
    for index in range(count):
        spec = _spec(rng, index)
        slug, n = spec.slug, 2
        while (spec.year, slug) in used:
            slug, n = f"{spec.slug}-{n}", n + 1
        used.add((spec.year, slug))
        specs.append(_with_slug(spec, slug))
    return specs


def _with_slug(spec: Spec, slug: str) -> Spec:
    if slug == spec.slug:
        return spec
    return Spec(spec.index, spec.title, slug, spec.date, spec.countries, spec.countries_mentioned,
                spec.organisations, spec.people, spec.paragraphs, spec.heading)


def _spec(rng: random.Random, index: int) -> Spec:
    countries = tuple(c.name for c in rng.sample(vocab.COUNTRIES, rng.randint(1, 4)))
    organisations = tuple(o.name for o in rng.sample(vocab.ORGANISATIONS, rng.randint(0, 3)))
    people = _pick_people(rng, countries)
    partner = countries[1] if len(countries) > 1 else rng.choice(vocab.COUNTRIES).name
    slots = _Slots(rng, countries, partner, organisations, people)
    title = title_case(slots.fill(rng.choice(vocab.TITLE_FORMS)))
    paragraphs = _paragraphs(rng, slots, rng.randint(*WORDS))
    mentioned = tuple(dict.fromkeys((*countries, partner)))
    return Spec(index, title, slugify(title), _date(rng), countries, mentioned, organisations, people,
                tuple(paragraphs), slots.fill("{topic}").capitalize())


def _pick_people(rng: random.Random, countries: tuple[str, ...]) -> tuple[str, ...]:
    local = [p.name for p in vocab.PEOPLE if p.country in countries]
    pool = local or [p.name for p in vocab.PEOPLE]
    return tuple(rng.sample(pool, min(len(pool), rng.randint(0, 2))))


def _date(rng: random.Random) -> PartialDate:
    year, month, day = rng.randint(FIRST_YEAR, LAST_YEAR), rng.randint(1, 12), rng.randint(1, 28)
    roll = rng.random()
    if roll < 0.02:
        return PartialDate(year)
    if roll < 0.10:
        return PartialDate(year, month)
    return PartialDate(year, month, day)


class _Slots:
    """Fills the {placeholders} of a sentence form from one article's names."""

    def __init__(self, rng: random.Random, countries: tuple[str, ...], partner: str,
                 organisations: tuple[str, ...], people: tuple[str, ...]) -> None:
        self.rng, self.countries, self.partner = rng, countries, partner
        self.organisations, self.people = organisations, people
        self.by_name = {c.name: c for c in vocab.COUNTRIES}
        self.roles = {p.name: p.role for p in vocab.PEOPLE}
        self.homes = {p.name: p.country for p in vocab.PEOPLE}

    def usable(self, form: str) -> bool:
        return ("{org}" not in form or bool(self.organisations)) and ("{person}" not in form or bool(self.people))

    def fill(self, form: str) -> str:
        rng = self.rng
        a = self.by_name[rng.choice(self.countries)]
        person = rng.choice(self.people) if self.people else rng.choice(vocab.PEOPLE).name
        values = {
            "a": a.name, "b": self.partner if self.partner != a.name else self.countries[0],
            "capital": a.capital, "demonym": a.demonym, "city": rng.choice(vocab.CITIES),
            "topic": rng.choice(vocab.TOPICS), "verb": rng.choice(vocab.VERBS), "person": person,
            "role": self.roles.get(person, "President"), "person_country": self.homes.get(person, a.name),
            "org": rng.choice(self.organisations) if self.organisations else "UN",
            "number": str(rng.randint(3, 240)), "amount": str(rng.randint(10, 900)), "month": rng.choice(vocab.MONTHS),
            "year": str(rng.randint(FIRST_YEAR, LAST_YEAR)),
        }
        return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], form)


def _paragraphs(rng: random.Random, slots: _Slots, words: int) -> list[str]:
    forms = [f for f in vocab.SENTENCE_FORMS if slots.usable(f)]
    paragraphs: list[str] = []
    total = 0
    while total < words:
        sentences = [_sentence(rng, slots, forms) for _ in range(rng.randint(4, 7))]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph.split())
    return paragraphs


def _sentence(rng: random.Random, slots: _Slots, forms: list[str]) -> str:
    if rng.random() < 0.25:
        return rng.choice(vocab.FILLER)
    return slots.fill(rng.choice(forms))


def title_case(text: str) -> str:
    small = {"and", "on", "of", "in", "to", "for", "the", "with", "a"}
    words = text.split()
    return " ".join(w if w in small and i else w[:1].upper() + w[1:] for i, w in enumerate(words))


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].rstrip("-")


# --- our content format ------------------------------------------------------------------------------------


def to_article(spec: Spec, names: NameMap) -> Article:
    return Article(
        title=spec.title, slug=spec.slug, date=spec.date, date_basis="stated", author=None,
        countries=_mapped(spec.countries, names), countries_mentioned=_mapped(spec.countries_mentioned, names),
        organisations=_mapped(spec.organisations, names), people=_mapped(spec.people, names),
        summary=spec.summary, source=None, body=spec.markdown_body(),
    )


def _mapped(values: Iterable[str], names: NameMap) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names(v) for v in values))


def article_path(spec: Spec) -> str:
    return f"content/articles/{spec.year:04d}/{spec.slug}.md"


def write_our_site(specs: list[Spec], site: Path, names: NameMap) -> None:
    """A site folder: site.toml, content/articles/YYYY/slug.md, an empty content/sources/."""
    (site / "content" / "sources").mkdir(parents=True, exist_ok=True)
    (site / "content" / "pages").mkdir(parents=True, exist_ok=True)
    (site / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    for spec in specs:
        path = site / article_path(spec)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_article(to_article(spec, names)), encoding="utf-8")


# --- raw digests for ingest ----------------------------------------------------------------------------------


def digest_text(specs: list[Spec]) -> str:
    """A weekly digest like content/sources/000_*.txt: ALL-CAPS headings, hard-wrapped paragraphs with
    blank lines between wrapped lines, words hyphenated across lines."""
    blocks = [_digest_article(spec) for spec in specs]
    return "".join(blocks)


def _digest_article(spec: Spec) -> str:
    capital = next((c.capital for c in vocab.COUNTRIES if c.name == spec.countries[0]), "Astana")
    opening = spec.paragraphs[0]
    lead = {"day": f"{capital}, {spec.date.human()} – {opening}",
            "month": f"In {spec.date.human()}, {opening[0].lower()}{opening[1:]}"}.get(spec.date.precision, opening)
    paragraphs = [lead, *spec.paragraphs[1:]]
    lines = [f" {spec.title.upper()} ", " ", ""]
    for paragraph in paragraphs:
        lines.extend(_hard_wrap(paragraph))
        lines.extend([" ", ""])
    return "\n".join(lines)


def _hard_wrap(paragraph: str, width: int = 100) -> Iterator[str]:
    """Wrapped lines with a trailing space, each followed by a blank line, as PDF text extraction gives."""
    for line in textwrap.wrap(paragraph, width=width, break_on_hyphens=True):
        yield f"{line} "
        yield ""


def write_digest_sources(specs: list[Spec], site: Path, per_digest: int = 6) -> int:
    """content/sources/NNN_<sha>.txt digests of `per_digest` articles each; returns the number of files."""
    sources = site / "content" / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    (site / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    count = 0
    for start in range(0, len(specs), per_digest):
        data = digest_text(specs[start:start + per_digest]).encode("utf-8")
        name = f"{count:04d}_{hashlib.sha256(data).hexdigest()[:16]}.txt"
        (sources / name).write_bytes(data)
        count += 1
    return count
