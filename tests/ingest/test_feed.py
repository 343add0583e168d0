from __future__ import annotations

import pytest

from site_builder.ingest.feed import feed_parts, is_feed

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>Front News Georgia</title>
<lastBuildDate>Fri, 29 May 2026 18:39:02 +0400</lastBuildDate>
<item>
<title>Putin says he knows ‘nothing’ about drone incident in Romania</title>
<description>&lt;p&gt;&lt;strong&gt;Russian President Vladimir Putin says he has no information.&lt;/strong&gt;
&lt;/p&gt;
&lt;p&gt;Putin said he had “no idea” what had happened.&lt;/p&gt;</description>
<pubDate>Fri, 29 May 2026 16:56:39 +0400</pubDate>
</item>
<item>
<title><![CDATA[Medvedev warns EU citizens &amp; Russia]]></title>
<description>Deputy Chair of Russia’s Security Coun"""

ATOM = """<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
<entry><title>Armenia and Azerbaijan sign a peace treaty</title><published>2025-08-08T10:00:00Z</published>
<content type="html">&lt;p&gt;The two foreign ministers signed.&lt;/p&gt;</content></entry>"""


def lines(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.split("\n"), start=1))


@pytest.mark.parametrize(("text", "titles", "first_lines"), [
    (RSS, ["Putin says he knows ‘nothing’ about drone incident in Romania", "Medvedev warns EU citizens & Russia"],
     ["Fri, 29 May 2026 16:56:39 +0400", "Deputy Chair of Russia’s Security Coun"]),
    (ATOM, ["Armenia and Azerbaijan sign a peace treaty"], ["2025-08-08T10:00:00Z"]),
])
def test_one_article_per_item(text: str, titles: list[str], first_lines: list[str]) -> None:
    parts = feed_parts(lines(text))
    assert parts is not None
    assert [p.title.text for p in parts if p.title] == titles
    assert [p.blocks[0].text for p in parts] == first_lines
    assert all(p.kind == "listing" for p in parts)


def test_item_paragraphs_are_unescaped_and_split() -> None:
    parts = feed_parts(lines(RSS))
    assert parts is not None
    assert [b.text for b in parts[0].blocks[1:]] == [
        "Russian President Vladimir Putin says he has no information.",
        "Putin said he had “no idea” what had happened."]
    assert parts[0].title is not None and parts[0].title.first == 7  # numbered as in the file


@pytest.mark.parametrize(("text", "feed"), [
    (RSS, True), (ATOM, True), ("<rss version='2.0'>", True),
    ("An article that mentions <rss> in passing", False), ("<html><body>News</body></html>", False),
])
def test_is_feed(text: str, feed: bool) -> None:
    assert is_feed(text) is feed


def test_a_page_is_no_feed() -> None:
    assert feed_parts(lines("Armenia urges Moscow peacekeepers\nYEREVAN: Yerevan said on Thursday.")) is None
