"""Site checks: every internal link and anchor in the built HTML resolves.

Pages are scanned with regular expressions, not a full HTML parser: the pages are our own output, where Jinja
and nh3 always write attributes double-quoted and escape '>' inside them, and a parser was 40% of a build.
This is a check of what we wrote, never a sanitiser (that is nh3's job).
"""

from __future__ import annotations

import array
import html
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from site_builder.errors import Problem

# A tag that links and its link attribute, in one pass over the page (a tag has at most one of them: href, src
# or action); `data-href` and the like do not count.
LINK = re.compile(r'<(?:a|link|script|img|source|form)\s(?:[^>]*?\s)?(?:href|src|action)="([^"]*)"', re.IGNORECASE)
ANCHOR = re.compile(r'<[a-zA-Z][^>]*?\s(?:id|name)="([^"]*)"')
HINT = "a link to a page or anchor that the build did not produce"


@dataclass(frozen=True)
class PageLinks:
    """What the link check needs of one page: where it links (with the line) and which anchors it has.

    Kept for every page between builds, so kept small: the same nav and footer links on every page are one
    interned string each, and the line numbers an array of ints."""

    url: str
    hrefs: tuple[str, ...]
    lines: array.array[int]
    ids: frozenset[str]

    @property
    def links(self) -> Iterator[tuple[str, int]]:
        return zip(self.hrefs, self.lines, strict=True)


def scan_page(url: str, text: str) -> PageLinks:
    hrefs: list[str] = []
    lines = array.array("I")
    line, last = 1, 0
    for link in LINK.finditer(text):
        line += text.count("\n", last, link.start())
        last = link.start()
        value = link.group(1)
        hrefs.append(sys.intern(html.unescape(value) if "&" in value else value))
        lines.append(line)
    ids = frozenset(sys.intern(html.unescape(value)) for value in ANCHOR.findall(text))
    return PageLinks(url, tuple(hrefs), lines, ids)


def check_links(site: Path, base_path: str, *, shown_as: str = "public", ignore: tuple[str, ...] = ()) -> list[Problem]:
    """Broken internal links and anchors in every HTML file of a built site folder.

    `shown_as` names the folder in messages (the staging folder is an implementation detail);
    `ignore` lists path prefixes, under the base path, that are produced later (the search bundle).
    """
    files = [file for file in sorted(site.rglob("*")) if file.is_file()]
    pages = [scan_page(url_of(file, site, base_path), file.read_text(encoding="utf-8"))
             for file in files if file.suffix == ".html"]
    return check_pages(pages, {url_of(file, site, base_path) for file in files}, base_path,
                       shown_as=shown_as, ignore=ignore)


def check_pages(pages: Iterable[PageLinks], files: set[str], base_path: str, *, shown_as: str = "public",
                ignore: tuple[str, ...] = ()) -> list[Problem]:
    """Check scanned pages against every URL of the site (`files`: pages and other files alike)."""
    by_url = {page.url: page for page in pages}
    skipped = tuple(base_path + prefix for prefix in ignore)
    verdicts: dict[str, str | None] = {}  # a link that means the same on every page is judged once
    problems = []
    for page in by_url.values():
        for href, line in page.links:
            if href in verdicts:
                problem = verdicts[href]
            else:
                problem = _check_one(page.url, href, by_url, files, base_path, skipped)
                if _same_on_every_page(href):
                    verdicts[href] = problem
            if problem:
                problems.append(Problem(_display(shown_as, page.url, base_path), line, problem, hint=HINT))
    return problems


def _same_on_every_page(href: str) -> bool:
    """A root-relative link, or one with a scheme (data:, mailto:, https://...): its page does not change it."""
    return (href.startswith("/") and not href.startswith("//")) or ":" in href.partition("/")[0]


def url_of(file: Path, site: Path, base_path: str) -> str:
    relative = file.relative_to(site).as_posix()
    return base_path + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def _display(shown_as: str, url: str, base_path: str) -> str:
    path = url[len(base_path):]
    return f"{shown_as}/{path + 'index.html' if path.endswith('/') or not path else path}"


def _check_one(page_url: str, href: str, pages: dict[str, PageLinks], files: set[str], base_path: str,
               skipped: tuple[str, ...]) -> str | None:
    if href.startswith("/") and not href.startswith("//"):
        path, _, fragment = href.partition("#")  # the common case: a root-relative link, no urljoin needed
        path = path.partition("?")[0]
    elif href.startswith("#"):
        path, fragment = page_url, href[1:]  # on the same page, like the skip link every page has
    elif href.startswith(("https://", "http://")) and href.split("/", 3)[2]:
        return None  # external (or this site's absolute URL, as in canonical links): not followed
    else:
        target = urlsplit(urljoin(page_url, href))
        if target.scheme not in ("", "http", "https") or target.netloc:
            return None  # external
        path, fragment = target.path, target.fragment
    path = unquote(path)
    if path.startswith(skipped):
        return None
    if not path.startswith(base_path):
        return f"link {href!r} escapes the site's base path {base_path!r}"
    page = pages.get(path) or pages.get(path + "/")
    if page is not None:
        if fragment and unquote(fragment) not in page.ids:
            return f"link {href!r}: no element with id '{fragment}' on {path}"
        return None
    if path in files or path + "/" in files:
        return None
    return f"broken link {href!r}: {path} is not in the built site"
