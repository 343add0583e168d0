"""Mentions that are not mentions: generic organs owned by another name, people named in awards and places,
people who do not make an article about their country; and the unknown-names report (table-driven)."""

from __future__ import annotations

import pytest

from site_builder.authority import Authority
from site_builder.config import BUILTIN_ENTITIES
from site_builder.ingest.article_fields import tag
from site_builder.ingest.entities import Matcher, build_matcher
from site_builder.ingest.reflow import Block
from site_builder.ingest.unknown import load_ignored, unknown_names
from site_builder.model import Entity, EntityKind

COUNTRY, ORG, PERSON = EntityKind.COUNTRY, EntityKind.ORGANISATION, EntityKind.PERSON


@pytest.fixture(scope="module")
def generic() -> Matcher:
    """An authority that (wrongly, as real files may) lists a generic alias for a world body."""
    return build_matcher(Authority(
        countries=(Entity(COUNTRY, "Russia", "russia", demonyms=("Russian",)),
                   Entity(COUNTRY, "Kazakhstan", "kazakhstan", capitals=("Astana",)),
                   Entity(COUNTRY, "Belarus", "belarus"), Entity(COUNTRY, "Tajikistan", "tajikistan")),
        organisations=(Entity(ORG, "UN Security Council", "unsc", aliases=("Security Council", "UNSC")),
                       Entity(ORG, "SCO", "sco"), Entity(ORG, "CSTO", "csto")),
        people=(Entity(PERSON, "Heydar Aliyev", "heydar-aliyev", country="Azerbaijan"),
                Entity(PERSON, "Stanislav Zas", "stanislav-zas", country="Belarus")),
    ))


@pytest.mark.parametrize(("text", "expected"), [
    ("the Security Council adopted a resolution", {"UN Security Council"}),
    ("the UNSC adopted a resolution", {"UN Security Council"}),
    ("Russia’s Security Council issued a statement", {"Russia"}),
    ("the Russian Security Council met", {"Russia"}),
    ("the SCO Security Council secretaries met", {"SCO"}),
    ("the Security Council of Kazakhstan met", {"Kazakhstan"}),
    ("The Security Council met in New York", {"UN Security Council"}),
    ("a ceremony of presenting the Order of Heydar Aliyev to the guest", set()),
    ("a street named after the National Leader of Azerbaijan Heydar Aliyev", set()),
    ("they landed at Heydar Aliyev International Airport", set()),
    ("the Heydar Aliyev Foundation", set()),
    ("Heydar Aliyev restored the economy", {"Heydar Aliyev"}),
])
def test_what_is_a_mention(generic: Matcher, text: str, expected: set[str]) -> None:
    assert {hit.name for hit in generic.hits(text)} == expected


def test_a_person_does_not_pull_their_country_into_about(generic: Matcher) -> None:
    body = [Block(2, 2, "In Dushanbe, Tajikistan, the CSTO met. Tajikistan hosted it. The Secretary-General of "
                        "the CSTO, Stanislav Zas, spoke. Tajikistan and Russia agreed. Belarus was there.")]
    tags = tag(generic, "CSTO Summit Opens", body)
    assert "Belarus" in tags.countries_mentioned
    assert "Belarus" not in tags.countries


@pytest.mark.parametrize(("text", "reported"), [
    ("Deputy Minister Khalaf Khalafov spoke.", {"Khalaf Khalafov"}),
    ("Secretary - V. Zhumakanov and N. Patrushev", {"V. Zhumakanov", "N. Patrushev"}),
    ("The Working Group met. The working group agreed.", set()),
    ("The First Eurasian Economic Forum opened; the first day was long.", {"Eurasian Economic Forum"}),
    ("Central Asian states met in the central hall.", set()),
    ("A Business Council and an Intergovernmental Commission were set up.", set()),
    ("TASS reported it, citing EIRNS.", set()),
    ("The CJSC and the COVID response of the CMFA.", {"CMFA"}),
    ("Director of the Caspian Energy Agency spoke.", {"Caspian Energy Agency"}),
])
def test_unknown_names(text: str, reported: set[str]) -> None:
    ignored = load_ignored(BUILTIN_ENTITIES)
    assert set(unknown_names(text, [], known=(), ignored=ignored)) == reported
