"""Shared fixtures for the ingest tests: a small authority (tests/ingest/fixtures/entities) and helpers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.authority import Authority, load_authority
from site_builder.ingest.entities import Matcher, build_matcher
from site_builder.ingest.read import decode_source
from site_builder.ingest.source_articles import Draft, extract_articles

FIXTURES = Path(__file__).parent / "fixtures"
ENTITIES = FIXTURES / "entities"


@pytest.fixture(scope="session")
def authority() -> Authority:
    return load_authority(ENTITIES)


@pytest.fixture(scope="session")
def matcher(authority: Authority) -> Matcher:
    return build_matcher(authority)


Extract = Callable[..., list[Draft]]


@pytest.fixture(scope="session")
def extract(matcher: Matcher) -> Extract:
    """Articles extracted from a text, as if it were a source file of that name."""

    def run(text: str, filename: str = "source.txt") -> list[Draft]:
        return extract_articles(decode_source(text.encode("utf-8"), f"content/sources/{filename}"), matcher)

    return run
