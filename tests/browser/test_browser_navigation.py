"""Follow links as a reader would: from an article to its country, pair, organisation and timeline pages."""

from __future__ import annotations

from typing import Any

from harness import INJECTED_SLUG, BuiltSite


def rich_article(built: BuiltSite) -> str:
    """An article with countries, a bilateral file and an organisation, as a path under the base path."""
    for file in sorted(built.public.glob("articles/*/*/index.html")):
        html = file.read_text(encoding="utf-8")
        if INJECTED_SLUG not in str(file) and "<dt>Bilateral files</dt>" in html and "<dt>Organisations</dt>" in html:
            return file.parent.relative_to(built.public).as_posix() + "/"
    raise AssertionError("no article with a pair and an organisation in the seed site")


def follow(page: Any, base_url: str, article: str, section: str) -> str:
    """Open the article, click the first link listed under `section`, and return the new page's heading."""
    page.goto(base_url + article)
    link = page.locator(f"dt:text-is('{section}') + dd a").first
    text = link.inner_text()
    link.click()
    page.wait_for_load_state()
    assert page.url.startswith(base_url), page.url
    return text


def test_article_to_country(page: Any, base_url: str, built: BuiltSite) -> None:
    name = follow(page, base_url, rich_article(built), "Countries")
    assert page.locator("h1").inner_text() == name
    assert page.locator(".kicker").inner_text().lower() == "country"


def test_article_to_pair(page: Any, base_url: str, built: BuiltSite) -> None:
    text = follow(page, base_url, rich_article(built), "Bilateral files")
    first, second = text.split(" – ")
    assert page.locator("h1").inner_text() == f"{first} and {second}"
    assert page.locator(".article-list li").count() >= 1


def test_article_to_organisation(page: Any, base_url: str, built: BuiltSite) -> None:
    name = follow(page, base_url, rich_article(built), "Organisations")
    assert page.locator("h1").inner_text() == name
    assert page.locator(".kicker").inner_text().lower() == "organisation"


def test_article_to_timeline(page: Any, base_url: str, built: BuiltSite) -> None:
    article = rich_article(built)
    follow(page, base_url, article, "Date")
    assert "/timeline/" in page.url
    anchor = page.url.split("#", 1)[1]
    assert page.locator(f"#{anchor}").count() == 1
    assert page.locator(f'a[href$="{article}"]').count() >= 1, "the year page lists the article"


def test_article_shows_its_lines_in_the_source(page: Any, base_url: str, built: BuiltSite) -> None:
    page.goto(base_url + rich_article(built))
    provenance = page.locator(".provenance a").first
    if provenance.count() == 0:
        return  # an article without a source file has no provenance box
    provenance.click()
    target = page.url.split("#", 1)[1]
    assert page.evaluate("() => document.querySelector(':target') !== null")
    assert page.locator(f"#{target} .line").count() >= 1
