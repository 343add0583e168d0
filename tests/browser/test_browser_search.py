"""Search in the browser (issue 13; before it issues 2 and 4) on the seed site and on a generated archive of
2 000 articles: what the first query costs, spelling variants, filters that combine and survive a reload,
"search within" from entity pages, year ranges, date sorts that keep every article, phones and keyboards."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote_plus

import pytest
from harness import BuiltSite
from searching import answered, articles, changed, open_search, path_of, result_links, year_of

FIRST_QUERY_BYTES = 300_000
SITES = ["served", "generated", "sharded"]  # the seed, 2 000 articles, the seed in several bundles


@pytest.fixture(params=SITES)
def site(request: pytest.FixtureRequest) -> tuple[BuiltSite, str]:
    served: tuple[BuiltSite, str] = request.getfixturevalue(request.param)
    return served


def tagged(built: BuiltSite, field: str, name: str) -> set[str]:
    return {path_of(a) for a in articles(built) if name in a[field]}


@pytest.mark.parametrize("site_name", SITES)
def test_first_query_is_light(browser: Any, request: pytest.FixtureRequest, site_name: str) -> None:
    """A fresh reader's first query: at most 300 KB in all, one WebAssembly module, one worker."""
    _, base_url = request.getfixturevalue(site_name)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        fetched: list[tuple[str, int]] = []
        page.on("requestfinished", lambda r: fetched.append((r.url, r.sizes()["responseBodySize"])))
        assert open_search(page, f"{base_url}search/?q=Kazakhstan") > 0
        total = sum(size for _, size in fetched)
        wasm = [url for url, _ in fetched if url.endswith(".pagefind") and "/wasm." in url]
        workers = [url for url, _ in fetched if url.endswith("pagefind-worker.js")]
        assert len(wasm) == 1 and len(workers) <= 1, fetched
        assert total <= FIRST_QUERY_BYTES, (total, len(fetched))
    finally:
        context.close()


@pytest.mark.parametrize(("alias", "field", "name"), [
    ("Nazarbaev", "people", "Nursultan Nazarbayev"), ("Elbasy", "people", "Nursultan Nazarbayev"),
    ("Toqaev", "people", "Kassym-Jomart Tokayev"), ("Berdimuhamedow", "people", "Gurbanguly Berdimuhamedov"),
    ("Kyrgyz Republic", "countries", "Kyrgyzstan"),
])
def test_an_alias_finds_the_entity_and_its_articles(page: Any, generated: tuple[BuiltSite, str], alias: str,
                                                    field: str, name: str) -> None:
    built, base_url = generated
    expected = tagged(built, field, name)
    assert expected, f"the generated archive has no article on {name}"
    filter_name = {"people": "person", "countries": "country"}[field]
    url = f"{base_url}search/?q={quote_plus(alias)}&{filter_name}={quote_plus(name)}&sort=newest"
    assert open_search(page, url) == len(expected)
    assert set(result_links(page, every=True)) == expected
    open_search(page, f"{base_url}search/?q={quote_plus(alias)}")  # the entity's own page is offered
    assert name in page.locator("#search-entities").inner_text()


def test_seed_aliases_find_their_articles(page: Any, served: tuple[BuiltSite, str]) -> None:
    built, base_url = served
    expected = tagged(built, "people", "Nursultan Nazarbayev")
    open_search(page, f"{base_url}search/?q=Elbasy")
    assert expected <= set(result_links(page, every=True))


def test_a_filtered_address_reloads_to_the_same_results(page: Any, site: tuple[BuiltSite, str]) -> None:
    _, base_url = site
    url = f"{base_url}search/?q=Kazakhstan&country=Kazakhstan&country=Russia&from=2017&to=2021&sort=oldest"
    count = open_search(page, url)
    links = result_links(page, every=True)
    assert count == len(links) > 0
    page.reload()
    assert answered(page) == count
    assert result_links(page, every=True) == links
    assert page.locator('#search-groups input[name=country][value="Russia"]').is_checked()
    assert "Country: Russia" in page.locator("#search-active").inner_text()


def test_several_bundles_are_searched_as_one(browser: Any, sharded: tuple[BuiltSite, str]) -> None:
    built, base_url = sharded
    bundles = json.loads((built.public / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]
    assert len(bundles) >= 3
    context = browser.new_context()
    try:
        page = context.new_page()
        fetched: list[str] = []
        page.on("requestfinished", lambda r: fetched.append(r.url))
        every = {path_of(a) for a in articles(built) if "Kazakhstan" in a["countries"]}
        assert open_search(page, f"{base_url}search/?country=Kazakhstan&sort=oldest") == len(every)
        assert set(result_links(page, every=True)) == every
        assert sum(1 for url in fetched if "/wasm." in url) == 1
        assert sum(1 for url in fetched if url.endswith("pagefind-worker.js")) == 1
        assert len({url.split("/pagefind/")[1].split("/")[0] for url in fetched if "pagefind-entry.json" in url}) \
            == len(bundles)
    finally:
        context.close()


def test_or_within_a_filter_and_across_filters(page: Any, site: tuple[BuiltSite, str]) -> None:
    built, base_url = site
    every = articles(built)
    either = {path_of(a) for a in every if {"Kazakhstan", "Kyrgyzstan"} & set(a["countries"])}
    assert open_search(page, f"{base_url}search/?country=Kazakhstan&country=Kyrgyzstan") == len(either)
    organisation = max({o for a in every for o in a["organisations"]},
                       key=lambda o: sum(path_of(a) in either and o in a["organisations"] for a in every))
    both = {path_of(a) for a in every if path_of(a) in either and organisation in a["organisations"]}
    page.click("#search-groups details[data-name=organisation] > summary")  # groups start folded
    box = page.locator(f'#search-groups input[name=organisation][value="{organisation}"]')
    label = page.locator(f'label[for="{box.get_attribute("id")}"] .count').inner_text()
    assert label == str(len(both)), label  # the count says what ticking it gives
    assert changed(page, box.check) == len(both)
    assert set(result_links(page, every=True)) == both
    assert f"organisation={quote_plus(organisation)}" in page.url


def test_search_within_a_person_page(page: Any, site: tuple[BuiltSite, str]) -> None:
    built, base_url = site
    name = "Nursultan Nazarbayev"
    page.goto(f"{base_url}people/nursultan-nazarbayev/")
    page.click("text=Search within these articles")
    assert answered(page) == len(tagged(built, "people", name))
    assert set(result_links(page, every=True)) == tagged(built, "people", name)
    assert page.locator('#search-groups input[name=person][value="Nursultan Nazarbayev"]').is_checked()


def test_search_within_a_pair_page(page: Any, site: tuple[BuiltSite, str]) -> None:
    """A bilateral file's articles are about both countries: the pair filter, not two country values (OR)."""
    built, base_url = site
    pair = next(p for p in sorted(built.public.glob("countries/*/*/index.html"))
                if not p.parent.name.isdigit())  # a pair page, not a country's year page (countries/x/2017/)
    first, second = (folder.name for folder in (pair.parent.parent, pair.parent))
    both = {path_of(a) for a in articles(built)
            if {c.lower().replace(" ", "-") for c in a["countries"]} >= {first, second}}
    page.goto(f"{base_url}countries/{first}/{second}/")
    page.click("text=Search within these articles")
    assert answered(page) == len(both) > 0
    assert set(result_links(page, every=True)) == both
    assert "Bilateral file:" in page.locator("#search-active").inner_text()


def test_year_range(page: Any, site: tuple[BuiltSite, str]) -> None:
    built, base_url = site
    dated = sorted({year for a in articles(built) if (year := year_of(a))})
    first, last = dated[0], dated[len(dated) // 2]
    expected = {path_of(a) for a in articles(built) if (year := year_of(a)) and first <= year <= last}
    assert open_search(page, f"{base_url}search/?from={first}&to={last}") == len(expected)
    assert set(result_links(page, every=True)) == expected
    assert changed(page, lambda: page.select_option("#search-from", str(last))) == len(
        {path_of(a) for a in articles(built) if year_of(a) == last})
    assert f"from={last}" in page.url and f"to={last}" in page.url


def test_sorting_by_date_keeps_every_article(page: Any, site: tuple[BuiltSite, str]) -> None:
    built, base_url = site
    dates = {path_of(a): a["date"] or "0000" for a in articles(built)}
    relevance = open_search(page, f"{base_url}search/?q=Kazakhstan")
    by_relevance = set(result_links(page, every=True))
    for order, descending in (("newest", True), ("oldest", False)):
        assert changed(page, lambda o=order: page.select_option("#search-sort", o)) == relevance  # type: ignore[misc]
        links = result_links(page, every=True)
        assert set(links) == by_relevance
        keys = [dates[link] for link in links]
        assert keys == sorted(keys, reverse=descending)
        assert f"sort={order}" in page.url


def test_a_result_marks_the_terms_on_the_article(page: Any, served: tuple[BuiltSite, str]) -> None:
    _, base_url = served
    open_search(page, f"{base_url}search/?q=Nazarbayev")
    assert page.locator("#search-list mark").count() > 0  # the passage marks the term
    page.locator("#search-list .result-title a").first.click()
    page.wait_for_selector("[data-pagefind-body] mark.pagefind-highlight", timeout=10_000)
    assert "highlight=nazarbayev" in page.url.lower()


def test_results_show_date_countries_and_outlet(page: Any, served: tuple[BuiltSite, str]) -> None:
    built, base_url = served
    open_search(page, f"{base_url}search/?q=Nazarbayev")
    metas = page.locator("#search-list .result-meta").all_inner_texts()
    assert metas and all(" — " in meta for meta in metas)
    assert any(meta.startswith("c. ") for meta in metas) or not any(
        a["date_basis"] == "inferred" for a in articles(built))


def test_header_search_box_leads_to_results(page: Any, served: tuple[BuiltSite, str]) -> None:
    _, base_url = served
    page.goto(f"{base_url}timeline/")
    page.fill("#header-q", "Nazarbayev")
    page.press("#header-q", "Enter")
    assert answered(page) > 0
    assert page.url.startswith(f"{base_url}search/?q=Nazarbayev")


def test_on_a_phone_the_first_result_is_in_view(browser: Any, generated: tuple[BuiltSite, str]) -> None:
    _, base_url = generated
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        open_search(page, f"{base_url}search/?q=Kazakhstan&country=Russia")
        first = page.locator("#search-list .search-result").first.bounding_box()
        assert first is not None and first["y"] < 844, first
        assert page.locator("#search-active").is_visible()  # the active filter shows, the panel is folded
        assert not page.locator("#search-filters").evaluate("panel => panel.open")
    finally:
        context.close()


def test_the_keyboard_reaches_the_results_without_the_filters(page: Any, generated: tuple[BuiltSite, str]) -> None:
    _, base_url = generated
    open_search(page, f"{base_url}search/?q=Kazakhstan")
    page.focus("#search-q")
    page.keyboard.press("Tab")  # the search button
    page.keyboard.press("Tab")  # the skip link
    assert page.evaluate("() => document.activeElement.className") == "skip-results"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.closest('#search-results') !== null")
    assert focused
