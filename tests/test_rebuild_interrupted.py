"""A build killed at any step, then built again, leaves what a clean build of the same content leaves.

The kill is real: the build runs in a forked process that ends with os._exit at the chosen point, so no
`finally` or `except` of ours runs (as with SIGKILL or a power cut). Each point is a function the build calls;
the process dies right after the call returns (or, for the patch's renames, partway through them)."""

from __future__ import annotations

import importlib
import multiprocessing
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rebuild_edits import EDITS_BY_NAME, make_site
from rebuild_harness import assert_same_builds, built, copy_inputs

from site_builder.pipeline import BuildResult

KILLED = 86

def _after(module: str, name: str, calls: int = 1) -> Callable[[], None]:
    """Arrange, in the build's process, to die right after the `calls`-th return of module.name."""
    def arm() -> None:
        owner = importlib.import_module(module)
        real = getattr(owner, name)
        count = [0]

        def dying(*args: Any, **kwargs: Any) -> Any:
            result = real(*args, **kwargs)
            count[0] += 1
            if count[0] == calls:
                os._exit(KILLED)
            return result

        setattr(owner, name, dying)

    return arm


def _between_the_renames_of_a_new_site() -> None:
    from site_builder.render import write

    def commit(self: write.StagedOutput, *, background: bool = False) -> None:
        os.replace(self.output, self._old)  # the published site set aside, the new one not yet in its place
        os._exit(KILLED)

    write.StagedOutput.commit = commit  # type: ignore[method-assign]


# (point, the edit before the killed build): an added source patches the published site; a template change
# renders a new one.
POINTS: dict[str, tuple[Callable[[], None], str]] = {
    "ingest-one-article-written": (_after("site_builder.ingest.run", "_save"), "add-txt-source"),  # see below
    "ingest-done": (_after("site_builder.pipeline", "ingest_site"), "add-txt-source"),
    "load": (_after("site_builder.pipeline", "detect_changes"), "add-txt-source"),
    "render": (_after("site_builder.pipeline", "render_site"), "add-txt-source"),
    "search": (_after("site_builder.pipeline", "index_search"), "add-txt-source"),
    "links": (_after("site_builder.pipeline", "link_problems"), "add-txt-source"),
    "patch-first-rename": (_after("site_builder.render.write", "_move"), "add-txt-source"),
    "patch-renames-halfway": (_after("site_builder.render.write", "_move", 8), "article-title"),
    "patch-set-aside": (_after("site_builder.render.write", "_set_aside"), "remove-seed-source"),
    "render-cache-saved": (_after("site_builder.pipeline", "save_cache"), "article-slug"),
    "history-saved": (_after("site_builder.permalinks", "save_history"), "article-slug"),
    "new-site-render": (_after("site_builder.pipeline", "render_site"), "template"),
    "new-site-between-renames": (_between_the_renames_of_a_new_site, "template"),
}


def _killed_build(site: Path, arm: Callable[[], None]) -> int | None:
    def run() -> None:
        arm()
        built(site, errors=True)
        os._exit(0)

    process = multiprocessing.get_context("fork").Process(target=run)
    process.start()
    process.join(300)
    return process.exitcode


def errors(result: BuildResult) -> list[str]:
    return sorted(str(problem) for problem in result.problems if problem.is_error)


@pytest.mark.parametrize("point", list(POINTS), ids=str)
def test_a_build_killed_then_built_again_equals_a_clean_build(tmp_path: Path, point: str) -> None:
    arm, edit = POINTS[point]
    site = make_site(tmp_path / "site")
    built(site)
    EDITS_BY_NAME[edit].apply(site)
    twin = copy_inputs(site, tmp_path / "clean")
    assert _killed_build(site, arm) == KILLED, "the build reached the point where it is killed"
    # Errors, not warnings: ingest warns of a removed source once, and the killed build may have been that once.
    assert errors(built(site, errors=True)) == errors(built(twin, errors=True))
    assert_same_builds(site, twin)
    assert not list(site.glob(".public.patch*")) and not list(site.glob(".public.staging*"))
