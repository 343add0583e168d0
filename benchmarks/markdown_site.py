"""The benchmark's corpus written straight as Markdown articles, without raw sources or ingest: a large generated
site in seconds, for the tests that need one (tests/render/test_generated_site.py, tests/test_rebuilds_large.py).
The benchmark itself builds the real way, from raw sources (sources.py) through ingest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import corpus
import density
import entities

from site_builder.documents import render_article
from site_builder.model import Article

ENTITIES = Path(__file__).resolve().parent.parent / "site_builder" / "defaults" / "entities"


@dataclass(frozen=True)
class Written:
    """A generated article and the slug it gets (unique within its year)."""

    spec: corpus.Spec
    slug: str

    @property
    def path(self) -> str:
        return f"content/articles/{self.spec.year:04d}/{self.slug}.md"


def generate(count: int, seed: int = corpus.SEED) -> tuple[entities.Entities, list[Written]]:
    """The authority records (the project's, completed) and `count` articles drawn from them."""
    names = entities.load_entities(ENTITIES)
    specs = corpus.generate_specs(count, corpus.Pools(names.records, density.load()), seed)
    return names, with_slugs(specs)


def with_slugs(specs: list[corpus.Spec], taken: set[tuple[int, str]] | None = None) -> list[Written]:
    """Each spec with a slug from its title, numbered when the year already has it (`taken` is updated)."""
    used = set() if taken is None else taken
    written: list[Written] = []
    for spec in specs:
        base = slugify(spec.title)
        slug, n = base, 2
        while (spec.year, slug) in used:
            slug, n = f"{base}-{n}", n + 1
        used.add((spec.year, slug))
        written.append(Written(spec, slug))
    return written


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].rstrip("-")


def to_article(item: Written) -> Article:
    spec = item.spec
    middle = len(spec.paragraphs) // 2
    body = "\n\n".join([*spec.paragraphs[:middle], f"## {spec.heading}", *spec.paragraphs[middle:]])
    return Article(title=spec.title, slug=item.slug, date=spec.date, date_basis="stated", author=None,
                   countries=spec.countries, countries_mentioned=(), organisations=spec.organisations,
                   people=spec.people, summary=spec.paragraphs[0].split(". ")[0].rstrip(".") + ".", source=None,
                   body=body)


def write_site(names: entities.Entities, items: list[Written], site: Path) -> None:
    """A site folder: site.toml, content/articles/YYYY/slug.md, the authority files, an empty content/sources/."""
    (site / "content" / "sources").mkdir(parents=True, exist_ok=True)
    (site / "content" / "pages").mkdir(parents=True, exist_ok=True)
    (site / "site.toml").write_text(corpus.SITE_TOML, encoding="utf-8")
    names.write(site / "content" / "entities")
    for item in items:
        path = site / item.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_article(to_article(item)), encoding="utf-8")
