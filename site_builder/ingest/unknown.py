"""Names that look like entities but are in no authority file: a list for editors, so it must be short and real.

Only person-like shapes ("Khalaf Khalafov", "N. Patrushev") and body-like shapes with a distinctive word
("Eurasian Economic Forum", not "Working Group") are reported, and acronyms that are neither known media nor
legal forms. Capitalised ordinary words are recognised by evidence: the document also writes them in lower
case ("First", "Central" at the start of a sentence or a name).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Container, Sequence
from pathlib import Path

import yaml

from site_builder.ingest import titles
from site_builder.ingest.entities import GENERIC_WORDS, Hit

MEDIA_FILE = "media.yaml"
# "[A-Z](?<!\w[A-Z])" is "\b[A-Z]" with the boundary checked after the capital: re skips straight to capitals
# instead of trying the whole pattern at every position (a leading assertion defeats that).
CAPITAL = r"[A-Z](?<!\w[A-Z])"
PERSON_LIKE = re.compile(
    CAPITAL + r"(?:\.\s?|[a-z]+\s)[A-Z][a-z]+(?:ov|ev|yev|iyev|ova|eva|enko|uly|kyzy|"
    r"dze|shvili|yan|ian|zade|bek|bayev|beyli|oglu|ski|sky)\b"
)
_BODY_WORD = r"[a-z]+\s(?:(?:of|for|and|on|the)\s)*"
BODY_LIKE = re.compile(
    CAPITAL + _BODY_WORD + r"(?:[A-Z]" + _BODY_WORD + r"){0,4}(?:Organi[sz]ation|Council|Union|"
    r"Committee|Agency|Forum|Commission|Bank|Fund|Assembly|Parliament|Party|Institute|"
    r"Association|Conference|Community|Corporation|Group|Secretariat|Structure|Initiative)\b"
)
ACRONYM = re.compile(CAPITAL + r"[A-Z]{2,5}\b")
LOWER_WORD = re.compile(r"[a-z](?<!\w[a-z])[a-z]*\b")
# Words that open a name without being part of it: articles, offices, ordinals.
LEADING = frozenset((  # noqa: SIM905 - a word list reads best as one string
    "The In On At As For And But This That These Those It Its Of To By With From A An Our Their His Her "
    "President Prime Minister Deputy Director Secretary Chairman Chair Head General Ambassador Executive "
    "First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth Annual Regular Extraordinary "
    "Informal Joint Acting Former New"
).split())
# Acronyms that are not bodies: legal forms of companies, diseases, economics, time zones.
NOT_BODIES = frozenset((  # noqa: SIM905 - a word list reads best as one string
    "CJSC OJSC PJSC JSC LLC LLP PLC INC LTD NGO NGOS COVID SARS GDP GNP FDI LNG ICT CEO CFO USD EUR KZT "
    "RUB GMT UTC EST PDF HTML VIP ATM"
).split())


def load_ignored(entities: Path) -> frozenset[str]:
    """Known media (news agencies and papers): named as sources of news, never entities to tag."""
    file = entities / MEDIA_FILE
    if not file.is_file():
        return frozenset()
    records = yaml.safe_load(file.read_text(encoding="utf-8")) or []
    names = [r if isinstance(r, str) else [r.get("name"), *(r.get("aliases") or [])] for r in records]
    flat = [n for item in names for n in (item if isinstance(item, list) else [item]) if n]
    return frozenset(str(n) for n in flat)


def unknown_names(text: str, hits: Sequence[Hit], known: Collection[str],
                  ignored: Collection[str] = ()) -> tuple[str, ...]:
    covered = [(h.start, h.end) for h in hits]
    lower = _LowerWords(text)
    found: set[str] = set()
    for pattern, shape in ((PERSON_LIKE, _person), (BODY_LIKE, _body), (ACRONYM, _acronym)):
        for match in pattern.finditer(text):
            if _overlaps(match.start(), match.end(), covered):
                continue
            name = shape(match.group(0), lower)
            if name and name not in known and name not in ignored and not _has_ignored(name, ignored):
                found.add(name)
    return tuple(sorted(found))


class _LowerWords:
    """The words the text writes in lower case, found the first time a name needs them (most never do)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words: set[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self.words is None:
            self.words = set(LOWER_WORD.findall(self.text))
        return word in self.words


def _person(name: str, lower: Container[str]) -> str | None:
    """A person's name has no ordinary word in it: 'First Eurasian', 'Central Asian' are not people."""
    words = name.split()
    if any(w in LEADING or w in GENERIC_WORDS or w.lower() in lower for w in words):
        return None
    return name


def _body(name: str, lower: Container[str]) -> str | None:
    """Drop the words that open it ('Director of the ...', 'First ...'); keep it only with a distinctive word."""
    words = name.split()
    while words and (words[0] in LEADING or words[0] in ("of", "the", "for", "and", "on")):
        words = words[1:]
    distinctive = [w for w in words if w[:1].isupper() and w not in GENERIC_WORDS and w.lower() not in lower]
    if len(words) < 2 or not distinctive:
        return None
    return " ".join(words)


def _acronym(name: str, lower: Container[str]) -> str | None:
    if name in NOT_BODIES or name in titles.ACRONYMS or titles.ROMAN.match(name):
        return None
    return name


def _has_ignored(name: str, ignored: Collection[str]) -> bool:
    return any(word in ignored for word in name.split())


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)
