"""View objects for the pages that list articles: entities and their years, pairs, indexes, timeline, home."""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

from site_builder.catalogue import ENTITY_FIELDS, Catalogue, year_order
from site_builder.model import MONTHS, Article, Entity, EntityKind
from site_builder.render.charts import Chart, year_chart
from site_builder.render.paging import Pager, pages_of
from site_builder.render.views import ArticleItem, Link, article_item, entity_link, pair_name, searched_names
from site_builder.urls import Urls

KIND_LABELS = {EntityKind.COUNTRY: ("Country", "Countries"),
               EntityKind.ORGANISATION: ("Organisation", "Organisations"),
               EntityKind.PERSON: ("Person", "People")}
TOP_COUNT = 12
LATEST_COUNT = 20  # an entity's or pair's page lists its latest articles; its year pages list the rest
FILTER_NAMES = {EntityKind.COUNTRY: "country", EntityKind.ORGANISATION: "organisation",
                EntityKind.PERSON: "person"}  # the data-pagefind-filter names on article pages


@dataclass(frozen=True)
class Group:
    """A titled run of articles: a year, a month, or 'date unknown'."""

    label: str
    anchor: str
    articles: tuple[ArticleItem, ...]


@dataclass(frozen=True)
class EntityView:
    kind: str
    name: str
    full_name: str | None
    iso2: str | None
    wikidata_id: str | None
    wikidata_url: str | None
    roles: tuple[str, ...]
    count: int
    latest: tuple[ArticleItem, ...]
    years: tuple[Link, ...]  # its year pages, newest first, with counts ("Date unknown" last)
    undated: Link | None  # its page of undated articles, if it has any
    country: Link | None  # a person's country
    variants: tuple[str, ...]  # other spellings and names it is found under
    companions: tuple[Link, ...]  # countries it appears with most (pair pages), for countries
    organisations: tuple[Link, ...]
    people: tuple[Link, ...]
    countries: tuple[Link, ...]
    chart: Chart
    feed_url: str | None
    span: str | None  # "2017–2019": the years its articles cover
    search_url: str  # the search page, filtered to this entity
    other_names: str  # its aliases, indexed for search so that any spelling finds the page


@dataclass(frozen=True)
class PairView:
    """One page of a bilateral file: its articles newest first, grouped by year, PAGE_SIZE a page (a pair has no
    year pages of its own: pairs are many, and most are short)."""

    first: Link
    second: Link
    count: int
    span: str | None
    groups: tuple[Group, ...]
    pager: Pager
    chart: Chart  # each year's row opens the page (and place) where that year begins
    organisations: tuple[Link, ...]
    people: tuple[Link, ...]
    search_url: str  # the search page, filtered to the articles about both countries


@dataclass(frozen=True)
class IndexItem:
    text: str
    url: str
    count: int
    detail: str | None  # an acronym's full name; a person's office and the years of their articles


@dataclass(frozen=True)
class IndexGroup:
    label: str | None  # a person's country; None where the index is one list
    anchor: str
    items: tuple[IndexItem, ...]


@dataclass(frozen=True)
class IndexView:
    kind: str
    title: str
    count: int
    groups: tuple[IndexGroup, ...]
    note: str


@dataclass(frozen=True)
class TimelineView:
    chart: Chart
    years: tuple[Link, ...]
    undated: Link | None


@dataclass(frozen=True)
class YearView:
    year: str
    count: int
    groups: tuple[Group, ...]
    months: tuple[Link, ...]  # links to each month's place on the year's pages, with counts
    previous: Link | None
    next: Link | None
    pager: Pager


@dataclass(frozen=True)
class EntityYearView:
    """One year of an entity's (or a pair's) articles, month by month, on pages of PAGE_SIZE."""

    kind: str
    subject: Link  # the entity or the pair
    year: str
    count: int
    groups: tuple[Group, ...]
    months: tuple[Link, ...]
    previous: Link | None  # the entity's year before, with articles
    next: Link | None
    pager: Pager


@dataclass(frozen=True)
class HomeView:
    latest: tuple[ArticleItem, ...]
    countries: tuple[Link, ...]
    organisations: tuple[Link, ...]
    people: tuple[Link, ...]
    total: int
    span: str | None
    chart: Chart


def month_groups(articles: Iterable[Article], urls: Urls) -> tuple[Group, ...]:
    """Months in order (articles already in `year_order`); a date known only to the year goes under 'Date within
    year unknown', and an undated article under 'Date unknown'."""
    months: dict[int, list[ArticleItem]] = {}
    for article in articles:
        months.setdefault(_month_key(article), []).append(article_item(article, urls))
    return tuple(Group(_month_label(m), _month_anchor(m), tuple(items)) for m, items in sorted(months.items()))


def _month_key(article: Article) -> int:
    return 0 if not article.date.year else article.date.month or 13


def _month_label(month: int) -> str:
    return "Date unknown" if month == 0 else MONTHS[month - 1] if month <= 12 else "Date within year unknown"


def _month_anchor(month: int) -> str:
    return "y-date-unknown" if month == 0 else f"m-{month:02d}" if month <= 12 else "m-unknown"


def _paged_year(articles: Iterable[Article], first_url: str, urls: Urls) -> list[tuple[str, tuple[Group, ...],
                                                                                        Pager, tuple[Link, ...]]]:
    """Each page of a year's list: its URL, its month groups, its pager, and the links to every month (each to
    the page where the month begins)."""
    ordered = sorted(articles, key=year_order)
    pages = pages_of(ordered, first_url)
    starts: dict[int, tuple[str, int]] = {}
    for url, chunk, _ in pages:
        for article in chunk:
            key = _month_key(article)
            found = starts.get(key, (url, 0))
            starts[key] = (found[0], found[1] + 1)
    months = tuple(Link(_month_label(m), f"{url}#{_month_anchor(m)}", n) for m, (url, n) in sorted(starts.items()))
    return [(url, month_groups(chunk, urls), pager, months) for url, chunk, pager in pages]


def _year_links(articles: Iterable[Article], year_url: Callable[[int | None], str]) -> tuple[Link, ...]:
    counts = Counter(a.date.year for a in articles)
    years = sorted(counts, key=lambda y: (y is None, -(y or 0)))
    return tuple(Link(str(y) if y else "Date unknown", year_url(y), counts[y]) for y in years)


def _undated(articles: tuple[Article, ...], url: str) -> Link | None:
    count = sum(1 for a in articles if not a.date.year)
    return Link("Undated articles", url, count) if count else None


def _top(catalogue: Catalogue, articles: Iterable[Article], kind: EntityKind, urls: Urls,
         exclude: str | None = None) -> tuple[Link, ...]:
    # Counted by name (articles hold canonical names), resolved once per name: hashing entities was most of it.
    field = ENTITY_FIELDS[kind]
    counts = Counter(name for a in articles for name in getattr(a, field) if name != exclude)
    found = ((catalogue.authority.get(kind, name), n) for name, n in counts.items())
    ranked = sorted(((e, n) for e, n in found if e is not None), key=lambda item: (-item[1], item[0].name))
    return tuple(entity_link(e, urls, n) for e, n in ranked[:TOP_COUNT])


def _year_counts(articles: Iterable[Article]) -> dict[int, int]:
    return dict(Counter(a.date.year for a in articles if a.date.year))


def entity_view(entity: Entity, catalogue: Catalogue, urls: Urls) -> EntityView:
    articles = catalogue.articles_of(entity)
    is_country = entity.kind is EntityKind.COUNTRY
    companions = _top(catalogue, articles, EntityKind.COUNTRY, urls, exclude=entity.name) if is_country else ()
    return EntityView(
        kind=KIND_LABELS[entity.kind][0], name=entity.name, full_name=entity.full_name, iso2=entity.iso2,
        wikidata_id=entity.wikidata, wikidata_url=entity.wikidata_url, roles=entity.roles, count=len(articles),
        latest=tuple(article_item(a, urls) for a in articles[:LATEST_COUNT]),
        years=_year_links(articles, lambda y: urls.entity_year(entity, y)),
        undated=_undated(articles, urls.entity_year(entity, None)),
        country=_country_link(catalogue, urls, entity),
        variants=entity.aliases if entity.kind is EntityKind.PERSON else (),
        companions=tuple(Link(link.text, urls.pair(entity, _entity(catalogue, link.text)), link.count)
                         for link in companions),
        organisations=_top(catalogue, articles, EntityKind.ORGANISATION, urls, exclude=entity.name),
        people=_top(catalogue, articles, EntityKind.PERSON, urls, exclude=entity.name),
        countries=() if is_country else _top(catalogue, articles, EntityKind.COUNTRY, urls),
        chart=year_chart(_year_counts(articles), lambda y: urls.entity_year(entity, y),
                         f"Articles per year on {entity.name}"),
        feed_url=urls.entity_feed(entity), span=year_span(articles), search_url=search_url(urls, entity),
        other_names=", ".join(searched_names(entity)),
    )


def _country_link(catalogue: Catalogue, urls: Urls, entity: Entity) -> Link | None:
    """A person's country, linked when it has a page (url '' when it has none)."""
    if not entity.country:
        return None
    country = catalogue.authority.get(EntityKind.COUNTRY, entity.country)
    if country is None or not catalogue.articles_of(country):
        return Link(entity.country, "")
    return entity_link(country, urls)


def entity_year_views(subject: Link, kind: str, articles: tuple[Article, ...], year_url: Callable[[int | None], str],
                      urls: Urls) -> Iterator[tuple[str, EntityYearView]]:
    """Every page of every year of an entity's (or a pair's) articles."""
    by_year: dict[int | None, list[Article]] = defaultdict(list)
    for article in articles:
        by_year[article.date.year].append(article)
    dated = sorted(y for y in by_year if y)
    for year, members in sorted(by_year.items(), key=lambda item: (item[0] is None, item[0] or 0)):
        at = dated.index(year) if year else None
        before = dated[at - 1] if at else None
        after = dated[at + 1] if at is not None and at + 1 < len(dated) else None
        for url, groups, pager, months in _paged_year(members, year_url(year), urls):
            yield url, EntityYearView(
                kind, subject, str(year) if year else "Date unknown", len(members), groups, months,
                Link(str(before), year_url(before)) if before else None,
                Link(str(after), year_url(after)) if after else None, pager)


def year_span(articles: Iterable[Article]) -> str | None:
    years = sorted({a.date.year for a in articles if a.date.year})
    if not years:
        return None
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def search_url(urls: Urls, entity: Entity) -> str:
    """The search page with this entity's filter preselected (search.js reads the query string)."""
    return f"{urls.search()}?{urlencode({FILTER_NAMES[entity.kind]: entity.name})}"


def _entity(catalogue: Catalogue, name: str) -> Entity:
    entity = catalogue.authority.get(EntityKind.COUNTRY, name)
    assert entity is not None  # companions come from the authority
    return entity


def pair_views(first: Entity, second: Entity, articles: tuple[Article, ...], catalogue: Catalogue,
               urls: Urls) -> list[tuple[str, PairView]]:
    """Every page of a bilateral file, /countries/a/b/ then .../page/2/..."""
    pages = pages_of(articles, urls.pair(first, second))
    starts: dict[int | None, str] = {}
    for url, chunk, _ in pages:
        for article in chunk:
            starts.setdefault(article.date.year, f"{url}#{_year_anchor(article.date.year)}")
    chart = year_chart(_year_counts(articles), starts.__getitem__,
                       f"Articles per year on {first.name} and {second.name}")
    organisations = _top(catalogue, articles, EntityKind.ORGANISATION, urls)
    people = _top(catalogue, articles, EntityKind.PERSON, urls)
    searched = f"{urls.search()}?{urlencode({'pair': pair_name(first, second)})}"
    return [(url, PairView(entity_link(first, urls), entity_link(second, urls), len(articles), year_span(articles),
                           year_groups(chunk, urls), pager, chart, organisations, people, searched))
            for url, chunk, pager in pages]


def year_groups(articles: Iterable[Article], urls: Urls) -> tuple[Group, ...]:
    """Articles (newest first) grouped by year; undated last under 'Date unknown'."""
    groups: dict[int | None, list[ArticleItem]] = {}
    for article in articles:
        groups.setdefault(article.date.year, []).append(article_item(article, urls))
    return tuple(Group(str(year) if year else "Date unknown", _year_anchor(year), tuple(items))
                 for year, items in groups.items())


def _year_anchor(year: int | None) -> str:
    return f"y-{year}" if year else "y-date-unknown"


def index_view(kind: EntityKind, catalogue: Catalogue, urls: Urls) -> IndexView:
    """Every entity of a kind, A-Z; people grouped by their country, each with office and years."""
    entities = sorted(catalogue.entities(kind), key=lambda e: _alphabetical(e.name))
    items = [(e, IndexItem(e.name, urls.entity(e), len(catalogue.articles_of(e)), _detail(e, catalogue)))
             for e in entities]
    title = KIND_LABELS[kind][1]
    if kind is not EntityKind.PERSON:
        note = "the number after each is its count of articles" + (
            "; acronyms are followed by the full name." if kind is EntityKind.ORGANISATION else ".")
        everything = IndexGroup(None, "all", tuple(item for _, item in items))
        return IndexView(KIND_LABELS[kind][0], title, len(items), (everything,), note)
    by_country: dict[str, list[IndexItem]] = defaultdict(list)
    for entity, item in items:
        by_country[entity.country or "Other"].append(item)
    order = sorted(by_country, key=lambda c: (c == "Other", _alphabetical(c)))
    groups = tuple(IndexGroup(c, f"c-{_anchor(c)}", tuple(by_country[c])) for c in order)
    return IndexView(KIND_LABELS[kind][0], title, len(items), groups,
                     "grouped by country, A–Z; each with the office held and the years of their articles.")


def _alphabetical(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def _anchor(text: str) -> str:
    return "-".join(w for w in "".join(c if c.isalnum() else " " for c in _alphabetical(text)).split()) or "x"


def _detail(entity: Entity, catalogue: Catalogue) -> str | None:
    if entity.kind is EntityKind.PERSON:
        parts = [entity.roles[0]] if entity.roles else []
        span = year_span(catalogue.articles_of(entity))
        if span:
            parts.append(f"articles {span}")
        return "; ".join(parts) or None
    if entity.full_name and entity.full_name != entity.name:
        return entity.full_name
    return None


def timeline_view(catalogue: Catalogue, urls: Urls) -> TimelineView:
    years = tuple(Link(str(y) if y else "Date unknown", urls.timeline_year(y), len(catalogue.by_year[y]))
                  for y in sorted(catalogue.by_year, key=lambda y: (y is None, -(y or 0))))
    undated = catalogue.by_year.get(None)
    return TimelineView(year_chart(_year_counts(catalogue.articles), urls.timeline_year, "Articles per year"), years,
                        Link("Undated articles", urls.timeline_year(None), len(undated)) if undated else None)


def year_views(catalogue: Catalogue, urls: Urls) -> Iterator[tuple[int | None, list[tuple[str, YearView]]]]:
    """Each year's pages (a year longer than PAGE_SIZE articles takes several)."""
    years = sorted(catalogue.by_year, key=lambda y: (y is None, y or 0))
    for i, year in enumerate(years):
        before = years[i - 1] if i > 0 else None
        after = years[i + 1] if i + 1 < len(years) and years[i + 1] is not None else None
        articles = catalogue.by_year[year]
        yield year, [(url, YearView(
            str(year) if year else "Date unknown", len(articles), groups, months,
            Link(str(before), urls.timeline_year(before)) if before and year else None,
            Link(str(after), urls.timeline_year(after)) if after else None, pager))
            for url, groups, pager, months in _paged_year(articles, urls.timeline_year(year), urls)]


def home_view(catalogue: Catalogue, urls: Urls, latest_count: int) -> HomeView:
    articles = catalogue.articles
    return HomeView(
        latest=tuple(article_item(a, urls) for a in articles[:latest_count]),
        countries=_top(catalogue, articles, EntityKind.COUNTRY, urls),
        organisations=_top(catalogue, articles, EntityKind.ORGANISATION, urls),
        people=_top(catalogue, articles, EntityKind.PERSON, urls),
        total=len(articles), span=year_span(articles),
        chart=year_chart(_year_counts(articles), urls.timeline_year, "Articles per year"),
    )
