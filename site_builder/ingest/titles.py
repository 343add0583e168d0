"""Titles and bylines: proper title case for ALL-CAPS headings, authors from bylines and title prefixes."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Lower case inside a title (never first or last): articles, conjunctions and short prepositions.
SMALL_WORDS = frozenset((  # noqa: SIM905 - a word list reads best as one string
    "a an the and but or nor for of on in at to by with from as vs via per into onto upon over off up out"
).split())
# Acronyms that stay in capitals even when they are not in the authority files.
ACRONYMS = frozenset((  # noqa: SIM905 - a word list reads best as one string
    "USA UK UAE EU UN NATO OSCE CIS SCO CSTO EAEU EEU CCTS OTS OIC CICA TURKPA TURKSOY ASEAN BRICS IMF "
    "WTO OPEC G7 G20 DPRK PRC ROK USSR ICT GDP LNG CEO TAPI CASA ECO SPECA"
).split())
ROMAN = re.compile(r"^(?=[IVXLC]{2,})M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$", re.IGNORECASE)
TERMINAL = (".", ";", ",")
NAME_WORD = r"[A-Z][a-z’'\-]+|[A-Z]{2,}[a-z]*|[A-Z]\."
PERSON_NAME = re.compile(rf"^(?:{NAME_WORD})(?:\s+(?:{NAME_WORD})){{1,3}}$")
BY = re.compile(r"^by\s+", re.IGNORECASE)
# Words that start the line after a byline: the author's position.
ROLES = re.compile(
    r"^(of the|Ambassador|Minister|Deputy|Director|Head|Chair|President|Professor|Prof\.|Dr\.?|"
    r"Senior|Chief|Editor|Correspondent|Journalist|Analyst|Expert|Researcher|Advisor|Adviser|"
    r"Secretary|Counsellor|Counselor|Consul|Member|Fellow|Lecturer|Special|Staff|Political)\b"
)
TITLE_PREFIX_AUTHOR = re.compile(r"^(?P<name>[A-Z][a-z’'\-]+(?:\s+[A-Z][a-z’'\-]+){1,2})\.\s+(?P<title>\S.{8,})$")


def is_all_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= 0.85 * len(letters)


def title_case(text: str, acronyms: Iterable[str] = ()) -> str:
    """'KYRGYZSTAN HAS CELEBRATED 7th ANNIVERSARY OF THE APRIL REVOLUTION' ->
    'Kyrgyzstan Has Celebrated 7th Anniversary of the April Revolution'. Mixed-case titles are kept as written."""
    if not is_all_caps(text):
        return text
    keep = ACRONYMS | {a for a in acronyms if a.isupper()}
    words = text.split()
    # A word after a colon starts a subtitle: capitalised like a first word.
    starts = [i == 0 or words[i - 1].endswith((":", "—", "–")) for i in range(len(words))]
    return " ".join(_word_case(word, 0 if starts[i] else i, len(words), keep) for i, word in enumerate(words))


def _word_case(word: str, index: int, count: int, keep: frozenset[str]) -> str:
    if "-" in word and not word.startswith("-"):
        return "-".join(_word_case(part, index if n == 0 else 1, count, keep) for n, part in enumerate(word.split("-")))
    core = word.strip("\"'“”‘’«»():,.!?;")
    lead = word[: word.find(core)] if core else word
    tail = word[len(lead) + len(core) :]
    return lead + _core_case(core, index, count, keep) + tail


def _core_case(core: str, index: int, count: int, keep: frozenset[str]) -> str:
    if not core:
        return core
    bare = core[:-2] if core.endswith(("’S", "'S")) else core
    if bare in keep or ROMAN.match(bare) or (not any(ch in "AEIOUYaeiouy" for ch in bare) and bare.isalpha()):
        return bare + core[len(bare) :].lower()  # an acronym, a Roman numeral, a word with no vowel: "SCTO"
    if ORDINAL.match(core):
        return core.lower()
    lower = core.lower()
    if lower in SMALL_WORDS and 0 < index < count - 1:
        return lower
    return lower[:1].upper() + lower[1:]


def normalise_name(name: str) -> str:
    """'Galymzhan KOISHYBAYEV' -> 'Galymzhan Koishybayev'."""
    words = BY.sub("", name).split()
    return " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in words)


def looks_like_title(text: str) -> bool:
    words = text.split()
    starts_well = text[:1].isupper() or text[:1].isdigit() or text[:1] in "\"“«‘'"
    return starts_well and 2 <= len(words) <= 30 and len(text) <= 250 and not text.endswith(TERMINAL)


def author_from_title(title: str) -> tuple[str, str] | None:
    """'Galymzhan Koishybayev. Central Asia: ...' -> ('Galymzhan Koishybayev', 'Central Asia: ...')."""
    match = TITLE_PREFIX_AUTHOR.match(title)
    if not match:
        return None
    return match.group("name"), match.group("title")


def byline_name(text: str) -> str | None:
    """The person a byline names: 'Beybit Isabayev', 'By John Smith', 'Galymzhan KOISHYBAYEV, Deputy Minister'."""
    head = BY.sub("", text.split(",")[0].strip())
    if len(text) > 200 or not PERSON_NAME.match(head):
        return None
    if "," not in text and not BY.match(text) and len(text.split()) > 4:
        return None
    return normalise_name(head)


def is_role_line(text: str) -> bool:
    return bool(ROLES.match(text)) and len(text) <= 250 and not text.endswith((".", "!", "?"))


def same_text(a: str, b: str) -> bool:
    return " ".join(a.lower().split()).strip(" .:") == " ".join(b.lower().split()).strip(" .:")
