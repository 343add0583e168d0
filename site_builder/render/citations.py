"""How an article is cited and described to machines: Chicago, APA, BibTeX and JSON-LD.

A citation credits the original author and outlet when ingest recorded them, names the archive as the place the
text was accessed, gives the permanent URL, and marks a date that was inferred ("c. 3 April 2017", "[2017]") or
is missing ("n.d."). The access date is the reader's: the page carries a placeholder that `cite.js` fills with
today's date, so rebuilding still gives identical bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from site_builder.catalogue import cite_key
from site_builder.config import Config
from site_builder.model import MONTHS, Article, Entity, EntityKind

ACCESSED = "\x00accessed\x00"  # where the access date goes; replaced by an element cite.js fills
_ACCESS_FORMS = {"long": "[date accessed]", "iso": "YYYY-MM-DD"}
SCHEMA_TYPES = {EntityKind.COUNTRY: "Country", EntityKind.ORGANISATION: "Organization", EntityKind.PERSON: "Person"}


@dataclass(frozen=True)
class Citations:
    chicago: Markup
    apa: Markup
    bibtex: Markup
    key: str


def citations(article: Article, config: Config, permalink: str) -> Citations:
    return Citations(chicago=with_access_date(chicago(article, config, permalink)),
                     apa=with_access_date(apa(article, config, permalink)),
                     bibtex=with_access_date(bibtex(article, config, permalink), "iso"), key=bibtex_key(article))


def with_access_date(text: str, form: str = "long") -> Markup:
    """The citation as HTML, its access date an element the reader's browser fills in (cite.js)."""
    element = Markup('<span class="access-date" data-form="{}">{}</span>').format(form, _ACCESS_FORMS[form])
    return Markup(element).join(escape(part) for part in text.split(ACCESSED))


def is_inferred(article: Article) -> bool:
    return article.date_basis == "inferred" and article.date.year is not None


def cited_date(article: Article) -> str:
    """'3 April 2017'; inferred: 'c. 3 April 2017', or '[2017]' for a year alone; no date: 'n.d.'."""
    date = article.date
    if date.year is None:
        return "n.d."
    if not is_inferred(article):
        return date.human()
    return f"[{date.year}]" if date.month is None else f"c. {date.human()}"


def chicago(article: Article, config: Config, permalink: str) -> str:
    """Chicago notes-bibliography: Author. “Title.” Outlet, date. Archive, URL. Accessed date.
    With no byline the title leads (Chicago 14.207); with no known outlet the archive is the only container."""
    title = f"“{article.title.rstrip('.')}.”"
    lead = f"{article.author.rstrip('.')}. {title}" if article.author else title
    outlet, date = _outlet(article), cited_date(article).rstrip(".")
    if outlet:
        return f"{lead} {outlet.rstrip('.')}, {date}. {config.title}, {permalink}. Accessed {ACCESSED}."
    return f"{lead} {config.title}, {date}. {permalink}. Accessed {ACCESSED}."


def apa(article: Article, config: Config, permalink: str) -> str:
    """APA 7: Author. (Year, Month Day). Title. Outlet. Retrieved date, from Archive: URL.
    With no author the title moves first."""
    when = _apa_date(article)
    title = article.title.rstrip(".")
    outlet = _outlet(article)
    container = f" {outlet.rstrip('.')}." if outlet else ""
    retrieved = f"Retrieved {ACCESSED}, from {config.title}: {permalink}"
    if article.author:
        return f"{article.author.rstrip('.')}. ({when}). {title}.{container} {retrieved}"
    return f"{title}. ({when}).{container} {retrieved}"


def _apa_date(article: Article) -> str:
    date = article.date
    if not date.year:
        return "n.d."
    text = ", ".join(part for part in (str(date.year), _month_day(date.month, date.day)) if part)
    if not is_inferred(article):
        return text
    return f"[{date.year}]" if date.month is None else f"c. {text}"


def _month_day(month: int | None, day: int | None) -> str:
    if not month:
        return ""
    return f"{MONTHS[month - 1]} {day}" if day else MONTHS[month - 1]


def _outlet(article: Article) -> str | None:
    return article.source.outlet if article.source and article.source.outlet else None


def bibtex(article: Article, config: Config, permalink: str) -> str:
    date = article.date
    fields = [("title", f"{{{_tex(article.title)}}}")]
    if article.author:
        fields.append(("author", f"{{{_tex(article.author)}}}"))
    outlet = _outlet(article)
    if outlet:
        fields.append(("organization", _tex(outlet)))
    fields.append(("howpublished", _tex(config.title)))
    if date.year:
        fields.append(("year", str(date.year)))
    if date.month:
        fields.append(("month", MONTHS[date.month - 1][:3].lower()))
    inferred = is_inferred(article)
    notes = [f"date inferred: {article.date_note.rstrip('.')}" if inferred and article.date_note else
             "date inferred" if inferred else "", "no date" if not date.year else "",
             f"accessed via {config.title}"]
    fields += [("url", permalink), ("urldate", ACCESSED), ("note", _tex("; ".join(n for n in notes if n)))]
    if article.source and article.source.url:
        fields.append(("addendum", f"Original: \\url{{{article.source.url}}}"))
    body = ",\n".join(f"  {name} = {value if name == 'month' else '{' + value + '}'}" for name, value in fields)
    return f"@misc{{{bibtex_key(article)},\n{body}\n}}"


def bibtex_key(article: Article) -> str:
    """Frozen in front matter (`cite_key`) or made from the permanent URL (see catalogue.derived_cite_key)."""
    return cite_key(article)


def _tex(text: str) -> str:
    return "".join("\\" + c if c in "{}&%$#_" else c for c in text)


def json_ld(article: Article, config: Config, permalink: str, description: str,
            about: Iterable[Entity] = ()) -> Markup:
    """schema.org NewsArticle: the archive publishes this copy, the outlet is the source it is based on, and each
    entity it is about links to Wikidata where the authority file has an id."""
    publisher = {"@type": "Organization", "name": config.publisher, "url": config.base_url}
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
        "description": description, "url": permalink, "mainEntityOfPage": permalink,
        "inLanguage": config.language, "isAccessibleForFree": True, "publisher": publisher,
        "about": [_thing(entity) for entity in about],
    }
    if article.date.iso:
        data["datePublished"] = article.date.iso
    outlet = _outlet(article)
    if outlet:
        data["sourceOrganization"] = {"@type": "Organization", "name": outlet}
    if outlet or (article.source and article.source.url):
        original: dict[str, Any] = {"@type": "CreativeWork", "name": article.title}
        if article.source and article.source.url:
            original["url"] = article.source.url
        if outlet:
            original["publisher"] = {"@type": "Organization", "name": outlet}
        data["isBasedOn"] = original
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author}
    elif outlet:
        data["author"] = {"@type": "Organization", "name": outlet}
    return json_script(data)


def _thing(entity: Entity) -> dict[str, Any]:
    thing: dict[str, Any] = {"@type": SCHEMA_TYPES[entity.kind], "name": entity.name}
    if entity.wikidata_url:
        thing["sameAs"] = entity.wikidata_url
    return thing


def json_script(data: object) -> Markup:
    """JSON safe inside <script>: no '<', '>' or '&' survive to close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
