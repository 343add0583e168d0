"""Full-text search: the article and entity pages indexed with Pagefind's Python API, in as few bundles as memory
allows: one while the archive fits (search_plan.py decides, from a measured memory model of Pagefind).

Each bundle is a complete Pagefind bundle at site/pagefind/<name>/ (site/pagefind/all/ when there is one);
site/pagefind/shards.json lists them, newest first, and site/pagefind/pagefind.js (pagefind_shards.js) loads
them into one Pagefind in the browser. A bundle whose documents' digests did not change since the published
site is hard-linked from it instead of re-indexed.

How pages reach Pagefind (pagefind_index.py): one by one through its Python API (`add_html_file`), each cut
to its indexed body (searched_part), in the same order in every build: a bundle's pages sorted by URL.
Pagefind numbers pages in the order it is given them, and those numbers are in every file of the bundle (word
hits, filters, sorts, ties in ranking), so a patched or resumed build must give them in the order a clean
build does. (Letting Pagefind read the folders itself, `add_directory`, takes a folder's pages in the file
system's order, which differs between a clean build and a patch of the published site.)
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from site_builder import search_plan
from site_builder.errors import ContentError
from site_builder.pagefind_index import index_shards, run
from site_builder.search_plan import MemoryModel

SEARCHED_KINDS = ("article", "country", "organisation", "person")  # the pages with a data-pagefind-body
SEARCH_BUNDLE = ("pagefind/",)  # where the bundles are, under the site's base path (the link checker skips it)
BUNDLE_FOLDER = "pagefind"
SHARDS_FILE = "shards.json"
UI_ASSETS = ("pagefind-highlight.js",)  # once at site/pagefind/: article pages mark the searched terms with it
SHARDS_MODULE = Path(__file__).with_name("pagefind_shards.js")  # site/pagefind/pagefind.js: the shards as one
FORMAT = "shards-4"  # part of every fingerprint: bump it when what goes into a bundle changes
BODY_END = "<!--search-body-end-->"  # article.html puts it right after the data-pagefind-body element
_BODY_START = re.compile(r"<[a-zA-Z][^>]*\sdata-pagefind-body[\s>=]")
_SORT_DATE = re.compile(r'data-pagefind-sort="date">([^<]*)<')
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


def index_site(site: Path, documents: Iterable[SearchDocument], *, base_path: str,
               previous: Path | None = None, keep_published: bool = False,
               model: MemoryModel | None = None) -> SearchStats:
    """Write site/pagefind/<shard>/ bundles, Pagefind's highlighter and site/pagefind/shards.json.

    `documents` may come in any order. `previous` is the published site folder: its shards whose fingerprint
    is unchanged are hard-linked (or copied) instead of re-indexed, and their pages are never read; with
    `keep_published`, `site` is a patch of it (render/write.py) and they are not even linked. `model` decides
    how many bundles (search_plan.py; its default, MEMORY, when None)."""
    bundles = site / BUNDLE_FOLDER
    shutil.rmtree(bundles, ignore_errors=True)  # a staging folder may hold links to an older bundle
    bundles.mkdir(parents=True)
    shards = group_shards(documents, base_path, model)
    published = _published_fingerprints(previous)
    stale = [s for s in shards if published.get(s.name) != s.fingerprint]
    for shard in shards:
        if previous is not None and published.get(shard.name) == shard.fingerprint and not keep_published:
            _reuse(previous / BUNDLE_FOLDER / shard.name, bundles / shard.name)
    run(index_shards(stale, bundles, (model or search_plan.MEMORY).budget_mb))
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
    memory_mb: float = 0.0  # what Pagefind is expected to take indexing it (search_plan.MemoryModel)

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

    def pages(self) -> Iterator[tuple[str, str]]:
        """(URL, HTML) of each page as Pagefind is to index it, in the shard's order (by URL): the indexed body
        alone when the page marks where that ends, else the whole page."""
        for url, document in self.documents:
            html = document.file.read_text(encoding="utf-8")
            yield url, searched_part(html) or html


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


def group_shards(documents: Iterable[SearchDocument], base_path: str, model: MemoryModel | None = None) -> list[Shard]:
    """The documents in their bundles, newest first, as search_plan decides from the size of their files, each
    bundle's documents by URL; a URL given twice or outside the site is an error."""
    by_url: dict[str, tuple[str, SearchDocument]] = {}
    for document in documents:
        if document.url in by_url:
            raise ContentError(f"search: two pages have the URL {document.url}",
                               hint="every article needs its own URL (slug)")
        by_url[document.url] = (_bundle_url(document.url, base_path), document)
    entries = sorted(by_url.values(), key=lambda entry: entry[1].url)  # the plan is the same whatever the order
    model = model or search_plan.MEMORY
    planned = search_plan.plan_bundles([(document.year, _size(document.file)) for _, document in entries], model,
                                       lambda position: _sort_date(entries[position][1].file))
    return [Shard(bundle.name, [entries[i] for i in sorted(bundle.members)], model.peak_mb(bundle.html_bytes))
            for bundle in planned]  # each shard's pages by URL (entries are): the order Pagefind numbers them in


def _sort_date(file: Path) -> str:
    """The page's date sort key (article.html's data-pagefind-sort="date"), "" when it has none."""
    try:
        found = _SORT_DATE.search(file.read_text(encoding="utf-8"))
    except OSError:
        return ""
    return found.group(1) if found else ""


def _size(file: Path) -> int:
    try:
        return file.stat().st_size
    except OSError:
        return 0  # Pagefind will say what is wrong with it


def _bundle_url(url: str, base_path: str) -> str:
    """A page's URL as its bundle knows it: relative to the base path (the search page gives Pagefind the
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
    """Pagefind's highlighter at site/pagefind/, where article pages load it (every bundle has it; an empty
    archive gets it from an empty index), and beside it the module the search page loads as its Pagefind, which
    searches every bundle as one."""
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
