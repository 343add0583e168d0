"""The sample site's ingested Markdown must equal the golden files, shown as a readable diff when not.

Regenerate after an intended change: .venv/bin/python -m tests.ingest.regenerate_golden (and review the diff).
"""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("regenerate_golden", HERE / "regenerate_golden.py")
assert _spec and _spec.loader
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)


def files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_sample_site_matches_golden_files(tmp_path: Path) -> None:
    actual = files(golden.ingest_sample(tmp_path))
    expected = files(golden.EXPECTED)
    assert sorted(actual) == sorted(expected), "files differ; run: .venv/bin/python -m tests.ingest.regenerate_golden"
    diffs = ["".join(difflib.unified_diff(expected[name].splitlines(keepends=True),
                                          actual[name].splitlines(keepends=True), f"expected/{name}", f"actual/{name}"))
             for name in expected]
    diff = "".join(d for d in diffs if d)
    assert not diff, f"ingest output changed:\n{diff}"
