"""The web page reader: main text by HTML line, what the page says of itself, and pages that are not pages."""

from __future__ import annotations

import pytest

from site_builder.ingest.read import SourceError, decode_source

PARAGRAPH = ("The foreign ministers of Kazakhstan and Uzbekistan met in Astana on Thursday to discuss transit "
             "corridors, border crossings and the simplification of customs procedures for lorries.")

PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<title>Ministers meet in Astana | Kazinform</title>
<meta property="og:site_name" content="Kazinform">
<meta property="article:published_time" content="2018-03-15T10:00:00+06:00">
<link rel="canonical" href="https://www.inform.kz/en/ministers-meet-in-astana_a123">
<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "2018-03-15"}}</script>
<script>document.write("tracking")</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<form action="/search"><div class="share">Share this: Facebook Twitter</div>
<article>
<h1>Ministers meet in Astana</h1>
<p>{PARAGRAPH}</p>
<p>{PARAGRAPH.replace("Thursday", "Friday")}</p>
<p>{PARAGRAPH.replace("Astana", "Tashkent")}</p>
<h2>Customs</h2>
<p>{PARAGRAPH.replace("lorries", "trains")}</p>
</article>
</form>
<aside><h3>Related stories</h3><ul><li><a href="/1">Another story about Astana and Tashkent</a></li></ul></aside>
<footer>© Kazinform 2018</footer>
</body>
</html>
"""


def _source(page: str = PAGE):  # type: ignore[no-untyped-def]
    return decode_source(page.encode(), "content/sources/kazinform.html")


def test_the_main_text_keeps_the_html_line_each_block_came_from() -> None:
    source = _source()
    html_lines = PAGE.split("\n")
    text = [(number, line) for number, line in source.lines if line]
    assert text[0] == (html_lines.index("<h1>Ministers meet in Astana</h1>") + 1, "Ministers meet in Astana")
    for number, line in text:
        assert line[:30] in html_lines[number - 1]  # each block is where its line number says
    assert any(line.startswith("The foreign ministers") for _, line in text)
    joined = " ".join(line for _, line in text)
    for furniture in ("Home", "cookies", "Share this", "Related stories", "©", "tracking"):
        assert furniture not in joined  # menus, banners, share bars, rails, footers, scripts: not the article


def test_the_page_says_of_itself_title_date_and_where_it_came_from() -> None:
    hints = _source().hints
    assert hints.title == "Ministers meet in Astana"
    assert hints.date == "2018-03-15" and hints.date_basis == "metadata"
    assert hints.date_origin == "JSON-LD datePublished"
    assert hints.outlet == "Kazinform" and hints.language == "en"
    assert hints.url == "https://www.inform.kz/en/ministers-meet-in-astana_a123"


def test_a_date_only_in_the_text_is_attributed_to_htmldate_as_inferred() -> None:
    page = PAGE.replace('<meta property="article:published_time" content="2018-03-15T10:00:00+06:00">', "")
    page = page.replace('"datePublished": "2018-03-15"', '"name": "x"').replace("Thursday", "Thursday 15 March 2018")
    hints = _source(page).hints
    if hints.date:
        assert hints.date_basis == "inferred" and "htmldate" in (hints.date_origin or "")


def test_a_hostile_canonical_link_is_not_kept() -> None:
    page = PAGE.replace("https://www.inform.kz/en/ministers-meet-in-astana_a123", "javascript:alert(1)")
    assert _source(page).hints.url is None


def test_a_short_page_is_read_block_by_block() -> None:
    page = b"<html><body>\n<nav>Menu</nav>\n<h1>Title here</h1>\n<p>First\nparagraph</p>\n</body></html>"
    lines = [pair for pair in decode_source(page, "p.html").lines if pair[1]]
    assert lines == [(3, "Title here"), (4, "First paragraph")]


@pytest.mark.parametrize(("page", "words"), [
    (b"Just some text, no markup at all.\nSecond line.", "is not an HTML page"),
    (b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Feed</title></channel></rss>', "not a web page"),
    (b"<html><head><script>alert(1)</script></head><body><script>x()</script></body></html>", "no readable text"),
])
def test_markup_that_is_no_page_is_a_named_error(page: bytes, words: str) -> None:
    with pytest.raises(SourceError) as error:
        decode_source(page, "content/sources/odd.html")
    assert words in str(error.value) and "content/sources/odd.html" in str(error.value) and error.value.hint


def test_hostile_markup_inside_the_article_never_becomes_markup_of_ours() -> None:
    hostile = PAGE.replace(f"<p>{PARAGRAPH}</p>", f'<p>{PARAGRAPH}<script>steal()</script><img src=x onerror="steal()">'
                           '<iframe src="javascript:steal()"></iframe> &lt;script&gt;alert(1)&lt;/script&gt;</p>', 1)
    text = "\n".join(line for _, line in _source(hostile).lines)
    assert "steal()" not in text and "onerror" not in text and "<iframe" not in text
    assert "<script>alert(1)</script>" in text  # escaped text stays text; Markdown and the templates escape it




def test_the_text_of_a_page_is_read_in_document_order_each_piece_on_the_line_its_first_word_is_on() -> None:
    """Where trafilatura builds a paragraph itself (no source line), ingest finds its words in the page's text:
    that text must be in document order (a container's text, its first child's, then what follows the child)
    and each piece numbered with the line its first word is on, not the line its container starts on."""
    from site_builder.ingest.webpage import _parse, _text_pieces

    page = ("<html><head><title>Not read</title><script>var notRead = 1;</script></head><body>\n"
            "<div class=story><br />\nFirst words\n<br /><br />\nSecond words\n"
            "<p>\nThird words</p>\nFourth words <b>fifth</b>\n\nSixth words</div></body></html>")
    pieces = list(_text_pieces(_parse(page, "page.html")))
    assert pieces == [(3, "first words"), (5, "second words"), (7, "third words"), (7, "fourth words"),
                      (8, "fifth"), (10, "sixth words")]
