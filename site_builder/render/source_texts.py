"""The texts the source pages show, read and decoded only when a page is planned.

A rebuild after a body edit plans no source page, so it must not pay for reading and decoding every source
(a third of such a rebuild's CPU time at 4 000 articles). What the skeleton digest (render/delta.py) needs of
the sources is only whether any text may have changed: the sha256 of each file's bytes stands for its text (the
text is decoded from those bytes by the package's code, which the render key covers), and for a web page or a
PDF also the identity of the extraction ingest stored for them (content/articles/.ingest-text/SHA256.txt), which
the page shows when it is there.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from site_builder.ingest.display import STORE, extracted, source_text


class SourceTexts(Mapping[str, str]):
    """path -> the text of the source's page, for every cited source whose file exists."""

    def __init__(self, site: Path, articles_dir: Path, paths: Iterable[str],
                 hashes: Mapping[str, str] | None = None) -> None:
        self._site, self._articles, self._hashes = site, articles_dir, dict(hashes or {})
        self._paths = tuple(path for path in sorted(set(paths)) if (site / path).is_file())
        self._known = frozenset(self._paths)
        self._texts: dict[str, str] = {}

    def __getitem__(self, path: str) -> str:
        if path not in self._known:
            raise KeyError(path)
        text = self._texts.get(path)
        if text is None:
            text = self._texts[path] = source_text(self._site / path, path, self._articles)
        return text

    def stored(self, path: str) -> bool:
        """Whether the text of `path` needs no extraction: a plain text, or a page or PDF whose extraction ingest
        stored for these very bytes (a plain text's decoding is only checked when its page is built)."""
        if not extracted(path):
            return True
        return (self._articles / STORE / f"{self._sha(path)}.txt").is_file()

    def _sha(self, path: str) -> str:
        """The sha256 of the source's bytes: as ingest found it in this build, else read here once."""
        sha = self._hashes.get(path)
        if sha is None:
            sha = self._hashes[path] = hashlib.sha256((self._site / path).read_bytes()).hexdigest()
        return sha

    def drop(self, path: str) -> None:
        """Leave out a source that cannot be shown (its articles carry the error)."""
        self._paths = tuple(p for p in self._paths if p != path)
        self._known = frozenset(self._paths)
        self._texts.pop(path, None)

    def __contains__(self, path: object) -> bool:
        return path in self._known

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def digest(self) -> str:
        """Stands for every text without decoding any: each path, its bytes' sha256 (as ingest found it in
        this build, else read here) and, for an extracted source, the stored extraction's size, modification time
        and inode (or its absence)."""
        digest = hashlib.sha256()
        for path in self._paths:
            sha = self._sha(path)
            digest.update(f"{path}\0{sha}\0".encode())
            if extracted(path):
                digest.update(_stored_identity(self._articles / STORE / f"{sha}.txt").encode())
        return digest.hexdigest()


def _stored_identity(file: Path) -> str:
    try:
        found = os.stat(file)
    except OSError:
        return "none\0"
    return f"{found.st_size}:{found.st_mtime_ns}:{found.st_ino}\0"


def texts_digest(sources: Mapping[str, str]) -> str:
    """The digest of the sources' texts: SourceTexts' own, or for texts given in full (tests, check) theirs."""
    if isinstance(sources, SourceTexts):
        return sources.digest()
    return hashlib.sha256(repr(sorted(sources.items())).encode()).hexdigest()
