"""Tag articles with the countries, organisations and people of the authority files.

Every surface form of every entity (canonical name, aliases and misspellings, demonyms, capitals, "N. Surname")
goes into one compiled regular expression, built as a trie so that matching stays fast however large the
authority files grow. Matching is case-sensitive: "china" and "turkey" in lower case are not countries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from site_builder.authority import Authority
from site_builder.model import Entity

COUNTRY, ORGANISATION, PERSON = "country", "organisation", "person"
NAME, CAPITAL, DEMONYM = "name", "capital", "demonym"
# A city followed by another capitalised word is part of a proper name ("Astana Opera House", "OSCE Minsk
# Group", "Minsk Agreements"): a venue or an organisation, not the country.
PROPER_NAME_FOLLOWS = re.compile(r"[ \u00a0]+(?:[A-Z][a-z]|[A-Z]{2,})")
# In a title every word is capitalised, so only these words mark a venue or an organisation there.
VENUE_FOLLOWS = re.compile(r"[ \u00a0]+(?:Opera|House|Group|Process|Format|Club|Airport|Hotel|University|Palace|Arena|"
                           r"Cent(?:re|er)|Street|Avenue|Square|Declaration|Agreements?|Protocol|Times|Stock|Exchange|"
                           r"International|Expo|Marathon|Initiative|Dialogue|Forum)\b")
# An organisation's name made only of these words is generic: "Security Council", "General Assembly". Right
# after another name or a possessive ("SCO Security Council", "Russia’s Security Council") or before "of
# <Name>" it is that country's or body's organ, not the world body an authority alias may give it to.
GENERIC_WORDS = frozenset((  # noqa: SIM905 - a word list reads best as one string
    "Security Council Councils General Assembly Secretariat Commission Committee Parliament Court Bank Fund Union "
    "Organisation Organization Summit Forum Conference Executive Supreme Economic National Central Development "
    "Human Rights Foreign Ministers Heads State States Government Intergovernmental Interparliamentary "
    "Parliamentary Joint Permanent Standing Working Group Business Board Office Agency Secretary of the for and on"
).split())
OWNER_BEFORE = re.compile(r"(?:[\w)][’']s|\b(?!(?:The|A|An|This|That|Its|Their|Our|His|Her)\b)[A-Z][\w\-]*)\s+$")
OWNER_AFTER = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
# A person's name inside the name of an award, a place or an institution names that thing, not the person:
# "Order of Heydar Aliyev", "a street named after ... Heydar Aliyev", "Heydar Aliyev Airport".
NAMED_FOR_BEFORE = re.compile(
    r"(?:\b(?:Order|Medal|Prize|Award|Cup|Foundation|Museum|Mausoleum|Library|University|Institute|School|"
    r"Street|Avenue)\s+of\s+(?:the\s+)?"
    r"|\bnamed\s+(?:after|for|in\s+hono(?:u)?r\s+of)\s+(?:(?:the|of|[A-Z][\w’'\-]*)\s+){0,8})$")
NAMED_FOR_AFTER = re.compile(
    r"\s+(?:International\s+)?(?:Street|Avenue|Prospekt|Prospect|Boulevard|Square|Airport|Prize|"
    r"Award|Medal|Order|Foundation|Fund|Cent(?:re|er)|Museum|University|Institute|School|Library|Park|Stadium|"
    r"Palace|Mosque|Cup|Scholarship|Station)\b")
CHARTER_AFTER = re.compile(r"\s+Charter\b")
CONTEXT = 120  # characters looked at before a name

# Regions name their member states (data; an authority 'regions' file would be the place for it later).
REGIONS = {
    "Central Asia": ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"),
    "Central Asian": ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"),
    "South Caucasus": ("Armenia", "Azerbaijan", "Georgia"),
}


Trie = dict[str, "Trie"]


@dataclass(frozen=True)
class Hit:
    kind: str
    name: str  # canonical
    how: str  # name | capital | demonym
    start: int
    end: int


@dataclass(frozen=True)
class Matcher:
    pattern: re.Pattern[str]
    forms: dict[str, tuple[tuple[str, str, str], ...]]  # surface -> ((kind, canonical, how), ...)
    person_country: dict[str, str] = field(default_factory=dict)
    ignored: frozenset[str] = frozenset()  # known media: never entities, never reported as unknown names

    def hits(self, text: str, in_title: bool = False) -> list[Hit]:
        follows = VENUE_FOLLOWS if in_title else PROPER_NAME_FOLLOWS
        found: list[Hit] = []
        for match in self.pattern.finditer(text):
            seen: set[tuple[str, str]] = set()  # "Belarus" is a name and a demonym: one mention, not two
            for kind, name, how in self.forms.get(match.group(0), ()):
                if (kind, name) in seen or (how == CAPITAL and follows.match(text, match.end())):
                    continue
                if _is_mention(kind, text, match):
                    seen.add((kind, name))
                    found.append(Hit(kind, name, how, match.start(), match.end()))
        return found


def _is_mention(kind: str, text: str, match: re.Match[str]) -> bool:
    """False for a generic organ owned by another name and for a person named in an award or a place."""
    if kind == ORGANISATION and CHARTER_AFTER.match(text, match.end()):
        return False  # "the UN Charter": a treaty, not the organisation at work
    if kind == ORGANISATION and is_generic(match.group(0)):
        return not (OWNER_BEFORE.search(_before(text, match)) or OWNER_AFTER.match(text, match.end()))
    if kind == PERSON:
        return not (NAMED_FOR_BEFORE.search(_before(text, match)) or NAMED_FOR_AFTER.match(text, match.end()))
    return True


def _before(text: str, match: re.Match[str]) -> str:
    return text[max(0, match.start() - CONTEXT):match.start()]


@lru_cache(maxsize=4096)  # asked for every mention of an organisation; the surfaces are few
def is_generic(name: str) -> bool:
    return all(word in GENERIC_WORDS for word in name.split())


def trie_pattern(words: Iterable[str]) -> str:
    """One regex for many literal words, factored by common prefix (Python's re tries alternatives in turn)."""
    return _node_regex(_trie(words))


def word_start_trie_pattern(words: Iterable[str]) -> str:
    """trie_pattern(words) where no word character precedes the match, as with a leading (?<!\\w). The check
    sits after each first character instead, so that re can skip straight to the possible first characters
    (any pattern that starts with an assertion is tried at every position of the text)."""
    trie = _trie(words)
    if "" in trie or not trie:
        return r"(?<!\w)(?:" + _node_regex(trie) + ")"
    first = [(re.escape(char), child) for char, child in sorted(trie.items())]
    return "(?:" + "|".join(rf"{char}(?<!\w{char}){_node_regex(child)}" for char, child in first) + ")"


def _trie(words: Iterable[str]) -> Trie:
    trie: Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return trie


def _node_regex(node: Trie) -> str:
    branches = [re.escape(char) + _node_regex(child) for char, child in sorted(node.items()) if char]
    ends = "" in node
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?" if len(branches) == 1 and len(branches[0]) > 1 else f"{body}?"
    return body


def surface_forms(authority: Authority) -> dict[str, tuple[tuple[str, str, str], ...]]:
    forms: dict[str, list[tuple[str, str, str]]] = {}

    def add(surface: str, kind: str, entity: Entity, how: str) -> None:
        surface = " ".join(surface.split())
        if len(surface) >= 2 and (kind, entity.name, how) not in forms.setdefault(surface, []):
            forms[surface].append((kind, entity.name, how))

    for country in authority.countries:
        for surface, how in _country_forms(country):
            add(surface, COUNTRY, country, how)
    for organisation in authority.organisations:
        for name in (organisation.name, *organisation.aliases):
            add(name, ORGANISATION, organisation, NAME)
    for surface, person in _person_forms(authority.people):
        add(surface, PERSON, person, NAME)
    return {surface: tuple(values) for surface, values in forms.items()}


def _country_forms(country: Entity) -> list[tuple[str, str]]:
    forms = [(name, NAME) for name in (country.name, *country.aliases)]
    for demonym in country.demonyms:
        forms.append((demonym, DEMONYM))
        if not demonym.endswith(("s", "sh", "ch", "z", "i", "ese")):
            forms.append((demonym + "s", DEMONYM))  # "Kazakhs arriving in Azerbaijan"
    return forms + [(capital, CAPITAL) for capital in country.capitals]


def _person_forms(people: tuple[Entity, ...]) -> list[tuple[str, Entity]]:
    """Full names and aliases, 'N. Nazarbayev' and 'N.Nazarbayev', and the surname alone when only one
    person of the authority bears it ('Aliyev' could be Heydar or Ilham, so it names neither)."""
    owners: dict[str, set[str]] = {}
    for person in people:
        for name in (person.name, *person.aliases):
            owners.setdefault(name.split()[-1], set()).add(person.name)
    forms: list[tuple[str, Entity]] = []
    for person in people:
        for name in (person.name, *person.aliases):
            words = name.split()
            forms.append((name, person))
            if len(words) >= 2:
                forms += [(f"{words[0][0]}. {words[-1]}", person), (f"{words[0][0]}.{words[-1]}", person)]
                if owners[words[-1]] == {person.name} and len(words[-1]) >= 5:
                    forms.append((words[-1], person))
    return forms


def build_matcher(authority: Authority, ignored: Iterable[str] = ()) -> Matcher:
    forms = surface_forms(authority)
    body = word_start_trie_pattern(sorted(forms)) if forms else "(?!)"
    pattern = re.compile(body + r"(?![\w])")
    person_country = {p.name: p.country for p in authority.people if p.country}
    return Matcher(pattern, forms, person_country, frozenset(ignored))
