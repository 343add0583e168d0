"""A random sequence of an editor's changes, with a build after each: every build equals a clean build of the
same content (hypothesis draws the sequence from the table of rebuild_edits.py)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rebuild_edits import EDITS, Edit, make_site
from rebuild_harness import assert_same_builds, built, copy_inputs, problems


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([edit for edit in EDITS if edit.name != "nothing"]), min_size=2, max_size=3))
def test_any_sequence_of_edits_rebuilds_as_a_clean_build(edits: list[Edit]) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="rebuild-sequence-"))
    try:
        site = make_site(scratch / "site")
        built(site)
        for step, edit in enumerate(edits):
            try:
                edit.apply(site)
            except (AssertionError, OSError, ValueError):
                continue  # what it edits is gone (a source or article an earlier edit removed)
            twin = copy_inputs(site, scratch / f"clean-{step}")
            assert problems(built(site, errors=True)) == problems(built(twin, errors=True)), edits[:step + 1]
            assert_same_builds(site, twin)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
