"""How an article is cited and described to machines: Chicago, APA, BibTeX and JSON-LD.

Citations name the permanent URL only, never an access date: rebuilding must give identical bytes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from site_builder.config import Config
from site_builder.model import MONTHS, Article


@dataclass(frozen=True)
class Citations:
    chicago: str
    apa: str
    bibtex: str


def citations(article: Article, config: Config, permalink: str) -> Citations:
    return Citations(chicago=chicago(article, config, permalink), apa=apa(article, config, permalink),
                     bibtex=bibtex(article, config, permalink))


def chicago(article: Article, config: Config, permalink: str) -> str:
    """Chicago notes-bibliography for a web page; with no byline the title leads (Chicago 14.207)."""
    date = article.date.human() if article.date.year else "n.d."
    title = f"“{article.title.rstrip('.')}.”"
    lead = f"{article.author.rstrip('.')}. {title}" if article.author else title
    return f"{lead} {config.title}, {date.rstrip('.')}. {permalink}.{original(article)}"


def apa(article: Article, config: Config, permalink: str) -> str:
    """APA 7: Author. (Year, Month Day). Title. Site. URL; with no author the title moves first."""
    date = article.date
    when = "n.d." if not date.year else ", ".join(
        part for part in (str(date.year), _month_day(date.month, date.day)) if part)
    if article.author:
        return (f"{article.author.rstrip('.')}. ({when}). {article.title.rstrip('.')}. {config.title}. "
                f"{permalink}{original(article)}")
    return f"{article.title.rstrip('.')}. ({when}). {config.title}. {permalink}{original(article)}"


def original(article: Article) -> str:
    """" Originally published by OUTLET (URL)." when the source names its publisher or its address."""
    source = article.source
    if source is None or not (source.outlet or source.url):
        return ""
    by = f" by {source.outlet}" if source.outlet else ""
    at = f" ({source.url})" if source.outlet and source.url else f" at {source.url}" if source.url else ""
    return f" Originally published{by}{at}."


def _month_day(month: int | None, day: int | None) -> str:
    if not month:
        return ""
    return f"{MONTHS[month - 1]} {day}" if day else MONTHS[month - 1]


def bibtex(article: Article, config: Config, permalink: str) -> str:
    year = str(article.date.year) if article.date.year else ""
    fields = [("title", f"{{{_tex(article.title)}}}"), ("howpublished", _tex(config.title)),
              ("author", f"{{{_tex(article.author or config.publisher)}}}")]
    if year:
        fields.append(("year", year))
    if article.date.month:
        fields.append(("month", MONTHS[article.date.month - 1][:3].lower()))
    fields += [("url", permalink), ("note", f"{config.title}, {article.date.human()}" + _tex(original(article)))]
    body = ",\n".join(f"  {name} = {value if name == 'month' else '{' + value + '}'}" for name, value in fields)
    return f"@misc{{{bibtex_key(article)},\n{body}\n}}"


def bibtex_key(article: Article) -> str:
    """An ASCII key: first word of the slug and the year, e.g. 'kazakhstan2017'."""
    ascii_slug = unicodedata.normalize("NFKD", article.slug).encode("ascii", "ignore").decode()
    words = [w for w in re.split(r"[^a-z0-9]+", ascii_slug.lower()) if w]
    return f"{'-'.join(words[:3]) or 'article'}{article.date.year or 'nd'}".replace("-", "_")


def _tex(text: str) -> str:
    return "".join("\\" + c if c in "{}&%$#_" else c for c in text)


def json_ld(article: Article, config: Config, permalink: str, description: str) -> Markup:
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
        "description": description, "url": permalink, "mainEntityOfPage": permalink,
        "inLanguage": config.language, "isAccessibleForFree": True,
        "publisher": {"@type": "Organization", "name": config.publisher},
        "about": [{"@type": "Country", "name": name} for name in article.countries]
        + [{"@type": "Organization", "name": name} for name in article.organisations]
        + [{"@type": "Person", "name": name} for name in article.people],
    }
    if article.date.iso:
        data["datePublished"] = article.date.iso
    data["author"] = ({"@type": "Person", "name": article.author} if article.author
                      else {"@type": "Organization", "name": config.publisher})
    return json_script(data)


def json_script(data: object) -> Markup:
    """JSON safe inside <script>: no '<', '>' or '&' survive to close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
