#!/usr/bin/env python3
"""Quality of ingest: on the corpus of real pages (dev and test parts), and on the labelled seeds and cases.

    .venv/bin/python scripts/ingest_quality.py                       # corpus (dev, test) and the 14 seeds
    .venv/bin/python scripts/ingest_quality.py --show dev            # also each dev article ingest gets wrong
    .venv/bin/python scripts/ingest_quality.py --part dev --show dev # dev only, while tuning (test unmeasured)
    .venv/bin/python scripts/ingest_quality.py tests/labelled/seeds.yaml
    .venv/bin/python scripts/ingest_quality.py tests/labelled/cases.yaml
    .venv/bin/python scripts/ingest_quality.py tests/labelled/cases.yaml --entities tests/ingest/fixtures/entities

The seeds are measured with the site's real authority files (the built-in ones, site_builder/defaults/entities):
the figures are what the archive really gets. The hand-written cases name entities as the small test authority
does, so they are measured with it. Always exits 0: it measures, it does not judge.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_builder.authority import load_authority  # noqa: E402
from site_builder.config import BUILTIN_ENTITIES  # noqa: E402
from site_builder.ingest.entities import Matcher, build_matcher  # noqa: E402
from site_builder.ingest.read import decode_source, read_source  # noqa: E402
from site_builder.ingest.source_articles import Draft, extract_articles  # noqa: E402
from site_builder.ingest.unknown import load_ignored  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
import corpus_metrics  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


def pairs(labelled: list[dict[str, Any]], matcher: Matcher) -> Iterator[tuple[dict[str, Any] | None, Draft | None]]:
    """(label, extracted article) pairs, part by part; a missing or extra article pairs with None."""
    if labelled and "text" in labelled[0]:
        groups = [(decode_source(c["text"].encode(), f"content/sources/{c.get('filename', 'case.txt')}"),
                   c["articles"]) for c in labelled]
    else:
        sources = sorted({label["source"] for label in labelled})
        groups = [(read_source(ROOT / s, ROOT), [x for x in labelled if x["source"] == s]) for s in sources]
    for source, labels in groups:
        drafts = extract_articles(source, matcher)
        for index in range(max(len(labels), len(drafts))):
            yield (labels[index] if index < len(labels) else None, drafts[index] if index < len(drafts) else None)


class Score:
    def __init__(self) -> None:
        self.right = self.predicted = self.expected = 0

    def add(self, predicted: set[str], expected: set[str]) -> None:
        self.right += len(predicted & expected)
        self.predicted += len(predicted)
        self.expected += len(expected)

    def line(self, name: str) -> str:
        precision = self.right / self.predicted if self.predicted else 1.0
        recall = self.right / self.expected if self.expected else 1.0
        return f"{name:<14} precision {precision:6.1%}  recall {recall:6.1%}  ({self.right} right, " \
               f"{self.predicted} found, {self.expected} labelled)"


def values(label: dict[str, Any] | None, draft: Draft | None, key: str) -> tuple[set[str], set[str]]:
    """What was found and what was labelled for one key, as sets (a scalar is a set of one)."""
    found: set[str] = set()
    if draft is not None:
        article = draft.article
        if key == "date":
            found = {f"{article.date.iso}/{article.date.precision}"}
        elif key == "title":
            found = {article.title}
        else:
            found = set(getattr(article, key))
    wanted: set[str] = set()
    if label is not None and key in label:
        if key == "date":
            wanted = {f"{label['date']}/{label.get('date_precision', _precision(label['date']))}"}
        elif key == "title":
            wanted = {label["title"]}
        else:
            wanted = set(label[key])
    elif label is not None:
        return set(), set()  # not labelled for this key: not counted
    return found, wanted


def _precision(date: object) -> str:
    text = "" if date is None else str(date)
    return {10: "day", 7: "month", 4: "year"}.get(len(text), "unknown")


def default_entities(labelled: Path) -> Path:
    """The real authority for real sources; the test authority for the hand-written cases written against it."""
    if labelled.name == "cases.yaml":
        return ROOT / "tests" / "ingest" / "fixtures" / "entities"
    return BUILTIN_ENTITIES


def corpus(show: str | None, final: bool, parts: tuple[str, ...] = ("dev", "test")) -> None:
    entities = BUILTIN_ENTITIES
    matcher = build_matcher(load_authority(entities), load_ignored(entities))
    for part in parts:
        figures, seen = corpus_metrics.measure(corpus_metrics.load_pages(CORPUS, part), matcher)
        print("\n".join(figures.lines(f"corpus {part}")))
        if show == part and (part == "dev" or final):
            for outcome in seen:
                for problem in outcome.problems():
                    print(f"    {outcome.page}: {problem}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("labelled", nargs="?", default=None, help="a labelled YAML list (default: corpus and seeds)")
    parser.add_argument("--entities", default=None,
                        help="authority folder (default: the built-in ones; the test authority for cases.yaml)")
    parser.add_argument("--show", choices=("dev", "test"), help="list each article of that part ingest gets wrong")
    parser.add_argument("--final", action="store_true",
                        help="allow --show test: for the final report only, never while tuning")
    parser.add_argument("--part", choices=("dev", "test"),
                        help="measure only this corpus part (use dev while tuning; the seeds are skipped)")
    parser.add_argument("--index", action="store_true", help="print the corpus's table of pages (for its README)")
    args = parser.parse_args()
    if args.index:
        print("\n".join(corpus_metrics.index_rows(CORPUS)))
        return 0
    if args.part is not None:
        corpus(args.show, args.final, (args.part,))
        return 0
    if args.labelled is None:
        corpus(args.show, args.final)
        args.labelled = str(ROOT / "tests" / "labelled" / "seeds.yaml")
    entities = Path(args.entities) if args.entities else default_entities(Path(args.labelled))
    labelled = yaml.safe_load(Path(args.labelled).read_text(encoding="utf-8"))
    matcher = build_matcher(load_authority(entities), load_ignored(entities))
    scores = {key: Score() for key in ("title", "date", "countries", "organisations")}
    articles = 0
    for label, draft in pairs(labelled, matcher):
        articles += 1
        for key, score in scores.items():
            score.add(*values(label, draft, key))
    print(f"{Path(args.labelled).name}: {articles} labelled articles (authority: {entities.relative_to(ROOT)})")
    for key, score in scores.items():
        print(score.line(key))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
