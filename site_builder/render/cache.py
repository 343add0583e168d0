"""What the previous build rendered, so a rebuild renders only what changed.

The cache sits beside the output (`.public.cache.pickle`, git-ignored). It is valid only for the same
templates, settings and code version; anything else starts it afresh. It records every page (its fingerprint,
a hash of its template name and view objects; its links; where it stands in the search index), the other
files, and two digests of the content (render/delta.py): the skeleton (everything but article bodies) and each
article's body. A page whose fingerprint is unchanged is not rendered again (it stays in the published site,
or is hard-linked into a new one); when only bodies changed, the other pages are not even planned.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from dataclasses import dataclass, field, fields, replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from site_builder import __version__
from site_builder.check import PageLinks
from site_builder.config import Config, beside

CACHE_FORMAT = 3


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
    return beside(output, "cache.pickle")


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
        cache = pickle.loads(file.read_bytes())  # our own file, written by save_cache
    except Exception:  # a damaged cache of any kind only means rendering everything again
        return RenderCache(key)
    if not isinstance(cache, RenderCache) or cache.key != key:
        return RenderCache(key)
    return cache


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
    temporary = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    temporary.write_bytes(pickle.dumps(cache, protocol=pickle.HIGHEST_PROTOCOL))
    temporary.replace(file)
