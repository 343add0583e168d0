"""The immutable catalogue: every article, indexed by entity, year and country pair."""

from __future__ import annotations

import hashlib
import heapq
import marshal
import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations, compress
from pathlib import Path

from site_builder.authority import Authority
from site_builder.documents import paused_collector
from site_builder.errors import Problem
from site_builder.model import Article, Entity, EntityKind

ENTITY_FIELDS = {EntityKind.COUNTRY: "countries", EntityKind.ORGANISATION: "organisations",
                 EntityKind.PERSON: "people"}
RELATED_COUNT = 5
RELATED_WINDOW = 25  # articles per entity considered on either side in time


@dataclass(frozen=True)
class Catalogue:
    articles: tuple[Article, ...]  # newest first; undated last
    authority: Authority
    by_entity: dict[tuple[EntityKind, str], tuple[Article, ...]]
    by_year: dict[int | None, tuple[Article, ...]]
    pairs: dict[tuple[str, str], tuple[Article, ...]]  # (country, country) in name order
    related: dict[str, tuple[Article, ...]]  # keyed by article path
    problems: tuple[Problem, ...]

    def entities(self, kind: EntityKind) -> tuple[Entity, ...]:
        """Entities of a kind that have at least one article, in name order."""
        return tuple(e for e in self.authority.of_kind(kind) if (kind, e.name) in self.by_entity)

    def articles_of(self, entity: Entity) -> tuple[Article, ...]:
        return self.by_entity.get((entity.kind, entity.name), ())

    def entities_of(self, article: Article, kind: EntityKind) -> tuple[Entity, ...]:
        found = (self.authority.get(kind, name) for name in getattr(article, ENTITY_FIELDS[kind]))
        return tuple(entity for entity in found if entity is not None)

    def year_position(self, article: Article) -> int:
        """Where the article stands on its year's pages (in `year_order`): which page of a long year holds it."""
        return self._year_positions.get((article.year_segment, article.slug), 0)

    @cached_property
    def _year_positions(self) -> dict[tuple[str, str], int]:
        return {(a.year_segment, a.slug): i for articles in self.by_year.values()
                for i, a in enumerate(sorted(articles, key=year_order))}

    def chronological(self) -> tuple[Article, ...]:
        """Oldest first (undated, which have no place in time, before all); same date in reading order."""
        return self._chronological

    @cached_property
    def _chronological(self) -> tuple[Article, ...]:
        dated = [a for a in self.articles if a.date.year]
        undated = [a for a in self.articles if not a.date.year]
        return (*undated, *sorted(sorted(dated, key=_reading_order), key=lambda a: a.date.sort_key))


def year_order(article: Article) -> tuple[str, str]:
    """The order of a year's pages: by date (a date known only to the month or year first), then title."""
    return (article.date.sort_key, article.title)


def sort_newest_first(articles: Iterable[Article]) -> tuple[Article, ...]:
    """Newest first; articles of the same date keep their order in the source (a digest reads top down)."""
    in_reading_order = sorted(articles, key=_reading_order)
    dated = sorted((a for a in in_reading_order if a.date.year), key=lambda a: a.date.sort_key, reverse=True)
    return (*dated, *(a for a in in_reading_order if not a.date.year))


def _reading_order(article: Article) -> tuple[str, int, str, str]:
    source = article.source
    return (source.path, source.part, article.title, article.slug) if source else ("", 0, article.title, article.slug)


@paused_collector()  # many objects made, none freed: collections would only walk them
def build_catalogue(articles: Iterable[Article], authority: Authority,
                    related_cache: Path | None = None) -> Catalogue:
    """The catalogue; with `related_cache` (a file of ours, beside the output), related articles are taken from
    the last build when no article's path, date or entities changed (an edited body changes none of them)."""
    unique, clashes = _without_clashes(articles)
    ordered = sort_newest_first(unique)
    return Catalogue(
        articles=ordered, authority=authority, by_entity=_index_entities(ordered),
        by_year=_index_years(ordered), pairs=_index_pairs(ordered), related=_related_cached(ordered, related_cache),
        problems=(*clashes, *_cite_key_clashes(ordered), *_unknown_references(ordered, authority)),
    )


_RELATED_CODE = hashlib.sha256(Path(__file__).read_bytes()).digest()  # a changed ranking voids the cache


def _related_cached(articles: tuple[Article, ...], cache: Path | None) -> dict[str, tuple[Article, ...]]:
    """_related, or what it gave for the same paths, dates and entities (all it reads) at the last build."""
    if cache is None or len({a.path for a in articles}) != len(articles):
        return _related(articles)
    inputs = [(a.path, a.date.sort_key, a.countries, a.organisations, a.people) for a in articles]
    key = hashlib.sha256(_RELATED_CODE + repr(inputs).encode()).hexdigest()  # repr: the same text for equal data
    try:
        found, paths = marshal.loads(cache.read_bytes())  # our own file, written below
        if found == key:
            by_path = {a.path: a for a in articles}
            return {a.path: tuple(by_path[path] for path in paths[a.path]) for a in articles}
    except Exception:  # missing or damaged: compute it again
        pass
    related = _related(articles)
    temporary = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")  # two builds may run at once
    temporary.write_bytes(marshal.dumps((key, {path: [a.path for a in found] for path, found in related.items()})))
    temporary.replace(cache)
    return related


def _without_clashes(articles: Iterable[Article]) -> tuple[list[Article], list[Problem]]:
    """Two articles wanting one URL: the first file (in path order) keeps it, the other is reported."""
    owners: dict[tuple[str, str], Article] = {}
    problems = []
    for article in sorted(articles, key=lambda a: a.path):
        key = (article.year_segment, article.slug)
        if key in owners:
            problems.append(Problem(article.path, None, f"slug '{article.slug}' of year {key[0]} is already used by "
                                    f"{owners[key].path}; this article is left out of the site",
                                    hint="give one of the two articles another slug (the URL must be unique)"))
        else:
            owners[key] = article
    return list(owners.values()), problems


def _index_entities(articles: tuple[Article, ...]) -> dict[tuple[EntityKind, str], tuple[Article, ...]]:
    index: dict[tuple[EntityKind, str], list[Article]] = defaultdict(list)
    for article in articles:
        for kind, field in ENTITY_FIELDS.items():
            for name in dict.fromkeys(getattr(article, field)):  # a name listed twice lists the article once
                index[(kind, name)].append(article)
    return {key: tuple(value) for key, value in index.items()}


def _index_years(articles: tuple[Article, ...]) -> dict[int | None, tuple[Article, ...]]:
    index: dict[int | None, list[Article]] = defaultdict(list)
    for article in articles:
        index[article.date.year].append(article)
    return {key: tuple(value) for key, value in index.items()}


def _index_pairs(articles: tuple[Article, ...]) -> dict[tuple[str, str], tuple[Article, ...]]:
    index: dict[tuple[str, str], list[Article]] = defaultdict(list)
    for article in articles:
        for pair in combinations(sorted(set(article.countries)), 2):
            index[pair].append(article)
    return {key: tuple(value) for key, value in index.items()}


def _related(articles: tuple[Article, ...]) -> dict[str, tuple[Article, ...]]:
    """Articles sharing the most entities (people weigh most, countries least), nearest in time first.

    Each entity contributes only its RELATED_WINDOW articles nearest in time on either side: a country shared by
    thousands of articles would otherwise make this quadratic, and news is related most to its own period.
    Works on positions in time rather than paths (the same ranking, several times faster: counting is done by
    Counter in C); hand-made catalogues whose paths repeat take the reference below, which keys by path.
    """
    chronological = sorted(articles, key=lambda a: (a.date.sort_key, a.path))
    paths = [a.path for a in chronological]
    if len(set(paths)) != len(paths):
        return _related_by_path(articles)
    members_of: dict[str, list[int]] = defaultdict(list)
    windows: list[list[tuple[list[int], int, int]]] = []
    for me, article in enumerate(chronological):
        mine = []
        for name, weight in _weighted_names(article).items():
            members = members_of[name]
            mine.append((members, len(members), weight))
            members.append(me)
        windows.append(mine)
    position = {path: me for me, path in enumerate(paths)}
    return {a.path: tuple(chronological[other] for other in _nearest(position[a.path], windows, paths))
            for a in articles}


def _nearest(me: int, windows: list[list[tuple[list[int], int, int]]], paths: list[str]) -> list[int]:
    """Positions of the RELATED_COUNT best: highest score, then nearest in time, then path."""
    picked: list[int] = []
    for members, here, weight in windows[me]:
        picked += members[max(0, here - RELATED_WINDOW): here + RELATED_WINDOW + 1] * weight
    scores = Counter(picked)
    del scores[me]  # every window holds the article itself
    candidates: Iterable[int] = scores
    if len(scores) > RELATED_COUNT:  # only scores as high as the RELATED_COUNT-th can rank: pick them in C
        floor = _floor(Counter(scores.values()))
        candidates = compress(scores, map(floor.__le__, scores.values()))
    return sorted(candidates, key=lambda other: (-scores[other], abs(other - me), paths[other]))[:RELATED_COUNT]


def _floor(histogram: Counter[int]) -> int:
    """The RELATED_COUNT-th highest score, from how many candidates have each score."""
    enough = 0
    for score in sorted(histogram, reverse=True):
        enough += histogram[score]
        if enough >= RELATED_COUNT:
            return score
    return 0


def _related_by_path(articles: tuple[Article, ...]) -> dict[str, tuple[Article, ...]]:
    """The reference ranking, keyed by path: the definition _related must agree with (tests compare them)."""
    chronological = sorted(articles, key=lambda a: (a.date.sort_key, a.path))
    position = {a.path: i for i, a in enumerate(chronological)}
    by_name: dict[str, list[Article]] = defaultdict(list)
    for article in chronological:
        for name in _weighted_names(article):
            by_name[name].append(article)
    place = {(name, a.path): i for name, members in by_name.items() for i, a in enumerate(members)}
    return {a.path: _best_related(a, by_name, place, position) for a in articles}


def _best_related(article: Article, by_name: dict[str, list[Article]], place: dict[tuple[str, str], int],
                  position: dict[str, int]) -> tuple[Article, ...]:
    scores: Counter[str] = Counter()
    found: dict[str, Article] = {}
    for name, weight in _weighted_names(article).items():
        members, here = by_name[name], place[(name, article.path)]
        for other in members[max(0, here - RELATED_WINDOW): here + RELATED_WINDOW + 1]:
            if other.path != article.path:
                scores[other.path] += weight
                found[other.path] = other
    me = position[article.path]
    ranked = [(-score, abs(position[path] - me), path) for path, score in scores.items()]
    return tuple(found[path] for _, _, path in heapq.nsmallest(RELATED_COUNT, ranked))


def _weighted_names(article: Article) -> dict[str, int]:
    weights = {f"c:{name}": 1 for name in article.countries}
    weights.update({f"o:{name}": 2 for name in article.organisations})
    weights.update({f"p:{name}": 3 for name in article.people})
    return weights


def cite_key(article: Article) -> str:
    """The article's BibTeX key: `cite_key` when the front matter freezes one, else `derived_cite_key`."""
    return article.cite_key or derived_cite_key(article)


def derived_cite_key(article: Article) -> str:
    """Its permanent URL's slug and year, 'kazakhstan-and-azerbaijan-strengthen-cooperation:2017'. Slugs are
    unique within a year and never hold '_', so these keys are unique by construction and stable as the URL
    is; a slug that starts with a digit gets 'n_' (a key starts with a letter)."""
    slug = article.slug if article.slug[:1].isalpha() else f"n_{article.slug}"
    return f"{slug}:{article.year_segment}"


def _cite_key_clashes(articles: tuple[Article, ...]) -> list[Problem]:
    """A frozen `cite_key` must not be another article's key (derived keys are unique by construction)."""
    derived = {derived_cite_key(a): a for a in articles}
    owners: dict[str, Article] = {}
    problems = []
    for article in sorted((a for a in articles if a.cite_key), key=lambda a: a.path):
        key = str(article.cite_key)
        other = owners.get(key) or derived.get(key)
        if other is not None and other is not article and other.path != article.path:
            problems.append(Problem(article.path, None, f"cite_key '{key}' is already the key of {other.path}",
                                    hint="give this article another cite_key: BibTeX keys must be unique"))
        owners.setdefault(key, article)
    return problems


def _unknown_references(articles: tuple[Article, ...], authority: Authority) -> list[Problem]:
    problems = []
    for article in articles:
        for kind, field in ENTITY_FIELDS.items():
            for name in dict.fromkeys(getattr(article, field)):
                if authority.get(kind, name) is None:
                    problems.append(Problem(
                        article.path, None, f"'{field}' names '{name}', which is in no authority file",
                        hint=f"add it to the site's content/entities/ (which replaces the built-in authority "
                             f"files: start from a copy of them) or correct the spelling in '{field}'",
                        severity="warning"))
    return problems
