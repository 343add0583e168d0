"""What a source says of itself, used where its text says nothing: the page's metadata date when the text rules
found no date of the article's own (or only inferred one from context), and its byline author.

The text rules weigh hints against the text (docs/extraction.md); this is the last step, and it never overrides
a date or an author the article's own text gives."""

from __future__ import annotations

from dataclasses import replace

from site_builder.ingest.read import SourceHints
from site_builder.model import Article, PartialDate


def apply_hints(article: Article, hints: SourceHints, parts: int) -> Article:
    """The article, with the page's own date and author where its text gave none. Only for a source of one
    article: a listing's or a newsletter's metadata date is the page's, not each item's."""
    if parts != 1:
        return article
    if hints.author and not article.author:
        article = replace(article, author=hints.author)
    if not hints.date:
        return article
    try:
        date = PartialDate.parse(hints.date[:10])
    except ValueError:
        return article
    own = article.date.year is not None and article.date_basis in ("stated", "manual")
    if own or (article.date.year is not None and hints.date_basis != "metadata"):
        return article  # the text's own date, or a date inferred from context against htmldate's guess
    basis = hints.date_basis or "metadata"
    note = f"from {hints.date_origin}" if hints.date_origin else "from the page's metadata"
    return replace(article, date=date, date_basis=basis, date_note=article.date_note or note)
