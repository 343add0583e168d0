"""Parsed articles of the last load, kept beside the output so that a rebuild parses only the files that changed.

The file is a sequence of records, each an 8-byte length and a marshal dump of (key, rows); a row is one file's
path, size, modification time and article as plain tuples (marshal reads and writes those several times faster
than pickle does dataclasses). A later row for a path overrides an earlier one, so a rebuild that parsed a few
files appends one small record instead of writing every article again; the file is written whole again when it
has grown to hold many superseded rows. Anything unexpected in it (another key, a torn record) means starting
from nothing: a cache can only ever save work, never change a result.
"""

from __future__ import annotations

import marshal
import os
import time
from pathlib import Path
from typing import Any

from site_builder.model import Article, PartialDate, SourceRef

Entries = dict[str, tuple[int, int, Article]]  # file path -> size, modification time (ns), parsed article
_LENGTH = 8
RACY_NS = 2_000_000_000  # beyond any file system's modification-time resolution (FAT: 2 s)
_GROWTH = 1.25  # rows stored, at most, per article alive, before the file is written whole again


def read(file: Path | None, key: str) -> tuple[Entries, int]:
    """The entries of the cache and how many rows hold them; ({}, 0) when missing, damaged, or of other code."""
    if file is None:
        return {}, 0
    try:
        return _read(file.read_bytes(), key)
    except Exception:  # a cache damaged in any way only means parsing everything again
        return {}, 0


def write(file: Path | None, key: str, known: Entries, alive: Entries, fresh: Entries, stored: int,
          read_at: int | None = None) -> None:
    """Save this load: `known` is what `read` gave (in `stored` rows), `alive` every article loaded now, `fresh`
    those parsed rather than taken from the cache. Nothing parsed and nothing gone, nothing written.

    A file modified less than RACY_NS before `read_at` (time.time_ns() before the load's first stat) is left
    out, as git does with its index: edited again within the file system's time resolution, keeping its size,
    it would keep its stamp; left out, it is parsed again next time."""
    gone = any(path not in alive for path in known)  # a file deleted (or broken) since: its row must go too
    since = time.time_ns() if read_at is None else read_at
    alive = {path: entry for path, entry in alive.items() if since - entry[1] >= RACY_NS}
    fresh = {path: entry for path, entry in fresh.items() if path in alive}  # a racy one's old row, if any,
    # stays: its stamp is not the file's any more, so it is never taken
    if file is None or not (fresh or gone):
        return
    if stored and not gone and stored + len(fresh) <= _GROWTH * len(alive) and _append(file, _record(key, fresh)):
        return
    temporary = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    temporary.write_bytes(_record(key, alive))
    temporary.replace(file)


def _append(file: Path, record: bytes) -> bool:
    """One write of one record at the end (builds may load at once); False when the file has gone since."""
    try:
        descriptor = os.open(file, os.O_WRONLY | os.O_APPEND)
    except OSError:
        return False
    try:
        os.write(descriptor, record)
    finally:
        os.close(descriptor)
    return True


def _read(data: bytes, key: str) -> tuple[Entries, int]:
    entries: Entries = {}
    stored, at, view = 0, 0, memoryview(data)
    while at < len(data):
        size = int.from_bytes(view[at:at + _LENGTH], "little")
        at += _LENGTH
        if at + size > len(data):
            raise ValueError("a torn record")
        found, rows = marshal.loads(view[at:at + size])
        if found != key:
            raise ValueError("written by other code")
        for path, file_size, modified, flat in rows:
            entries[path] = (file_size, modified, _article(flat))
        stored += len(rows)
        at += size
    return entries, stored


def _record(key: str, entries: Entries) -> bytes:
    rows = [(path, size, modified, _flat(article)) for path, (size, modified, article) in entries.items()]
    payload = marshal.dumps((key, rows))
    return len(payload).to_bytes(_LENGTH, "little") + payload


def _flat(article: Article) -> tuple[Any, ...]:
    date, source = article.date, article.source
    return (article.title, article.slug, (date.year, date.month, date.day), article.date_basis, article.author,
            article.countries, article.countries_mentioned, article.organisations, article.people, article.summary,
            None if source is None else (source.path, source.sha256, source.part, source.parts, source.lines,
                                         source.url, source.outlet, source.pages),
            article.body, article.path, article.date_note, article.cite_key)


def _article(flat: tuple[Any, ...]) -> Article:
    (title, slug, date, basis, author, countries, mentioned, organisations, people, summary, source, body,
     path, date_note, cite_key) = flat
    return Article(title=title, slug=slug, date=PartialDate(*date), date_basis=basis, author=author,
                   countries=countries, countries_mentioned=mentioned, organisations=organisations, people=people,
                   summary=summary, source=None if source is None else SourceRef(*source), body=body, path=path,
                   date_note=date_note, cite_key=cite_key)
