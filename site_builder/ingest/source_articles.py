"""One decoded source -> its articles (without slugs yet): clean, split, read headers, date, tag."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from site_builder.ingest import article_dates, body_markdown, date_finder, glued, titles
from site_builder.ingest.article_fields import article_body, clean_author, tag
from site_builder.ingest.clean import clean_source
from site_builder.ingest.entities import Matcher
from site_builder.ingest.feed import feed_parts
from site_builder.ingest.header import Header, read_header
from site_builder.ingest.listing import split_appended, split_listing
from site_builder.ingest.read import SourceText
from site_builder.ingest.reflow import Block
from site_builder.ingest.split import Part, split_blocks
from site_builder.model import Article, PartialDate


@dataclass(frozen=True)
class Draft:
    article: Article  # slug, source and path are filled in when it is written
    lines: tuple[int, int]
    basis_note: str
    unknown: tuple[str, ...]
    outlet: str | None = None  # the publisher the text names (the dateline's agency: "(EIRNS)", "/TASS/")
    flag: str | None = None  # for an editor: what ingest could not read for sure


def extract_articles(source: SourceText, matcher: Matcher, repeated: frozenset[str] = frozenset(),
                     acronyms: Sequence[str] = ()) -> list[Draft]:
    cleaned = clean_source(source.lines, repeated)
    blocks = glued.split_glued_blocks(cleaned.blocks, matcher.forms)
    # The page's date convention, from the text the articles are read from: for a web page its main text, not
    # its markup (scripts full of numbers cost a third of a page's ingest time); for .txt and PDF the same text.
    month_first = date_finder.page_month_first("\n".join(text for _, text in source.lines))
    parts = feed_parts(source.lines) or [p for p in split_blocks(blocks) if p.blocks]
    if len(parts) == 1 and parts[0].kind == "single":
        parts = split_listing(parts[0].blocks, month_first) or split_appended(parts[0], month_first)
    if cleaned.tail and parts:
        # The related items below an article are articles of the file too, when they read as a listing.
        parts += split_listing(glued.split_glued_blocks(cleaned.tail, matcher.forms), month_first) or []
    hint = source.hints.title if len(parts) == 1 else None
    headers = [read_header(part, hint, month_first) for part in parts]
    stamps = [_stamp_for(part, cleaned.stamps, last=i == len(parts) - 1) for i, part in enumerate(parts)]
    # A listing's teasers report events of any date: only their own date lines and full dates date them.
    clues = [_clues(header, stamp, month_first, part.kind != "listing")
             for part, header, stamp in zip(parts, headers, stamps, strict=True)]
    dated = article_dates.resolve(clues, newest_first=bool(parts) and parts[0].kind == "dispatches",
                           shared=bool(parts) and parts[0].kind in ("digest", "dispatches"))
    if len(parts) == 1 and not dated[0].date.year and source.hints.date:
        dated = [_from_metadata(source, dated[0])]
    drafts = [_draft(part, header, found, matcher, acronyms)
              for part, header, found in zip(parts, headers, dated, strict=True) if header.body]
    return drafts or _everything(source, matcher, acronyms)


def _everything(source: SourceText, matcher: Matcher, acronyms: Sequence[str]) -> list[Draft]:
    """Nothing read as an article (a page of short lines, or all of it taken for furniture): one article with
    every line the page holds, flagged for an editor, rather than nothing."""
    lines = [(number, " ".join(text.split())) for number, text in source.lines if text.strip()]
    if not lines:
        return []
    blocks = tuple(Block(number, number, text) for number, text in lines)
    header = Header(None, None, None, blocks, False, lines[0][0])
    part = Part(None, blocks, "single")
    draft = _draft(part, header, article_dates.Dated(PartialDate(), article_dates.INFERRED), matcher, acronyms)
    return [replace(draft, flag="no article text recognised: every line of the page was kept; check it")]


def _from_metadata(source: SourceText, found: article_dates.Dated) -> article_dates.Dated:
    """No date in the text: the page's own metadata (JSON-LD, meta tags, the sidecar), said to be so."""
    try:
        date = PartialDate.parse(source.hints.date)
    except ValueError:
        return found
    origin = source.hints.date_origin or "the page's metadata"
    note = f"from {origin}" + (f"; {found.note}" if found.note else "")
    return article_dates.Dated(date, "metadata", note)


def _stamp_for(part: Part, stamps: Sequence[tuple[int, str]], last: bool) -> date_finder.DateMention | None:
    """A stamp belongs to the article it sits in, or to the last one when it follows them all."""
    first, end = part.lines
    for line, text in stamps:
        if first <= line and (line <= end or last):
            found = date_finder.find_dates(text)
            if found:
                return found[0]
    return None


def _clues(header: Header, stamp: date_finder.DateMention | None, month_first: bool,
           events: bool) -> article_dates.Clues:
    lead = next((b.text for b in header.body if b.kind == "paragraph" and len(b.text) >= 40), "")
    text = "\n".join(b.text for b in header.body)
    dateline = header.dateline or _dating_line(header, month_first)
    own = date_finder.dateline(lead, month_first)
    if dateline and own and (own.month, own.day) != (dateline.month, dateline.day):
        dateline = own  # the article's own dateline beats a date line of the page (a site's "today" header)
    return article_dates.clues(header.title or "", dateline, lead, text, stamp, month_first, events)


def _dating_line(header: Header, month_first: bool) -> date_finder.DateMention | None:
    """A line of the article that does nothing but date it ('March 11, 2025', 'Xinhua, September 3, 2013'),
    wherever the page put it: a full date only, never one inside running text."""
    for block in header.body:
        mention = date_finder.date_line(block.text, month_first)
        if mention is not None and mention.full:
            return mention
    return None


def _draft(part: Part, header: Header, found: article_dates.Dated, matcher: Matcher, acronyms: Sequence[str]) -> Draft:
    raw_title = header.title or _fallback_title(header)
    title = titles.title_case(raw_title, acronyms)
    tags = tag(matcher, title, header.body)
    body, summary = article_body(header)
    article = Article(
        title=title, slug="article", date=found.date, date_basis=found.basis,
        author=clean_author(header.author, matcher), countries=tags.countries,
        countries_mentioned=tags.countries_mentioned, organisations=tags.organisations, people=tags.people,
        summary=summary, source=None, body=body, date_note=found.note,
    )
    lines = (header.first_line or part.lines[0], part.lines[1])
    return Draft(article, lines, found.basis, tags.unknown)


def _fallback_title(header: Header) -> str:
    """No title in the source: the first sentence with words in it, shortened; editors are told to check it."""
    for block in header.body:
        text = body_markdown.strip_dateline(block.text)
        words = body_markdown.split_sentences(text)[0].rstrip(".").split() if text else []
        if sum(ch.isalnum() for ch in " ".join(words)) >= 3:
            return " ".join(words[:14]) + ("…" if len(words) > 14 else "")
    return "Untitled"
