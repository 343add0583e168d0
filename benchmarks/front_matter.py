"""How long reading front matter takes: parse_article over this archive's articles, many times over.

    .venv/bin/python benchmarks/front_matter.py [--repeat N]

A measurement, not a test: it prints articles per second (best of 5 rounds). Run it against another checkout with
PYTHONPATH=that/checkout to compare two versions of documents.py on the same machine.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from site_builder.documents import parse_article

ARTICLES = Path(__file__).resolve().parent.parent / "content" / "articles"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=200, help="times each article is parsed per round")
    args = parser.parse_args()
    texts = [(file.read_text(encoding="utf-8"), file.name) for file in sorted(ARTICLES.rglob("*.md"))]
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(args.repeat):
            for text, name in texts:
                parse_article(text, name)
        best = min(best, time.perf_counter() - started)
    count = len(texts) * args.repeat
    print(f"{count} parses in {best:.3f} s: {count / best:,.0f} articles/s, {best / count * 1e6:.0f} µs each")


if __name__ == "__main__":
    main()
