"""Files that are not HTML pages: Atom feeds, sitemap, robots.txt, the researchers' JSON."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from site_builder.catalogue import Catalogue
from site_builder.config import Config
from site_builder.model import Article, EntityKind
from site_builder.render.citations import bibtex_key
from site_builder.urls import Urls

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _timestamp(article: Article) -> dt.datetime:
    date = article.date
    if not date.year:
        return EPOCH
    return dt.datetime(date.year, date.month or 1, date.day or 1, tzinfo=dt.UTC)


def atom_feed(articles: Iterable[Article], config: Config, urls: Urls, title: str, url: str,
              page_url: str) -> bytes:
    from feedgen.feed import FeedGenerator  # here: a rebuild that patches a few pages writes no feed

    chosen = list(articles)[: config.feed_size]
    feed = FeedGenerator()
    feed.id(urls.absolute(url))
    feed.title(title)
    feed.link(href=urls.absolute(url), rel="self")
    feed.link(href=urls.absolute(page_url), rel="alternate")
    feed.language(config.language)
    feed.author({"name": config.publisher})
    feed.generator("site-builder")
    # The feed's date is its newest entry's, not the build time: rebuilding gives identical bytes.
    feed.updated(max((_timestamp(a) for a in chosen), default=EPOCH))
    for article in reversed(chosen):  # feedgen prepends entries
        entry = feed.add_entry()
        entry.id(urls.absolute(urls.article(article)))
        entry.title(article.title)
        entry.link(href=urls.absolute(urls.article(article)))
        entry.updated(_timestamp(article))
        entry.published(_timestamp(article))
        if article.summary:
            entry.summary(article.summary)
        _credit(entry, article, urls)
    return bytes(feed.atom_str(pretty=True))


def _credit(entry: Any, article: Article, urls: Urls) -> None:
    """The entry credits its author, else its original outlet, and names the outlet as its source."""
    source = article.source
    outlet = source.outlet if source else None
    if article.author or outlet:
        entry.author({"name": article.author or outlet})
    if outlet:  # <source>: the outlet and its page (feedgen drops a link's rel, so no second <link>)
        original = source.url if source and source.url and source.url.startswith(("https://", "http://")) else None
        entry.source(url=original or urls.absolute(urls.article(article)), title=outlet)


def all_feeds(catalogue: Catalogue, config: Config, urls: Urls) -> dict[str, bytes]:
    feeds = {urls.feed(): atom_feed(catalogue.articles, config, urls, config.title, urls.feed(), urls.home())}
    for kind in EntityKind:
        for entity in catalogue.entities(kind):
            url = urls.entity_feed(entity)
            feeds[url] = atom_feed(catalogue.articles_of(entity), config, urls, f"{config.title}: {entity.name}",
                                   url, urls.entity(entity))
    return feeds


def robots_txt(urls: Urls) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(urls.special('sitemap.xml'))}\n".encode()


def articles_json(catalogue: Catalogue, urls: Urls) -> bytes:
    records = [_article_record(a, urls) for a in catalogue.articles]
    return json.dumps({"articles": records}, ensure_ascii=False, indent=1, sort_keys=True).encode() + b"\n"


def _article_record(article: Article, urls: Urls) -> dict[str, object]:
    source = article.source
    return {
        "title": article.title, "url": urls.absolute(urls.article(article)), "slug": article.slug,
        "date": article.date.iso, "date_precision": article.date.precision, "date_basis": article.date_basis,
        "author": article.author, "countries": list(article.countries),
        "countries_mentioned": list(article.countries_mentioned), "organisations": list(article.organisations),
        "people": list(article.people), "summary": article.summary,
        "source": None if source is None else {"path": source.path, "sha256": source.sha256,
                                               "part": source.part, "parts": source.parts,
                                               "lines": list(source.lines), "url": source.url,
                                               "outlet": source.outlet},
        "date_note": article.date_note, "cite_key": bibtex_key(article),
    }
