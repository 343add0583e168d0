"""Shared, generic fixtures for the core tests: an article factory, a small authority, a bare site folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from site_builder.authority import Authority
from site_builder.model import Article, Entity, EntityKind, PartialDate, SourceRef

ArticleFactory = Callable[..., Article]


def _article(**overrides: Any) -> Article:
    """A valid article; any field can be overridden, `date` also as an ISO string."""
    fields: dict[str, Any] = {
        "title": "Kazakhstan and Azerbaijan Strengthen Cooperation",
        "slug": "kazakhstan-and-azerbaijan-strengthen-cooperation",
        "date": PartialDate(2017, 4, 3),
        "date_basis": "stated",
        "author": None,
        "countries": ("Kazakhstan", "Azerbaijan"),
        "countries_mentioned": ("Kazakhstan", "Azerbaijan", "Russia"),
        "organisations": ("SCO",),
        "people": ("Nursultan Nazarbayev",),
        "summary": "Two presidents meet in Astana.",
        "source": SourceRef("content/sources/000_digest.txt", "ab" * 32, 1, 6, (1, 62)),
        "body": "The presidents met.\n\nThey signed six agreements.",
        "path": "content/articles/2017/kazakhstan-and-azerbaijan-strengthen-cooperation.md",
    }
    fields.update(overrides)
    if isinstance(fields["date"], str | None):
        fields["date"] = PartialDate.parse(fields["date"])
    return Article(**fields)


@pytest.fixture(scope="session")
def make_article() -> ArticleFactory:
    return _article


@pytest.fixture
def authority() -> Authority:
    def country(name: str, slug: str, iso2: str) -> Entity:
        return Entity(EntityKind.COUNTRY, name, slug, iso2=iso2)

    return Authority(
        countries=(country("Azerbaijan", "azerbaijan", "AZ"), country("Kazakhstan", "kazakhstan", "KZ"),
                   country("Kyrgyzstan", "kyrgyzstan", "KG"), country("Russia", "russia", "RU")),
        organisations=(Entity(EntityKind.ORGANISATION, "SCO", "sco", aliases=("Shanghai Cooperation Organisation",)),),
        people=(Entity(EntityKind.PERSON, "Nursultan Nazarbayev", "nursultan-nazarbayev", country="Kazakhstan"),),
    )


@pytest.fixture
def bare_site(tmp_path: Path) -> Path:
    """A site folder with nothing but content/sources/ (settings, templates and entities fall back)."""
    site = tmp_path / "site"
    (site / "content" / "sources").mkdir(parents=True)
    return site
