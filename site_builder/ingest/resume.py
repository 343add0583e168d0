"""The state an ingest run starts from: the state file, a killed run's journal folded in, its temporary files
removed; without a state file, the records the articles' own front matter gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from site_builder.config import Config
from site_builder.documents import FrontMatterError, read_article
from site_builder.ingest.state import (
    STATE_FILE,
    ArticleRecord,
    SourceRecord,
    load_state,
    rebuild_state,
    replay_journal,
)


def load_or_rebuild_state(config: Config) -> tuple[dict[str, SourceRecord], dict[str, SourceRecord]]:
    """The state file, with a killed run's journal folded in; without a state file, the records the articles'
    own front matter gives (so that deleting a damaged state never makes ingest write every article twice).
    Also the state as the file holds it."""
    articles_dir, site = config.paths.articles, config.paths.site
    state = load_state(articles_dir)
    as_read = dict(state)
    _remove_leftovers(articles_dir)
    if not state and not (articles_dir / STATE_FILE).is_file() and articles_dir.is_dir():
        state = rebuild_state(list(_records_in_articles(articles_dir, site)))
    replay_journal(site, articles_dir, state)
    return state, as_read


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
