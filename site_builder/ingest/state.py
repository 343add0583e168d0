"""The ingest state file: what ingest read and wrote last time, so that re-running it is cheap and safe.

content/articles/.ingest-state.json records, per source, the sha256 of its bytes and, per article, its part,
path, slug and the sha256 of the text ingest wrote. A source whose hash is unchanged is skipped; an article
whose file no longer hashes to what ingest wrote was edited by a person and is never overwritten; a slug,
once recorded for (source, part), is reused for ever.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STATE_FILE = ".ingest-state.json"
VERSION = 1  # of the file's layout
# Of the extraction rules (cleaning, splitting, dates, tagging, authority handling). Bump it with every change
# that alters what ingest writes: the next run then re-ingests every article that a person did not edit
# (slugs stay frozen) and keeps, with a warning, those they did.
RULES_VERSION = 3


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


def load_state(articles_dir: Path) -> dict[str, SourceRecord]:
    file = articles_dir / STATE_FILE
    if not file.is_file():
        return {}
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        return {path: _source(record) for path, record in data.get("sources", {}).items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}  # a damaged state only costs a full re-ingest; edited articles are still detected by hash


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
    """Write through a temporary file and a rename: a killed ingest never leaves half a file."""
    if not file.parent.is_dir():  # one stat; mkdir on an existing folder costs a failed call and an exception
        file.parent.mkdir(parents=True, exist_ok=True)
    temporary = file.with_name(f".{file.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, file)
