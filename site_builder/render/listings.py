"""View objects for the pages that list articles: entities, pairs, timeline, home, sources."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from site_builder.catalogue import ENTITY_FIELDS, Catalogue
from site_builder.model import MONTHS, Article, Entity, EntityKind
from site_builder.render.views import ArticleItem, Link, article_item, entity_link, pair_name, searched_names
from site_builder.urls import Urls

KIND_LABELS = {EntityKind.COUNTRY: ("Country", "Countries"),
               EntityKind.ORGANISATION: ("Organisation", "Organisations"),
               EntityKind.PERSON: ("Person", "People")}
CHART_HEIGHT = 80  # the tallest bar
CHART_TOP = 16  # room above the tallest bar for its count
BAR_SLOT = 40  # horizontal space per year: wide enough for a four-digit label
TOP_COUNT = 12
FILTER_NAMES = {EntityKind.COUNTRY: "country", EntityKind.ORGANISATION: "organisation",
                EntityKind.PERSON: "person"}  # the data-pagefind-filter names on article pages


@dataclass(frozen=True)
class Group:
    """A titled run of articles: a year, a month, or 'date unknown'."""

    label: str
    anchor: str
    articles: tuple[ArticleItem, ...]


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    x: int  # left edge of the bar's slot
    y: int
    height: int
    url: str | None  # its year page; None for a year with no articles (it has no page)
    centre: int  # where its labels are centred
    count_y: int  # baseline of the count above the bar


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    title: str


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
    groups: tuple[Group, ...]
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
    first: Link
    second: Link
    count: int
    span: str | None
    groups: tuple[Group, ...]
    chart: Chart
    organisations: tuple[Link, ...]
    people: tuple[Link, ...]
    search_url: str  # the search page, filtered to the articles about both countries


@dataclass(frozen=True)
class IndexView:
    kind: str
    title: str
    items: tuple[Link, ...]


@dataclass(frozen=True)
class TimelineView:
    chart: Chart
    years: tuple[Link, ...]


@dataclass(frozen=True)
class YearView:
    year: str
    count: int
    groups: tuple[Group, ...]
    months: tuple[Link, ...]  # in-page links to each group, with counts
    previous: Link | None
    next: Link | None


@dataclass(frozen=True)
class HomeView:
    latest: tuple[ArticleItem, ...]
    countries: tuple[Link, ...]
    organisations: tuple[Link, ...]
    people: tuple[Link, ...]
    years: tuple[Link, ...]
    total: int
    span: str | None
    chart: Chart


def by_year_groups(articles: Iterable[Article], urls: Urls) -> tuple[Group, ...]:
    groups: dict[str, list[ArticleItem]] = {}
    for article in articles:
        label = str(article.date.year) if article.date.year else "Date unknown"
        groups.setdefault(label, []).append(article_item(article, urls))
    return tuple(Group(label, f"y-{label.lower().replace(' ', '-')}", tuple(items)) for label, items in groups.items())


def by_month_groups(articles: Iterable[Article], urls: Urls) -> tuple[Group, ...]:
    """Months in order; articles known only to the year go under 'Date within year unknown'."""
    months: dict[int, list[ArticleItem]] = {}
    for article in sorted(articles, key=lambda a: (a.date.sort_key, a.title)):
        months.setdefault(article.date.month or 13, []).append(article_item(article, urls))
    return tuple(Group(MONTHS[m - 1] if m <= 12 else "Date within year unknown",
                       f"m-{m:02d}" if m <= 12 else "m-unknown", tuple(items))
                 for m, items in sorted(months.items()))


def year_chart(counts: dict[int, int], urls: Urls, title: str) -> Chart:
    """Bars for every year from the first to the last, empty years included: gaps are information."""
    if not counts:
        return Chart((), 0, CHART_TOP + CHART_HEIGHT + 20, title)
    years = range(min(counts), max(counts) + 1)
    peak = max(counts.values())
    bars = tuple(_year_bar(i, y, counts.get(y, 0), peak, urls) for i, y in enumerate(years))
    return Chart(bars, len(bars) * BAR_SLOT, CHART_TOP + CHART_HEIGHT + 20, title)


def _year_bar(index: int, year: int, count: int, peak: int, urls: Urls) -> Bar:
    height = _bar(count, peak)
    top = CHART_TOP + CHART_HEIGHT - height
    return Bar(str(year), count, index * BAR_SLOT, top, height, urls.timeline_year(year) if count else None,
               centre=index * BAR_SLOT + BAR_SLOT // 2, count_y=top - 4)


def _bar(count: int, peak: int) -> int:
    return round(CHART_HEIGHT * count / peak) if count else 0


def _year_counts(articles: Iterable[Article]) -> dict[int, int]:
    return dict(Counter(a.date.year for a in articles if a.date.year))


def _top(catalogue: Catalogue, articles: Iterable[Article], kind: EntityKind, urls: Urls,
         exclude: str | None = None) -> tuple[Link, ...]:
    # Counted by name (articles hold canonical names), resolved once per name: hashing entities was most of it.
    field = ENTITY_FIELDS[kind]
    counts = Counter(name for a in articles for name in getattr(a, field) if name != exclude)
    found = ((catalogue.authority.get(kind, name), n) for name, n in counts.items())
    ranked = sorted(((e, n) for e, n in found if e is not None), key=lambda item: (-item[1], item[0].name))
    return tuple(entity_link(e, urls, n) for e, n in ranked[:TOP_COUNT])


def entity_view(entity: Entity, catalogue: Catalogue, urls: Urls) -> EntityView:
    articles = catalogue.articles_of(entity)
    is_country = entity.kind is EntityKind.COUNTRY
    companions = _top(catalogue, articles, EntityKind.COUNTRY, urls, exclude=entity.name) if is_country else ()
    return EntityView(
        kind=KIND_LABELS[entity.kind][0], name=entity.name, full_name=entity.full_name, iso2=entity.iso2,
        wikidata_id=entity.wikidata, wikidata_url=entity.wikidata_url, roles=entity.roles, count=len(articles),
        groups=by_year_groups(articles, urls),
        companions=tuple(Link(link.text, urls.pair(entity, _entity(catalogue, link.text)), link.count)
                         for link in companions),
        organisations=_top(catalogue, articles, EntityKind.ORGANISATION, urls, exclude=entity.name),
        people=_top(catalogue, articles, EntityKind.PERSON, urls, exclude=entity.name),
        countries=() if is_country else _top(catalogue, articles, EntityKind.COUNTRY, urls),
        chart=year_chart(_year_counts(articles), urls, f"Articles per year on {entity.name}"),
        feed_url=urls.entity_feed(entity) if entity.kind is not EntityKind.PERSON else None,
        span=year_span(articles), search_url=search_url(urls, entity),
        other_names=", ".join(searched_names(entity)),
    )


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


def pair_view(first: Entity, second: Entity, articles: tuple[Article, ...], catalogue: Catalogue,
              urls: Urls) -> PairView:
    return PairView(
        entity_link(first, urls), entity_link(second, urls), len(articles), year_span(articles),
        by_year_groups(articles, urls),
        year_chart(_year_counts(articles), urls, f"Articles per year on {first.name} and {second.name}"),
        _top(catalogue, articles, EntityKind.ORGANISATION, urls), _top(catalogue, articles, EntityKind.PERSON, urls),
        f"{urls.search()}?{urlencode({'pair': pair_name(first, second)})}")


def index_view(kind: EntityKind, catalogue: Catalogue, urls: Urls) -> IndexView:
    items = tuple(entity_link(e, urls, len(catalogue.articles_of(e))) for e in catalogue.entities(kind))
    return IndexView(KIND_LABELS[kind][0], KIND_LABELS[kind][1], items)


def timeline_view(catalogue: Catalogue, urls: Urls) -> TimelineView:
    years = tuple(Link(str(y) if y else "Date unknown", urls.timeline_year(y), len(catalogue.by_year[y]))
                  for y in sorted(catalogue.by_year, key=lambda y: (y is None, -(y or 0))))
    return TimelineView(year_chart(_year_counts(catalogue.articles), urls, "Articles per year"), years)


def year_views(catalogue: Catalogue, urls: Urls) -> list[tuple[int | None, YearView]]:
    years = sorted(catalogue.by_year, key=lambda y: (y is None, y or 0))
    views = []
    for i, year in enumerate(years):
        before = years[i - 1] if i > 0 else None
        after = years[i + 1] if i + 1 < len(years) and years[i + 1] is not None else None
        articles = catalogue.by_year[year]
        groups = by_month_groups(articles, urls) if year else by_year_groups(articles, urls)
        views.append((year, YearView(
            str(year) if year else "Date unknown", len(articles), groups,
            tuple(Link(g.label, f"#{g.anchor}", len(g.articles)) for g in groups),
            Link(str(before), urls.timeline_year(before)) if before and year else None,
            Link(str(after), urls.timeline_year(after)) if after else None)))
    return views


def home_view(catalogue: Catalogue, urls: Urls, latest_count: int) -> HomeView:
    articles = catalogue.articles
    timeline = timeline_view(catalogue, urls)
    return HomeView(
        latest=tuple(article_item(a, urls) for a in articles[:latest_count]),
        countries=_top(catalogue, articles, EntityKind.COUNTRY, urls),
        organisations=_top(catalogue, articles, EntityKind.ORGANISATION, urls),
        people=_top(catalogue, articles, EntityKind.PERSON, urls),
        years=timeline.years, total=len(articles), span=year_span(articles), chart=timeline.chart,
    )
