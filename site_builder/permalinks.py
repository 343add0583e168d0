"""Permalink history: every URL an article has ever had, so a changed slug or date leaves a redirect behind.

The history lives in a checked-in JSON file (content/permalinks.json). Each build adds the current URL of
every article; every earlier URL that no current page now uses becomes a redirect page.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import ContentError
from site_builder.model import Article
from site_builder.urls import Urls


@dataclass(frozen=True)
class PermalinkHistory:
    # identity of an article -> every path (relative to the base path) it has had, oldest first
    paths: Mapping[str, tuple[str, ...]]

    def to_json(self) -> str:
        return json.dumps({key: list(value) for key, value in sorted(self.paths.items())}, indent=1) + "\n"


def identity(article: Article) -> str:
    """What stays the same when an editor changes a slug or a date: the source part, else the file."""
    if article.source:
        return f"source:{article.source.path}#{article.source.part}"
    return f"file:{article.path}"


def load_history(file: Path) -> PermalinkHistory:
    if not file.exists():
        return PermalinkHistory({})
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ContentError(f"{file}: the permalink history is not valid JSON: {error}",
                           hint="restore it from version control; it records every URL ever published") from error
    if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
        raise ContentError(f"{file}: expected an object of lists of paths", hint="restore it from version control")
    return PermalinkHistory({str(key): tuple(str(p) for p in value) for key, value in raw.items()})


def record(history: PermalinkHistory, articles: Iterable[Article], urls: Urls) -> PermalinkHistory:
    """The history with every article's current path appended where it is new."""
    paths = dict(history.paths)
    base = len(urls.base_path)
    for article in articles:
        key, current = identity(article), urls.article(article)[base:]
        known = paths.get(key, ())
        if current not in known:
            paths[key] = (*known, current)
    return PermalinkHistory(paths)


def save_history(file: Path, history: PermalinkHistory) -> bool:
    """Write the history if it changed; returns whether it did."""
    text = history.to_json()
    if file.exists() and file.read_text(encoding="utf-8") == text:
        return False
    file.parent.mkdir(parents=True, exist_ok=True)
    temporary = file.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(file)
    return True


def redirects(history: PermalinkHistory, articles: Iterable[Article], urls: Urls) -> dict[str, str]:
    """Old URL -> current URL, for every old path that no current article uses."""
    current = {identity(a): urls.article(a) for a in articles}
    taken = set(current.values())
    moves: dict[str, str] = {}
    for key, paths in sorted(history.paths.items()):
        if key not in current:
            continue  # the article is gone; its URL falls to the 404 page rather than to a wrong article
        for path in paths:
            old = urls.base_path + path
            if old != current[key] and old not in taken:
                moves[old] = current[key]
    return moves


def redirect_page(target: str, absolute_target: str) -> bytes:
    """A tiny page that sends readers and crawlers on: meta refresh, canonical link and a plain link."""
    href, canonical = html.escape(target, quote=True), html.escape(absolute_target, quote=True)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Moved</title>\n'
            f'<meta name="robots" content="noindex">\n<link rel="canonical" href="{canonical}">\n'
            f'<meta http-equiv="refresh" content="0; url={href}">\n</head>\n<body>\n'
            f'<main><h1>This page has moved</h1><p><a href="{href}">{canonical}</a></p></main>\n'
            f'</body>\n</html>\n').encode()
