"""What changed in the content since the previous build, as two digests: the skeleton and the bodies.

Only an article's own page shows its body: lists, feeds, the timeline, source pages and the data file show
what the front matter says (title, date, summary, entities, provenance). So while the skeleton (every article
without its body, the authority files, the sources) is what the previous build saw, a rebuild renders the pages
of the articles whose bodies changed and takes every other file from the published site as it is, without
planning or fingerprinting the rest. tests/render/test_delta.py holds that premise to account: it plans every
page before and after a body edit and finds that only the article's own page changed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from site_builder.catalogue import Catalogue
from site_builder.render.cache import ContentDigests, RenderCache
from site_builder.render.source_texts import texts_digest
from site_builder.urls import Urls


@dataclass(frozen=True)
class Changes:
    content: ContentDigests
    edited: frozenset[str] | None  # URLs of the articles whose bodies alone changed; None: anything may have
    patchable: bool = False  # the published site is whole and its record valid: patch it rather than rebuild it


def detect_changes(catalogue: Catalogue, sources: Mapping[str, str], urls: Urls, previous: RenderCache | None,
                   published: Path, moves: Mapping[str, str] | None = None) -> Changes:
    """What changed since the previous build. The published site can be patched while every file the previous
    build recorded is still there; a body-only edit counts as one only then."""
    content = content_digests(catalogue, sources, urls, moves)
    if previous is None or not previous.pages or not _all_there(previous, published, urls):
        return Changes(content, None)
    edited = edited_bodies(previous, content)
    return Changes(content, None if edited is None else frozenset(edited), patchable=True)


def _all_there(previous: RenderCache, published: Path, urls: Urls) -> bool:
    root = str(published)
    return all(os.path.isfile(f"{root}/{urls.output_file(url)}") for url in (*previous.pages, *previous.other_files))


def content_digests(catalogue: Catalogue, sources: Mapping[str, str], urls: Urls,
                    moves: Mapping[str, str] | None = None) -> ContentDigests:
    """The skeleton: every article but its body, the authority, the sources and the redirects (the permalink
    history is content an editor can change by hand too)."""
    # repr, not pickle: a pickle's bytes depend on which equal strings are one object (a parsed article and one
    # from the load cache share differently), a repr on the values alone.
    articles = catalogue.articles
    cards = [{name: value for name, value in vars(article).items() if name != "body"} for article in articles]
    everything = repr((cards, tuple(catalogue.authority.all()), texts_digest(sources), sorted((moves or {}).items())))
    bodies = {urls.article(article): hashlib.sha256(article.body.encode()).hexdigest() for article in articles}
    return ContentDigests(hashlib.sha256(everything.encode()).hexdigest(), bodies)


def edited_bodies(previous: RenderCache, now: ContentDigests) -> set[str] | None:
    """URLs of the articles whose bodies alone changed; None when anything else did (or nothing is known)."""
    before = previous.content
    if not previous.pages or not before.skeleton or before.skeleton != now.skeleton:
        return None
    if before.bodies.keys() != now.bodies.keys():
        return None
    return {url for url, digest in now.bodies.items() if before.bodies[url] != digest}
