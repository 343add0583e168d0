"""Article bodies: Markdown to HTML, then an allowlist sanitiser (nh3), never regular expressions."""

from __future__ import annotations

import html
import re
from functools import cache
from typing import Any

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "em", "strong", "code", "pre",
    "a", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "abbr", "cite", "q", "dl", "dt", "dd",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set(), "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}



# Text in which Markdown can only mean paragraphs: no inline or block syntax, no entity, no raw HTML.
# Most ingested articles are exactly that, and Python-Markdown's inline patterns were half of a build.
# may_have_markup() asks the same as this pattern, which it is tested against, five times as fast.
MARKUP_PATTERN = re.compile(r"[`*_\[\]<>|\\&]|[^\S \n]|^(?:[ \t]|[-+=>]|\d+[.)])|  $", re.MULTILINE)
_SYNTAX_CHARACTERS = "`*_[]<>|\\&"
_ASCII_SPACES = "\t\r\x0b\x0c\x1c\x1d\x1e\x1f"  # what \s matches in ASCII besides space and newline
_NON_ASCII_SPACE = re.compile(r"[^\S \n]")
_LINE_START = re.compile(r"[ \t\-+=>]|\d+[.)]")
_LATER_LINE_START = re.compile(r"\n(?:[ \t\-+=>]|\d+[.)])")


def may_have_markup(text: str) -> bool:
    """Whether MARKUP_PATTERN finds anything: a character search per syntax character (str.__contains__ is far
    quicker than a character class), then the line starts and the trailing double spaces."""
    if any(character in text for character in _SYNTAX_CHARACTERS):
        return True
    if text.isascii():
        if any(space in text for space in _ASCII_SPACES):
            return True
    elif _NON_ASCII_SPACE.search(text):
        return True
    return bool(_LINE_START.match(text) or _LATER_LINE_START.search(text) or "  \n" in text or text.endswith("  "))

_HEADING = re.compile(r"(#{1,6}) ([^#\s](?:[^#\n]*[^#\s])?)")

def body_html(markdown_text: str) -> str:
    """Safe HTML for an article body; raw HTML in the Markdown is reduced to allowed tags."""
    return sanitise(plain_paragraphs(markdown_text) or _markdown(markdown_text))


def plain_paragraphs(markdown_text: str) -> str | None:
    """What Python-Markdown makes of text with no Markdown syntax, or None when the text has some."""
    if may_have_markup(markdown_text):
        return None
    blocks = [block.strip("\n") for block in re.split(r"\n[ \t]*\n", markdown_text.strip("\n"))]
    converted = [_plain_block(block) for block in blocks if block.strip()]
    return None if None in converted else "\n".join(block for block in converted if block is not None)


def _plain_block(block: str) -> str | None:
    """A paragraph, or a one-line ATX heading ("## Trade turnover"); None for anything else with a '#'."""
    if "#" not in block:
        return f"<p>{html.escape(block, quote=False)}</p>"
    heading = _HEADING.fullmatch(block)
    if heading is None:
        return None
    level = len(heading.group(1))
    return f"<h{level}>{html.escape(heading.group(2), quote=False)}</h{level}>"


@cache
def _converter() -> Any:
    import markdown  # here: most bodies never need it (see plain_paragraphs), and a rebuild starts quicker

    return markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


def _markdown(markdown_text: str) -> str:
    converter = _converter()
    converter.reset()
    return str(converter.convert(markdown_text))


def sanitise(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer nofollow")
