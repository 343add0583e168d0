"""The ingest state file: what ingest read and wrote last time, so that re-running it is cheap and safe.

content/articles/.ingest-state.json records, per source, the sha256 of its bytes and, per article, its part,
path, slug and the sha256 of the text ingest wrote. A source whose hash is unchanged is skipped; an article
whose file no longer hashes to what ingest wrote was edited by a person and is never overwritten; a slug,
once recorded for (source, part), is reused for ever.

A run is safe to kill at any point. Before it writes a source's articles it appends what it is about to write
(the source's new record, with the hash of each text) to content/articles/.ingest-journal.jsonl; the state file
is written once, at the end, and the journal then removed. A run that finds a journal left by a killed one
first replays it: each article whose file holds exactly the text the journal promised is taken as written, the
others keep their old record. So a re-run gives the articles of an uninterrupted run, no slug is taken twice,
and no article that ingest itself wrote is mistaken for an editor's.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from site_builder.errors import ContentError

STATE_FILE = ".ingest-state.json"
JOURNAL_FILE = ".ingest-journal.jsonl"
UNKNOWN_HASH = ""  # a record rebuilt from an article file: nobody knows what ingest wrote
VERSION = 1  # of the file's layout
# Of the extraction rules (cleaning, splitting, dates, tagging, authority handling). Bump it with every change
# that alters what ingest writes: the next run then re-ingests every article that a person did not edit
# (slugs stay frozen) and keeps, with a warning, those they did.
RULES_VERSION = 5


@dataclass(frozen=True)
class ArticleRecord:
    part: int
    path: str  # relative to the site
    slug: str
    sha256: str  # of the text ingest wrote


@dataclass(frozen=True)
class SourceRecord:
    sha256: str
    articles: tuple[ArticleRecord, ...]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class StateError(ContentError):
    """The state file is damaged: going on would write every article a second time under new slugs."""


DAMAGED_HINT = ("resolve the conflict or restore the file from version control; or delete it: ingest then "
                "rebuilds it from the articles' own front matter (source path and part) and keeps every slug")


def load_state(articles_dir: Path) -> dict[str, SourceRecord]:
    """The state file's records; a damaged file is a StateError naming its line, never an empty state."""
    file = articles_dir / STATE_FILE
    if not file.is_file():
        return {}
    shown = f"{articles_dir.name}/{STATE_FILE}"
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise StateError(f"{shown}: not UTF-8 text", hint=DAMAGED_HINT) from error
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(("<<<<<<<", "=======", ">>>>>>>")):
            raise StateError(f"{shown}:{number}: a merge-conflict marker ({line[:7]})", hint=DAMAGED_HINT)
    try:
        data = json.loads(text)
        return {str(path): _source(record) for path, record in data["sources"].items()}
    except json.JSONDecodeError as error:
        raise StateError(f"{shown}:{error.lineno}: not valid JSON ({error.msg})", hint=DAMAGED_HINT) from error
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise StateError(f"{shown}: not an ingest state ({type(error).__name__}: {str(error)[:80]})",
                         hint=DAMAGED_HINT) from error


def load_rules_version(articles_dir: Path) -> int | None:
    """The rules version the archive was last ingested with; None for a state written before it was stored."""
    try:
        data = json.loads((articles_dir / STATE_FILE).read_text(encoding="utf-8"))
        return int(data["rules"]) if isinstance(data, dict) and "rules" in data else None
    except (OSError, ValueError, TypeError):
        return None


def _source(record: dict[str, Any]) -> SourceRecord:
    articles = tuple(ArticleRecord(int(a["part"]), str(a["path"]), str(a["slug"]), str(a["sha256"]))
                     for a in record["articles"])
    return SourceRecord(str(record["sha256"]), articles)


def dump_state(state: dict[str, SourceRecord]) -> str:
    """Stable text: sorted keys, one article per object, so the committed file diffs cleanly."""
    data = {"version": VERSION, "rules": RULES_VERSION, "sources": {
        path: {"sha256": record.sha256,
               "articles": [vars(a) for a in sorted(record.articles, key=lambda a: a.part)]}
        for path, record in sorted(state.items())}}
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def save_state(articles_dir: Path, state: dict[str, SourceRecord]) -> bool:
    """Write the state if it changed; True when it was written."""
    file = articles_dir / STATE_FILE
    text = dump_state(state)
    if file.is_file() and file.read_text(encoding="utf-8") == text:
        return False
    write_atomic(file, text)
    return True


def write_atomic(file: Path, text: str) -> None:
    """Write through a temporary file and a rename: a killed ingest never leaves half a file. The temporary file
    is created new (O_EXCL, an unpredictable name) in the target's folder, so no planted link is followed."""
    if not file.parent.is_dir():  # one stat; mkdir on an existing folder costs a failed call and an exception
        file.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Journal:
    """What this run is about to write, appended source by source before the files are written."""

    def __init__(self, articles_dir: Path) -> None:
        self.file = articles_dir / JOURNAL_FILE
        self._descriptor: int | None = None

    def intend(self, source: str, record: SourceRecord) -> None:
        if self._descriptor is None:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            try:  # O_NOFOLLOW: a link planted at this name is refused, not written through
                self._descriptor = os.open(self.file, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o644)
            except OSError as error:
                raise StateError(f"{self.file.parent.name}/{JOURNAL_FILE}: cannot be written ({error.strerror})",
                                 hint="ingest writes its journal there; remove whatever is at that name (a link?)"
                                 ) from error
        line = json.dumps({"source": source, "sha256": record.sha256,
                           "articles": [vars(a) for a in record.articles]}, sort_keys=True, ensure_ascii=False)
        os.write(self._descriptor, (line + "\n").encode("utf-8"))

    def close(self) -> None:
        """After the state is saved: the journal has nothing more to tell."""
        if self._descriptor is not None:
            os.close(self._descriptor)
            self._descriptor = None
        self.file.unlink(missing_ok=True)


def replay_journal(site: Path, articles_dir: Path, state: dict[str, SourceRecord]) -> bool:
    """Fold a killed run's journal into `state`; True when there was one. An article counts as written when its
    file holds the very text the journal promised (by hash); a source any of whose promised articles is missing
    keeps an unknown source hash, so the next step ingests it again."""
    file = articles_dir / JOURNAL_FILE
    if not file.is_file() or file.is_symlink():
        return False
    for line in file.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(line)
            promised = _source(entry)
            source = str(entry["source"])
        except (ValueError, KeyError, TypeError, AttributeError):
            continue  # the line the kill cut short
        old = {a.part: a for a in state[source].articles} if source in state else {}
        done = {a.part: a for a in promised.articles if _holds(site / a.path, a.sha256)}
        articles = tuple(sorted({**old, **done}.values(), key=lambda a: a.part))
        whole = len(done) == len(promised.articles)
        state[source] = SourceRecord(promised.sha256 if whole else UNKNOWN_HASH, articles)
    return True


def _holds(file: Path, sha256: str) -> bool:
    try:
        return text_hash(file.read_text(encoding="utf-8")) == sha256
    except (OSError, UnicodeDecodeError):
        return False


def rebuild_state(records: list[tuple[str, ArticleRecord]]) -> dict[str, SourceRecord]:
    """A state from (source path, article record) pairs read from the articles' front matter, when the state
    file is gone: every slug is kept, every source is read again, and no article is overwritten (what ingest
    wrote is unknown, so each counts as edited unless it equals what ingest writes now)."""
    grouped: dict[str, dict[int, ArticleRecord]] = {}
    for source, record in records:
        grouped.setdefault(source, {}).setdefault(record.part, replace(record, sha256=UNKNOWN_HASH))
    return {source: SourceRecord(UNKNOWN_HASH, tuple(parts[p] for p in sorted(parts)))
            for source, parts in grouped.items()}
