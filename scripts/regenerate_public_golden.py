#!/usr/bin/env python3
"""Rebuild tests/golden_public/expected from the hand-written sample site in tests/golden_public/site.

    .venv/bin/python scripts/regenerate_public_golden.py

Run it after an intended change to templates or views, then read `git diff tests/golden_public/expected`:
the diff is the change a reader of the site will see.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "golden_public"))

from golden import EXPECTED, regenerate  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="golden-public-") as scratch:
        pages = regenerate(Path(scratch))
    print(f"wrote {len(pages)} golden pages to {EXPECTED.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
