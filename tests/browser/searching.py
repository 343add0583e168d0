"""Driving the search page in tests: open a search, wait for its answer, read results; what the archive's
data file says the answer should be."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from harness import BuiltSite

DONE = "#search-form[data-state=done]"
RESULT_LINK = "#search-list .result-title a"
Article = dict[str, Any]


def open_search(page: Any, url: str) -> int:
    page.goto(url)
    return answered(page)


def answered(page: Any) -> int:
    """Wait for the page's answer; the number of articles it reports."""
    page.wait_for_selector(DONE, timeout=20_000, state="attached")
    text = page.inner_text("#search-status")
    match = re.match(r"(\d+) articles?", text)
    assert match, text
    return int(match.group(1))


def changed(page: Any, action: Callable[[], None]) -> int:
    """Do something that starts a new search and wait for its answer."""
    page.evaluate("() => { document.getElementById('search-form').dataset.state = 'waiting'; }")
    action()
    return answered(page)


def result_links(page: Any, every: bool = False) -> list[str]:
    """The result links shown; with `every`, after pressing "More results" until all are shown."""
    while every and page.locator("#search-more").is_visible():
        page.evaluate("() => { document.getElementById('search-form').dataset.state = 'waiting'; }")
        page.click("#search-more")
        page.wait_for_selector(DONE, timeout=20_000, state="attached")
    return [(link.get_attribute("href") or "").split("?")[0] for link in page.locator(RESULT_LINK).all()]


def articles(built: BuiltSite) -> list[Article]:
    data = json.loads((built.public / "data" / "articles.json").read_text(encoding="utf-8"))
    return list(data["articles"])


def path_of(article: Article) -> str:
    """The article's URL as the search page links it (the path under the host)."""
    return "/" + article["url"].split("://", 1)[1].split("/", 1)[1]


def year_of(article: Article) -> int | None:
    return int(article["date"][:4]) if article["date"] else None
