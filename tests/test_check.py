"""check_links: broken links, missing anchors and links escaping the base path in built HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.check import check_links, scan_page

BASE = "/archive/"


def page(body: str) -> str:
    head = '<head><link rel=stylesheet href="/archive/static/site.css"></head>'
    return f"<!doctype html><html>{head}\n<body>\n{body}\n</body></html>\n"


def build(site: Path, pages: dict[str, str]) -> Path:
    for name, html in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(html, encoding="utf-8")
    return site


CLEAN = {
    "index.html": page('<a href="articles/2017/a/">A</a> <a href="/archive/countries/kazakhstan/#articles">KZ</a>\n'
                       '<a href="https://example.com/elsewhere">out</a> <a href="mailto:x@example.org">mail</a>\n'
                       '<a href="#top" id="top">top</a> <a href="/archive/feed.xml">feed</a>'
                       ' <a href="//cdn.example.com/x.js">cdn</a> <a href="/archive/countries/kazakhstan">no slash</a>'
                       ' <img src="/archive/static/logo%20big.png"> <a href="/archive/pagefind/pagefind-ui.js">pf</a>'),
    "articles/2017/a/index.html": page('<a href="../../../">home</a> <a href="../../../countries/kazakhstan/">KZ</a>'
                                       ' <a name="legacy"></a> <a href="#legacy">legacy</a>'),
    "countries/kazakhstan/index.html": page('<h2 id="articles">Articles</h2><a href="../../#top">home</a>'),
    "static/site.css": "body{}",
    "static/logo big.png": "png",
    "feed.xml": "<feed/>",
}


def test_a_clean_site_passes(tmp_path: Path) -> None:
    assert check_links(build(tmp_path, CLEAN), BASE, ignore=("pagefind/",)) == []


@pytest.mark.parametrize(("extra", "message"), [
    ('<a href="/archive/articles/2017/missing/">x</a>', "broken link '/archive/articles/2017/missing/'"),
    ('<a href="articles/2017/b/">x</a>', "/archive/articles/2017/b/ is not in the built site"),
    ('<img src="/archive/static/missing.png">', "broken link"),
    ('<script src="/archive/static/app.js"></script>', "broken link"),
    ('<a href="/archive/countries/kazakhstan/#nowhere">x</a>', "no element with id 'nowhere'"),
    ('<a href="#nowhere">x</a>', "no element with id 'nowhere' on /archive/"),
    ('<a href="/countries/kazakhstan/">x</a>', "escapes the site's base path '/archive/'"),
    ('<a href="../">x</a>', "escapes the site's base path"),
])
def test_each_kind_of_broken_link_is_found_with_file_and_line(tmp_path: Path, extra: str, message: str) -> None:
    pages = {**CLEAN, "index.html": CLEAN["index.html"].replace("</body>", f"\n\n{extra}\n</body>")}
    problems = check_links(build(tmp_path, pages), BASE, ignore=("pagefind/",))
    assert len(problems) == 1, problems
    problem = problems[0]
    assert message in problem.message
    assert problem.path == "public/index.html"
    assert problem.line == pages["index.html"].splitlines().index(extra) + 1
    assert problem.is_error


def test_problems_name_the_page_as_shown(tmp_path: Path) -> None:
    pages = {**CLEAN, "articles/2017/a/index.html": page('<a href="/archive/nope/">x</a>')}
    problems = check_links(build(tmp_path, pages), BASE, shown_as="dist", ignore=("pagefind/",))
    assert [(p.path, p.line) for p in problems] == [("dist/articles/2017/a/index.html", 3)]


def test_ignored_prefixes_are_only_ignored_when_asked(tmp_path: Path) -> None:
    build(tmp_path, CLEAN)
    problems = check_links(tmp_path, BASE)
    assert [p.message for p in problems] == [
        "broken link '/archive/pagefind/pagefind-ui.js': /archive/pagefind/pagefind-ui.js is not in the built site"]


def test_at_the_root_base_path(tmp_path: Path) -> None:
    build(tmp_path, {"index.html": '<a href="/a/">a</a> <a href="/b/">b</a>', "a/index.html": '<a href="/">home</a>'})
    assert [p.message for p in check_links(tmp_path, "/")] == ["broken link '/b/': /b/ is not in the built site"]


def test_a_broken_link_shared_by_pages_is_reported_on_each(tmp_path: Path) -> None:
    shared = '<a href="/archive/missing/">gone</a> <a href="/archive/a/#nowhere">anchor</a>'
    site = build(tmp_path / "site", {"index.html": page(shared), "a/index.html": page(f'\n\n{shared}'),
                                     "b/index.html": page('<a href="/archive/a/">fine</a>'),
                                     "static/site.css": "body{}"})
    found = sorted((p.path, p.line, p.message.split(":")[0]) for p in check_links(site, BASE))
    assert found == [("public/a/index.html", 5, "broken link '/archive/missing/'"),
                     ("public/a/index.html", 5, "link '/archive/a/#nowhere'"),
                     ("public/index.html", 3, "broken link '/archive/missing/'"),
                     ("public/index.html", 3, "link '/archive/a/#nowhere'")]


@pytest.mark.parametrize(("html_text", "links"), [
    ('<a class="x" href="/a/">a</a>', [("/a/", 1)]),
    ('<a data-href="/no/" href="/yes/">a</a>', [("/yes/", 1)]),
    ('<p>\n<img alt="x"\nsrc="/i.png">\n<A HREF="/UP/">', [("/i.png", 2), ("/UP/", 4)]),
    ('<div href="/not-a-link-tag/"></div><a name="anchor">x</a><area href="/x/">', []),
    ('<link rel="stylesheet" href="/s.css"><script src="/s.js"></script><form action="/search/">',
     [("/s.css", 1), ("/s.js", 1), ("/search/", 1)]),
    ('<a href="/q/?a=1&amp;b=2">q</a>', [("/q/?a=1&b=2", 1)]),
])
def test_scan_page_finds_each_link_with_its_line(html_text: str, links: list[tuple[str, int]]) -> None:
    assert list(scan_page("/", html_text).links) == links


def test_a_relative_link_is_judged_on_each_page_and_a_data_link_never_counts(tmp_path: Path) -> None:
    relative = '<a href="b/">b</a> <link rel="icon" href="data:,">'
    site = build(tmp_path / "site", {"index.html": page(relative), "a/index.html": page(relative),
                                     "a/b/index.html": page(""), "static/site.css": "body{}"})
    found = [(p.path, p.message.split(":")[0]) for p in check_links(site, BASE)]
    assert found == [("public/index.html", "broken link 'b/'")], "fine from a/, broken from the home page"
