"""The Jinja environment: template errors become ContentError records naming the template, not tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.errors import ContentError
from site_builder.render.environment import make_environment, render_template


def test_a_missing_template_is_a_content_error_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text('{% include "_gone.html" %}', encoding="utf-8")
    with pytest.raises(ContentError, match=r"template page\.html: '_gone\.html' is not in the templates folder"):
        render_template(make_environment(tmp_path), "page.html")


def test_a_template_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<p>\n{% if x %}\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"page.html:\d+: template syntax error"):
        render_template(make_environment(tmp_path), "page.html", x=1)
