"""The one mapping from objects to URLs and output paths. Every URL honours base_url's sub-path."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from site_builder.model import Article, Entity, EntityKind

SECTIONS = {EntityKind.COUNTRY: "countries", EntityKind.ORGANISATION: "organisations", EntityKind.PERSON: "people"}
SOURCES_FOLDER = "content/sources/"
SAFE_SEGMENT = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]*\Z")  # a URL segment as it is: no escapes, not hidden
_UNSAFE_RUN = re.compile(r"[^A-Za-z0-9._~-]+")


@dataclass(frozen=True)
class Urls:
    base_url: str  # absolute, ends in '/'
    source_paths: frozenset[str] = frozenset()  # every source an article cites: their pages' URLs are made together

    @classmethod
    def for_articles(cls, base_url: str, articles: Iterable[Article]) -> Urls:
        return cls(base_url, frozenset(a.source.path for a in articles if a.source))

    @cached_property  # asked for every URL made
    def base_path(self) -> str:
        return urlsplit(self.base_url).path or "/"

    def _at(self, path: str) -> str:
        return self.base_path + path

    def home(self) -> str:
        return self._at("")

    def article(self, article: Article) -> str:
        return self.article_at(article.year_segment, article.slug)

    def article_at(self, year_segment: str, slug: str) -> str:
        return self._at(f"articles/{year_segment}/{slug}/")

    def section(self, kind: EntityKind) -> str:
        return self._at(f"{SECTIONS[kind]}/")

    def entity(self, entity: Entity) -> str:
        return self._at(f"{SECTIONS[entity.kind]}/{entity.slug}/")

    def entity_feed(self, entity: Entity) -> str:
        return self.entity(entity) + "feed.xml"

    def pair(self, first: Entity, second: Entity) -> str:
        a, b = sorted((first.slug, second.slug))
        return self._at(f"countries/{a}/{b}/")

    def pair_reversed(self, first: Entity, second: Entity) -> str:
        """The pair in the other order, /countries/kazakhstan/azerbaijan/: a redirect to the pair page."""
        a, b = sorted((first.slug, second.slug))
        return self._at(f"countries/{b}/{a}/")

    def entity_year(self, entity: Entity, year: int | None) -> str:
        """One entity's articles of one year, /countries/kazakhstan/2017/ (or .../undated/)."""
        return f"{self.entity(entity)}{year if year else 'undated'}/"

    @staticmethod
    def paged(url: str, number: int) -> str:
        """Page `number` of a long list whose first page is `url`: url, url/page/2/, ..."""
        return url if number <= 1 else f"{url}page/{number}/"

    def hand_page(self, name: str) -> str:
        """A hand-written page of content/pages: /about/, /methodology/."""
        return self._at(f"{name}/")

    def timeline(self) -> str:
        return self._at("timeline/")

    def timeline_year(self, year: int | None) -> str:
        return self._at(f"timeline/{year if year else 'undated'}/")

    def source(self, source_path: str) -> str:
        key = self._source_keys.get(source_path) or source_keys([source_path])[source_path]
        return self._at(f"sources/{key}/")

    @cached_property
    def _source_keys(self) -> dict[str, str]:
        return source_keys(self.source_paths)

    def search(self) -> str:
        return self._at("search/")

    def feed(self) -> str:
        return self._at("feed.xml")

    def static(self, name: str) -> str:
        return self._at(f"static/{name}")

    def special(self, name: str) -> str:
        """sitemap.xml, robots.txt, 404.html, data/articles.json, pagefind/..."""
        return self._at(name)

    @cached_property
    def _origin(self) -> str:
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    def absolute(self, url: str) -> str:
        return f"{self._origin}{url}"

    def output_file(self, url: str) -> str:
        """Where a URL's file lives inside the output folder, as a relative path; refuses anything outside it.
        A string, checked lexically: a rebuild asks this for every page of the site."""
        if not url.startswith(self.base_path):
            raise ValueError(f"URL {url!r} is outside the site's base path {self.base_path!r}")
        relative = url[len(self.base_path):]
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        parts = [part for part in relative.split("/") if part]
        if relative.startswith("/") or any(part.startswith(".") for part in parts):
            raise ValueError(f"URL {url!r} would write outside the output folder")
        return "/".join(parts)

    def output_path(self, url: str) -> PurePosixPath:
        return PurePosixPath(self.output_file(url))


def source_keys(paths: Iterable[str]) -> dict[str, str]:
    """Each source's folder under /sources/, unique (also to a file system that ignores case) and URL-safe.

    A source keeps the URL of its stem, /sources/000_digest/, when no other source's stem is the same (in any
    case) and the stem is a plain URL segment: the common case, the URLs every earlier build made. Of sources
    sharing a stem (same.txt, same.html, sub/same.txt; x.html and x.pdf) the one nearest the top of
    content/sources/, a .txt first, then in path order, keeps it; each other is keyed by its whole path under
    content/sources/ with its suffix, folders joined by '--' (/sources/same.html/, /sources/sub--same.txt/). A
    name that is no plain URL segment (spaces, non-ASCII letters, '?', '#') is spelt in ASCII and followed by
    a short hash of its path, as is any key that would still equal another's."""
    paths = sorted(set(paths))
    by_stem: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        stem = PurePosixPath(path).stem
        if SAFE_SEGMENT.match(stem):
            by_stem[stem.casefold()].append(path)
    keys = {min(group, key=_claim): PurePosixPath(min(group, key=_claim)).stem for group in by_stem.values()}
    owners = set(keys)
    for path in paths:
        if path not in keys:
            keys[path] = _whole_path_key(path)
    taken = Counter(key.casefold() for key in keys.values())
    for path in paths:
        if taken[keys[path].casefold()] > 1 and path not in owners:
            keys[path] = f"{keys[path]}-{_short_hash(path)}"
    if len({key.casefold() for key in keys.values()}) != len(keys):
        raise ValueError("two sources would share a page")  # a hash collision of 32 bits among one site's names
    return keys


def _claim(path: str) -> tuple[int, bool, str]:
    """Which of the sources sharing a stem keeps it: fewest folders deep, a text file, then path order."""
    return path.count("/"), not path.lower().endswith(".txt"), path


def _whole_path_key(path: str) -> str:
    relative = path.removeprefix(SOURCES_FOLDER)
    segments = [safe_name(part) for part in relative.split("/")]
    key = "--".join(segments)
    lossy = any(segment != part for segment, part in zip(segments, relative.split("/"), strict=True))
    return f"{key}-{_short_hash(path)}" if lossy else key


def safe_name(name: str) -> str:
    """A file or folder name as a plain URL segment: itself when it is one, else spelt in ASCII."""
    if SAFE_SEGMENT.match(name):
        return name
    stem, _, suffix = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    safe_suffix = _UNSAFE_RUN.sub("-", suffix).strip(".-")
    return (_UNSAFE_RUN.sub("-", ascii_stem).strip(".-") or "source") + (f".{safe_suffix}" if safe_suffix else "")


def _short_hash(path: str) -> str:
    return hashlib.sha256(path.encode()).hexdigest()[:8]
