"""Article bodies: Markdown rendered, anything that could run script removed."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.render.markup import MARKUP_PATTERN, body_html, may_have_markup, plain_paragraphs


@pytest.mark.parametrize(("markdown", "present", "absent"), [
    ("Some *text*.", "<em>text</em>", "<script"),
    ("<script>alert(1)</script>", "", "<script"),
    ('<img src="x" onerror="alert(1)">', "", "onerror"),
    ("[x](javascript:alert(1))", "", "javascript:"),
    ('<a href="https://example.org" onclick="alert(1)">x</a>', 'href="https://example.org"', "onclick"),
    ("| a | b |\n|---|---|\n| 1 | 2 |", "<table>", "<script"),
])
def test_body_html_is_safe(markdown: str, present: str, absent: str) -> None:
    html = body_html(markdown)
    assert present in html
    assert absent not in html


_PYTHON_MARKDOWN = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*"abc XYZ.,;'\"“”$%()-+=01\n\t*#_[]<>&\\~:!", "\n\n", "\u00a0", "\x0c",
                                  "\u2028", "1. ", "> ", "    ", "  \n", "---\n", "é",
                                  "## ", "# ", "\n\n## ", "###### ", "#######"]), max_size=60).map("".join))
def test_plain_paragraph_fast_path_matches_python_markdown(text: str) -> None:
    fast = plain_paragraphs(text)
    if fast is not None:
        _PYTHON_MARKDOWN.reset()
        assert fast == _PYTHON_MARKDOWN.convert(text)


@pytest.mark.parametrize("text", ["Plain words.\n\nA second paragraph with “quotes” and $16.5 billion."])
def test_plain_text_takes_the_fast_path(text: str) -> None:
    assert plain_paragraphs(text) == ("<p>Plain words.</p>\n"
                                      "<p>A second paragraph with “quotes” and $16.5 billion.</p>")


def test_a_heading_on_its_own_takes_the_fast_path() -> None:
    assert plain_paragraphs("## Trade turnover\n\nText.") == "<h2>Trade turnover</h2>\n<p>Text.</p>"


@pytest.mark.parametrize("text", ["*emphasis*", "1. a list", "<b>raw</b>", "a | table", "A &amp; B", "a\n# b",
                                  "## Heading ##"])
def test_markdown_syntax_takes_the_full_converter(text: str) -> None:
    assert plain_paragraphs(text) is None


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from([*"abc XYZ.,;'\"0129\n\t\r\x0b\x0c\x1c\x1f`*_[]<>|\\&-+=>)#", "\u00a0", "\u2028",
                                  "\u3000", "\x85", "é", "  \n", "\n1. ", "\n12) ", "\n ", "\n-", "  "]),
                max_size=40).map("".join))
def test_the_quick_markup_test_agrees_with_the_pattern(text: str) -> None:
    assert may_have_markup(text) == bool(MARKUP_PATTERN.search(text))
