"""Hand-written pages from `paths.pages` (content/pages/about.md -> /about/): how the archive is made and how to
cite it. Each is Markdown whose first line is its title (`# About this archive`); the rest is sanitised like an
article's body. A file whose name is not a slug, or would take a URL the site already uses, is left out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from site_builder.render.markup import body_html
from site_builder.urls import Urls

NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TAKEN = {"articles", "countries", "organisations", "people", "timeline", "search", "sources", "static", "data",
         "pagefind"}
ORDER = ("about", "methodology")  # first in the footer; any other page follows by name


@dataclass(frozen=True)
class HandPage:
    name: str
    title: str
    url: str
    description: str
    body_html: Markup


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    found = [f for f in folder.glob("*.md") if NAME.match(f.stem) and f.stem not in TAKEN]
    return sorted(found, key=lambda f: (ORDER.index(f.stem) if f.stem in ORDER else len(ORDER), f.stem))


def hand_pages(folder: Path, urls: Urls) -> list[HandPage]:
    pages = []
    for file in _files(folder):
        title, body = _split(file.read_text(encoding="utf-8"), file.stem)
        first = next((p for p in body.split("\n\n") if p.strip() and not p.startswith("#")), title)
        description = " ".join(re.sub(r"[*_`\[\]]|\(\S*\)", "", first).split())[:200]
        pages.append(HandPage(file.stem, title, urls.hand_page(file.stem), description, Markup(body_html(body))))
    return pages


def hand_page_links(folder: Path, urls: Urls) -> tuple[tuple[str, str], ...]:
    """(title, url) of each page, for the footer: read only as far as each title."""
    links = []
    for file in _files(folder):
        with file.open(encoding="utf-8") as text:
            title, _ = _split(text.readline(), file.stem)
        links.append((title, urls.hand_page(file.stem)))
    return tuple(links)


def _split(text: str, stem: str) -> tuple[str, str]:
    first, _, rest = text.lstrip("\ufeff").partition("\n")
    if first.startswith("# "):
        return first[2:].strip(), rest.strip()
    return stem.replace("-", " ").capitalize(), text.strip()
