"""The specs as raw sources for ingest, shaped like the archive's: mostly single pages (text saved from a news
site, with its navigation and "related" furniture; a fifth of them web pages), and digests of several
articles (ALL-CAPS headings, hard-wrapped lines with blank lines between, as PDF text gives), as many articles a
source as the labelled pages hold (density.py)."""

from __future__ import annotations

import hashlib
import html
import random
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from corpus import SITE_TOML, Pools, Spec

OUTLETS = ("Kazinform", "Trend", "AKIpress", "Azertac", "Armenpress", "Kabar", "UzA", "Khovar", "Tengrinews",
           "APA", "BelTA", "Interfax")
HTML_SHARE = 0.2  # of single pages
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@dataclass(frozen=True)
class Source:
    kind: str  # page | html | digest
    specs: tuple[Spec, ...]


def plan_sources(specs: list[Spec], pools: Pools, seed: int) -> list[Source]:
    """Consecutive specs grouped into sources: as many articles a source as in the labelled pages."""
    rng = random.Random(seed + 7)
    per_page = pools.density.per_page
    multi = {k: v for k, v in per_page.items() if k > 1}
    single_share = per_page.get(1, 0) / max(1, sum(per_page.values()))
    sources: list[Source] = []
    at = 0
    while at < len(specs):
        if rng.random() < single_share:
            size, kind = 1, "html" if rng.random() < HTML_SHARE else "page"
        else:
            size, kind = rng.choices(sorted(multi), weights=[multi[k] for k in sorted(multi)])[0], "digest"
        sources.append(Source(kind, tuple(specs[at:at + size])))
        at += size
    return sources


def write_sources(sources: list[Source], pools: Pools, site: Path) -> dict[str, int]:
    """content/sources/NNNNN_<sha>.{txt,html} (with a NAME.meta.yaml sidecar for half the text pages), a
    site.toml; returns the number of files of each kind."""
    folder = site / "content" / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    (site / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    counts = {"page": 0, "html": 0, "digest": 0}
    for number, source in enumerate(sources):
        outlet = OUTLETS[number % len(OUTLETS)]
        data, suffix = _render(source, pools, outlet, number)
        name = f"{number:06d}_{hashlib.sha256(data).hexdigest()[:16]}{suffix}"
        (folder / name).write_bytes(data)
        if source.kind == "page" and number % 2 == 0:
            (folder / f"{name}.meta.yaml").write_text(
                f"url: https://{outlet.lower()}.example.org/news/{number}\noutlet: {outlet}\n", encoding="utf-8")
        counts[source.kind] += 1
    return counts


def _render(source: Source, pools: Pools, outlet: str, number: int) -> tuple[bytes, str]:
    if source.kind == "html":
        return html_page(source.specs[0], pools, outlet, number).encode("utf-8"), ".html"
    if source.kind == "page":
        return text_page(source.specs[0], pools, outlet).encode("utf-8"), ".txt"
    return digest_text(list(source.specs), pools).encode("utf-8"), ".txt"


def human(spec: Spec) -> str:
    date = spec.date
    if date.day and date.month:
        return f"{date.day} {MONTHS[date.month - 1]} {date.year}"
    if date.month:
        return f"{MONTHS[date.month - 1]} {date.year}"
    return str(date.year)


def _lead(spec: Spec, pools: Pools) -> list[str]:
    """The paragraphs, the first opening with a dateline ("Astana, 9 June 2005 – ...", "In March 2017, ...")."""
    capital = pools.capital.get(spec.countries[0], "Astana")
    opening = spec.paragraphs[0]
    if spec.date.day:
        opening = f"{capital}, {human(spec)} – {opening}"
    elif spec.date.month:
        opening = f"In {human(spec)}, {opening[0].lower()}{opening[1:]}"
    return [opening, *spec.paragraphs[1:]]


def _with_heading(spec: Spec, paragraphs: list[str]) -> list[str]:
    middle = len(paragraphs) // 2
    return [*paragraphs[:middle], spec.heading, *paragraphs[middle:]]


def text_page(spec: Spec, pools: Pools, outlet: str) -> str:
    """A page of a news site saved as text: the title, the body (a dateline in its first paragraph), then the
    site's furniture: related links, sharing, menu, copyright."""
    paragraphs = _with_heading(spec, _lead(spec, pools))
    lines = [spec.title, "", *(p for paragraph in paragraphs for p in (paragraph, "")),
             "Related articles", "", "Share on Facebook | Share on Twitter", "",
             f"{outlet} | Home | Politics | Economy | Society | World | Contacts", "",
             f"© {spec.year} {outlet}. All rights reserved.", ""]
    return "\n".join(lines)


def html_page(spec: Spec, pools: Pools, outlet: str, number: int) -> str:
    """A web page: metadata in the head, navigation, the article in <article>, a related block and a footer."""
    title, url = html.escape(spec.title), f"https://{outlet.lower()}.example.org/en/{number}"
    body = []
    for paragraph in _with_heading(spec, _lead(spec, pools)):
        tag = "h2" if paragraph == spec.heading else "p"
        body.append(f"<{tag}>{html.escape(paragraph)}</{tag}>")
    return "\n".join([
        "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{title} | {outlet}</title>", f'<link rel="canonical" href="{url}">',
        f'<meta property="og:site_name" content="{outlet}">', "</head><body>",
        f'<header><nav><a href="/">{outlet}</a> <a href="/politics">Politics</a> '
        '<a href="/economy">Economy</a></nav></header>',
        f"<main><article><h1>{title}</h1>", *body, "</article>",
        "<aside><h3>Related articles</h3><ul><li><a href=\"/1\">More news</a></li></ul></aside></main>",
        f"<footer>© {spec.year} {outlet}</footer>", "</body></html>", ""])


def digest_text(specs: list[Spec], pools: Pools) -> str:
    """A weekly digest like content/sources/000_*.txt: ALL-CAPS headings, hard-wrapped paragraphs with blank
    lines between wrapped lines."""
    lines: list[str] = []
    for spec in specs:
        lines.extend([f" {spec.title.upper()} ", " ", ""])
        for paragraph in _lead(spec, pools):
            lines.extend(_hard_wrap(paragraph))
            lines.extend([" ", ""])
    return "\n".join(lines)


def _hard_wrap(paragraph: str, width: int = 100) -> Iterator[str]:
    """Wrapped lines with a trailing space, each followed by a blank line, as PDF text extraction gives."""
    for line in textwrap.wrap(paragraph, width=width, break_on_hyphens=True):
        yield f"{line} "
        yield ""
