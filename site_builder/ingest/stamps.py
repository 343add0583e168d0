"""File stamps of the sources: "nothing changed" decided without reading a source.

A file beside the output (.public.ingest-stamps.json, hidden and git-ignored with the build's caches) records,
per source, the size, modification time (ns) and inode its file
had when ingest last read it, and the sha256 of the bytes it read then. A source whose file still has that
stamp, and whose ingest state records that very hash, is unchanged: ingest neither reads nor hashes it. Any
other source is read and hashed as before (a copied, restored or checked-out file has a new inode or time, so
it is hashed once and stamped again).

The file is local to one checkout (inodes mean nothing elsewhere), so it is not kept in content/, and it is
never needed: a missing, damaged or foreign stamp file only makes ingest read and hash every source, as it
would without one.

A file modified twice within the file system's time resolution, keeping its size, would keep its stamp; so, as
git does with its index, a file whose modification time is less than RACY_NS before ingest began to stat the
sources is not stamped, and is hashed again next time.
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

from site_builder.ingest.state import write_atomic

STAMPS_NAME = "ingest-stamps.json"  # config.beside(output, STAMPS_NAME)
RACY_NS = 2_000_000_000
VERSION = 1

Stamp = tuple[int, int, int]  # size, mtime_ns, inode


def stamp_of(result: os.stat_result) -> Stamp | None:
    """The stamp of a regular file's stat (None for anything else)."""
    if not stat.S_ISREG(result.st_mode):
        return None
    return result.st_size, result.st_mtime_ns, result.st_ino


def load_stamps(file: Path) -> dict[str, tuple[Stamp, str]]:
    """path -> (stamp, sha256); empty when the file is missing or not ours (never an error)."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            return {}
        return {str(path): ((int(s[0]), int(s[1]), int(s[2])), str(s[3])) for path, s in data["sources"].items()}
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return {}


def save_stamps(file: Path, stamps: dict[str, tuple[Stamp, str]],
                previous: dict[str, tuple[Stamp, str]], read_at: int | None = None) -> bool:
    """Write the stamps (leaving out racy ones: modified less than RACY_NS before `read_at`, the time before
    the run's first stat, else now) when they differ from `previous`; True when written."""
    since = time.time_ns() if read_at is None else read_at
    kept = {path: value for path, value in stamps.items() if since - value[0][1] >= RACY_NS}
    if kept == previous or not file.parent.is_dir():
        return False
    data = {"version": VERSION,
            "sources": {path: [*stamp, sha256] for path, (stamp, sha256) in sorted(kept.items())}}
    write_atomic(file, json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n")
    return True
