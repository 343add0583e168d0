"""The labelled sets: the 14 seed articles and hand-written cases in other outlets' styles (table-driven)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from site_builder.authority import load_authority
from site_builder.config import BUILTIN_ENTITIES
from site_builder.ingest.entities import Matcher, build_matcher
from site_builder.ingest.read import read_source
from site_builder.ingest.source_articles import Draft, extract_articles
from site_builder.ingest.unknown import load_ignored

ROOT = Path(__file__).resolve().parents[2]
LABELLED = ROOT / "tests" / "labelled"
CASES = yaml.safe_load((LABELLED / "cases.yaml").read_text(encoding="utf-8"))
SEEDS = yaml.safe_load((LABELLED / "seeds.yaml").read_text(encoding="utf-8"))
LIST_KEYS = ("countries", "organisations", "people")


def actual(draft: Draft, key: str) -> Any:
    article = draft.article
    if key == "date":
        return article.date.iso
    if key == "date_precision":
        return article.date.precision
    if key in LIST_KEYS:
        return sorted(getattr(article, key))
    return getattr(article, key)


def expected(label: dict[str, Any], key: str) -> Any:
    value = label[key]
    if key == "date" and value is not None:
        return str(value)
    return sorted(value) if key in LIST_KEYS else value


def check(drafts: list[Draft], labels: list[dict[str, Any]]) -> None:
    assert len(drafts) == len(labels), [d.article.title for d in drafts]
    for number, (draft, label) in enumerate(zip(drafts, labels, strict=True), start=1):
        for key in label:
            if key in ("source", "part"):
                continue
            assert actual(draft, key) == expected(label, key), f"article {number}: {key}"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any], extract: Callable[..., list[Draft]]) -> None:
    drafts = extract(case["text"], case.get("filename", "source.txt"))
    check(drafts, case["articles"])
    body = "\n\n".join(d.article.body for d in drafts)
    for text in case.get("body_has", []):
        assert text in body
    for text in case.get("body_lacks", []):
        assert text not in body


def test_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30


SEED_SOURCES = sorted({s["source"] for s in SEEDS})
EXACT = ("title", "author", "date", "date_precision", "date_basis", "countries", "organisations")
REAL_ENTITIES = BUILTIN_ENTITIES


@pytest.fixture(scope="module")
def real_matcher() -> Matcher:
    """The seeds are real sources: they are labelled with, and checked against, the site's authority files."""
    return build_matcher(load_authority(REAL_ENTITIES), load_ignored(REAL_ENTITIES))


@pytest.mark.parametrize("source", SEED_SOURCES)
def test_seed(source: str, real_matcher: Matcher) -> None:
    """Titles, authors, dates, countries and organisations of the seeds must be exactly right."""
    drafts = extract_articles(read_source(ROOT / source, ROOT), real_matcher)
    check(drafts, [{k: v for k, v in s.items() if k in EXACT} for s in SEEDS if s["source"] == source])


def test_seeds_hold_fourteen_articles() -> None:
    assert len(SEEDS) == 14
