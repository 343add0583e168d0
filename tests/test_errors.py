"""The exception hierarchy maps to exit codes; a Problem prints as file:line: severity: message."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.documents import FrontMatterError
from site_builder.errors import (
    BuildLockedError,
    ConfigError,
    ContentError,
    ExitCode,
    Problem,
    SiteError,
    display_path,
)


@pytest.mark.parametrize(("error", "code"), [
    (ConfigError("x"), 2),
    (BuildLockedError("x"), 2),
    (ContentError("x"), 1),
    (FrontMatterError("a.md", 3, "x"), 1),
    (SiteError("x"), 1),
])
def test_exit_codes(error: SiteError, code: int) -> None:
    assert error.exit_code == code
    assert isinstance(error, SiteError)


def test_exit_code_values_are_the_documented_ones() -> None:
    assert (ExitCode.OK, ExitCode.CONTENT, ExitCode.USAGE) == (0, 1, 2)


def test_error_text_carries_the_hint() -> None:
    assert str(ConfigError("bad base_url", hint="end it in '/'")) == "bad base_url\n  hint: end it in '/'"
    assert str(ConfigError("bad base_url")) == "bad base_url"


@pytest.mark.parametrize(("problem", "text"), [
    (Problem("content/articles/2017/a.md", 4, "bad date"), "content/articles/2017/a.md:4: error: bad date"),
    (Problem("a.md", None, "unknown name", severity="warning"), "a.md: warning: unknown name"),
    (Problem("a.md", 2, "bad", hint="fix it"), "a.md:2: error: bad\n  hint: fix it"),
])
def test_problem_text(problem: Problem, text: str) -> None:
    assert str(problem) == text


def test_problem_severity_and_order() -> None:
    problems = [Problem("b.md", 1, "x"), Problem("a.md", 9, "y", severity="warning"), Problem("a.md", 2, "z")]
    assert [(p.path, p.line) for p in sorted(problems)] == [("a.md", 2), ("a.md", 9), ("b.md", 1)]
    assert [p.is_error for p in problems] == [True, False, True]


def test_display_path(tmp_path: Path) -> None:
    assert display_path(tmp_path / "content" / "a.md", tmp_path) == "content/a.md"
    assert display_path(Path("/elsewhere/a.md"), tmp_path) == "/elsewhere/a.md"
