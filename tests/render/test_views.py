"""Article views: dates with their precision, entity links, citations, JSON-LD and provenance."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from site_builder.catalogue import Catalogue
from site_builder.config import Config
from site_builder.model import Article
from site_builder.render import citations, views
from site_builder.urls import Urls

ArticleFactory = Callable[..., Article]


@pytest.mark.parametrize(("date", "basis", "text", "note", "inferred", "anchor"), [
    ("2017-04-03", "stated", "3 April 2017", None, False, "m-04"),
    ("2017-04", "inferred", "April 2017", "day not known", True, "m-04"),
    ("2017", "stated", "2017", "month and day not known", False, "m-unknown"),
    (None, "inferred", "Date unknown", None, False, "y-date-unknown"),
])
def test_dates_show_their_precision(make_article: ArticleFactory, catalogue: Catalogue, config: Config, urls: Urls,
                                    date: str | None, basis: str, text: str, note: str | None, inferred: bool,
                                    anchor: str) -> None:
    article = make_article(date=date, date_basis=basis)
    view = views.article_view(article, catalogue, config, urls, (None, None))
    assert (view.date_text, view.precision_note, view.inferred) == (text, note, inferred)
    assert view.timeline.url.endswith(f"#{anchor}")


def test_links_to_entities_pairs_and_mentions(make_article: ArticleFactory, catalogue: Catalogue, config: Config,
                                              urls: Urls) -> None:
    view = views.article_view(make_article(), catalogue, config, urls, (None, None))
    assert [link.url for link in view.countries] == ["/archive/countries/kazakhstan/", "/archive/countries/azerbaijan/"]
    assert [link.url for link in view.pairs] == ["/archive/countries/azerbaijan/kazakhstan/"]
    assert [link.text for link in view.organisations] == ["SCO"]
    assert [link.text for link in view.mentioned] == ["Russia"]  # mentioned in passing, and it has a page


def test_neighbours_and_provenance(make_article: ArticleFactory, catalogue: Catalogue, config: Config,
                                   urls: Urls) -> None:
    earlier = make_article(title="Earlier", slug="earlier", date="2016")
    view = views.article_view(make_article(), catalogue, config, urls, (earlier, None))
    assert view.previous is not None and view.previous.url == "/archive/articles/2016/earlier/"
    assert view.next is None
    assert view.provenance == views.Provenance("000_digest.txt", "/archive/sources/000_digest/#part-1", 1, 6, 1, 62)


@pytest.mark.parametrize(("summary", "body", "expected"), [
    ("Given summary.", "Body.", "Given summary."),
    (None, "# Heading\n\nThe *body* text.", "Heading The body text."),
    (None, "word " * 100, ("word " * 40).strip() + "…"),
])
def test_description(make_article: ArticleFactory, summary: str | None, body: str, expected: str) -> None:
    assert views.description(make_article(summary=summary, body=body)) == expected


@pytest.mark.parametrize(("author", "date", "chicago", "apa"), [
    (None, "2017-04-03",
     "“Kazakhstan and Azerbaijan Strengthen Cooperation.” Regional Affairs Archive, 3 April 2017. URL.",
     "Kazakhstan and Azerbaijan Strengthen Cooperation. (2017, April 3). Regional Affairs Archive. URL"),
    ("A. Writer", "2017-04",
     "A. Writer. “Kazakhstan and Azerbaijan Strengthen Cooperation.” Regional Affairs Archive, April 2017. URL.",
     "A. Writer. (2017, April). Kazakhstan and Azerbaijan Strengthen Cooperation. Regional Affairs Archive. URL"),
    (None, None,
     "“Kazakhstan and Azerbaijan Strengthen Cooperation.” Regional Affairs Archive, n.d. URL.",
     "Kazakhstan and Azerbaijan Strengthen Cooperation. (n.d.). Regional Affairs Archive. URL"),
])
def test_citations(make_article: ArticleFactory, config: Config, author: str | None, date: str | None,
                   chicago: str, apa: str) -> None:
    cited = citations.citations(make_article(author=author, date=date), config, "URL")
    assert (cited.chicago, cited.apa) == (chicago, apa)
    assert cited.bibtex.startswith("@misc{kazakhstan_and_azerbaijan")
    assert "url = {URL}" in cited.bibtex


def test_bibtex_escapes_special_characters(make_article: ArticleFactory, config: Config) -> None:
    assert r"{{Trade \& transit: 50\% up}}" in citations.bibtex(make_article(title="Trade & transit: 50% up"),
                                                                 config, "URL")


def test_json_ld_cannot_close_its_script_element(make_article: ArticleFactory, config: Config) -> None:
    data = citations.json_ld(make_article(title="</script><script>alert(1)</script>"), config, "URL", "d")
    assert "<" not in data and ">" not in data
    parsed = json.loads(str(data))
    assert parsed["headline"] == "</script><script>alert(1)</script>"
    assert parsed["@type"] == "NewsArticle" and parsed["datePublished"] == "2017-04-03"
