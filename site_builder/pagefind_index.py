"""Pagefind's services at work: shards indexed two at a time, each shard's pages sent one by one in the shard's
order, and every bundle complete on disk before the services stop.

search.py decides what goes into which shard and what is reused; this module only runs Pagefind. It knows a
shard by what it asks of it (IndexedShard), so it imports nothing of search.py.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
from collections.abc import Coroutine, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol

from site_builder.errors import ContentError

PARALLEL = 2  # Pagefind services at once: two shards index in 0.8x the time of one after the other here (2 cores)
IN_FLIGHT = 64  # pages sent to a Pagefind service before waiting for its answers
WRITE_SECONDS = 120  # how long Pagefind may take to finish a bundle's files after answering WriteFiles
HINT = "is the pagefind[bin] package (1.5) installed in this environment?"  # only when Pagefind cannot start
INDEX_HINT = ("Pagefind could not read the pages named; build again, and if it persists delete the output "
              "folder and the .NAME.* files beside it and build from nothing")


class IndexedShard(Protocol):
    """What indexing needs of a shard (search.Shard)."""

    @property
    def name(self) -> str: ...

    @property
    def size(self) -> int: ...

    @property
    def memory_mb(self) -> float: ...  # what Pagefind is expected to take indexing it

    def pages(self) -> Iterator[tuple[str, str]]: ...


def run(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run the indexing in a thread of its own: the caller's thread may already run an event loop (a server,
    a notebook, a Playwright fixture), where asyncio.run() is refused."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pagefind") as pool:
        pool.submit(asyncio.run, coroutine).result()


async def index_shards(stale: Sequence[IndexedShard], bundles: Path, memory_mb: float = float("inf")) -> None:
    """Index shards, largest first, at most PARALLEL at once and a second only while the memory expected of the
    shards in flight stays under `memory_mb`: Pagefind's memory grows with the pages it holds. Each service
    indexes shard after shard, and they stop only once every bundle is complete on disk. A second service is
    started only when two of the shards fit in the budget together."""
    if not stale:
        return
    budget = _Budget(PARALLEL, memory_mb)
    idle: asyncio.Queue[Any] = asyncio.Queue()
    smallest = sorted(shard.memory_mb for shard in stale)[:2]
    parallel = PARALLEL if len(stale) > 1 and sum(smallest) <= memory_mb else 1
    services = [await _start_service() for _ in range(parallel)]
    for service in services:
        idle.put_nowait(service)

    async def one(shard: IndexedShard) -> None:
        async with budget.slot(shard.memory_mb):
            service = await idle.get()  # one is idle: the budget lets no more shards run than there are services
            try:
                await _index_shard(service, shard, bundles / shard.name)
            finally:
                idle.put_nowait(service)

    try:
        await asyncio.gather(*(one(s) for s in sorted(stale, key=lambda s: -s.size)))
        await _written([bundles / shard.name for shard in stale])
    finally:
        for service in services:
            await service.close()
    for shard in stale:
        _check_bundle(shard, bundles / shard.name)


class _Budget:
    """A semaphore that also weighs its holders: a task waits while PARALLEL run or their memory is too much."""

    def __init__(self, slots: int, memory_mb: float) -> None:
        self.slots, self.memory_mb = slots, memory_mb
        self.running: list[float] = []
        self.changed = asyncio.Condition()

    def slot(self, weight: float) -> _Slot:
        return _Slot(self, weight)

    def fits(self, weight: float) -> bool:
        return not self.running or (len(self.running) < self.slots and sum(self.running) + weight <= self.memory_mb)


class _Slot:
    def __init__(self, budget: _Budget, weight: float) -> None:
        self.budget, self.weight = budget, weight

    async def __aenter__(self) -> None:
        async with self.budget.changed:
            await self.budget.changed.wait_for(lambda: self.budget.fits(self.weight))
            self.budget.running.append(self.weight)

    async def __aexit__(self, *_: object) -> None:
        async with self.budget.changed:
            self.budget.running.remove(self.weight)
            self.budget.changed.notify_all()


async def _index_shard(service: Any, shard: IndexedShard, output: Path) -> None:
    try:
        index = await _filled_index(service, shard)
        await index.write_files(str(output))
        await index.delete_index()  # the service goes on to the next shard: free this one's memory
    except ContentError:
        raise
    except OSError as error:  # one of the shard's pages, not Pagefind: it was not where the build put it
        raise ContentError(f"search shard {shard.name}: a page to index is missing: {error}",
                           hint="a bug of the build's (a page it wrote is not there); build again with the output "
                                "folder deleted, and report it") from error
    except Exception as error:  # the service reports its errors as bare Exceptions
        raise ContentError(f"Pagefind failed indexing the search shard {shard.name}: {error}",
                           hint=INDEX_HINT) from error


async def _filled_index(service: Any, shard: IndexedShard) -> Any:
    """An index of the shard's pages, given in the shard's order: Pagefind numbers pages in the order it gets
    them, and the numbers are in every file of the bundle."""
    from pagefind.index import IndexConfig

    index = await service.create_index(IndexConfig())
    await _add_pages(index, shard.pages())
    return index


async def _add_pages(index: Any, pages: Iterator[tuple[str, str]]) -> None:
    """Keep up to IN_FLIGHT pages on their way to the service: it indexes while the next are read and sent, and
    only those pages are in memory at once. The order holds: each task writes its request before its first
    wait (Service.send), tasks start in the order they are made, and the service handles requests one after
    the other as they arrive."""
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


def _check_bundle(shard: IndexedShard, output: Path) -> None:
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
