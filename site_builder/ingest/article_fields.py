"""Extract an article's metadata from its part of a source: title, author, entities, summary, body."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from site_builder.ingest import body_markdown, unknown
from site_builder.ingest.entities import COUNTRY, DEMONYM, ORGANISATION, PERSON, REGIONS, Hit, Matcher
from site_builder.ingest.header import Header
from site_builder.ingest.reflow import Block

TITLE_WEIGHT, LEAD_WEIGHT = 6, 3
LEAD_COUNT, FREQUENT = 3, 5  # named in the lead and again; or named this often (and half as often as the top)
TOP_SHARE, FOCUSED = 0.6, 2
OPENING = 3  # paragraphs


@dataclass(frozen=True)
class Tags:
    countries: tuple[str, ...]
    countries_mentioned: tuple[str, ...]
    organisations: tuple[str, ...]
    people: tuple[str, ...]
    unknown: tuple[str, ...]


def tag(matcher: Matcher, title: str, body: Sequence[Block]) -> Tags:
    full = title + "\n" + "\n".join(block.text for block in body)
    title_hits, hits = matcher.hits(title, in_title=True), matcher.hits(full)
    # The lead (the first paragraph of 40 characters or more) and the opening paragraphs are spans of `full`:
    # their hits are the full text's hits inside them (one pass of the matcher, not three).
    offset, lead_span = len(title) + 1, (0, 0)
    for index, block in enumerate(body):
        if not lead_span[1] and len(block.text) >= 40:
            lead_span = (offset, offset + len(block.text))
        offset += len(block.text) + 1
        if index + 1 == OPENING:
            break
    opening_end = offset
    lead_hits = [h for h in hits if lead_span[0] <= h.start and h.end <= lead_span[1]]
    opening_hits = [h for h in hits if len(title) < h.start and h.end <= opening_end]
    mentioned = _names(hits, COUNTRY)
    about = _about(matcher, title, title_hits, (lead_hits, opening_hits), hits, mentioned)
    return Tags(
        about,
        tuple(sorted(mentioned)),
        tuple(sorted(_names(hits, ORGANISATION))),
        tuple(sorted(_names(hits, PERSON))),
        unknown.unknown_names(full, hits, matcher.forms, matcher.ignored),
    )


def _names(hits: Sequence[Hit], kind: str) -> set[str]:
    return {hit.name for hit in hits if hit.kind == kind}


def _about(
    matcher: Matcher,
    title: str,
    title_hits: Sequence[Hit],
    lead_opening: tuple[Sequence[Hit], Sequence[Hit]],
    hits: Sequence[Hit],
    mentioned: set[str],
) -> tuple[str, ...]:
    """What the article is about: the title weighs most, then the lead, then how often a country is named.
    A person in the title stands for their country ('Talks with Lukashenko'), a region for its states."""
    lead_hits, opening_hits = lead_opening
    in_title = _names(title_hits, COUNTRY) | {
        matcher.person_country.get(h.name, "") for h in title_hits if h.kind == PERSON
    }
    in_title &= mentioned
    # A region in the title ("Russia's Relations With Central Asia", "Central Asians in Russia") stands for its
    # states, named one by one or not.
    regional = {c for region, members in REGIONS.items() if re.search(rf"\b{region}", title) for c in members}
    in_title |= regional
    mentioned = mentioned | regional
    # Only names, capitals and demonyms count: a person in the body is no evidence of what the article is about
    # (the CSTO's Belarusian secretary-general does not make a Dushanbe summit about Belarus); people only break
    # ties and add weight to a country named 3+ times itself. A demonym in the lead ("the Afghan situation") is
    # a topic in passing: names and capitals give the lead's weight. The opening paragraphs (OPENING) count like
    # the lead when they are about one or two countries, or name the country again and again (a participant list
    # in passing does not make its states the subject).
    counts = Counter(hit.name for hit in hits if hit.kind == COUNTRY)
    people = Counter(matcher.person_country[h.name] for h in hits
                     if h.kind == PERSON and h.name in matcher.person_country)
    lead = {hit.name for hit in lead_hits if hit.kind == COUNTRY and hit.how != DEMONYM}
    opening = {hit.name for hit in opening_hits if hit.kind == COUNTRY}
    top = max(counts.values(), default=0)
    focused = len(lead) <= FOCUSED  # a lead about one or two countries names what the article is about
    frequent = max(FREQUENT, TOP_SHARE * top)
    chosen = [c for c in mentioned if c in in_title or (c in lead and (focused or counts[c] >= LEAD_COUNT))
              or (c in opening and (len(opening) <= FOCUSED or counts[c] >= LEAD_COUNT))
              or counts[c] >= frequent or (counts[c] >= LEAD_COUNT and counts[c] + people[c] >= frequent)]
    chosen = chosen or [max(mentioned, key=lambda c: (counts[c], c in lead, people[c], c))] if mentioned else []
    score = {c: (TITLE_WEIGHT * (c in in_title) + LEAD_WEIGHT * (c in lead) + min(counts[c], 10), people[c])
             for c in chosen}
    return tuple(sorted(chosen, key=lambda c: (-score[c][0], -score[c][1], c)))


def clean_author(author: str | None, matcher: Matcher) -> str | None:
    """A 'byline' that names a country or an organisation ('Central Asia') is not an author."""
    if author and any(hit.kind != PERSON for hit in matcher.hits(author)):
        return None
    return author


def article_body(header: Header) -> tuple[str, str | None]:
    return body_markdown.body_markdown(header.body), body_markdown.summary(header.body)
