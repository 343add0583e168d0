"""Regenerate the golden ingest output of the sample site (review the diff before committing it):

    .venv/bin/python -m tests.ingest.regenerate_golden
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from site_builder.config import load_config
from site_builder.ingest import ingest_site

SAMPLE = Path(__file__).resolve().parents[1] / "sample_site"
EXPECTED = SAMPLE / "expected" / "articles"


def ingest_sample(into: Path) -> Path:
    """Ingest a fresh copy of the sample site; returns its content/articles folder."""
    shutil.copytree(SAMPLE / "content", into / "content")
    ingest_site(load_config(into))
    return into / "content" / "articles"


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        articles = ingest_sample(Path(scratch))
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(articles, EXPECTED)
    print(f"wrote {EXPECTED.relative_to(SAMPLE.parent.parent)}")


if __name__ == "__main__":
    main()
