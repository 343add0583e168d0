"""What the previous build rendered: page fingerprints and links, so a rebuild renders only what changed.

The cache sits beside the output (`.public.cache.json`, git-ignored). It is valid only for the same
templates, settings and code version; anything else starts it afresh. A page whose fingerprint (a hash of
its template name and view objects) is unchanged is hard-linked from the previous site instead of rendered.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from site_builder import __version__
from site_builder.check import PageLinks
from site_builder.config import Config

CACHE_FORMAT = 1


@dataclass
class RenderCache:
    key: str
    pages: dict[str, tuple[str, PageLinks]] = field(default_factory=dict)  # url -> (fingerprint, links)


def cache_file(output: Path) -> Path:
    return output.parent / f".{output.name}.cache.json"


def cache_key(config: Config) -> str:
    """Everything besides the views that shapes a page: templates, static files, settings, code."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{__version__}|{config!r}".encode())
    for file in sorted(config.paths.templates.rglob("*")):
        if file.is_file():
            digest.update(file.relative_to(config.paths.templates).as_posix().encode())
            digest.update(file.read_bytes())
    for module in sorted((Path(__file__).parent).glob("*.py")):
        digest.update(module.read_bytes())  # a change to the rendering code invalidates every page
    return digest.hexdigest()


def fingerprint(template: str, meta: object, view: object) -> str:
    # Views are frozen dataclasses of tuples and strings (no sets), so pickling is stable between processes.
    return hashlib.sha256(pickle.dumps((template, meta, view), protocol=5)).hexdigest()


def load_cache(file: Path, key: str) -> RenderCache:
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return RenderCache(key)
    if not isinstance(raw, dict) or raw.get("key") != key:
        return RenderCache(key)
    pages = {url: (entry[0], PageLinks(url, tuple((href, line) for href, line in entry[1]), frozenset(entry[2])))
             for url, entry in raw.get("pages", {}).items()}
    return RenderCache(key, pages)


def save_cache(file: Path, cache: RenderCache) -> None:
    pages = {url: [fp, [list(link) for link in links.links], sorted(links.ids)]
             for url, (fp, links) in sorted(cache.pages.items())}
    temporary = file.with_suffix(".tmp")
    temporary.write_text(json.dumps({"key": cache.key, "pages": pages}), encoding="utf-8")
    temporary.replace(file)
