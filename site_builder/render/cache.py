"""What the previous build rendered, so a rebuild renders only what changed.

The cache sits beside the output (`.public.cache.json`, git-ignored): JSON, read back field by field with
its types checked, never unpickled (a planted file is at most a full build). It is valid only for the same
templates, settings and code version; anything else starts it afresh. It records every page (its fingerprint,
a hash of its template name and view objects; its links; where it stands in the search index), the other
files, and two digests of the content (render/delta.py): the skeleton (everything but article bodies) and each
article's body. A page whose fingerprint is unchanged is not rendered again (it stays in the published site,
or is hard-linked into a new one); when only bodies changed, the other pages are not even planned.
"""

from __future__ import annotations

import array
import hashlib
import json
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass, field, fields, replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from site_builder import __version__
from site_builder.check import PageLinks
from site_builder.config import Config, beside

CACHE_FORMAT = 4  # 4: JSON rather than a pickle


@dataclass(frozen=True)
class RenderedPage:
    url: str
    kind: str
    fingerprint: str
    links: PageLinks
    reused: bool
    year: int | None  # for articles: which search shard they belong to
    search_digest: str  # for articles: changes whenever what Pagefind indexes of the page does; else ""


@dataclass(frozen=True)
class ContentDigests:
    skeleton: str = ""  # everything a page can show except article bodies
    bodies: dict[str, str] = field(default_factory=dict)  # article URL -> digest of its Markdown body


@dataclass
class RenderCache:
    key: str
    pages: dict[str, RenderedPage] = field(default_factory=dict)
    other_files: tuple[str, ...] = ()  # URLs of feeds, sitemap, data, static files
    content: ContentDigests = field(default_factory=ContentDigests)


def cache_file(output: Path) -> Path:
    return beside(output, "cache.json")


# What renders a page besides our code and templates: a new version of any may change a page or an index.
DEPENDENCIES = ("jinja2", "markdown", "nh3", "feedgen", "pyyaml", "charset-normalizer", "pagefind", "pagefind_bin")
PACKAGE = Path(__file__).resolve().parent.parent  # site_builder: its whole code shapes the output


def dependency_versions() -> dict[str, str]:
    found = {}
    for name in DEPENDENCIES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "missing"
    return found


def cache_key(config: Config) -> str:
    """Everything besides the content that shapes the output: the settings (not where the site folder is: the
    same content gives the same site anywhere), templates and static files, the hand-written pages (every
    page's footer links them), the code of the whole package, the versions of Python and of the libraries that
    render. Any change means a build from nothing."""
    settings = {f.name: getattr(config, f.name) for f in fields(config) if f.name != "paths"}
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{__version__}|{sys.version}|{settings!r}|"
                            f"{sorted(dependency_versions().items())!r}".encode())
    for file in sorted(config.paths.templates.rglob("*")):
        if file.is_file():
            digest.update(file.relative_to(config.paths.templates).as_posix().encode())
            digest.update(file.read_bytes())
    for file in sorted(config.paths.pages.glob("*.md")) if config.paths.pages.is_dir() else ():
        digest.update(f"pages/{file.name}".encode())
        digest.update(file.read_bytes())
    for module in sorted(PACKAGE.rglob("*")):
        if module.suffix in (".py", ".js") and module.is_file():
            digest.update(module.relative_to(PACKAGE).as_posix().encode())
            digest.update(module.read_bytes())
    return digest.hexdigest()


def fingerprint(template: str, meta: object, view: object) -> str:
    # Views are frozen dataclasses of tuples and strings (no sets), so pickling is stable between processes.
    return hashlib.sha256(pickle.dumps((template, meta, view), protocol=5)).hexdigest()


def load_cache(file: Path, key: str) -> RenderCache:
    """The previous build's record; an empty one when missing, damaged, or made by other code or settings."""
    try:
        with open(file, "rb") as handle:  # a link planted there is read like any file: it is only data
            raw = json.loads(handle.read())
        cache = _decoded(raw)
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return RenderCache(key)  # a damaged cache of any kind only means rendering everything again
    return cache if cache.key == key else RenderCache(key)


def unchanged(cache: RenderCache, previous: RenderCache) -> bool:
    """Whether `cache` records what `previous` (the file as loaded) does, a page's `reused` flag aside: a
    rebuild that changed nothing need not write the file again."""
    if (cache.key, cache.other_files, cache.content) != (previous.key, previous.other_files, previous.content):
        return False
    if cache.pages.keys() != previous.pages.keys():
        return False
    old = previous.pages
    return all(page is old[url] or replace(page, reused=old[url].reused) == old[url]
               for url, page in cache.pages.items())


def save_cache(file: Path, cache: RenderCache) -> None:
    """Written to a fresh temporary file in the same folder (never a predictable name a link could sit at),
    then renamed over the cache."""
    data = json.dumps(_encoded(cache), separators=(",", ":")).encode()
    handle, temporary = tempfile.mkstemp(prefix=f"{file.name}.", suffix=".tmp", dir=file.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _encoded(cache: RenderCache) -> dict[str, object]:
    pages = [[p.url, p.kind, p.fingerprint, p.links.url, list(p.links.hrefs), p.links.lines.tolist(),
              sorted(p.links.ids), p.reused, p.year, p.search_digest] for p in cache.pages.values()]
    return {"format": CACHE_FORMAT, "key": cache.key, "pages": pages, "other_files": list(cache.other_files),
            "skeleton": cache.content.skeleton, "bodies": cache.content.bodies}


def _decoded(raw: dict[str, object]) -> RenderCache:
    """A cache from its JSON, every value checked for its type: anything else raises (and means a full build)."""
    if not isinstance(raw, dict) or raw["format"] != CACHE_FORMAT:
        raise ValueError("not a render cache of this format")
    pages: dict[str, RenderedPage] = {}
    for row in _list(raw["pages"]):
        url, kind, mark, links_url, hrefs, lines, ids, reused, year, searched = _list(row)
        links = PageLinks(_text(links_url), tuple(sys.intern(_text(h)) for h in _list(hrefs)),
                          array.array("I", (_number(n) for n in _list(lines))),
                          frozenset(sys.intern(_text(i)) for i in _list(ids)))
        if len(links.hrefs) != len(links.lines) or not isinstance(reused, bool):
            raise ValueError("a damaged page record")
        pages[_text(url)] = RenderedPage(_text(url), _text(kind), _text(mark), links, reused,
                                         None if year is None else _number(year), _text(searched))
    bodies = raw["bodies"]
    if not isinstance(bodies, dict):
        raise ValueError("a damaged page record")
    content = ContentDigests(_text(raw["skeleton"]), {_text(u): _text(d) for u, d in bodies.items()})
    return RenderCache(_text(raw["key"]), pages, tuple(_text(f) for f in _list(raw["other_files"])), content)


def _list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise TypeError("expected a list")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def _number(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("expected an integer")
    return value
