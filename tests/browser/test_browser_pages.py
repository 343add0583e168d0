"""Pages a researcher relies on (issue 14): every citation printed, both orders of a pair, an entity's own years,
the access date filled in, the hand-written pages linked from every page."""

from __future__ import annotations

import re
from typing import Any


def test_print_shows_every_citation(page: Any, base_url: str, kinds: dict[str, str]) -> None:
    page.goto(base_url + kinds["article"])
    page.emulate_media(media="print")
    shown = page.evaluate("""() => [...document.querySelectorAll('.cite .citation')].map(e => {
        const box = e.getBoundingClientRect();
        return [getComputedStyle(e).display !== 'none' && box.height > 0, e.textContent.length];
    })""")
    assert len(shown) == 3 and all(visible and length > 40 for visible, length in shown)  # Chicago, APA, BibTeX
    headings = page.evaluate("() => [...document.querySelectorAll('.cite-style')].map(e => e.offsetHeight > 0)")
    assert headings == [True, True, True]
    assert page.evaluate("() => getComputedStyle(document.querySelector('.site-header')).display") == "none"
    pdf = page.pdf()
    assert len(pdf) > 1000


def test_the_access_date_is_the_readers(page: Any, base_url: str, kinds: dict[str, str]) -> None:
    page.goto(base_url + kinds["article"])
    dates = page.eval_on_selector_all(".access-date", "nodes => nodes.map(n => n.textContent)")
    today = page.evaluate("() => new Date().getFullYear()")
    assert len(dates) == 3 and all(str(today) in d for d in dates)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", dates[2])


def test_a_pair_answers_in_either_order(page: Any, base_url: str, kinds: dict[str, str]) -> None:
    _, first, second, _ = kinds["pair"].split("/")
    page.goto(f"{base_url}countries/{second}/{first}/")
    page.wait_for_url(f"{base_url}countries/{first}/{second}/")
    assert page.locator("h1").inner_text().endswith(page.locator(".lede a").nth(1).inner_text())


def test_an_entitys_chart_opens_its_own_year(page: Any, base_url: str) -> None:
    page.goto(base_url + "countries/kazakhstan/")
    bar = page.locator(".chart a.row").first
    year = bar.locator(".bar-label").inner_text()
    assert bar.get_attribute("href") == f"/archive/countries/kazakhstan/{year}/"
    bar.click()
    page.wait_for_url(f"{base_url}countries/kazakhstan/{year}/")
    assert page.locator("h1").inner_text() == f"Kazakhstan: {year}"
    assert page.locator(".article-list li").count() > 0


def test_chart_labels_stay_readable_on_a_phone(page: Any, base_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(base_url)
    sizes = page.eval_on_selector_all(".chart .bar-label",
                                      "nodes => nodes.map(n => parseFloat(getComputedStyle(n).fontSize))")
    assert sizes and min(sizes) >= 12


def test_main_content_is_spaced_from_header_and_footer(page: Any, base_url: str, kinds: dict[str, str]) -> None:
    for kind in ("home", "country", "people"):
        page.goto(base_url + kinds[kind])
        padding = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('main'));
            return [parseFloat(s.paddingTop), parseFloat(s.paddingBottom)]; }""")
        assert padding[0] >= 10 and padding[1] >= 30, kind


def test_footer_links_the_hand_written_pages(page: Any, base_url: str) -> None:
    page.goto(base_url)
    page.locator(".site-footer a", has_text="Methodology").click()
    page.wait_for_url(f"{base_url}methodology/")
    assert page.locator("h1").inner_text() == "Methodology"
    assert page.locator("h2", has_text="How to cite").count() == 1


def test_a_chart_of_25_years_stays_readable_on_a_phone(page: Any, base_url: str) -> None:
    """The home page of a 25-year archive (rendered here with the real templates) at 390 px: one row a year, each
    label at the page's own size, nothing scrolling sideways."""
    from site_builder.authority import Authority
    from site_builder.catalogue import build_catalogue
    from site_builder.config import BUILTIN_TEMPLATES
    from site_builder.model import Article, Entity, EntityKind, PartialDate
    from site_builder.render import listings
    from site_builder.render.environment import make_environment, render_template
    from site_builder.render.pages import PageMeta, nav
    from site_builder.urls import Urls

    urls = Urls(base_url)
    kazakhstan = Entity(EntityKind.COUNTRY, "Kazakhstan", "kazakhstan")
    articles = [Article(title=f"Article {i}", slug=f"a{i}", date=PartialDate(2000 + i % 25, 1, 1),
                        date_basis="stated", author=None, countries=("Kazakhstan",), countries_mentioned=(),
                        organisations=(), people=(), summary=None, source=None, body="", path=f"a{i}.md")
                for i in range(200)]
    catalogue = build_catalogue(articles, Authority((kazakhstan,), (), ()))
    site = {"title": "Archive", "description": "d", "language": "en", "publisher": "p", "nav": nav(urls)}
    meta = PageMeta("Archive", base_url, "d", "home")
    html = render_template(make_environment(BUILTIN_TEMPLATES), "home.html", site=site, page=meta,
                           view=listings.home_view(catalogue, urls, 5))
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(base_url)
    page.set_content(html)
    page.wait_for_load_state("load")
    labels = page.eval_on_selector_all(".chart .bar-label", """nodes => nodes.map(n => [n.textContent,
        parseFloat(getComputedStyle(n).fontSize), n.getBoundingClientRect().width])""")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.chart .row')).display") == "grid"
    assert len(labels) == 25 and all(size >= 12 and width > 20 for _, size, width in labels)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
