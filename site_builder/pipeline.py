"""The two stages as a table of contents: ingest(), build() and check(), one step per line, with timings."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from site_builder import permalinks
from site_builder.authority import load_authority
from site_builder.catalogue import Catalogue, build_catalogue
from site_builder.check import check_pages
from site_builder.config import Config, beside
from site_builder.documents import key_line, load_articles
from site_builder.errors import Problem, file_system_error
from site_builder.ingest import IngestReport, ingest_site
from site_builder.ingest.read import SourceError
from site_builder.progress import Reporter, Silent
from site_builder.render.cache import RenderCache, cache_file, cache_key, load_cache, save_cache, unchanged
from site_builder.render.delta import Changes, detect_changes
from site_builder.render.site import RenderResult, render_site
from site_builder.render.source_texts import SourceTexts
from site_builder.render.write import Output, PatchedOutput, StagedOutput, build_lock
from site_builder.search import SEARCH_BUNDLE, SEARCHED_KINDS, SearchDocument, SearchStats, index_site
from site_builder.urls import Urls


@dataclass
class Timings:
    steps: dict[str, float] = field(default_factory=dict)
    progress: Reporter = field(default_factory=Silent, repr=False, compare=False)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        self.progress.step(name)
        start = time.perf_counter()
        try:
            yield
        finally:
            self.steps[name] = time.perf_counter() - start

    def __str__(self) -> str:
        return "  ".join(f"{name} {seconds:.2f}s" for name, seconds in self.steps.items())


@dataclass(frozen=True)
class BuildResult:
    ingest: IngestReport | None
    articles: int
    files: int
    reused: int  # pages unchanged since the previous build, taken from it rather than rendered
    redirects: int
    search: SearchStats | None  # None when the build skipped the search index
    problems: tuple[Problem, ...]
    timings: Timings

    def failed(self, strict: bool) -> bool:
        return any(p.is_error or strict for p in self.problems)


def ingest(config: Config, *, wait: bool = False) -> IngestReport:
    """Under the build lock: two ingests (or an ingest and a build) of one site would both write articles."""
    try:
        with build_lock(config.paths.output, wait=wait):
            return ingest_site(config)
    except BrokenPipeError:
        raise
    except OSError as error:  # a full disk, a read-only folder: named, never a traceback
        raise file_system_error(error) from error


def build(config: Config, *, run_ingest: bool = True, search: bool = True, wait: bool = False,
          progress: Reporter | None = None) -> BuildResult:
    """Ingest, load, render, index: all under the build lock, taken first (`wait`: wait for another build rather
    than refuse), so that two builds started together never both ingest. Each step and the pages rendered are
    told to `progress` (the command line's display)."""
    try:
        with build_lock(config.paths.output, wait=wait):
            return _build(config, run_ingest=run_ingest, search=search, timings=Timings(progress=progress or Silent()))
    except BrokenPipeError:
        raise
    except OSError as error:  # a full disk, a read-only folder: named, never a traceback; the old site stays
        raise file_system_error(error) from error


def _build(config: Config, *, run_ingest: bool, search: bool, timings: Timings) -> BuildResult:
    with timings.step("ingest"):
        report = ingest_site(config) if run_ingest else None
    with timings.step("load"):
        catalogue, problems = load_catalogue(config, cached=True)
        urls = Urls.for_articles(config.base_url, catalogue.articles)
        sources, unread = read_sources(catalogue, config, dict(report.hashes) if report else None)
        problems += unread
        history = permalinks.record(permalinks.load_history(config.paths.permalinks), catalogue.articles, urls)
        moves = permalinks.redirects(history, catalogue.articles, urls)
        previous = load_previous_render(config)
        changes = detect_changes(catalogue, sources, urls, previous, config.paths.output, moves)
    with _output(config.paths.output, changes) as staged:
        with timings.step("render"):
            rendered = render_site(catalogue, config, sources, staged, previous, changes, moves, timings.progress)
        with timings.step("search"):
            searched = index_search(rendered, staged, config, previous.key) if search else None
            if searched:
                timings.progress.advance(searched.shards, searched.shards, f"{searched.reused} unchanged")
        with timings.step("links"):
            problems += link_problems(rendered, moves, config, _unread_pages(catalogue, sources, urls))
    record = rendered.cache(previous.key)
    try:
        if not unchanged(record, previous) or not cache_file(config.paths.output).is_file():
            save_cache(cache_file(config.paths.output), record)
    except OSError:
        cache_file(config.paths.output).unlink(missing_ok=True)  # it describes the site before: the next is whole
        raise
    permalinks.save_history(config.paths.permalinks, history)
    ingest_problems = (*report.failed, *report.warnings) if report else ()
    return BuildResult(report, len(catalogue.articles), rendered.files, rendered.reused, len(moves), searched,
                       (*ingest_problems, *problems), timings)


def check(config: Config) -> list[Problem]:
    """Front matter and entity references, then a render into a scratch folder for links and anchors."""
    catalogue, problems = load_catalogue(config)
    sources, unread = read_sources(catalogue, config)
    with tempfile.TemporaryDirectory(prefix="site-check-") as scratch:
        staged = StagedOutput(Path(scratch) / "public")
        rendered = render_site(catalogue, config, sources, staged)
        unread_pages = _unread_pages(catalogue, sources, Urls.for_articles(config.base_url, catalogue.articles))
        problems += [*unread, *link_problems(rendered, {}, config, unread_pages)]
    return problems


def load_previous_render(config: Config) -> RenderCache:
    """What the published site was rendered from, when it is still there to reuse pages from."""
    key = cache_key(config)
    if not config.paths.output.is_dir():
        return RenderCache(key)
    return load_cache(cache_file(config.paths.output), key)


def link_problems(rendered: RenderResult, moves: dict[str, str], config: Config,
                  unread: tuple[str, ...] = ()) -> list[Problem]:
    """Broken links and anchors; links to the pages of `unread` sources are not reported again (read_sources
    has named the article)."""
    every_url = {*(page.url for page in rendered.pages), *rendered.other_files, *moves}
    return check_pages((page.links for page in rendered.pages), every_url, config.base_path,
                       shown_as=_shown(config), ignore=(*SEARCH_BUNDLE, *unread))


def beside_output(config: Config, name: str) -> Path:
    """A cache of the build's own beside the output; the folder is made here, as the first build into a new
    place writes these before anything else."""
    config.paths.output.parent.mkdir(parents=True, exist_ok=True)
    return beside(config.paths.output, name)


def load_catalogue(config: Config, *, cached: bool = False) -> tuple[Catalogue, list[Problem]]:
    """The catalogue; `cached` (a build) keeps parsed articles and related articles beside the output, so a
    rebuild parses only the files that changed and ranks related articles only when dates or entities did."""
    articles, problems = load_articles(config.paths.articles, config.paths.site,
                                       beside_output(config, "articles.cache") if cached else None)
    catalogue = build_catalogue(articles, load_authority(config.paths.entities),
                                beside_output(config, "related.cache") if cached else None)
    return catalogue, [*problems, *catalogue.problems]


def read_sources(catalogue: Catalogue, config: Config,
                 hashes: dict[str, str] | None = None) -> tuple[SourceTexts, list[Problem]]:
    """The text of every source an article cites, for the source pages, each read when a page needs it
    (`hashes`: the sources' sha256 as this build's ingest found them). A source gone since ingest, or a page or
    PDF that ingest stored no text for and that cannot be read, is an error on each article citing it, at its
    `source:` line, and the rest builds."""
    problems: list[Problem] = []
    citing: dict[str, list[str]] = {}
    for article in catalogue.articles:
        if article.source:
            citing.setdefault(article.source.path, []).append(article.path)
    texts = SourceTexts(config.paths.site, config.paths.articles, citing, hashes)
    for path in sorted(citing):
        if path not in texts:
            problems += _on_citing(config, citing[path],
                                   f"its source {path} is not there (deleted or moved since it was ingested?)",
                                   "restore the file, or run `site-builder ingest` again")
            continue
        if texts.stored(path):
            continue  # ingest read it and stored its text: read when its page is built
        try:  # a page or PDF with no stored text: extracted now, so that what fails names its article
            texts[path]
        except OSError as error:
            texts.drop(path)
            why = f"cannot be read ({error.strerror or error})"
            problems += _on_citing(config, citing[path], f"its source {path} {why}",
                                   "restore the file, or run `site-builder ingest` again")
        except SourceError as error:  # a PDF that is none, a page without text: the article is what names it
            texts.drop(path)
            problems += _on_citing(config, citing[path], f"its source {path} cannot be shown: {error.reason}",
                                   error.hint or "fix the source, or correct source.path")
    return texts, problems


def _on_citing(config: Config, articles: list[str], message: str, hint: str) -> list[Problem]:
    return [Problem(article, key_line(config.paths.site / article, "source"), message, hint=hint)
            for article in sorted(articles)]


def _unread_pages(catalogue: Catalogue, sources: SourceTexts, urls: Urls) -> tuple[str, ...]:
    """The source pages (site-relative) of cited sources that could not be read."""
    cited = {a.source.path for a in catalogue.articles if a.source}
    return tuple(urls.source(path).removeprefix(urls.base_path) for path in sorted(cited - set(sources)))


def index_search(rendered: RenderResult, staged: Output, config: Config, render_key: str) -> SearchStats:
    """Index the article pages; shards whose pages did not change are taken from the published site."""
    documents = search_documents(rendered, staged, Urls(config.base_url), render_key)
    stats = index_site(staged.staging, documents, base_path=config.base_path, previous=config.paths.output,
                       keep_published=staged.keeps_published)
    staged.replace_whole(stats.rebuilt)
    staged.remove(stats.dropped)
    return stats


def search_documents(rendered: RenderResult, staged: Output, urls: Urls,
                     render_key: str) -> Iterator[SearchDocument]:
    """The article and entity pages just written (only they carry a Pagefind body). What Pagefind takes of a
    page is fixed by its search digest and the render key (templates, settings, code), so together they stand
    for it."""
    for page in rendered.pages:
        if page.kind in SEARCHED_KINDS:
            file = staged.current(urls.output_file(page.url))
            yield SearchDocument(page.url, file, f"{render_key}:{page.search_digest}", page.year)


@contextmanager
def _output(output: Path, changes: Changes) -> Iterator[Output]:
    """A staging folder for a new site, or a patch of the published one when that is whole and its record
    valid; either takes effect only if everything inside the block succeeded."""
    staged = PatchedOutput(output) if changes.patchable else StagedOutput(output)
    try:
        yield staged
    except BaseException:
        staged.abort()
        raise
    staged.commit(background=True)


def _shown(config: Config) -> str:
    output = config.paths.output
    site = config.paths.site
    return output.relative_to(site).as_posix() if output.is_relative_to(site) else str(output)
