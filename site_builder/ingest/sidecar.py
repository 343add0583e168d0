"""The optional metadata sidecar of a source: `NAME.meta.yaml` beside it.

For `content/sources/bulletin.pdf` the sidecar is `bulletin.pdf.meta.yaml` (the full file name, so that
`x.html` and `x.pdf` can each have their own) or, when no other source shares the stem, `bulletin.meta.yaml`.
The full name wins when both exist. Keys (all optional, unknown keys are an error with their line):

    url: https://example.org/news/123        # where the source was collected from
    outlet: Kazinform                       # the original publisher
    collected: 2024-05-01                   # when it was collected (ISO date)
    language: ru                            # the source's language (BCP 47 tag)
    licence: CC BY 4.0, or "quoted with permission"   # a note on the terms of reuse (`license` also accepted)

The sidecar is evidence that wins over the page's own metadata for url, outlet and language.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

import yaml

from site_builder.errors import display_path
from site_builder.ingest.read import SourceError, SourceText

SUFFIX = ".meta.yaml"
KEYS = ("url", "outlet", "collected", "language", "licence")
ALIASES = {"license": "licence"}
MAX_SIDECAR = 64 * 1024


@dataclass(frozen=True)
class Sidecar:
    path: str
    url: str | None = None
    outlet: str | None = None
    collected: str | None = None
    language: str | None = None
    licence: str | None = None


def sidecar_names(source: str) -> tuple[str, str]:
    """The two names a source's sidecar may have, the preferred one first."""
    pure = PurePosixPath(source)
    return str(pure.with_name(pure.name + SUFFIX)), str(pure.with_name(pure.stem + SUFFIX))


def find_sidecar(source: str, existing: set[str], sources: Iterable[str]) -> str | None:
    """The sidecar of `source` among the files that exist (paths as the site names them), or None. A short
    name (`x.meta.yaml`) that several sources could claim (`x.html`, `x.pdf`) belongs to none of them."""
    full, short = sidecar_names(source)
    if full in existing:
        return full
    if short in existing:
        stem = PurePosixPath(source).with_suffix("")
        claims = [s for s in sources if PurePosixPath(s).with_suffix("") == stem]
        return short if len(claims) == 1 else None
    return None


def parse_sidecar(data: bytes, path: str) -> Sidecar:
    """A sidecar's values; SourceError naming the sidecar (and the line) for anything it cannot hold."""
    if len(data) > MAX_SIDECAR:
        raise SourceError(path, "the sidecar is larger than 64 KB", "a sidecar holds a few lines of metadata")
    try:
        loaded = yaml.safe_load(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise SourceError(path, "the sidecar is not UTF-8 text", "save it as UTF-8") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise SourceError(path, f"the sidecar is not valid YAML: {getattr(error, 'problem', error)}",
                          "write one `key: value` per line", mark.line + 1 if mark else None) from error
    if loaded is None:
        return Sidecar(path)
    if not isinstance(loaded, dict):
        raise SourceError(path, "the sidecar must be a mapping of keys to values", f"keys: {', '.join(KEYS)}", 1)
    values: dict[str, str | None] = {}
    for raw_key, value in loaded.items():
        key = ALIASES.get(str(raw_key), str(raw_key))
        if key not in KEYS:
            raise SourceError(path, f"unknown key {raw_key!r} in the sidecar", f"known keys: {', '.join(KEYS)}",
                              _line_of(data, str(raw_key)))
        values[key] = _value(key, value, path, _line_of(data, str(raw_key)))
    return Sidecar(path, **values)


def _value(key: str, value: object, path: str, line: int | None) -> str | None:
    if value is None:
        return None
    if key == "collected":
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str | int) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(value)):
            return str(value)
        raise SourceError(path, f"collected must be a date (YYYY-MM-DD), not {value!r}", None, line)
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise SourceError(path, f"{key} must be text, not {type(value).__name__}", None, line)
    text = " ".join(str(value).split())
    if key == "url" and not re.match(r"(?i)^https?://[^\s<>\"]+$", text):
        raise SourceError(path, f"url must be an http(s) address, not {text!r}", "write the full address", line)
    return text or None


def _line_of(data: bytes, key: str) -> int | None:
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
        if re.match(rf"\s*['\"]?{re.escape(key)}['\"]?\s*:", line):
            return number
    return None


def with_sidecar(source: SourceText, sidecar: Sidecar | None) -> SourceText:
    """The sidecar's url, outlet and language win over what the page says of itself."""
    if sidecar is None:
        return source
    hints = source.hints
    merged = replace(hints, url=sidecar.url or hints.url, outlet=sidecar.outlet or hints.outlet,
                     language=sidecar.language or hints.language)
    return replace(source, hints=merged)




def read_sidecars(directory: Path, site: Path, sources: Iterable[str],
                  found_files: Iterable[Path] | None = None) -> dict[str, tuple[str, bytes]]:
    """source path -> (sidecar path, its bytes) for every source that has a sidecar; an unreadable sidecar is
    read as empty bytes here and reported when it is parsed. `found_files`: the sidecar files, when the caller
    has already walked the folder for them."""
    if not directory.is_dir():
        return {}
    candidates = directory.rglob(f"*{SUFFIX}") if found_files is None else found_files
    folders: dict[Path, str] = {}  # display_path resolves: once a folder, not once a sidecar
    files = {f"{folders.get(f.parent) or folders.setdefault(f.parent, display_path(f.parent, site))}/{f.name}": f
             for f in candidates if f.is_file()}
    if not files:
        return {}
    names, existing = list(sources), set(files)
    found: dict[str, tuple[str, bytes]] = {}
    for source in names:
        name = find_sidecar(source, existing, names)
        if name is not None:
            try:
                found[source] = (name, files[name].read_bytes())
            except OSError:
                found[source] = (name, b"\x00")
    return found


def sidecar_of(source: SourceText, found: tuple[str, bytes] | None) -> SourceText:
    """The source with its sidecar's hints merged in (SourceError naming the sidecar when it is bad)."""
    if found is None:
        return source
    name, data = found
    if b"\x00" in data:
        raise SourceError(name, "the sidecar cannot be read (binary, or not readable)", "check the file")
    return with_sidecar(source, parse_sidecar(data, name))


def state_hash(source_sha256: str, found: tuple[str, bytes] | None) -> str:
    """What the ingest state records of a source: its bytes' sha256, or with a sidecar a hash of that and of the
    sidecar, so a changed sidecar re-ingests the source (the articles' source.sha256 stays the source's own)."""
    if found is None:
        return source_sha256
    digest = hashlib.sha256(f"{source_sha256}\0sidecar\0{found[0]}\0".encode() + found[1])
    return digest.hexdigest()
