"""How the real archive is shaped, counted from the labelled pages of tests/corpus/labels/*.yaml.

The benchmark's generator draws from these figures: how many countries, organisations and people an article
names (the subjects an editor would tag), how often each name occurs, and how many articles a source holds.

    .venv/bin/python benchmarks/density.py     # print the figures
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

LABELS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "labels"
KINDS = ("countries", "organisations", "people")


@dataclass(frozen=True)
class Density:
    pages: int
    articles: int
    per_article: dict[str, dict[int, int]]  # kind -> {names per article: articles}
    names: dict[str, dict[str, int]]  # kind -> {canonical name: articles naming it}
    per_page: dict[int, int]  # {articles in a page: pages}
    page_kinds: dict[str, int] = field(default_factory=dict)

    def mean(self, kind: str) -> float:
        histogram = self.per_article[kind]
        return sum(k * v for k, v in histogram.items()) / max(1, sum(histogram.values()))

    def mean_per_page(self) -> float:
        return sum(k * v for k, v in self.per_page.items()) / max(1, sum(self.per_page.values()))

    def summary(self) -> str:
        parts = [f"{self.pages} labelled pages, {self.articles} articles ({self.mean_per_page():.2f} a page; "
                 f"{self.per_page.get(1, 0)} pages hold one article)"]
        for kind in KINDS:
            hist = self.per_article[kind]
            shown = " ".join(f"{k}:{v}" for k, v in sorted(hist.items()))
            parts.append(f"{kind}: {self.mean(kind):.2f} an article, {len(self.names[kind])} distinct "
                         f"(articles by count {shown})")
        return "; ".join(parts)


def load(labels: Path = LABELS) -> Density:
    per_article: dict[str, Counter[int]] = {kind: Counter() for kind in KINDS}
    names: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
    per_page: Counter[int] = Counter()
    page_kinds: Counter[str] = Counter()
    pages = articles = 0
    for file in sorted(labels.glob("*.yaml")):
        page = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        items = page.get("articles") or []
        pages += 1
        page_kinds[str(page.get("page_kind"))] += 1
        per_page[len(items)] += 1
        for item in items:
            articles += 1
            for kind in KINDS:
                values = list(dict.fromkeys(item.get(kind) or []))
                per_article[kind][len(values)] += 1
                names[kind].update(values)
    return Density(pages, articles, {k: dict(v) for k, v in per_article.items()},
                   {k: dict(v) for k, v in names.items()}, dict(per_page), dict(page_kinds))


def main() -> int:
    density = load()
    print(density.summary())
    for kind in KINDS:
        top = sorted(density.names[kind].items(), key=lambda item: (-item[1], item[0]))[:8]
        print(f"  most named {kind}: " + ", ".join(f"{name} {count}" for name, count in top))
    print("  page kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(density.page_kinds.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
