"""Full-text search: the article pages indexed with Pagefind's Python API, one bundle per shard of years.

Why shards: Pagefind holds a whole index in memory (about 200 KB per article page here), so one index of
100 000 articles would not fit in 4 GB. Each shard is a complete Pagefind bundle at site/pagefind/<shard>/;
site/pagefind/shards.json lists them, newest first, and site/pagefind/pagefind.js (pagefind_shards.js) searches
them as one in the browser. A shard whose documents' digests did not change since the published site is
hard-linked from it instead of re-indexed, so an edit re-indexes one shard and reads no other page.

How pages reach Pagefind (pagefind_index.py): it reads each shard's pages itself from the folders they are in
(`add_directory` with a glob a year folder), which took half the time of sending them one by one through its
Python API (`add_html_file`, base64 JSON a page); those are sent cut to their indexed body (searched_part)
only when no glob can select exactly the shard's pages.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from site_builder.errors import ContentError
from site_builder.pagefind_index import index_shards, run

SEARCH_BUNDLE = ("pagefind/",)  # where the bundles are, under the site's base path (the link checker skips it)
BUNDLE_FOLDER = "pagefind"
SHARDS_FILE = "shards.json"
UNDATED = "undated"
# One shard per year up to this many years: a small shard keeps a rebuild after an edit quick (it re-indexes
# one shard) and the peak memory low, but each costs the reader's first search about 130 KB (script, wasm).
MAX_YEAR_SHARDS = 24
SPAN_YEARS = 2  # beyond: fixed calendar spans (2010-2011); 5 would put 25 000 of 100 000 articles in a shard
UI_ASSETS = ("pagefind-ui.js", "pagefind-ui.css")  # the Default UI, once at site/pagefind/ (templates link it)
SHARDS_MODULE = Path(__file__).with_name("pagefind_shards.js")  # site/pagefind/pagefind.js: the shards as one
FORMAT = "shards-2"  # part of every fingerprint: bump it when what goes into a bundle changes
BODY_END = "<!--search-body-end-->"  # article.html puts it right after the data-pagefind-body element
_BODY_START = re.compile(r"<[a-zA-Z][^>]*\sdata-pagefind-body[\s>=]")
_GLOB_SAFE = re.compile(r"[a-z0-9][a-z0-9._-]*")  # a page folder's name that means itself in a glob
_LANGUAGE = re.compile(r'<html[^>]*\slang="([^"]*)"')



@dataclass(frozen=True)
class SearchDocument:
    url: str  # site URL of the page, including the base path, e.g. "/archive/articles/2017/x/"
    file: Path  # the page's HTML file as built (article pages only)
    digest: str  # changes whenever the page's HTML does: the render fingerprint, or a hash of the file
    year: int | None  # the article's year, None when undated


@dataclass(frozen=True)
class SearchStats:
    shards: int
    reindexed: int
    reused: int
    documents: int
    rebuilt: tuple[str, ...] = ()  # the bundle folders written anew, relative to the site
    dropped: tuple[str, ...] = ()  # the published bundle folders a patched site no longer has (a year emptied)


def shard_of(year: int | None, years: Collection[int | None]) -> str:
    """The shard of an article of `year` in an archive whose articles have `years`.

    Names never depend on how many articles there are, only on the set of years, and span boundaries are
    calendar-fixed (2010-2011, 2012-2013), so adding articles never moves an article to another shard, except
    once: when the archive grows past MAX_YEAR_SHARDS distinct years and per-year shards become spans."""
    if year is None:
        return UNDATED
    distinct = {y for y in years if y is not None} | {year}
    if len(distinct) <= MAX_YEAR_SHARDS:
        return str(year)
    start = year - year % SPAN_YEARS
    return f"{start}-{start + SPAN_YEARS - 1}"


def index_site(site: Path, documents: Iterable[SearchDocument], *, base_path: str,
               previous: Path | None = None, keep_published: bool = False) -> SearchStats:
    """Write site/pagefind/<shard>/ bundles, the Default UI's assets and site/pagefind/shards.json.

    `documents` may come in any order. `previous` is the published site folder: its shards whose fingerprint
    is unchanged are hard-linked (or copied) instead of re-indexed, and their pages are never read; with
    `keep_published`, `site` is a patch of it (render/write.py) and they are not even linked."""
    bundles = site / BUNDLE_FOLDER
    shutil.rmtree(bundles, ignore_errors=True)  # a staging folder may hold links to an older bundle
    bundles.mkdir(parents=True)
    shards = group_shards(documents, base_path)
    published = _published_fingerprints(previous)
    stale = [s for s in shards if published.get(s.name) != s.fingerprint]
    for shard in shards:
        if previous is not None and published.get(shard.name) == shard.fingerprint and not keep_published:
            _reuse(previous / BUNDLE_FOLDER / shard.name, bundles / shard.name)
    roots = [site, previous] if keep_published and previous is not None else [site]
    run(index_shards(stale, bundles, roots))
    if stale or not keep_published:  # a patch keeps the published assets when it rebuilds no shard
        _copy_ui_assets(bundles, stale if keep_published else shards)
    _write_manifest(bundles, shards, base_path)
    names = {shard.name for shard in shards}
    dropped = [name for name in published if name not in names] if keep_published else []
    return SearchStats(len(shards), len(stale), len(shards) - len(stale), sum(s.size for s in shards),
                       tuple(f"{BUNDLE_FOLDER}/{s.name}" for s in stale),
                       tuple(f"{BUNDLE_FOLDER}/{name}" for name in sorted(dropped)))


# --- shards and what Pagefind is given of their pages -------------------------------------------------------


@dataclass
class Shard:
    name: str
    documents: list[tuple[str, SearchDocument]] = field(default_factory=list)  # (URL in the bundle, document)

    @cached_property  # asked twice (reuse, manifest) once the shard's documents are all in
    def fingerprint(self) -> str:
        """Independent of the order documents came in: the same pages give the same shard."""
        digest = hashlib.sha256(f"{FORMAT}\0pagefind {_pagefind_version()}\n".encode())
        for url, page_digest in sorted((d.url, d.digest) for _, d in self.documents):
            digest.update(f"{url}\0{page_digest}\n".encode())
        return digest.hexdigest()

    @property
    def size(self) -> int:
        return len(self.documents)

    @property
    def sort_key(self) -> tuple[bool, int]:
        """Newest first, undated last."""
        return (self.name == UNDATED, -int(self.name.split("-")[0]) if self.name != UNDATED else 0)

    def folder_globs(self, roots: list[Path]) -> list[tuple[Path, str]] | None:
        """(folder, glob) pairs that select exactly the shard's pages for Pagefind to read itself: one glob a
        folder of article pages (articles/2017/*/index.html), naming the pages ({a,b}) where a folder's pages
        are split between two roots (a patch and the published site). None when a page is in no root or named
        in a way a glob could misread."""
        by_folder: dict[str, dict[Path, list[str]]] = {}
        for _, document in self.documents:
            root = next((root for root in roots if document.file.is_relative_to(root)), None)
            if root is None or document.file.name != "index.html" or not _GLOB_SAFE.match(document.file.parent.name):
                return None
            folder = document.file.parent.parent.relative_to(root).as_posix()
            by_folder.setdefault(folder, {}).setdefault(root, []).append(document.file.parent.name)
        return [(root, _pages_glob(folder, None if len(split) == 1 else names))
                for folder, split in sorted(by_folder.items()) for root, names in split.items()]

    def pages(self) -> Iterator[tuple[str, str]]:
        """(URL, HTML) of each page as Pagefind is to index it: the indexed body alone when the page marks where
        that ends, else the whole page."""
        for url, document in self.documents:
            html = document.file.read_text(encoding="utf-8")
            yield url, searched_part(html) or html


def _pages_glob(folder: str, names: list[str] | None) -> str:
    """The pages of a folder: all of them (None), or those named."""
    if names is None:
        return f"{folder}/*/index.html"
    chosen = names[0] if len(names) == 1 else "{" + ",".join(sorted(names)) + "}"
    return f"{folder}/{chosen}/index.html"


def body_start(html: str) -> re.Match[str] | None:
    """_BODY_START.search(html), from the last '>' before the attribute's first mention: a tag cannot span a
    '>', so no match starts earlier, and the pattern is not tried at every '<' of the page's head."""
    mention = html.find("data-pagefind-body")
    return None if mention < 0 else _BODY_START.search(html, html.rfind(">", 0, mention) + 1)


def searched_part(html: str) -> str | None:
    """The page cut down to what Pagefind indexes of it: its language and its data-pagefind-body element, which
    article.html ends with BODY_END. Pagefind then parses a third of the page (about 10 % off indexing).
    None when the page does not mark both ends."""
    start = body_start(html)
    end = html.find(BODY_END, start.start()) if start else -1
    if start is None or end < 0:
        return None
    language = _LANGUAGE.search(html, 0, start.start())
    lang = f' lang="{language.group(1)}"' if language else ""
    return (f'<!DOCTYPE html><html{lang}><head><meta charset="utf-8"><title></title></head><body>'
            f"{html[start.start():end]}</body></html>")


def group_shards(documents: Iterable[SearchDocument], base_path: str) -> list[Shard]:
    """The documents in their shards, newest first; a URL given twice or outside the site is an error."""
    by_url: dict[str, tuple[str, SearchDocument]] = {}
    for document in documents:
        if document.url in by_url:
            raise ContentError(f"search: two pages have the URL {document.url}",
                               hint="every article needs its own URL (slug)")
        by_url[document.url] = (_bundle_url(document.url, base_path), document)
    years = {document.year for _, document in by_url.values()}
    names = {year: shard_of(year, years) for year in years}  # a shard's name depends on the year alone
    shards: dict[str, Shard] = {}
    for entry in by_url.values():
        name = names[entry[1].year]
        shards.setdefault(name, Shard(name)).documents.append(entry)
    return sorted(shards.values(), key=lambda s: s.sort_key)


def _bundle_url(url: str, base_path: str) -> str:
    """A page's URL as its bundle knows it: relative to the base path (the search page gives the Default UI the
    base path as its baseUrl). String tests: this runs for every article."""
    if not url.startswith(base_path):
        raise ContentError(f"search: the URL {url} is outside the base path {base_path}",
                           hint="give SearchDocument.url as the site URL, base path included")
    relative = url[len(base_path):].lstrip("/")
    if "\\" in url or ".." in relative.split("/"):
        raise ContentError(f"search: the URL {url} leaves the site", hint="give SearchDocument.url as a site URL")
    return "/" + relative


# --- output ------------------------------------------------------------------------------------------------


def _published_fingerprints(previous: Path | None) -> dict[str, str]:
    """Shard name -> fingerprint of the published site; empty when there is none or it predates shards."""
    if previous is None:
        return {}
    manifest = previous / BUNDLE_FOLDER / SHARDS_FILE
    try:
        shards = json.loads(manifest.read_text(encoding="utf-8"))["shards"]
        return {s["name"]: s["fingerprint"] for s in shards if (previous / BUNDLE_FOLDER / s["name"]).is_dir()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # unreadable: re-index everything rather than trust it


def _reuse(source: Path, target: Path) -> None:
    """Hard links when the published site is on the same file system (Pagefind never rewrites a file in place;
    a new build writes new files), a copy otherwise."""
    try:
        shutil.copytree(source, target, copy_function=os.link)
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target)


def _copy_ui_assets(bundles: Path, shards: list[Shard]) -> None:
    """The Default UI's script and style at site/pagefind/, where the templates link them (every shard bundle
    has them; an empty archive gets them from an empty index), and beside them the module the UI loads as its
    Pagefind, which searches every shard."""
    source = bundles / shards[0].name if shards else None
    if source is None:
        source = bundles / ".empty"
        run(index_shards([Shard(source.name)], bundles))
    for name in UI_ASSETS:
        shutil.copy2(source / name, bundles / name)
    shutil.copyfile(SHARDS_MODULE, bundles / "pagefind.js")
    if not shards:
        shutil.rmtree(source)


def _write_manifest(bundles: Path, shards: list[Shard], base_path: str) -> None:
    entries = [{"name": s.name, "bundle": f"{base_path}{BUNDLE_FOLDER}/{s.name}/", "fingerprint": s.fingerprint}
               for s in shards]
    text = json.dumps({"shards": entries}, indent=1, ensure_ascii=False) + "\n"
    (bundles / SHARDS_FILE).write_text(text, encoding="utf-8")


def _pagefind_version() -> str:
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "unknown"
