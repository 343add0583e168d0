"""Article views: dates with their precision, entity links, citations, JSON-LD and provenance."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from site_builder.catalogue import Catalogue
from site_builder.config import Config
from site_builder.model import Article, Entity, EntityKind, SourceRef
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


TITLE = "Kazakhstan and Azerbaijan Strengthen Cooperation"
ACCESS = '<span class="access-date" data-form="long">[date accessed]</span>'


@pytest.mark.parametrize(("author", "outlet", "date", "basis", "chicago", "apa"), [
    (None, None, "2017-04-03", "stated",
     f"“{TITLE}.” Regional Affairs Archive, 3 April 2017. URL. Accessed {ACCESS}.",
     f"{TITLE}. (2017, April 3). Retrieved {ACCESS}, from Regional Affairs Archive: URL"),
    ("A. Writer", "Kazinform", "2017-04", "stated",
     f"A. Writer. “{TITLE}.” Kazinform, April 2017. Regional Affairs Archive, URL. Accessed {ACCESS}.",
     f"A. Writer. (2017, April). {TITLE}. Kazinform. Retrieved {ACCESS}, from Regional Affairs Archive: URL"),
    (None, "EIRNS", "2017-04-03", "inferred",
     f"“{TITLE}.” EIRNS, c. 3 April 2017. Regional Affairs Archive, URL. Accessed {ACCESS}.",
     f"{TITLE}. (c. 2017, April 3). EIRNS. Retrieved {ACCESS}, from Regional Affairs Archive: URL"),
    (None, None, "2017", "inferred",
     f"“{TITLE}.” Regional Affairs Archive, [2017]. URL. Accessed {ACCESS}.",
     f"{TITLE}. ([2017]). Retrieved {ACCESS}, from Regional Affairs Archive: URL"),
    (None, None, None, "inferred",
     f"“{TITLE}.” Regional Affairs Archive, n.d. URL. Accessed {ACCESS}.",
     f"{TITLE}. (n.d.). Retrieved {ACCESS}, from Regional Affairs Archive: URL"),
])
def test_citations(make_article: ArticleFactory, config: Config, author: str | None, outlet: str | None,
                   date: str | None, basis: str, chicago: str, apa: str) -> None:
    source = SourceRef("content/sources/000_digest.txt", "ab" * 32, 1, 6, (1, 62), outlet=outlet)
    cited = citations.citations(make_article(author=author, date=date, date_basis=basis, source=source), config,
                                "URL")
    assert (str(cited.chicago), str(cited.apa)) == (chicago, apa)
    assert cited.bibtex.startswith("@misc{kazakhstan-and-azerbaijan-strengthen-cooperation:")
    assert "url = {URL}" in cited.bibtex and "urldate = {<span" in cited.bibtex
    assert ("author = {" in cited.bibtex) == bool(author)  # the archive is never the author
    assert ("organization = {" + (outlet or "")) in cited.bibtex if outlet else "organization" not in cited.bibtex


def test_bibtex_marks_an_inferred_date_with_its_note(make_article: ArticleFactory, config: Config) -> None:
    article = make_article(date_basis="inferred", date_note="from the digest's other items")
    assert "note = {date inferred: from the digest's other items; accessed via Regional Affairs Archive}" in \
        citations.bibtex(article, config, "URL")


def test_bibtex_keys_come_from_the_url_unless_frozen(make_article: ArticleFactory) -> None:
    assert citations.bibtex_key(make_article()) == "kazakhstan-and-azerbaijan-strengthen-cooperation:2017"
    assert citations.bibtex_key(make_article(slug="2017-summit", date=None)) == "n_2017-summit:undated"
    assert citations.bibtex_key(make_article(cite_key="nazarbayev2017baku")) == "nazarbayev2017baku"


def test_article_credits_outlet_author_and_how_it_was_dated(make_article: ArticleFactory, catalogue: Catalogue,
                                                             config: Config, urls: Urls) -> None:
    source = SourceRef("content/sources/000_digest.txt", "ab" * 32, 1, 6, (1, 62), url="https://kaz.example/a",
                       outlet="Kazinform")
    article = make_article(author="A. Writer", source=source, date_basis="inferred",
                           date_note="from the digest's other items")
    view = views.article_view(article, catalogue, config, urls, (None, None))
    assert view.credit == views.Credit("A. Writer", "Kazinform", "https://kaz.example/a", "inferred",
                                       "from the digest's other items")
    data = json.loads(str(view.json_ld))
    assert data["publisher"]["name"] == "Regional Affairs Archive" and data["author"]["name"] == "A. Writer"
    assert data["sourceOrganization"]["name"] == "Kazinform" and data["isBasedOn"]["url"] == "https://kaz.example/a"


def test_bibtex_escapes_special_characters(make_article: ArticleFactory, config: Config) -> None:
    assert r"{{Trade \& transit: 50\% up}}" in citations.bibtex(make_article(title="Trade & transit: 50% up"),
                                                                 config, "URL")


def test_json_ld_cannot_close_its_script_element(make_article: ArticleFactory, config: Config) -> None:
    data = citations.json_ld(make_article(title="</script><script>alert(1)</script>"), config, "URL", "d")
    assert "<" not in data and ">" not in data
    parsed = json.loads(str(data))
    assert parsed["headline"] == "</script><script>alert(1)</script>"
    assert parsed["@type"] == "NewsArticle" and parsed["datePublished"] == "2017-04-03"


def test_json_ld_links_entities_to_wikidata(make_article: ArticleFactory, config: Config) -> None:
    about = [Entity(EntityKind.COUNTRY, "Kazakhstan", "kazakhstan", wikidata="Q232"),
             Entity(EntityKind.ORGANISATION, "C5", "c5")]
    parsed = json.loads(str(citations.json_ld(make_article(), config, "URL", "d", about)))
    assert parsed["about"] == [{"@type": "Country", "name": "Kazakhstan", "sameAs": "https://www.wikidata.org/wiki/Q232"},
                               {"@type": "Organization", "name": "C5"}]
    assert "author" not in parsed  # no byline and no outlet: the archive does not claim to be the author


def test_citations_escape_what_ingest_recorded(make_article: ArticleFactory, config: Config) -> None:
    source = SourceRef("content/sources/000_digest.txt", "ab" * 32, 1, 6, (1, 62), outlet="<script>x</script>")
    cited = citations.citations(make_article(author="<b>A</b>", source=source, date_basis="inferred",
                                             date_note="<img src=x onerror=alert(1)>"), config, "URL")
    for text in (cited.chicago, cited.apa, cited.bibtex):
        assert "<script>" not in text and "<b>" not in text and "<img" not in text
        assert text.count("<span") == 1  # the access date's element, and nothing else
