"""BibTeX keys on a generated 2 000-article site (issue 14): unique across the archive and stable as it grows.

The corpus is the benchmark's (benchmarks/corpus.py, written as Markdown by benchmarks/markdown_site.py): its
titles repeat as real news titles do, so a key made of a title's first words and the year collides for over half
of these 2 000 articles.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from site_builder.authority import load_authority
from site_builder.catalogue import build_catalogue
from site_builder.config import BUILTIN_ENTITIES, load_config
from site_builder.documents import load_articles
from site_builder.render import outputs
from site_builder.render.citations import bibtex_key
from site_builder.urls import Urls

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

import markdown_site  # noqa: E402


def _old_key(slug: str, year: int | None) -> str:
    """The key before issue 14: the slug's first three words and the year."""
    return f"{'_'.join(slug.split('-')[:3])}{year or 'nd'}"


@pytest.mark.slow
def test_bibtex_keys_are_unique_over_a_generated_2000_article_site(tmp_path: Path) -> None:
    names, items = markdown_site.generate(2000)
    site = tmp_path / "site"
    markdown_site.write_site(names, items, site)
    config = load_config(site)
    articles, problems = load_articles(config.paths.articles, config.paths.site)
    assert not [p for p in problems if p.is_error] and len(articles) == 2000
    catalogue = build_catalogue(articles, load_authority(site / "content" / "entities"))
    old = Counter(_old_key(a.slug, a.date.year) for a in catalogue.articles)
    assert sum(n for n in old.values() if n > 1) > 1000  # the collisions the issue reports
    keys = [bibtex_key(a) for a in catalogue.articles]
    assert len(set(keys)) == len(keys) == 2000
    data = json.loads(outputs.articles_json(catalogue, Urls("https://example.org/")))
    assert sorted(record["cite_key"] for record in data["articles"]) == sorted(keys)  # the JSON gives the same keys
    # Stable: adding 200 articles (whose titles repeat the old ones) changes no key already given
    grown = build_catalogue([*articles, *(markdown_site.to_article(item) for item in _newcomers(items))],
                            catalogue.authority)
    before = {a.path: bibtex_key(a) for a in catalogue.articles}
    after = {a.path: bibtex_key(a) for a in grown.articles if a.path in before}
    assert after == before


def _newcomers(items: list[markdown_site.Written]) -> list[markdown_site.Written]:
    """200 more articles whose titles repeat the first 200 (slugs numbered past the ones taken)."""
    taken = {(item.spec.year, item.slug) for item in items}
    return markdown_site.with_slugs([item.spec for item in items[:200]], taken)


def test_a_frozen_cite_key_that_clashes_is_reported(tmp_path: Path) -> None:
    from site_builder.model import Article, PartialDate

    def article(slug: str, key: str | None, path: str) -> Article:
        return Article(title=slug, slug=slug, date=PartialDate(2017), date_basis="stated", author=None, countries=(),
                       countries_mentioned=(), organisations=(), people=(), summary=None, source=None, body="",
                       path=path, cite_key=key)

    catalogue = build_catalogue([article("a", None, "a.md"), article("b", "a:2017", "b.md"),
                                 article("c", "mine", "c.md"), article("d", "mine", "d.md")],
                                load_authority(BUILTIN_ENTITIES))
    assert [(p.path, p.is_error) for p in catalogue.problems if "cite_key" in p.message] == [
        ("b.md", True), ("d.md", True)]
