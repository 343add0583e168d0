"""Full-text search: the article pages indexed with Pagefind's Python API, one bundle per shard of years.

Why shards: Pagefind holds a whole index in memory (about 200 KB per article page here), so one index of
100 000 articles would not fit in 4 GB. Each shard is a complete Pagefind bundle at site/pagefind/<shard>/;
site/pagefind/shards.json lists them, newest first, and site/pagefind/pagefind.js (pagefind_shards.js) searches
them as one in the browser. A shard whose documents' digests did not change since the published site is
hard-linked from it instead of re-indexed, so an edit re-indexes one shard and reads no other page.

Why from memory: each page is read, cut down to its indexed body (searched_part) and sent to Pagefind's
service with its URL (`add_html_file`), many requests in flight at once. An earlier spool of files for
`add_directory` cost thousands of folder and file creations on disk, which took longer than the indexing.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import json
import os
import re
import shutil
from collections.abc import Collection, Coroutine, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from site_builder.errors import ContentError

SEARCH_BUNDLE = ("pagefind/",)  # where the bundles are, under the site's base path (the link checker skips it)
BUNDLE_FOLDER = "pagefind"
SHARDS_FILE = "shards.json"
UNDATED = "undated"
# One shard per year up to this many years: a small shard keeps a rebuild after an edit quick (it re-indexes
# one shard) and the peak memory low, but each costs the reader's first search about 130 KB (script, wasm).
MAX_YEAR_SHARDS = 24
SPAN_YEARS = 2  # beyond: fixed calendar spans (2010-2011); 5 would put 25 000 of 100 000 articles in a shard
PARALLEL = 2  # Pagefind services at once: two shards index in 0.8x the time of one after the other here (2 cores)
PARALLEL_DOCUMENTS = 12_000  # a second process starts only while the documents indexing stay under this (~2.5 GB)
UI_ASSETS = ("pagefind-ui.js", "pagefind-ui.css")  # the Default UI, once at site/pagefind/ (templates link it)
SHARDS_MODULE = Path(__file__).with_name("pagefind_shards.js")  # site/pagefind/pagefind.js: the shards as one
FORMAT = "shards-2"  # part of every fingerprint: bump it when what goes into a bundle changes
HINT = "is the pagefind[bin] package (1.5) installed in this environment?"
BODY_END = "<!--search-body-end-->"  # article.html puts it right after the data-pagefind-body element
_BODY_START = re.compile(r"<[a-zA-Z][^>]*\sdata-pagefind-body[\s>=]")
_GLOB_SAFE = re.compile(r"[a-z0-9][a-z0-9._-]*")  # a page folder's name that means itself in a glob
_LANGUAGE = re.compile(r'<html[^>]*\slang="([^"]*)"')
IN_FLIGHT = 64  # pages sent to a Pagefind service before waiting for its answers
WRITE_SECONDS = 120  # how long Pagefind may take to finish a bundle's files after answering WriteFiles



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
        if previous is not None and shard not in stale and not keep_published:
            _reuse(previous / BUNDLE_FOLDER / shard.name, bundles / shard.name)
    roots = [site, previous] if keep_published and previous is not None else [site]
    _run(_index_all(stale, bundles, roots))
    if stale or not keep_published:  # a patch keeps the published assets when it rebuilds no shard
        _copy_ui_assets(bundles, stale if keep_published else shards)
    _write_manifest(bundles, shards, base_path)
    return SearchStats(len(shards), len(stale), len(shards) - len(stale), sum(len(s.documents) for s in shards),
                       tuple(f"{BUNDLE_FOLDER}/{s.name}" for s in stale))


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


# --- indexing ----------------------------------------------------------------------------------------------


def _run(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run the indexing in a thread of its own: the caller's thread may already run an event loop (a server,
    a notebook, a Playwright fixture), where asyncio.run() is refused."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pagefind") as pool:
        pool.submit(asyncio.run, coroutine).result()


async def _index_all(stale: list[Shard], bundles: Path, roots: list[Path] | None = None) -> None:
    """Index shards, largest first, at most PARALLEL at once and a second only while the documents in flight
    stay under PARALLEL_DOCUMENTS: Pagefind's memory grows with the pages it holds. Each of the PARALLEL
    services indexes shard after shard, and they stop only once every bundle is complete on disk."""
    if not stale:
        return
    budget = _Budget(PARALLEL, PARALLEL_DOCUMENTS)
    idle: asyncio.Queue[Any] = asyncio.Queue()
    services = [await _start_service() for _ in range(min(PARALLEL, len(stale)))]
    for service in services:
        idle.put_nowait(service)

    async def one(shard: Shard) -> None:
        async with budget.slot(len(shard.documents)):
            service = await idle.get()  # one is idle: the budget lets no more shards run than there are services
            try:
                await _index_shard(service, shard, bundles / shard.name, roots or [])
            finally:
                idle.put_nowait(service)

    try:
        await asyncio.gather(*(one(s) for s in sorted(stale, key=lambda s: -len(s.documents))))
        await _written([bundles / shard.name for shard in stale])
    finally:
        for service in services:
            await service.close()
    for shard in stale:
        _check_bundle(shard, bundles / shard.name)


class _Budget:
    """A semaphore that also weighs its holders: a task waits while PARALLEL run or their documents are many."""

    def __init__(self, slots: int, documents: int) -> None:
        self.slots, self.documents = slots, documents
        self.running: list[int] = []
        self.changed = asyncio.Condition()

    def slot(self, weight: int) -> _Slot:
        return _Slot(self, weight)

    def fits(self, weight: int) -> bool:
        return not self.running or (len(self.running) < self.slots and sum(self.running) + weight <= self.documents)


class _Slot:
    def __init__(self, budget: _Budget, weight: int) -> None:
        self.budget, self.weight = budget, weight

    async def __aenter__(self) -> None:
        async with self.budget.changed:
            await self.budget.changed.wait_for(lambda: self.budget.fits(self.weight))
            self.budget.running.append(self.weight)

    async def __aexit__(self, *_: object) -> None:
        async with self.budget.changed:
            self.budget.running.remove(self.weight)
            self.budget.changed.notify_all()


async def _index_shard(service: Any, shard: Shard, output: Path, roots: list[Path]) -> None:
    try:
        index = await _filled_index(service, shard, roots)
        await index.write_files(str(output))
        await index.delete_index()  # the service goes on to the next shard: free this one's memory
    except ContentError:
        raise
    except Exception as error:  # the service reports its errors as bare Exceptions
        raise ContentError(f"Pagefind failed indexing the search shard {shard.name}: {error}", hint=HINT) from error


async def _filled_index(service: Any, shard: Shard, roots: list[Path]) -> Any:
    """An index of the shard's pages. Pagefind reads them itself from the folders they are in (`add_directory`
    with a glob a folder: the site being built, or a patch and the published site): it parses pages on all
    its threads, which took half the time of sending them one by one. Should a glob find other pages than the
    shard's, or a page be where no glob can reach it, each page is sent cut to its indexed body instead."""
    from pagefind.index import IndexConfig

    index = await service.create_index(IndexConfig())
    globs = shard.folder_globs(roots)
    if globs is not None:
        found = [await index.add_directory(str(root), glob=glob) for root, glob in globs]
        if sum(result["page_count"] for result in found) == len(shard.documents):
            return index
        await index.delete_index()
        index = await service.create_index(IndexConfig())
    await _add_pages(index, shard.pages())
    return index


async def _add_pages(index: Any, pages: Iterator[tuple[str, str]]) -> None:
    """Keep up to IN_FLIGHT pages on their way to the service: it indexes while the next are read and sent, and
    only those pages are in memory at once."""
    slots = asyncio.Semaphore(IN_FLIGHT)

    async def add(url: str, html: str) -> None:
        try:
            await index.add_html_file(content=html, url=url)
        finally:
            slots.release()

    sent = []
    for url, html in pages:
        await slots.acquire()
        sent.append(asyncio.ensure_future(add(url, html)))
    await asyncio.gather(*sent)


async def _written(bundles: list[Path]) -> None:
    """Pagefind answers WriteFiles before every file is on disk, and stopping its service then once left an empty
    pagefind-entry.json that broke every search: wait until each entry is complete and no file still grows."""
    entries, sizes = [bundle / "pagefind-entry.json" for bundle in bundles], None
    for _ in range(int(WRITE_SECONDS / 0.02)):
        now = _file_sizes(bundles)
        if now == sizes and all(_is_json(entry) for entry in entries):
            return
        sizes = now
        await asyncio.sleep(0.02)


def _file_sizes(folders: list[Path]) -> dict[str, int]:
    """Path -> size of every file under the folders (os.walk: no path object per file, it runs every 20 ms)."""
    sizes = {}
    for folder in folders:
        for parent, _, files in os.walk(folder):
            for name in files:
                path = os.path.join(parent, name)
                with contextlib.suppress(FileNotFoundError):
                    sizes[path] = os.stat(path).st_size
    return sizes


def _is_json(file: Path) -> bool:
    try:
        json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return True


def _check_bundle(shard: Shard, output: Path) -> None:
    """A bundle the browser can load: its entry file is complete JSON."""
    entry = output / "pagefind-entry.json"
    if not _is_json(entry):
        raise ContentError(f"Pagefind wrote an incomplete search shard {shard.name}: {entry} is not complete JSON",
                           hint="build again; if it persists, " + HINT)


async def _start_service() -> Any:
    """A Pagefind service whose replies are read as they come: the package's reader sleeps 0.1 s before each
    reply, which makes every request (a shard takes three) wait a tenth of a second for nothing."""
    try:
        from pagefind.service import PagefindService
    except ImportError as error:
        raise ContentError("the pagefind package is missing", hint=HINT) from error

    class Service(PagefindService):
        async def _wait_for_responses(self) -> None:
            stdout = self._backend.stdout
            assert stdout is not None  # launched with stdout=PIPE
            while True:
                line = await stdout.readuntil(b",")
                _resolve(self._responses, json.loads(base64.b64decode(line[:-1])))

        async def send(self, payload: Any) -> Any:
            """The package's send, less its debug lines: their f-strings format every request, page text
            included, whether or not debug logging is on (a tenth of our side of indexing)."""
            self._message_id += 1
            future = self._responses[self._message_id] = self._loop.create_future()
            stdin = self._backend.stdin
            assert stdin is not None  # launched with stdin=PIPE
            request = {"message_id": self._message_id, "payload": payload}
            stdin.write(base64.b64encode(json.dumps(request).encode("utf-8")) + b",")
            await stdin.drain()
            return await future

    try:
        return await Service().launch()
    except FileNotFoundError as error:
        raise ContentError(f"the Pagefind binary was not found: {error}", hint=HINT) from error


def _resolve(futures: dict[int, asyncio.Future[Any]], response: Any) -> None:
    """Hand a reply to the request waiting for it (the same rules as the package's own reader)."""
    if not response:
        return
    payload = response["payload"]
    message_id = response.get("message_id")
    if message_id is None and payload.get("original_message"):
        message_id = json.loads(payload["original_message"]).get("message_id")
    future = futures.get(message_id) if message_id is not None else None
    if future is None or future.done():
        return
    if payload["type"] == "Error":
        future.set_exception(Exception(payload["message"]))
    else:
        future.set_result(payload)


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
        _run(_index_all([Shard(source.name)], bundles))
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
