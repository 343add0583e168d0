"""ingest_site: sources -> content/articles, cheaply when nothing changed, never over an editor's work."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder import limits
from site_builder.authority import load_authority
from site_builder.config import Config
from site_builder.documents import FrontMatterError, parse_article, read_article, render_article
from site_builder.errors import ContentError, Problem, display_path
from site_builder.ingest import display
from site_builder.ingest.hints import apply_hints
from site_builder.ingest.read import SourceError, SourceText, decode_source, sha256_hex, too_large
from site_builder.ingest.report import IngestReport
from site_builder.ingest.sidecar import read_sidecars, sidecar_of, state_hash
from site_builder.ingest.state import (
    RULES_VERSION,
    STATE_FILE,
    ArticleRecord,
    Journal,
    SourceRecord,
    load_rules_version,
    load_state,
    rebuild_state,
    replay_journal,
    save_state,
    text_hash,
    write_atomic,
)
from site_builder.model import Article, SourceRef

if TYPE_CHECKING:
    from site_builder.ingest.entities import Matcher
    from site_builder.ingest.extract_source import Draft

SOURCE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf")
EDITED_HINT = "ingest keeps edited articles; delete the file to let ingest write it again from the source"


@dataclass
class Run:
    """What one ingest run has done so far; turned into the report at the end."""

    config: Config
    state: dict[str, SourceRecord]
    taken: set[str] = field(default_factory=set)
    written: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)
    unknown: set[str] = field(default_factory=set)
    rules_changed: bool = False  # the archive was ingested with older rules: re-ingest what nobody edited
    outcomes: dict[str, str] = field(default_factory=dict)  # source -> what became of it, for the report
    sidecars: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # source -> its NAME.meta.yaml
    journal: Journal = field(init=False)

    def __post_init__(self) -> None:
        self.journal = Journal(self.config.paths.articles)

    def fail(self, path: str, line: int | None, message: str, hint: str | None) -> None:
        self.failed.append(Problem(path, line, message, hint))
        self.outcomes[path] = f"failed: {message}"

    @property
    def site(self) -> Path:
        return self.config.paths.site

    @cached_property
    def articles_rel(self) -> str:
        """content/articles as the site names it (resolved once per run, not once per article)."""
        return display_path(self.config.paths.articles, self.site)

    @cached_property
    def articles_real(self) -> Path:
        return self.config.paths.articles.resolve()

    @cached_property
    def real_dirs(self) -> dict[Path, Path]:
        """Folders of article paths -> their resolved form: a realpath costs a system call per component."""
        return {}

    def report(self, sources_read: int) -> IngestReport:
        return IngestReport(sources_read, tuple(self.written), tuple(self.updated), tuple(self.kept),
                            tuple(self.failed), tuple(self.warnings), tuple(self.inferred),
                            tuple(sorted(self.unknown)), tuple(sorted(self.outcomes.items())))


def ingest_site(config: Config) -> IngestReport:
    articles_dir = config.paths.articles
    run = Run(config, _load_or_rebuild_state(config))
    run.rules_changed = bool(run.state) and load_rules_version(articles_dir) != RULES_VERSION
    raw = _read_all(run, list_sources(config.paths.sources))
    run.sidecars = read_sidecars(config.paths.sources, config.paths.site, raw)
    for path in sorted(set(run.state) - set(raw)):
        run.warnings.append(Problem(path, None, "source no longer exists; its articles were left in place",
                                    "delete the articles too if the source was removed on purpose", "warning"))
        del run.state[path]
    changed = [path for path, data in raw.items() if _needs_ingest(run, path, data)]
    if changed:
        _ingest_changed(run, raw, changed)
    save_state(articles_dir, run.state)
    run.journal.close()
    display.prune(articles_dir, {sha256_hex(data) for path, data in raw.items() if display.extracted(path)})
    return run.report(len(raw))


def _load_or_rebuild_state(config: Config) -> dict[str, SourceRecord]:
    """The state file, with a killed run's journal folded in; without a state file, the records the articles'
    own front matter gives (so that deleting a damaged state never makes ingest write every article twice)."""
    articles_dir, site = config.paths.articles, config.paths.site
    state = load_state(articles_dir)
    _remove_leftovers(articles_dir)
    if not state and not (articles_dir / STATE_FILE).is_file() and articles_dir.is_dir():
        state = rebuild_state(list(_records_in_articles(articles_dir, site)))
    replay_journal(site, articles_dir, state)
    return state


def _remove_leftovers(articles_dir: Path) -> None:
    """Temporary files a killed run left behind (write_atomic's `.NAME.*.tmp`): never articles, never followed."""
    if articles_dir.is_dir():
        for leftover in articles_dir.rglob(".*.tmp"):
            if leftover.is_symlink() or leftover.is_file():
                leftover.unlink(missing_ok=True)


def _records_in_articles(articles_dir: Path, site: Path) -> Iterator[tuple[str, ArticleRecord]]:
    for file in sorted(articles_dir.rglob("*.md")):
        try:
            article = read_article(file, site)
        except (FrontMatterError, OSError):
            continue  # the build reports it; ingest can only leave it alone
        if article.source is not None:
            yield article.source.path, ArticleRecord(article.source.part, article.path, article.slug, "")


def list_sources(directory: Path) -> list[Path]:
    """Every source file, and every other entry named like one (a broken link, a FIFO): those are reported,
    never silently skipped."""
    if not directory.is_dir():
        return []
    return sorted(f for f in directory.rglob("*") if not f.is_dir() and f.suffix.lower() in SOURCE_SUFFIXES
                  and not any(part.startswith(".") for part in f.relative_to(directory).parts))


def _read_all(run: Run, files: list[Path]) -> dict[str, bytes]:
    raw: dict[str, bytes] = {}
    inside = (run.site.resolve(), run.config.paths.sources.resolve())
    for file in files:
        # The link's own name, not its target's: a broken link must be reported under the name people see.
        path = f"{display_path(file.parent, run.site)}/{file.name}"
        try:
            _refuse_links_out(file, path, inside)
            data = _read_one(file, path)
        except SourceError as error:
            run.fail(path, None, error.reason, error.hint)
        except OSError as error:
            run.fail(path, None, f"cannot read the source: {error.strerror}", "check the file's permissions")
        else:
            raw[path] = data
    return raw


def _refuse_links_out(file: Path, path: str, inside: tuple[Path, ...]) -> None:
    """Links (the file, or a folder on its way) are followed only to a target inside the site folder or the
    sources folder: a link to /etc/passwd must never become a published article."""
    if not file.exists():
        return  # a broken link: _read_one names it so
    target = file.resolve()
    if not any(target.is_relative_to(root) for root in inside):
        raise SourceError(path, f"is a link to {target}, outside the site folder: links are followed only inside it",
                          "copy the file into content/sources instead of linking to it")


def _read_one(file: Path, path: str) -> bytes:
    """The bytes of a regular file; its size is checked first so a huge file is refused without reading it."""
    if not file.exists():
        raise SourceError(path, "is a broken link: the file it points to does not exist",
                          "restore the file it points to, or remove the link")
    if not file.is_file():
        raise SourceError(path, "is not a regular file (a FIFO, socket or device?)", "sources must be text files")
    error = too_large(file.stat().st_size, path)
    if error:
        raise error
    return file.read_bytes()


def _needs_ingest(run: Run, path: str, data: bytes) -> bool:
    """Unchanged bytes and every article file still present: nothing to do (the cheap path of every build)."""
    record = run.state.get(path)
    if record is None or record.sha256 != state_hash(sha256_hex(data), run.sidecars.get(path)) or run.rules_changed:
        return True
    if all((run.site / a.path).is_file() for a in record.articles):
        run.kept.extend(a.path for a in record.articles)
        run.outcomes[path] = f"unchanged: {_articles(len(record.articles))}"
        return False
    return True


def _ingest_changed(run: Run, raw: dict[str, bytes], changed: list[str]) -> None:
    # Imported here: the extraction rules (hundreds of patterns) are needed only when a source changed, and
    # every build runs ingest first, most often to find nothing to do.
    from site_builder.ingest import furniture
    from site_builder.ingest.entities import build_matcher
    from site_builder.ingest.unknown import load_ignored

    decoded = _decode_all(run, raw, changed)
    repeated = furniture.repeated_lines([[t for _, t in s.lines] for s in decoded.values()])
    authority = load_authority(run.config.paths.entities)
    matcher = build_matcher(authority, load_ignored(run.config.paths.entities))
    acronyms = [name for e in authority.organisations for name in (e.name, *e.aliases) if name.isupper()]
    run.taken = _taken_slugs(run)
    for path in changed:
        if path in decoded:
            _ingest_source(run, decoded[path], matcher, repeated, acronyms)


def _decode_all(run: Run, raw: dict[str, bytes], changed: list[str]) -> dict[str, SourceText]:
    decoded: dict[str, SourceText] = {}
    for path, data in raw.items():
        try:
            decoded[path] = sidecar_of(decode_source(data, path), run.sidecars.get(path))
        except SourceError as error:
            if path in changed:
                run.fail(path, error.line, error.reason, error.hint)
    return decoded


def _taken_slugs(run: Run) -> set[str]:
    """Every slug in use: those ingest recorded and those of articles people added by hand."""
    taken = {a.slug for record in run.state.values() for a in record.articles}
    articles_dir = run.config.paths.articles
    if articles_dir.is_dir():
        taken |= {file.stem for file in articles_dir.rglob("*.md")}
    return taken


def _ingest_source(run: Run, source: SourceText, matcher: Matcher, repeated: frozenset[str],
                   acronyms: list[str]) -> None:
    from site_builder.ingest.extract_source import extract_articles  # see _ingest_changed

    try:
        drafts = extract_articles(source, matcher, repeated, acronyms)
    except Exception as error:  # one bad source must not stop the archive: report it with its name
        run.fail(source.path, None, f"ingest failed: {type(error).__name__}: {error}",
                 "please report this source as a bug; it was skipped")
        return
    if not drafts:
        run.fail(source.path, 1, "no article text found in this source",
                 "is it only navigation or furniture? check that it holds an article")
        return
    display.store(run.config.paths.articles, source)  # what its source page shows, extracted once
    old = run.state.get(source.path)
    previous = {a.part: a for a in old.articles} if old else {}
    plans = [_plan_part(run, source, draft, part, len(drafts), previous.get(part))
             for part, draft in enumerate(drafts, start=1)]
    records = tuple(plan.record for plan in plans if plan.record is not None)
    stamp = state_hash(source.sha256, run.sidecars.get(source.path))  # the source's bytes and its sidecar's
    if any(plan.text is not None for plan in plans):
        run.journal.intend(source.path, SourceRecord(stamp, records))
    for plan in plans:
        if plan.text is not None and plan.record is not None:
            _save(run, plan.record.path, plan.text, previous.get(plan.record.part))
    for part in sorted(set(previous) - set(range(1, len(drafts) + 1))):
        _retire(run, previous[part])
    run.state[source.path] = SourceRecord(stamp, records)
    done = sum(plan.written for plan in plans)
    run.outcomes[source.path] = _articles(done) + (f", {len(plans) - done} failed" if done < len(plans) else "")


@dataclass(frozen=True)
class _Plan:
    """One part of a source: the record the state keeps for it, and the text to write (None: nothing to write)."""

    record: ArticleRecord | None
    text: str | None = None
    written: bool = True  # False: the part failed


def _articles(count: int) -> str:
    return f"{count} article{'s' if count != 1 else ''}"


def _plan_part(run: Run, source: SourceText, draft: Draft, part: int, parts: int,
               old: ArticleRecord | None) -> _Plan:
    from site_builder.ingest.slugs import slugify, unique_slug  # see _ingest_changed

    slug = old.slug if old else unique_slug(slugify(draft.article.title), run.taken)
    run.taken.add(slug)
    ref = SourceRef(source.path, source.sha256, part, parts, draft.lines, url=source.hints.url,
                    outlet=source.hints.outlet or draft.outlet, pages=source.page_range(draft.lines))
    article = _within_limits(replace(apply_hints(draft.article, source.hints, parts), slug=slug, source=ref))
    path = f"{run.articles_rel}/{article.year_segment}/{slug}.md"
    article = replace(article, path=path)
    if not _resolve(run, run.site / path).is_relative_to(run.articles_real):
        # Slugs are [a-z0-9-] only, so this cannot happen; if it ever does, write nothing rather than escape.
        run.failed.append(Problem(source.path, draft.lines[0], f"part {part}: unsafe article path {path}",
                                  "please report this source as a bug"))
        return _Plan(old, written=False)
    text = render_article(article)
    try:
        parse_article(text, path)
    except (FrontMatterError, ContentError) as error:
        run.failed.append(Problem(source.path, draft.lines[0], f"part {part}: {error}", "please report this"))
        return _Plan(old, written=False)
    record = ArticleRecord(part, path, slug, text_hash(text))
    if old and _edited(run, old, text):
        run.kept.append(old.path)
        why = "with the new ingest rules" if run.rules_changed else f"from its changed source {source.path}"
        run.warnings.append(Problem(old.path, None, f"edited by a person since ingest wrote it; kept, not "
                                    f"re-ingested {why}", EDITED_HINT, "warning"))
        return _Plan(old)
    run.unknown.update(draft.unknown)
    if draft.flag:
        run.warnings.append(Problem(path, None, draft.flag, "read the source and edit the article", "warning"))
    if article.date_basis == "inferred":
        run.inferred.append(f"{path}: {article.date.iso or 'no date'} ({article.date.precision})")
    return _Plan(record, text)


def _within_limits(article: Article) -> Article:
    """A title or summary longer than the contract allows (a page that is one endless line) is cut at a word,
    never refused: the text is all in the body."""
    cut = {}
    for key in ("title", "summary"):
        value, limit = getattr(article, key), limits.MAX_FIELD[key]
        if value and len(value) > limit:
            cut[key] = value[:limit - 1].rsplit(" ", 1)[0][:limit - 1] + "…"
    return replace(article, **cut) if cut else article


def _resolve(run: Run, file: Path) -> Path:
    """file.resolve(), from its folder's resolved form when the file itself is no link (it never is, unless
    someone put one there)."""
    if file.name in ("", ".", "..") or file.is_symlink():
        return file.resolve()
    folder = run.real_dirs.get(file.parent)
    if folder is None:
        folder = run.real_dirs[file.parent] = file.parent.resolve()
    return folder / file.name


def _save(run: Run, path: str, text: str, old: ArticleRecord | None) -> None:
    file = run.site / path
    if old and old.path != path and (run.site / old.path).is_file():
        (run.site / old.path).unlink()  # the date moved it to another year; the slug stays
    if file.is_file() and file.read_text(encoding="utf-8") == text:
        run.kept.append(path)
        return
    write_atomic(file, text)
    (run.updated if old else run.written).append(path)


def _edited(run: Run, record: ArticleRecord, ours: str | None = None) -> bool:
    """The file no longer holds what ingest wrote, nor the text `ours` ingest is about to write (a run killed
    after writing it, before saving the state, left exactly that)."""
    file = run.site / record.path
    if not file.is_file():
        return False
    text = file.read_text(encoding="utf-8")
    return text_hash(text) != record.sha256 and text != ours


def _retire(run: Run, record: ArticleRecord) -> None:
    """A part the changed source no longer has: remove its article unless a person edited it."""
    if _edited(run, record):
        message = "its source no longer has this part, but it was edited by a person: kept"
    else:
        (run.site / record.path).unlink(missing_ok=True)
        message = "its source no longer has this part: removed"
    run.warnings.append(Problem(record.path, None, message, None, "warning"))


__all__ = ["STATE_FILE", "IngestReport", "ingest_site", "list_sources"]
