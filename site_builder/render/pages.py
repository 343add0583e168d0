"""Plan every page of the site: a URL, a template and the view objects it shows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from site_builder.catalogue import Catalogue
from site_builder.config import Config
from site_builder.model import Article, EntityKind
from site_builder.render import listings
from site_builder.render.handpages import hand_page_links, hand_pages
from site_builder.render.sources import source_view
from site_builder.render.views import Link, article_view, converted_body
from site_builder.urls import Urls


@dataclass(frozen=True)
class Nav:
    home: str
    countries: str
    organisations: str
    people: str
    timeline: str
    search: str
    feed: str
    stylesheet: str
    data: str
    base_path: str
    pages: tuple[tuple[str, str], ...] = ()  # (title, url) of each hand-written page, linked in the footer


@dataclass(frozen=True)
class PageMeta:
    title: str
    canonical: str
    description: str
    kind: str
    feed: str | None = None
    crumbs: tuple[Link, ...] = ()  # the trail above the title, from the home page to the parent


@dataclass(frozen=True)
class Page:
    url: str
    template: str
    meta: PageMeta
    view: Any


def nav(urls: Urls, pages_folder: Path | None = None) -> Nav:
    return Nav(home=urls.home(), countries=urls.section(EntityKind.COUNTRY),
               organisations=urls.section(EntityKind.ORGANISATION), people=urls.section(EntityKind.PERSON),
               timeline=urls.timeline(), search=urls.search(), feed=urls.feed(),
               stylesheet=urls.static("style.css"), data=urls.special("data/articles.json"),
               base_path=urls.base_path, pages=hand_page_links(pages_folder, urls) if pages_folder else ())


@dataclass(frozen=True)
class Chunk:
    """A slice of one section's pages: the unit of work a render process takes."""

    section: str
    start: int
    stop: int


CHUNK_SIZE = 250
BodyRenderer = Callable[[str], str]


def plan_pages(catalogue: Catalogue, config: Config, urls: Urls, sources: Mapping[str, str]) -> list[Page]:
    """Every page of the site, in one process (tests, and `check`)."""
    return [page for chunk in plan_chunks(catalogue, sources)
            for page in plan_chunk(chunk, catalogue, config, urls, sources)]


def plan_chunks(catalogue: Catalogue, sources: Mapping[str, str], size: int = CHUNK_SIZE) -> list[Chunk]:
    counts = {"articles": len(catalogue.articles), "entities": sum(1 + len(catalogue.entities(k)) for k in EntityKind),
              "pairs": len(catalogue.pairs), "timeline": 1 + len(catalogue.by_year),
              "sources": len(_articles_by_source(catalogue, sources)), "fixed": 3}
    return [Chunk(section, start, min(start + size, count))
            for section, count in counts.items() for start in range(0, count, size)]


def plan_chunk(chunk: Chunk, catalogue: Catalogue, config: Config, urls: Urls, sources: Mapping[str, str],
               body: BodyRenderer = converted_body) -> Iterator[Page]:
    """The pages of one chunk; `body` converts article Markdown (a stand-in when only fingerprinting)."""
    window = slice(chunk.start, chunk.stop)
    if chunk.section == "articles":
        return _article_pages(catalogue, config, urls, window, body)
    if chunk.section == "entities":
        return _entity_pages(catalogue, config, urls, window)
    if chunk.section == "pairs":
        return _pair_pages(catalogue, config, urls, window)
    if chunk.section == "timeline":
        return (page for pages in islice(_timeline_pages(catalogue, config, urls), chunk.start, chunk.stop)
                for page in pages)
    if chunk.section == "sources":
        return _source_pages(catalogue, config, urls, sources, window)
    return _fixed_pages(catalogue, config, urls)


def _meta(config: Config, urls: Urls, url: str, title: str, kind: str, description: str | None = None,
          feed: str | None = None, crumbs: tuple[Link, ...] = ()) -> PageMeta:
    trail = (Link("Home", urls.home()), *crumbs) if url != urls.home() else ()
    return PageMeta(title, urls.absolute(url), description or config.description, kind, feed, trail)


def _article_pages(catalogue: Catalogue, config: Config, urls: Urls, window: slice,
                   body: BodyRenderer) -> Iterator[Page]:
    timeline = catalogue.chronological()
    for i in range(*window.indices(len(timeline))):
        article = timeline[i]
        neighbours = (timeline[i - 1] if i > 0 else None, timeline[i + 1] if i + 1 < len(timeline) else None)
        view = article_view(article, catalogue, config, urls, neighbours, body)
        year = Link(str(article.date.year) if article.date.year else "Undated", urls.timeline_year(article.date.year))
        yield Page(view.url, "article.html", _meta(config, urls, view.url, article.title, "article",
                                                   view.description, crumbs=(_timeline(urls), year)), view)


def _timeline(urls: Urls) -> Link:
    return Link("Timeline", urls.timeline())


def _entity_pages(catalogue: Catalogue, config: Config, urls: Urls, window: slice) -> Iterator[Page]:
    """Each kind's index page, then its entities' pages; only those inside the window are built."""
    items = [(kind, entity) for kind in EntityKind for entity in (None, *catalogue.entities(kind))]
    for kind, entity in items[window]:
        title = listings.KIND_LABELS[kind][1]
        section = Link(title, urls.section(kind))
        if entity is None:
            index = listings.index_view(kind, catalogue, urls)
            yield Page(section.url, "entity_index.html", _meta(config, urls, section.url, index.title, "index",
                                                              f"{index.title} in the archive, with article counts."),
                       index)
            continue
        view = listings.entity_view(entity, catalogue, urls)
        url = urls.entity(entity)
        yield Page(url, "entity.html", _meta(config, urls, url, entity.name, kind.value,
                                             f"{view.count} articles on {entity.name} in the archive.",
                                             view.feed_url, (section,)), view)
        subject = Link(entity.name, url)
        yield from _year_pages(config, urls, subject, listings.KIND_LABELS[kind][0], catalogue.articles_of(entity),
                               partial(urls.entity_year, entity), (section, subject))


def _year_pages(config: Config, urls: Urls, subject: Link, kind: str, articles: tuple[Article, ...],
                year_url: Callable[[int | None], str], crumbs: tuple[Link, ...]) -> Iterator[Page]:
    """An entity's year pages: /countries/kazakhstan/2017/, and page/2/ of a long year."""
    for url, view in listings.entity_year_views(subject, kind, articles, year_url, urls):
        page = f", page {view.pager.number} of {view.pager.count}" if view.pager.count > 1 else ""
        yield Page(url, "entity_year.html",
                   _meta(config, urls, url, f"{subject.text}: {view.year}{page}", "entity-year",
                         f"{view.count} articles on {subject.text} of {view.year}, month by month.",
                         crumbs=crumbs), view)


def _pair_pages(catalogue: Catalogue, config: Config, urls: Urls, window: slice) -> Iterator[Page]:
    section = Link("Countries", urls.section(EntityKind.COUNTRY))
    for (a, b), articles in sorted(catalogue.pairs.items())[window]:
        first = catalogue.authority.get(EntityKind.COUNTRY, a)
        second = catalogue.authority.get(EntityKind.COUNTRY, b)
        if first is None or second is None:
            continue
        url = urls.pair(first, second)
        title = f"{first.name} and {second.name}"
        # The pair lives under the first country's folder (slug order), so that is its parent.
        parent = min((first, second), key=lambda e: e.slug)
        crumbs = (section, Link(parent.name, urls.entity(parent)))
        for page_url, view in listings.pair_views(first, second, articles, catalogue, urls):
            number = f", page {view.pager.number} of {view.pager.count}" if view.pager.number > 1 else ""
            yield Page(page_url, "pair.html", _meta(config, urls, page_url, title + number, "pair",
                                                    f"Articles on {title}{number}.", crumbs=crumbs), view)
        other = urls.pair_reversed(first, second)  # the other order of names leads to the same page
        yield Page(other, "redirect.html", _meta(config, urls, url, title, "redirect"), Link(title, url))


def _timeline_pages(catalogue: Catalogue, config: Config, urls: Urls) -> Iterator[list[Page]]:
    """The timeline, then each year's pages (one item per year, as plan_chunks counts them)."""
    yield [Page(urls.timeline(), "timeline.html",
                _meta(config, urls, urls.timeline(), "Timeline", "timeline", "The archive's articles year by year."),
                listings.timeline_view(catalogue, urls))]
    for _, pages in listings.year_views(catalogue, urls):
        yield [Page(url, "timeline_year.html",
                    _meta(config, urls, url, f"Timeline: {view.year}" + (
                        f", page {view.pager.number} of {view.pager.count}" if view.pager.count > 1 else ""), "year",
                          f"{view.count} articles of {view.year}, month by month.", crumbs=(_timeline(urls),)),
                    view) for url, view in pages]


def _articles_by_source(catalogue: Catalogue, sources: Mapping[str, str]) -> list[tuple[str, list[Article]]]:
    by_source: dict[str, list[Article]] = defaultdict(list)
    for article in catalogue.articles:
        if article.source and article.source.path in sources:
            by_source[article.source.path].append(article)
    return sorted(by_source.items())


def _source_pages(catalogue: Catalogue, config: Config, urls: Urls, sources: Mapping[str, str],
                  window: slice) -> Iterator[Page]:
    for path, articles in _articles_by_source(catalogue, sources)[window]:
        if path in sources:
            url = urls.source(path)
            view = source_view(path, sources[path], articles, urls)
            yield Page(url, "source.html", _meta(config, urls, url, f"Source: {view.name}", "source",
                                                 f"The original text of {view.name}, as collected."), view)


def _fixed_pages(catalogue: Catalogue, config: Config, urls: Urls) -> Iterator[Page]:
    yield Page(urls.home(), "home.html", _meta(config, urls, urls.home(), config.title, "home", feed=urls.feed()),
               listings.home_view(catalogue, urls, config.latest_count))
    yield Page(urls.search(), "search.html", _meta(config, urls, urls.search(), "Search", "search"),
               search_view(urls))
    yield Page(urls.special("404.html"), "404.html",
               _meta(config, urls, urls.special("404.html"), "Page not found", "404"), None)
    for hand in hand_pages(config.paths.pages, urls):  # about, methodology: content/pages/*.md
        yield Page(hand.url, "page.html", _meta(config, urls, hand.url, hand.title, "page", hand.description), hand)


@dataclass(frozen=True)
class SearchView:
    bundle: str  # where the Pagefind bundle is, under the base path
    base_path: str  # prefixed to result URLs: Pagefind indexes paths relative to the site folder
    filters: tuple[str, ...]  # filter names, in the order the panel shows them


def search_view(urls: Urls) -> SearchView:
    return SearchView(urls.special("pagefind/"), urls.base_path, ("country", "organisation", "person", "year"))
