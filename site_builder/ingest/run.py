"""ingest_site: sources -> content/articles, cheaply when nothing changed, never over an editor's work."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder import limits
from site_builder.authority import load_authority
from site_builder.config import Config, beside
from site_builder.documents import FrontMatterError, parse_article, render_article
from site_builder.errors import ContentError, Problem, display_path
from site_builder.ingest import display
from site_builder.ingest.hints import apply_hints
from site_builder.ingest.inventory import list_files, list_sources, read_regular, refuse_links_out
from site_builder.ingest.read import SourceError, SourceText, decode_source, sha256_hex
from site_builder.ingest.report import IngestReport
from site_builder.ingest.resume import load_or_rebuild_state
from site_builder.ingest.sidecar import read_sidecars, sidecar_of, state_hash
from site_builder.ingest.stamps import STAMPS_NAME, Stamp, load_stamps, save_stamps, stamp_of
from site_builder.ingest.state import (
    RULES_VERSION,
    STATE_FILE,
    ArticleRecord,
    Journal,
    SourceRecord,
    load_rules_version,
    save_state,
    text_hash,
    write_atomic,
)
from site_builder.model import Article, SourceRef

if TYPE_CHECKING:
    from site_builder.ingest.entities import Matcher
    from site_builder.ingest.source_articles import Draft

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
    files: dict[str, Path] = field(default_factory=dict)  # source -> its file
    hashes: dict[str, str] = field(default_factory=dict)  # source -> sha256 of its bytes (read, or by its stamp)
    stamps: dict[str, tuple[Stamp, str]] = field(default_factory=dict)  # source -> stamp and hash, for the next run
    inside: tuple[Path, ...] = ()  # where a source's links may lead: the site folder and the sources folder
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
                            tuple(sorted(self.unknown)), tuple(sorted(self.outcomes.items())),
                            tuple(sorted(self.hashes.items())))


def ingest_site(config: Config) -> IngestReport:
    articles_dir = config.paths.articles
    state, as_read = load_or_rebuild_state(config)
    run, rules = Run(config, state), load_rules_version(articles_dir)
    run.rules_changed = bool(run.state) and rules != RULES_VERSION
    stamps_file = beside(config.paths.output, STAMPS_NAME)
    old_stamps = load_stamps(stamps_file)
    read_at = time.time_ns()  # before the first stat: a file modified after it may keep its stamp
    source_files, sidecar_files = list_files(config.paths.sources)
    raw = _read_all(run, source_files, old_stamps)
    run.sidecars = read_sidecars(config.paths.sources, config.paths.site, raw, sidecar_files)
    for path in sorted(set(run.state) - set(raw)):
        run.warnings.append(Problem(path, None, "source no longer exists; its articles were left in place",
                                    "delete the articles too if the source was removed on purpose", "warning"))
        del run.state[path]
    changed = [path for path in raw if _needs_ingest(run, path)]
    if changed:
        changed += [p for p in _read_rest(run, raw) if p not in changed]  # every source's furniture is compared
        _ingest_changed(run, raw, changed)
    if run.state != as_read or rules != RULES_VERSION:  # else the file holds this state: no need to dump it
        save_state(articles_dir, run.state)
    save_stamps(stamps_file, {path: value for path, value in run.stamps.items() if path in run.state
                               and run.state[path].sha256 == state_hash(value[1], run.sidecars.get(path))},
                old_stamps, read_at)
    run.journal.close()
    display.prune(articles_dir, {run.hashes[path] for path in raw if display.extracted(path)})
    return run.report(len(raw))


def _read_all(run: Run, files: list[Path], stamps: dict[str, tuple[Stamp, str]]) -> dict[str, bytes | None]:
    """Every source's bytes, or None for a source whose file still has the stamp it had when ingest last read
    it (its hash is then the one recorded with the stamp, and it is not read)."""
    raw: dict[str, bytes | None] = {}
    folders: dict[Path, str] = {}  # display_path resolves: once a folder, not once a source
    run.inside = (run.site.resolve(), run.config.paths.sources.resolve())
    for file in files:
        # The link's own name, not its target's: a broken link must be reported under the name people see.
        folder = folders.get(file.parent) or folders.setdefault(file.parent, display_path(file.parent, run.site))
        path = f"{folder}/{file.name}"
        run.files[path] = file
        try:
            stamp = stamp_of(os.stat(file))  # before reading: a change made while reading gives a new stamp
        except OSError:
            stamp = None  # read_regular says why
        known = stamps.get(path)
        if stamp is not None and known is not None and known[0] == stamp:
            raw[path], run.hashes[path], run.stamps[path] = None, known[1], known
            continue
        data = _read_reported(run, file, path)
        if data is not None:
            raw[path], run.hashes[path] = data, sha256_hex(data)
            if stamp is not None:
                run.stamps[path] = (stamp, run.hashes[path])
    return raw


def _read_reported(run: Run, file: Path, path: str) -> bytes | None:  # None: the failure is reported
    try:
        refuse_links_out(file, path, run.inside)
        return read_regular(file, path)
    except SourceError as error:
        run.fail(path, None, error.reason, error.hint)
    except OSError as error:
        run.fail(path, None, f"cannot read the source: {error.strerror}", "check the file's permissions")
    return None


def _read_rest(run: Run, raw: dict[str, bytes | None]) -> list[str]:
    """Read the sources passed by their stamps; returns those whose bytes are not what the stamp said after all
    (changed since the stat), to be ingested too."""
    moved: list[str] = []
    for path, data in list(raw.items()):
        if data is not None:
            continue
        data = _read_reported(run, run.files[path], path)
        if data is None:
            del raw[path]
            run.stamps.pop(path, None)
            continue
        raw[path] = data
        if sha256_hex(data) != run.hashes[path]:
            run.hashes[path] = sha256_hex(data)
            run.stamps.pop(path, None)
            gone = {a.path for a in run.state[path].articles} if path in run.state else set()
            run.kept = [k for k in run.kept if k not in gone]
            moved.append(path)
    return moved


def _needs_ingest(run: Run, path: str) -> bool:
    """Unchanged bytes and every article file still present: nothing to do (the cheap path of every build)."""
    record = run.state.get(path)
    if record is None or record.sha256 != state_hash(run.hashes[path], run.sidecars.get(path)) \
            or run.rules_changed:
        return True
    if all(os.path.isfile(f"{run.site}/{a.path}") for a in record.articles):  # os.path: cheaper than a Path each
        run.kept.extend(a.path for a in record.articles)
        run.outcomes[path] = f"unchanged: {_articles(len(record.articles))}"
        return False
    return True


def _ingest_changed(run: Run, raw: dict[str, bytes | None], changed: list[str]) -> None:
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


def _decode_all(run: Run, raw: dict[str, bytes | None], changed: list[str]) -> dict[str, SourceText]:
    decoded: dict[str, SourceText] = {}
    for path, data in raw.items():
        if data is None:
            continue  # _read_rest read every source that was left unread
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
    from site_builder.ingest.source_articles import extract_articles  # see _ingest_changed

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
