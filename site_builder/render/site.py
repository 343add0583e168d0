"""Render the planned pages and the other outputs into a staged output folder, on every core.

Pages are planned in chunks (render/pages.py); each chunk is rendered in a worker process that inherits the
catalogue by fork, writes its files straight into the staging folder and sends back only small records:
each page's fingerprint and links (for the link check and the next build's cache) and where the articles are
(for the search index). A page whose fingerprint matches the previous build is hard-linked, not rendered.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import PurePosixPath

from jinja2 import Environment

from site_builder import permalinks
from site_builder.catalogue import Catalogue
from site_builder.check import scan_page
from site_builder.config import Config, beside
from site_builder.progress import Reporter, Silent
from site_builder.render import outputs
from site_builder.render.cache import ContentDigests, RenderCache, RenderedPage, fingerprint
from site_builder.render.delta import Changes, detect_changes
from site_builder.render.environment import make_environment, render_template
from site_builder.render.listings import EntityView
from site_builder.render.pages import Chunk, Page, nav, plan_chunk, plan_chunks
from site_builder.render.sources import raw_files
from site_builder.render.views import ArticleView, PendingBody, article_item, with_converted_body
from site_builder.render.write import Output, StagedOutput
from site_builder.urls import Urls

PARALLEL_FROM_CHUNKS = 3  # below this, forking costs more than it saves


@dataclass(frozen=True)
class RenderResult:
    pages: tuple[RenderedPage, ...]
    other_files: tuple[str, ...]  # URLs of feeds, sitemap, data, static files
    content: ContentDigests
    reused: int  # pages taken from the published site rather than rendered

    @property
    def files(self) -> int:
        return len(self.pages) + len(self.other_files)

    def cache(self, key: str) -> RenderCache:
        """The record for the next build (a page's `reused` flag there says only how this build got it)."""
        return RenderCache(key, {p.url: p for p in self.pages}, self.other_files, self.content)


@dataclass(frozen=True)
class _Job:
    catalogue: Catalogue
    config: Config
    sources: Mapping[str, str]
    staged: Output
    previous: RenderCache | None
    env: Environment  # made once per build before forking: each worker fills its own fragment cache


_JOB: _Job | None = None  # set in the parent before forking; the workers read it, never write it


def render_site(catalogue: Catalogue, config: Config, sources: Mapping[str, str], staged: Output,
                previous: RenderCache | None = None, changes: Changes | None = None,
                moves: Mapping[str, str] | None = None, progress: Reporter | None = None) -> RenderResult:
    """Write every page and output file, and a redirect page for each of `moves` (old URL -> new); with
    `previous`, unchanged pages come from the published site, and with `changes` naming edited bodies and a
    patch for output, only those articles' pages are rendered. Each chunk done is told to `progress`."""
    global _JOB
    urls, moves = Urls.for_articles(config.base_url, catalogue.articles), moves or {}
    changes = changes or detect_changes(catalogue, sources, urls, previous, config.paths.output, moves)
    catalogue.chronological()  # computed once here, so the forked workers inherit it
    env = make_environment(config.paths.templates, beside(config.paths.output, "templates"))
    _JOB = _Job(catalogue, config, sources, staged, previous if previous and previous.pages else None, env)
    try:
        if changes.edited is not None and previous is not None and staged.keeps_published:
            return _render_edited_bodies(_JOB, previous, changes.edited, changes.content)  # moves as published
        chunks = plan_chunks(catalogue, sources)
        done = _told(_map(chunks), len(chunks), progress or Silent())
        pages = tuple(sorted((page for result in done for page in result), key=lambda p: p.url))
    finally:
        _JOB = None
        article_item.cache_clear()  # a long-lived caller (serve) keeps no articles of a past build
    others = (*_other_outputs(catalogue, config, staged, pages, env, sources), *_redirects(staged, moves, urls))
    if previous is not None:  # a patch removes from the published site what the new one no longer has
        gone = set(previous.pages).union(previous.other_files) - {p.url for p in pages}.union(others)
        staged.remove(urls.output_file(url) for url in sorted(gone))
    return RenderResult(pages, others, changes.content, sum(page.reused for page in pages))


def _render_edited_bodies(job: _Job, previous: RenderCache, edited: frozenset[str],
                          content: ContentDigests) -> RenderResult:
    """Only some bodies changed (render/delta.py): render those articles' pages into the patch; every other
    file stays as published."""
    urls = Urls.for_articles(job.config.base_url, job.catalogue.articles)
    position = {urls.article(article): i for i, article in enumerate(job.catalogue.chronological())}
    chunks = [Chunk("articles", position[url], position[url] + 1) for url in sorted(edited)]
    rendered = [page for chunk in chunks for page in _render_planned(replace(job, previous=None), chunk)]
    kept = [page for url, page in previous.pages.items() if url not in edited]
    pages = tuple(sorted((*kept, *rendered), key=lambda p: p.url))
    return RenderResult(pages, previous.other_files, content, len(kept))


def _map(chunks: list[Chunk]) -> Iterator[list[RenderedPage]]:
    workers = min(os.cpu_count() or 1, len(chunks))
    if workers < 2 or len(chunks) < PARALLEL_FROM_CHUNKS:
        yield from map(_render_chunk, chunks)
        return
    gc.freeze()  # the catalogue is never collected: the workers' collector need not touch (and copy) its pages
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap_unordered(_render_chunk, chunks)
    finally:
        gc.unfreeze()


def _told(results: Iterator[list[RenderedPage]], total: int, progress: Reporter) -> Iterator[list[RenderedPage]]:
    pages = 0
    for done, result in enumerate(results, 1):
        pages += len(result)
        progress.advance(done, total, f"{pages} pages")
        yield result


def _render_chunk(chunk: Chunk) -> list[RenderedPage]:
    assert _JOB is not None
    return _render_planned(_JOB, chunk)


def _render_planned(job: _Job, chunk: Chunk) -> list[RenderedPage]:
    urls = Urls.for_articles(job.config.base_url, job.catalogue.articles)
    env, site = job.env, _site_globals(job.config, urls)
    # Article bodies stay Markdown (PendingBody) until a page is known to need rendering: the fingerprint is
    # taken of this sketch, and an unchanged page is reused without converting anything.
    sketches = plan_chunk(chunk, job.catalogue, job.config, urls, job.sources, body=PendingBody)
    return [_render_or_reuse(page, env, site, urls, job) for page in sketches]


def _render_or_reuse(page: Page, env: Environment, site: dict[str, object], urls: Urls, job: _Job) -> RenderedPage:
    mark, searched = _fingerprints(page)
    output_path = urls.output_path(page.url)
    year = _article_year(page)
    cached = job.previous.pages.get(page.url) if job.previous else None
    if cached and cached.fingerprint == mark and _kept(job, output_path):
        return RenderedPage(page.url, page.meta.kind, mark, cached.links, True, year, searched)
    view = with_converted_body(page.view) if isinstance(page.view, ArticleView) else page.view
    text = render_template(env, page.template, site=site, page=page.meta, view=view)
    job.staged.write(output_path, text.encode())
    return RenderedPage(page.url, page.meta.kind, mark, scan_page(page.url, text), False, year, searched)


def _kept(job: _Job, output_path: PurePosixPath) -> bool:
    """An unchanged page stays: a patch leaves it where it is (the published site was found whole), a new site
    takes it by a hard link, if it is still there."""
    if isinstance(job.staged, StagedOutput):
        return job.staged.link_from(job.config.paths.output, output_path)
    return True


_ENTITY_SEARCHED = ("kind", "name", "full_name", "roles", "other_names")
_NEIGHBOURS = ("previous", "next", "related")
_SEARCHED_FIELDS = tuple(f.name for f in fields(ArticleView) if f.name not in _NEIGHBOURS)


def _fingerprints(page: Page) -> tuple[str, str]:
    """The page's fingerprint, and for an article its search digest: the fingerprint without its neighbours.
    article.html keeps previous/next and related articles outside data-pagefind-body, so an edit to one article
    does not make its neighbours' shards stale. The page's fingerprint is taken of the search digest and the
    neighbours, so the view is pickled once."""
    view = page.view
    if isinstance(view, EntityView):  # Pagefind takes its header alone: its names, kind and roles
        searched = fingerprint(page.template, "search", tuple(getattr(view, name) for name in _ENTITY_SEARCHED))
        return fingerprint(page.template, page.meta, view), searched
    if not isinstance(view, ArticleView):
        return fingerprint(page.template, page.meta, view), ""
    searched = fingerprint(page.template, "search", tuple(getattr(view, name) for name in _SEARCHED_FIELDS))
    return fingerprint(page.template, page.meta, (searched, *(getattr(view, name) for name in _NEIGHBOURS))), searched


def _article_year(page: Page) -> int | None:
    year = getattr(page.view, "year", None) if page.meta.kind == "article" else None
    return int(year) if isinstance(year, str) and year.isdigit() else None


def _site_globals(config: Config, urls: Urls) -> dict[str, object]:
    return {"title": config.title, "description": config.description, "language": config.language,
            "publisher": config.publisher, "nav": nav(urls, config.paths.pages)}


def _other_outputs(catalogue: Catalogue, config: Config, staged: Output, pages: tuple[RenderedPage, ...],
                   env: Environment, sources: Mapping[str, str]) -> tuple[str, ...]:
    urls = Urls.for_articles(config.base_url, catalogue.articles)
    sitemap_urls = sorted(urls.absolute(p.url) for p in pages if p.kind not in ("404", "search", "redirect"))
    files = {
        **outputs.all_feeds(catalogue, config, urls),
        urls.special("sitemap.xml"): render_template(env, "sitemap.xml", urls=sitemap_urls).encode(),
        urls.special("robots.txt"): outputs.robots_txt(urls),
        urls.special("data/articles.json"): outputs.articles_json(catalogue, urls),
        **raw_files(config.paths.site, sources, urls),  # the source pages' downloads
    }
    for url, data in sorted(files.items()):
        staged.write(urls.output_path(url), data)
    return (*sorted(files), *_copy_static(config, staged, urls))


def _redirects(staged: Output, moves: Mapping[str, str], urls: Urls) -> list[str]:
    """The redirect pages, recorded with the other files: one whose article has gone is taken out."""
    for old, new in sorted(moves.items()):
        staged.write(urls.output_path(old), permalinks.redirect_page(new, urls.absolute(new)))
    return sorted(moves)


def _copy_static(config: Config, staged: Output, urls: Urls) -> list[str]:
    static = config.paths.templates / "static"
    if not static.is_dir():
        return []
    staged.copy_tree(static, PurePosixPath("static"))
    return [urls.static(file.relative_to(static).as_posix()) for file in sorted(static.rglob("*")) if file.is_file()]
