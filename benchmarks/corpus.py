"""A deterministic synthetic archive shaped like the real one: N article specs from a seeded generator.

Names come from the authority files (content/entities), drawn with the frequencies of the labelled real pages
(benchmarks/density.py: how many countries, organisations and people an article names, and how often each);
prose comes from fixed word lists (vocabulary.py). sources.py writes the specs as raw sources (single pages,
digests, web pages) for ingest; the built site and the peers' sites are made from what ingest wrote.
"""

from __future__ import annotations

import random
import re
from bisect import bisect
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

import vocabulary as vocab
from density import Density

from site_builder.model import PartialDate

SEED = 20240601
FIRST_YEAR, LAST_YEAR = 2005, 2024
WORDS = (500, 900)
TAIL_WEIGHT = 0.25  # an authority name no labelled page names: as if named by a quarter of an article
SITE_TOML = """title = "Benchmark Archive"
description = "Synthetic corpus for the performance benchmark."
base_url = "https://archive.example.org/"
language = "en"
publisher = "Benchmark"
"""


@dataclass(frozen=True)
class Spec:
    """One synthetic article, independent of any generator's format."""

    index: int
    title: str
    date: PartialDate
    countries: tuple[str, ...]
    partner: str  # the second subject country (the first when there is one)
    organisations: tuple[str, ...]
    people: tuple[str, ...]
    paragraphs: tuple[str, ...]
    heading: str  # a subheading placed before the middle paragraph

    @property
    def year(self) -> int:
        return self.date.year or FIRST_YEAR

    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


class _Weighted:
    """Names with weights; `sample` draws k distinct names, each with probability by weight."""

    def __init__(self, names: list[str], weights: list[float]) -> None:
        self.names, self.cumulative = names, list(accumulate(weights))

    def sample(self, rng: random.Random, k: int) -> tuple[str, ...]:
        chosen: dict[str, None] = {}
        k = min(k, len(self.names))
        while len(chosen) < k:
            at = bisect(self.cumulative, rng.random() * self.cumulative[-1])
            chosen[self.names[min(at, len(self.names) - 1)]] = None
        return tuple(chosen)


class _Histogram:
    def __init__(self, histogram: dict[int, int]) -> None:
        self.values = sorted(histogram)
        self.cumulative = list(accumulate(histogram[v] for v in self.values))

    def draw(self, rng: random.Random) -> int:
        return self.values[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


class Pools:
    """The names the generator draws from (every authority record), weighted as the labelled pages name them."""

    def __init__(self, records: dict[str, list[dict[str, Any]]], density: Density) -> None:
        self.density = density
        self.capital = {str(r["name"]): _first(r.get("capitals"), str(r["name"])) for r in records["countries"]}
        self.demonym = {str(r["name"]): _first(r.get("demonyms"), str(r["name"])) for r in records["countries"]}
        self.home = {str(r["name"]): str(r.get("country") or "") for r in records["people"]}
        self.role = {str(r["name"]): _role(r.get("roles")) for r in records["people"]}
        self.pick = {kind: self._weighted(records[kind], density.names[kind]) for kind in records}
        self.count = {kind: _Histogram(density.per_article[kind]) for kind in density.per_article}

    @staticmethod
    def _weighted(records: list[dict[str, Any]], counts: dict[str, int]) -> _Weighted:
        names = sorted({str(r["name"]) for r in records})
        return _Weighted(names, [counts.get(n, TAIL_WEIGHT) for n in names])


def _first(values: object, default: str) -> str:
    return str(values[0]) if isinstance(values, list) and values else default


def _role(roles: object) -> str:
    role = _first(roles, "Minister")
    return re.split(r" of | \(|,", role)[0].strip() or "Minister"


def generate_specs(count: int, pools: Pools, seed: int = SEED) -> list[Spec]:
    """The same `count` articles for the same seed and pools."""
    rng = random.Random(seed)
    return [_spec(rng, index, pools) for index in range(count)]


def _spec(rng: random.Random, index: int, pools: Pools) -> Spec:
    # An article naming no country (3 % of the labelled ones) is generated with one: the prose needs a place.
    countries = pools.pick["countries"].sample(rng, max(1, pools.count["countries"].draw(rng)))
    organisations = pools.pick["organisations"].sample(rng, pools.count["organisations"].draw(rng))
    people = pools.pick["people"].sample(rng, pools.count["people"].draw(rng))
    partner = countries[1] if len(countries) > 1 else countries[0]
    slots = _Slots(rng, pools, countries, partner, organisations, people)
    title = title_case(slots.fill(rng.choice(_title_forms(slots))))
    paragraphs = _paragraphs(rng, slots, rng.randint(*WORDS))
    return Spec(index, title, _date(rng), countries, partner, organisations, people, tuple(paragraphs),
                slots.fill("{topic}").capitalize())


def _title_forms(slots: _Slots) -> list[str]:
    return [f for f in vocab.TITLE_FORMS if slots.usable(f)]


def _date(rng: random.Random) -> PartialDate:
    year, month, day = rng.randint(FIRST_YEAR, LAST_YEAR), rng.randint(1, 12), rng.randint(1, 28)
    roll = rng.random()
    if roll < 0.02:
        return PartialDate(year)
    if roll < 0.10:
        return PartialDate(year, month)
    return PartialDate(year, month, day)


class _Slots:
    """Fills the {placeholders} of a sentence form from one article's names. Every subject is named in the
    text (the first sentences of the lead name them all), so ingest can find them."""

    def __init__(self, rng: random.Random, pools: Pools, countries: tuple[str, ...], partner: str,
                 organisations: tuple[str, ...], people: tuple[str, ...]) -> None:
        self.rng, self.pools, self.countries, self.partner = rng, pools, countries, partner
        self.organisations, self.people = organisations, people

    def usable(self, form: str) -> bool:
        """A form names only this article's subjects: no second country for an article about one."""
        return (("{org}" not in form or bool(self.organisations)) and ("{person}" not in form or bool(self.people))
                and ("{b}" not in form or len(self.countries) > 1))

    def fill(self, form: str) -> str:
        rng, pools = self.rng, self.pools
        a = rng.choice(self.countries)
        person = rng.choice(self.people) if self.people else ""
        values = {
            "a": a, "b": self.partner if self.partner != a else self.countries[0],
            "capital": pools.capital.get(a, a), "demonym": pools.demonym.get(a, a), "city": rng.choice(vocab.CITIES),
            "topic": rng.choice(vocab.TOPICS), "verb": rng.choice(vocab.VERBS), "person": person,
            "role": pools.role.get(person, "Minister"), "person_country": a,
            "org": rng.choice(self.organisations) if self.organisations else "",
            "number": str(rng.randint(3, 240)), "amount": str(rng.randint(10, 900)), "month": rng.choice(vocab.MONTHS),
            "year": str(rng.randint(FIRST_YEAR, LAST_YEAR)),
        }
        return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], form)

    def lead(self) -> str:
        """A sentence naming every subject: the countries, then the organisations and people."""
        names = " and ".join(self.countries)
        text = f"Representatives of {names} {self.rng.choice(vocab.VERBS)} {self.rng.choice(vocab.TOPICS)}."
        if self.organisations:
            text += f" The meeting was held within the framework of the {', '.join(self.organisations)}."
        for person in self.people:
            text += f" {self.pools.role.get(person, 'Minister')} {person} took part."
        return text


def _paragraphs(rng: random.Random, slots: _Slots, words: int) -> list[str]:
    forms = [f for f in vocab.SENTENCE_FORMS if slots.usable(f)]
    paragraphs: list[str] = []
    total = 0
    while total < words:
        sentences = [_sentence(rng, slots, forms) for _ in range(rng.randint(4, 7))]
        if not paragraphs:
            sentences.insert(1, slots.lead())
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
