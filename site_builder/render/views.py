"""View objects for templates: everything a template shows is prepared here, so templates do not compute."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache

from markupsafe import Markup

from site_builder.catalogue import Catalogue
from site_builder.config import Config
from site_builder.model import Article, Entity, EntityKind, PartialDate
from site_builder.render.citations import Citations, citations, is_inferred, json_ld
from site_builder.render.markup import body_html
from site_builder.urls import Urls

DESCRIPTION_LENGTH = 200
PAGE_SIZE = 200  # articles a list page shows (render/paging.py): about 60 KB of HTML
# Soviet-era names ("Kirghiz SSR") are shared by a dozen countries: indexed, "Soviet" would find them all.
_SOVIET_NAME = re.compile(r"\b(?:A?SSR|Soviet)\b")
# "Date unknown" already says it all for an undated article, so it has no note.
PRECISION_NOTES = {"day": None, "month": "day not known", "year": "month and day not known", "unknown": None}
DATE_BASES = {"stated": "stated in the article", "metadata": "taken from the original page's metadata",
              "inferred": "inferred", "manual": "set by an editor"}


@dataclass(frozen=True)
class Link:
    text: str
    url: str
    count: int = 0


@dataclass(frozen=True)
class ArticleItem:
    """An article as it appears in lists."""

    title: str
    url: str
    date_text: str
    date_iso: str | None
    inferred: bool
    summary: str | None
    subjects: str  # its countries, "Kazakhstan · Azerbaijan", so a list reads as a register


@dataclass(frozen=True)
class Provenance:
    source_name: str
    source_url: str
    part: int
    parts: int
    first_line: int
    last_line: int
    pages: str | None = None  # "page 3" / "pages 3–4" of a PDF


@dataclass(frozen=True)
class ArticleView:
    title: str
    url: str
    permalink: str
    description: str
    date_text: str
    date_iso: str | None
    precision_note: str | None  # "day not known" for a month: says plainly what the date does not tell
    sort_date: str
    year: str
    inferred: bool
    author: str | None
    countries: tuple[Link, ...]
    mentioned: tuple[Link, ...]  # countries named in passing, not what the article is about
    organisations: tuple[Link, ...]
    people: tuple[Link, ...]
    pairs: tuple[Link, ...]
    timeline: Link
    body_html: str  # Markup once converted; a PendingBody while the page is only being fingerprinted
    previous: ArticleItem | None
    next: ArticleItem | None
    related: tuple[ArticleItem, ...]
    provenance: Provenance | None
    citations: Citations
    json_ld: Markup
    credit: Credit
    cite_script: str  # fills the reader's access date into the citations
    search: SearchFacts


@dataclass(frozen=True)
class Credit:
    """Who wrote and first published the article, and how its date was found."""

    author: str | None
    outlet: str | None  # the original publisher
    original_url: str | None  # where the archive collected it
    date_basis: str | None  # "inferred", "stated in the article"...; None for an undated article
    date_note: str | None  # what ingest recorded: "from the digest's other items"


@dataclass(frozen=True)
class SearchFacts:
    """What the search index is given of an article beyond its text (article.html's data-pagefind-* elements)."""

    date: str  # the date as a result shows it: "April 2017", "c. 3 April 2017" when inferred, "Date unknown"
    outlet: str | None  # the original publisher, when known
    names: str  # every other name of its entities, so a search for "Elbasy" or "Toqaev" finds it


@cache  # an article is listed on many pages; render_site clears this after each build
def article_item(article: Article, urls: Urls) -> ArticleItem:
    return ArticleItem(title=article.title, url=urls.article(article), date_text=date_text(article),
                       date_iso=article.date.iso, inferred=inferred(article),
                       summary=article.summary, subjects=" · ".join(article.countries))


def inferred(article: Article) -> bool:
    """Shown as "(date inferred)": only a date that exists can have been inferred."""
    return is_inferred(article)


def credit(article: Article) -> Credit:
    source = article.source
    return Credit(author=article.author, outlet=source.outlet if source else None,
                  original_url=source.url if source and _is_web(source.url) else None,
                  date_basis=DATE_BASES.get(article.date_basis) if article.date.year else None,
                  date_note=article.date_note)


def _is_web(url: str | None) -> bool:
    return bool(url) and str(url).startswith(("https://", "http://"))


def date_text(article: Article) -> str:
    return article.date.human()


def month_anchor(date: PartialDate) -> str:
    """The anchor of an article's place on its year page (see listings.by_month_groups)."""
    if not date.year:
        return "y-date-unknown"
    return f"m-{date.month:02d}" if date.month else "m-unknown"


def timeline_link(article: Article, urls: Urls, position: int = 0) -> Link:
    """The article's place on its year's pages: the page that holds it (`position` in the year), its month."""
    date = article.date
    text = f"{date.human()} on the timeline" if date.year else "Undated articles on the timeline"
    page = urls.paged(urls.timeline_year(date.year), position // PAGE_SIZE + 1)
    return Link(text, f"{page}#{month_anchor(date)}")


def entity_links(catalogue: Catalogue, urls: Urls, article: Article, kind: EntityKind) -> tuple[Link, ...]:
    return tuple(Link(e.name, urls.entity(e)) for e in catalogue.entities_of(article, kind))


def mentioned_links(catalogue: Catalogue, urls: Urls, article: Article) -> tuple[Link, ...]:
    names = [n for n in article.countries_mentioned if n not in article.countries]
    found = (catalogue.authority.get(EntityKind.COUNTRY, name) for name in names)
    # Only countries that have a page: one merely mentioned everywhere may have no article of its own.
    return tuple(Link(e.name, urls.entity(e)) for e in found if e is not None and catalogue.articles_of(e))


def pair_links(catalogue: Catalogue, urls: Urls, article: Article) -> tuple[Link, ...]:
    countries = sorted(catalogue.entities_of(article, EntityKind.COUNTRY), key=lambda e: e.name)
    return tuple(Link(pair_name(a, b), urls.pair(a, b)) for i, a in enumerate(countries) for b in countries[i + 1:])


def pair_name(first: Entity, second: Entity) -> str:
    """"Azerbaijan – Kazakhstan": a bilateral file's name, as links and the search's pair filter give it."""
    return " – ".join(sorted((first.name, second.name)))


def searched_names(entity: Entity) -> list[str]:
    """The entity's other names that search should know: its full name and aliases, less those the canonical
    name already finds and Soviet-era names."""
    canonical = entity.name.casefold()
    return [n for n in dict.fromkeys((entity.full_name or "", *entity.aliases))
            if n and not _SOVIET_NAME.search(n) and not _within(n.casefold(), canonical)]


def _within(name: str, canonical: str) -> bool:
    """A name that the canonical one already finds (Nazarbayev) or that only adds words of form around it
    (Republic of Uzbekistan, which would make "Republic" find every country)."""
    return name in canonical or canonical in name


def description(article: Article) -> str:
    """The summary, or the opening of the body as plain text, for meta tags and JSON-LD."""
    if article.summary:
        return article.summary
    text = " ".join(re.sub(r"[#>*_`\[\]]", "", article.body).split())
    return text if len(text) <= DESCRIPTION_LENGTH else text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0] + "…"


class PendingBody(str):
    """An article's Markdown not yet converted. Not Markup: if it ever reached a template, it would be escaped."""


def converted_body(markdown_text: str) -> str:
    return Markup(body_html(markdown_text))


def with_converted_body(view: ArticleView) -> ArticleView:
    """The view with its pending body converted to safe HTML (the expensive step, done only when rendering)."""
    if isinstance(view.body_html, PendingBody):
        return replace(view, body_html=converted_body(view.body_html))
    return view


def article_view(article: Article, catalogue: Catalogue, config: Config, urls: Urls,
                 neighbours: tuple[Article | None, Article | None],
                 body: Callable[[str], str] = converted_body) -> ArticleView:
    """The article page's view; `body=PendingBody` defers the Markdown conversion (see render/site.py)."""
    url = urls.article(article)
    permalink = urls.absolute(url)
    earlier, later = neighbours
    return ArticleView(
        title=article.title, url=url, permalink=permalink, description=description(article),
        date_text=date_text(article), date_iso=article.date.iso,
        precision_note=PRECISION_NOTES[article.date.precision], sort_date=article.date.sort_key,
        year=str(article.date.year or "undated"), inferred=inferred(article), author=article.author,
        countries=entity_links(catalogue, urls, article, EntityKind.COUNTRY),
        mentioned=mentioned_links(catalogue, urls, article),
        organisations=entity_links(catalogue, urls, article, EntityKind.ORGANISATION),
        people=entity_links(catalogue, urls, article, EntityKind.PERSON),
        pairs=pair_links(catalogue, urls, article),
        timeline=timeline_link(article, urls, catalogue.year_position(article)),
        body_html=body(article.body),
        previous=article_item(earlier, urls) if earlier else None,
        next=article_item(later, urls) if later else None,
        related=tuple(article_item(a, urls) for a in catalogue.related.get(article.path, ())),
        provenance=_provenance(article, urls), citations=citations(article, config, permalink),
        json_ld=json_ld(article, config, permalink, description(article),
                        [e for kind in EntityKind for e in catalogue.entities_of(article, kind)]),
        credit=credit(article), cite_script=urls.static("cite.js"),
        search=search_facts(article, catalogue),
    )


def search_facts(article: Article, catalogue: Catalogue) -> SearchFacts:
    date = article.date.human()
    shown = f"c. {date}" if inferred(article) else date
    entities = [e for kind in EntityKind for e in catalogue.entities_of(article, kind)]
    return SearchFacts(shown, article.source.outlet if article.source else None, other_names(entities))


def other_names(entities: Iterable[Entity]) -> str:
    """'Nursultan Nazarbayev: Nazarbaev, Elbasy. Kyrgyzstan: Kyrgyz Republic, Kirghizia.' for entities that
    have other names (aliases, full names), indexed with the page but not shown on it."""
    parts = []
    for entity in entities:
        names = searched_names(entity)
        if names:
            parts.append(f"{entity.name}: {', '.join(names)}.")
    return " ".join(parts)


def _provenance(article: Article, urls: Urls) -> Provenance | None:
    source = article.source
    if source is None:
        return None
    name = source.path.rsplit("/", 1)[-1]
    pages = None
    if source.pages:
        pages = f"page {source.pages[0]}" if source.pages[0] == source.pages[1] else "pages {}–{}".format(*source.pages)
    return Provenance(source_name=name, source_url=f"{urls.source(source.path)}#part-{source.part}",
                      part=source.part, parts=source.parts, first_line=source.lines[0], last_line=source.lines[1],
                      pages=pages)


def web_url(url: str | None) -> str | None:
    """An address that may be linked: http(s) only (front matter is editable; `javascript:` must never be)."""
    return url if url and re.match(r"(?i)^https?://[^\s\"'<>]+$", url) else None


def entity_link(entity: Entity, urls: Urls, count: int = 0) -> Link:
    return Link(entity.name, urls.entity(entity), count)
