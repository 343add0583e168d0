"""Where a web page's publication date came from: its JSON-LD, a <meta> tag, a <time datetime>, its URL, or
(none of these) htmldate's search of the page's text. The date itself is htmldate's (through trafilatura);
this module only attributes it, so that `date_basis` and `date_note` can say honestly how it is known."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from lxml import html

PUBLISHED_META = frozenset({
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "article.published", "published_time", "publishdate", "publish-date", "publish_date", "pubdate",
    "dc.date", "dc.date.issued", "dc.date.created", "dcterms.date", "dcterms.created", "dcterms.issued",
    "date", "citation_publication_date", "citation_date", "parsely-pub-date", "sailthru.date",
    "article_date_original", "cxenseparse:recs:publishtime", "originalpublicationdate", "rnews:datepublished",
    "article:modified_time", "og:updated_time", "datemodified", "last-modified", "dcterms.modified",
})
JSON_LD_KEYS = ("datePublished", "dateCreated", "uploadDate", "dateModified")
ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
URL_DAY = re.compile(r"/((?:19|20)\d{2})[/_-]([01]?\d)[/_-]([0-3]?\d)(?:[/_.-]|$)")


def date_origin(tree: html.HtmlElement, date: str | None, url: str | None) -> tuple[str | None, str | None]:
    """(origin, basis) for a date htmldate found: a description of the markup that states it and "metadata",
    or htmldate's reading of the page's text and "inferred"; (None, None) without a date."""
    if not date:
        return None, None
    day = date[:10]
    for origin, value in _stated_dates(tree, url):
        found = ISO_DAY.search(value)
        if found and found.group(0) == day:
            return origin, "metadata"
    return "the page's text, read by htmldate", "inferred"


def _stated_dates(tree: html.HtmlElement, url: str | None) -> Iterator[tuple[str, str]]:
    yield from _json_ld_dates(tree)
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if name in PUBLISHED_META and meta.get("content"):
            yield f"<meta {name}>", meta.get("content", "")
    for element in tree.xpath("//time[@datetime]|//*[@itemprop='datePublished'][@content or @datetime]"):
        value = element.get("datetime") or element.get("content") or ""
        yield ("<time datetime>" if element.tag == "time" else "itemprop datePublished"), value
    for link in tree.xpath("//link[@rel='canonical']/@href|//meta[@property='og:url']/@content"):
        url = url or str(link)
    if url:
        found = URL_DAY.search(url)
        if found:
            year, month, day = found.groups()
            yield "the page's URL", f"{year}-{int(month):02d}-{int(day):02d}"


def _json_ld_dates(tree: html.HtmlElement) -> Iterator[tuple[str, str]]:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        found = [(key, value) for key, value in _walk(data) if key in JSON_LD_KEYS and isinstance(value, str)]
        for key, value in sorted(found, key=lambda pair: JSON_LD_KEYS.index(pair[0])):
            yield f"JSON-LD {key}", str(value)


def _walk(data: object, depth: int = 0) -> Iterator[tuple[str, object]]:
    if depth > 8:
        return
    if isinstance(data, dict):
        for key, value in data.items():
            yield str(key), value
            yield from _walk(value, depth + 1)
    elif isinstance(data, list):
        for item in data[:50]:
            yield from _walk(item, depth + 1)


def page_language(tree: html.HtmlElement) -> str | None:
    """The language the page declares (<html lang>, Content-Language), as a short tag such as "en" or "ru"."""
    root = tree.getroottree().getroot()
    value = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not value:
        for meta in tree.iter("meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language" and meta.get("content"):
                value = meta.get("content")
                break
    if not value:
        return None
    tag = value.strip().split(",")[0].strip().replace("_", "-")
    return tag if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", tag) else None
