"""The light HTML reader: text lines, each numbered with the source line it starts on.

Web pages are read by webpage.py (trafilatura); this reader takes over for pages too short for trafilatura's
rules, and benchmarks/extraction measures it as the old reader. Only a light reading: block elements become
line breaks, and elements that are never article text (scripts, styles, navigation, headers, footers, forms)
are skipped. Cleaning does the rest.
"""

from __future__ import annotations

from html.parser import HTMLParser

SKIPPED = frozenset({"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg",
                     "button", "select", "template", "iframe", "head"})
BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote",
                    "section", "article", "ul", "ol", "dd", "dt", "figcaption", "pre", "hr", "main", "title"})
VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "source", "area", "base", "col", "embed"})


class _TextLines(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, str]] = []
        self._parts: list[str] = []
        self._start = 1
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED and tag not in VOID:
            self._skip_depth += 1
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED and self._skip_depth:
            self._skip_depth -= 1
        if tag in BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._skip_depth or not data.strip():
            if data and self._parts:
                self._parts.append(" ")
            return
        if not self._parts:
            # getpos() is where the data starts; leading newlines push the first word further down.
            self._start = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count("\n")
        self._parts.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text:
            self.lines.append((self._start, text))
            self.lines.append((self._start, ""))
        self._parts = []


def html_lines(text: str) -> list[tuple[int, str]]:
    """(line number, text) pairs: one per block of the page, blank pairs between blocks."""
    parser = _TextLines()
    parser.feed(text)
    parser.close()
    parser._flush()
    return parser.lines
