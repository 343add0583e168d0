"""Search in the browser (issue 2's acceptance test, and issue 4's filters and sort) on the served seed site."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from harness import BuiltSite

RESULT = ".pagefind-ui__result"
RESULT_LINK = ".pagefind-ui__result-link"
MESSAGE = ".pagefind-ui__message"
# Pagefind draws placeholders first and fills each result as its fragment loads: wait for every link.
ALL_LOADED = """sel => {
  const match = /^(\\d+) results? /.exec(document.querySelector(sel.message)?.innerText || "");
  return match !== null && document.querySelectorAll(sel.link).length === Math.min(Number(match[1]), 20);
}"""
SORT_KEY = re.compile(r'data-pagefind-sort="date">([^<]*)<')


def search(page: Any, base_url: str, query: str) -> int:
    page.goto(f"{base_url}search/?q={query}")
    page.wait_for_selector(RESULT, timeout=15_000)
    return result_count(page)


def result_links(page: Any) -> list[str]:
    page.wait_for_function(ALL_LOADED, arg={"message": MESSAGE, "link": RESULT_LINK})
    return [link.get_attribute("href") or "" for link in page.locator(RESULT_LINK).all()]


def result_count(page: Any) -> int:
    match = re.match(r"(\d+) results?", page.inner_text(MESSAGE))
    assert match, page.inner_text(MESSAGE)
    return int(match.group(1))


def filter_options(page: Any, name: str) -> dict[str, int]:
    """Each value of a filter group with the count Pagefind shows beside it."""
    options: dict[str, int] = {}
    for box in page.locator(f"input[type=checkbox][name={name}]").all():
        label = page.locator(f'label[for="{box.get_attribute("id")}"]').inner_text()
        match = re.match(r"(.*) \((\d+)\)$", label.strip())
        assert match, label
        options[match.group(1)] = int(match.group(2))
    return options


def tick(page: Any, name: str, value: str, before: int, expected: int) -> None:
    page.locator(f'[id="{name}-{value}"]').check()
    if expected != before:
        page.wait_for_function("([sel, n]) => !document.querySelector(sel).innerText.startsWith(n + ' ')",
                               arg=[MESSAGE, str(before)])
    page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length === n", arg=[RESULT, expected])
    result_links(page)


def sort_key(built: BuiltSite, href: str) -> str:
    html = (built.public / Path(href[len(built.base_path):]) / "index.html").read_text(encoding="utf-8")
    match = SORT_KEY.search(html)
    assert match, href
    return match.group(1)


def test_search_finds_nazarbayev_and_narrows_by_country(page: Any, base_url: str, built: BuiltSite) -> None:
    total = search(page, base_url, "Nazarbayev")
    assert total >= 1
    countries = filter_options(page, "country")
    assert countries, "no country filter offered"
    # The narrowest country shows that the filter really narrows when the archive allows it.
    country, expected = min(countries.items(), key=lambda item: (item[1], item[0]))
    tick(page, "country", country, total, expected)
    assert result_count(page) == expected <= total
    assert f"country={country}" in page.url.replace("+", " ").replace("%20", " ")
    for href in result_links(page):
        assert href.startswith(built.base_path + "articles/")


def test_search_filters_by_year(page: Any, base_url: str) -> None:
    total = search(page, base_url, "Nazarbayev")
    years = {year: n for year, n in filter_options(page, "year").items() if year.isdigit()}
    year, expected = min(years.items())
    tick(page, "year", year, total, expected)
    for tag in page.locator(f"{RESULT} .pagefind-ui__result-tag").all():
        assert year in tag.inner_text()


def test_search_sorts_by_date(page: Any, base_url: str, built: BuiltSite) -> None:
    search(page, base_url, "Kazakhstan")
    relevance = result_links(page)
    page.select_option("#search-sort", "oldest")
    page.wait_for_function("() => location.search.includes('sort=oldest')")
    oldest = [sort_key(built, href) for href in result_links(page)]
    assert len(oldest) == len(relevance) >= 2 and oldest == sorted(oldest)
    page.select_option("#search-sort", "newest")
    page.wait_for_function("() => location.search.includes('sort=newest')")
    newest = [sort_key(built, href) for href in result_links(page)]
    assert newest == sorted(oldest, reverse=True)


def test_header_search_box_leads_to_results(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}timeline/")
    page.fill("#header-q", "Nazarbayev")
    page.press("#header-q", "Enter")
    page.wait_for_selector(RESULT, timeout=15_000)
    assert page.url.startswith(f"{base_url}search/?q=Nazarbayev")


def test_search_address_keeps_filters(page: Any, base_url: str) -> None:
    """An entity page's 'search within' link arrives with its filter ticked."""
    page.goto(f"{base_url}search/?q=Nazarbayev&country=Kazakhstan")
    page.wait_for_selector(RESULT, timeout=15_000)
    assert page.locator('[id="country-Kazakhstan"]').is_checked()


def test_one_query_finds_articles_from_several_shards(page: Any, base_url: str, built: BuiltSite) -> None:
    """The index is sharded by year (issue 6); the page searches every shard as one."""
    shards = json.loads((built.public / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]
    assert len(shards) >= 2
    search(page, base_url, "Kazakhstan")
    years = {href[len(built.base_path):].split("/")[1] for href in result_links(page)}
    in_shards = {year for year in years if any(shard["name"] == year for shard in shards)}
    assert len(in_shards) >= 2, years
    # Filter counts are summed over the shards: every year found offers its filter value.
    assert in_shards <= set(filter_options(page, "year"))
