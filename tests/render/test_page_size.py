"""No page of the site grows with the archive: the size model at 100 000 articles (issue 14).

A synthetic catalogue of 100 000 articles (20 years, the project's authority files, the longest titles ingest
writes) is built in memory, and the biggest page of every list kind is rendered with the real templates: the
busiest year of the timeline, the busiest entity of each kind and its busiest year, each index, the home page,
the busiest bilateral file. Every list is cut into pages of PAGE_SIZE, so each must stay under 200 KB of HTML.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from site_builder import catalogue
from site_builder.authority import load_authority
from site_builder.catalogue import Catalogue
from site_builder.config import BUILTIN_ENTITIES, Config
from site_builder.model import Article, EntityKind, PartialDate, SourceRef
from site_builder.render import listings
from site_builder.render.environment import make_environment, render_template
from site_builder.render.pages import PageMeta, nav
from site_builder.render.paging import PAGE_SIZE
from site_builder.render.views import Link
from site_builder.urls import Urls

REPO = Path(__file__).resolve().parents[2]
ARTICLES = 100_000
LIMIT = 200_000  # bytes of HTML a page may take
TITLE = ("Presidents of {a} and {b} Discuss Transit Corridors, Water Sharing, Energy Security and the Agenda of "
         "the Forthcoming Summit in {a}")


def synthetic(count: int, catalogue_seed: int = 14) -> tuple[Article, ...]:
    """`count` articles over 2005-2024 about the region's countries, with long titles and summaries."""
    authority = load_authority(BUILTIN_ENTITIES)
    rng = random.Random(catalogue_seed)
    countries = [e.name for e in authority.countries[:30]]
    organisations = [e.name for e in authority.organisations[:40]]
    people = [e.name for e in authority.people[:80]]
    articles = []
    for i in range(count):
        chosen = rng.sample(countries[:8], 2) + rng.sample(countries, rng.randint(0, 2))
        year, month, day = rng.randint(2005, 2024), rng.randint(1, 12), rng.randint(1, 28)
        date = PartialDate(year, month, day) if rng.random() > 0.1 else PartialDate(year)
        title = TITLE.format(a=chosen[0], b=chosen[1])
        articles.append(Article(
            title=title, slug=f"presidents-of-{i}", date=date, date_basis="inferred", author=None,
            countries=tuple(dict.fromkeys(chosen)), countries_mentioned=tuple(chosen),
            organisations=tuple(rng.sample(organisations, 2)), people=tuple(rng.sample(people, 2)),
            summary="A long summary sentence " * 8, body="Body.",
            source=SourceRef(f"content/sources/{i // 6:06}.txt", "ab" * 32, i % 6 + 1, 6, (1, 40)),
            path=f"content/articles/{year}/presidents-of-{i}.md"))
    return tuple(articles)


@pytest.fixture(scope="module")
def big() -> Catalogue:
    """The catalogue's indexes as build_catalogue makes them, without related articles (no list page shows them,
    and ranking 100 000 articles would be most of this test's time)."""
    ordered = catalogue.sort_newest_first(synthetic(ARTICLES))
    return Catalogue(ordered, load_authority(BUILTIN_ENTITIES), catalogue._index_entities(ordered),
                     catalogue._index_years(ordered), catalogue._index_pairs(ordered), {}, ())


def render(config: Config, urls: Urls, template: str, title: str, kind: str, view: object) -> int:
    env = make_environment(config.paths.templates)
    site = {"title": config.title, "description": config.description, "language": config.language,
            "publisher": config.publisher, "nav": nav(urls, REPO / "content" / "pages")}
    meta = PageMeta(title, urls.absolute(urls.home()), config.description, kind, None,
                    (Link("Home", urls.home()), Link("Countries", urls.section(EntityKind.COUNTRY))))
    return len(render_template(env, template, site=site, page=meta, view=view).encode())


@pytest.mark.slow
def test_no_list_page_is_over_200_kb_at_100_000_articles(big: Catalogue, config: Config, urls: Urls) -> None:
    assert len(big.articles) == ARTICLES
    sizes: dict[str, int] = {}
    year, _ = max(big.by_year.items(), key=lambda item: len(item[1]))
    (_, pages), = [(y, p) for y, p in listings.year_views(big, urls) if y == year]
    assert len(pages) > 1  # the busiest year (about 5 000 articles) is paged
    sizes["timeline year"] = max(render(config, urls, "timeline_year.html", "Timeline", "year", view)
                                 for _, view in pages[:2])
    sizes["timeline"] = render(config, urls, "timeline.html", "Timeline", "timeline", listings.timeline_view(big, urls))
    sizes["home"] = render(config, urls, "home.html", config.title, "home", listings.home_view(big, urls, 20))
    for kind in EntityKind:
        sizes[f"{kind} index"] = render(config, urls, "entity_index.html", "Index", "index",
                                        listings.index_view(kind, big, urls))
        entity = max(big.entities(kind), key=lambda e: len(big.articles_of(e)))
        sizes[f"{kind} page"] = render(config, urls, "entity.html", entity.name, kind.value,
                                       listings.entity_view(entity, big, urls))
        years = list(listings.entity_year_views(Link(entity.name, urls.entity(entity)), "Country",
                                                big.articles_of(entity), lambda y, e=entity: urls.entity_year(e, y),
                                                urls))
        busiest = max(years, key=lambda item: sum(len(g.articles) for g in item[1].groups))[1]
        assert sum(len(g.articles) for g in busiest.groups) <= PAGE_SIZE
        sizes[f"{kind} year"] = render(config, urls, "entity_year.html", entity.name, "entity-year", busiest)
    (a, b), articles = max(big.pairs.items(), key=lambda item: len(item[1]))
    first, second = (big.authority.get(EntityKind.COUNTRY, name) for name in (a, b))
    assert first is not None and second is not None
    pair_pages = listings.pair_views(first, second, articles, big, urls)
    assert len(pair_pages) > 1  # the busiest bilateral file is paged
    sizes["pair"] = max(render(config, urls, "pair.html", a, "pair", view) for _, view in pair_pages[:2])
    largest = Counter({name: size for name, size in sizes.items()}).most_common(3)
    print("largest pages at 100 000 articles:", largest)
    assert all(size < LIMIT for size in sizes.values()), largest
    # and the model: a list page is its furniture plus at most PAGE_SIZE entries, whatever the archive's size
    assert sizes["timeline year"] < LIMIT * 0.6
