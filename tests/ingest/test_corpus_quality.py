"""Regression floors on the corpus of real pages (tests/corpus): ingest must not get worse than it is.

The floors sit a little below the figures of docs/ingest.md (which scripts/ingest_quality.py prints); they are a
check against regressions, not a target. Raise them when the rules improve. Measured with the site's authority.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from site_builder.authority import load_authority
from site_builder.config import BUILTIN_ENTITIES
from site_builder.ingest.entities import Matcher, build_matcher
from site_builder.ingest.unknown import load_ignored

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import corpus_metrics  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
# part -> (articles found, titles, full dates, context dates, most wrong dates, countries F1, organisations F1):
# each floor just below the measured figure; the wrong-dates bound just above it.
FLOORS = {
    "dev": (0.86, 0.88, 0.81, 0.44, 0.033, 0.78, 0.74),  # context: 4 of 9 (rules version 5)
    "test": (0.79, 0.65, 0.61, 0.95, 0.046, 0.74, 0.72),  # context: 2 of 2; wrong dates 7 of 154
}


@pytest.fixture(scope="module")
def real_matcher() -> Matcher:
    entities = BUILTIN_ENTITIES
    return build_matcher(load_authority(entities), load_ignored(entities))


def test_the_parts_are_frozen_by_the_hash_of_each_id() -> None:
    assert corpus_metrics.part_of("a017") == "dev" and corpus_metrics.part_of("a001") == "test"
    for page in corpus_metrics.load_pages(CORPUS):
        assert page.label.get("part") in (None, page.part), page.id


@pytest.mark.parametrize("part", sorted(FLOORS))
def test_quality_floors(part: str, real_matcher: Matcher) -> None:
    figures, _ = corpus_metrics.measure(corpus_metrics.load_pages(CORPUS, part), real_matcher)
    found, titles, full, context, wrong, countries, organisations = FLOORS[part]
    assert figures.found.value >= found
    assert figures.titles.value >= titles
    assert figures.dates["full"].value >= full
    assert figures.dates["context"].value >= context
    assert figures.wrong_dates.value <= wrong
    assert figures.entities["countries"].f1 >= countries
    assert figures.entities["organisations"].f1 >= organisations


@pytest.mark.parametrize(("title", "label", "same"), [
    ("Tokayev Meets Putin", "tokayev meets putin", True), ("“Quoted” title.", '"Quoted" title', True),
    ("Title – with dash", "Title - with dash", True), ("Title 13:38, 24.09.2017", "Title", False),
])
def test_title_comparison_is_strict_but_fair(title: str, label: str, same: bool) -> None:
    assert (corpus_metrics.normal(title) == corpus_metrics.normal(label)) is same
