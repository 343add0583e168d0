"""The header zone, listings and dates of whole pages, one rule per row (table-driven)."""

from __future__ import annotations

import pytest

from site_builder.ingest.entities import Matcher
from site_builder.ingest.read import SourceHints, SourceText, decode_source
from site_builder.ingest.source_articles import Draft, extract_articles

LEAD = ("The foreign ministers of Kazakhstan and Uzbekistan met in Tashkent to discuss trade, transit and water, "
        "the ministry said in a statement.")
LEAD2 = ("Armenia and Georgia signed an agreement on the border crossing, and the two governments promised to "
         "open a second checkpoint next year.")


def run(text: str, matcher: Matcher, hints: SourceHints | None = None) -> list[Draft]:
    source = decode_source(text.encode("utf-8"), "content/sources/page.txt")
    return extract_articles(SourceText(source.path, source.text, source.encoding, source.sha256, source.lines,
                                       hints or SourceHints()), matcher)


TITLES = [
    ("an address line above the title, a capitals dateline below it",
     "https://sputniknews.com/20221226/tashkent-ready-1105805137.html\nTashkent Ready to Intensify Political Dialogue"
     " With Moscow\nTASHKENT (Sputnik) - Uzbekistan is ready to intensify constructive political dialogue with "
     "Russia, the Uzbek Foreign Ministry said on Monday.\n" + LEAD,
     "Tashkent Ready to Intensify Political Dialogue With Moscow"),
    ("navigation labels above the title", f"View settings\n\nAll news\n\nTop Stories\n\nMinisters Meet in Tashkent"
     f"\n\n{LEAD}", "Ministers Meet in Tashkent"),
    ("a language picker", f"• Հայ\n\n• Рус\n\n• Eng\n\nMinisters Meet in Tashkent\n\n{LEAD}",
     "Ministers Meet in Tashkent"),
    ("a timestamp glued before the title", f"10:56 Astana and Tashkent discuss trade\n\n{LEAD}",
     "Astana and Tashkent discuss trade"),
    ("a title running on into its dateline and tags",
     "Armenia hails the talks with confidence 13:38, 24.09.2017 Region:Armenia, Azerbaijan Theme: Politics"
     f"\n\n{LEAD}", "Armenia hails the talks with confidence"),
    ("a clock and currency widget", f"23:29\nUSD 86.50\nEUR 90.34\n\nMinisters Meet in Tashkent\n\n{LEAD}",
     "Ministers Meet in Tashkent"),
    ("a kicker above the title", f"Foreign policy\n\nMinisters Meet in Tashkent\n\n{LEAD}",
     "Ministers Meet in Tashkent"),
    ("the title on the line right above the lead", f"Ministers Meet in Tashkent\n{LEAD}",
     "Ministers Meet in Tashkent"),
    ("an edition switch glued into one line", f"Global EditionASIA 中文雙語Fran?ais\n\nOpinion\n\n"
     f"Ministers Meet in Tashkent\n\n{LEAD}", "Ministers Meet in Tashkent"),
    ("a language switch", f"English Русский Қазақша O'zbekcha\n\nMinisters Meet in Tashkent\n\n{LEAD}",
     "Ministers Meet in Tashkent"),
    ("a title glued to the site's domain and its stamp",
     f"Ministers Meet in Tashkent on Trade\nchinadaily.com.cn | Updated: 2024-12-02 20:16\n\n{LEAD}",
     "Ministers Meet in Tashkent on Trade"),
    ("a dated photo caption between title and lead", f"Ministers Meet in Tashkent\n\nA truck at the new terminal in "
     f"Xi'an, Shaanxi province, on Dec 23, 2023. [Photo provided to China Daily]\n\n{LEAD}",
     "Ministers Meet in Tashkent"),
    ("the short form of a credited caption", f"Ministers Meet in Tashkent\n\nOil Pump in Baku, courtesy of "
     f"Gulustan/Wikimedia Commons\n\nOil Pump in Baku\n\n{LEAD}", "Ministers Meet in Tashkent"),
    ("a Read also widget right under the title",
     f"Ministers Meet in Tashkent\n\nRead also\n\n{LEAD}\n\nThe talks will go on in May.",
     "Ministers Meet in Tashkent"),
]


@pytest.mark.parametrize(("name", "text", "title"), TITLES, ids=[t[0] for t in TITLES])
def test_titles(name: str, text: str, title: str, matcher: Matcher) -> None:
    drafts = run(text, matcher)
    assert [d.article.title for d in drafts] == [title]
    assert "foreign ministers" in drafts[0].article.body


DATES = [
    ("a date line under the title", f"Ministers Meet\n\n13:38, 24.09.2017\n\n{LEAD}", "2017-09-24", "stated"),
    ("a date line above the title", f"October 15, 2019 14:18\n\nMinisters Meet\n\n{LEAD}", "2019-10-15", "stated"),
    ("a date with its zone", f"Ministers Meet\n\n4 July 2024 08:30 (UTC+04:00)\n\n{LEAD}", "2024-07-04", "stated"),
    ("a date line at the end", f"Ministers Meet\n\n{LEAD}\n\nMarch 11, 2025", "2025-03-11", "stated"),
    ("transliterated month", f"Ministers Meet\n\n2 Dekabr 2015\n\n{LEAD}", "2015-12-02", "stated"),
    ("no year on the page", f"Ministers Meet\n\nTashkent, August 7 - {LEAD}", None, "inferred"),
    ("widgets glued before the dateline", f"Ministers Meet\n\n0 Comment(s)Print E-mail Xinhua, September 3, 2013"
     f"\n\n{LEAD}", "2013-09-03", "stated"),
    ("a Greek month", f"Ministers Meet\n\nΤετάρτη 6 Νοεμβρίου 2013\n\n{LEAD}", "2013-11-06", "stated"),
    ("an Armenian month", f"Ministers Meet\n\n19 դեկտեմբերի 2024\n\n{LEAD}", "2024-12-19", "stated"),
    ("the site's today header", f"Saturday, June 10, 2023\n\nLatest Posts\n\nMinisters Meet\n\n{LEAD}", None,
     "inferred"),
    ("a dateline without a year, the lead's date of the days before",
     "Ministers Meet\n\n- Obyektiv Media\n\n- Aug 11\n\nThe foreign ministers of Kazakhstan and Uzbekistan met "
     "in Tashkent to prepare the declaration of August 8, 2025 for signing, the ministry said in a statement.",
     "2025-08-11", "inferred"),
    ("a weekday dateline with its time", f"Ministers Meet\n\nTuesday, 18 April 2023 16:30\n\n{LEAD}", "2023-04-18",
     "stated"),
]


@pytest.mark.parametrize(("name", "text", "date", "basis"), DATES, ids=[d[0] for d in DATES])
def test_dates(name: str, text: str, date: str | None, basis: str, matcher: Matcher) -> None:
    article = run(text, matcher)[0].article
    assert (article.date.iso, article.date_basis) == (date, basis)


def test_no_year_is_said_in_the_note(matcher: Matcher) -> None:
    article = run(f"Ministers Meet\n\nTashkent, August 7 - {LEAD}", matcher)[0].article
    assert article.date_note == "the page gives 7 August without a year"


def test_metadata_date_when_the_text_has_none(matcher: Matcher) -> None:
    hints = SourceHints(date="2024-05-03", date_origin="JSON-LD datePublished")
    article = run(f"Ministers Meet\n\n{LEAD}", matcher, hints)[0].article
    assert (article.date.iso, article.date_basis, article.date_note) == ("2024-05-03", "metadata",
                                                                         "from JSON-LD datePublished")


def test_metadata_title_is_evidence(matcher: Matcher) -> None:
    text = (f"Breaking headlines of the day\n\nMinisters Meet in Tashkent on Trade\n\nPhoto gallery of the visit"
            f"\n\n{LEAD}")
    hints = SourceHints(title="Ministers Meet in Tashkent on Trade | Site")
    assert run(text, matcher, hints)[0].article.title == "Ministers Meet in Tashkent on Trade"


def test_dated_listing_is_one_article_per_item(matcher: Matcher) -> None:
    text = (f"Latest news\n\n30.05.2023, 23:30 7751\n\nMinisters Meet in Tashkent\n\n{LEAD}\n\n"
            f"29.05.2023, 21:22 10036\n\nBorder Deal Signed in Tbilisi\n\n{LEAD2}")
    drafts = run(text, matcher)
    assert [(d.article.title, d.article.date.iso) for d in drafts] == [
        ("Ministers Meet in Tashkent", "2023-05-30"), ("Border Deal Signed in Tbilisi", "2023-05-29")]


def test_teaser_listing_is_one_article_per_item(matcher: Matcher) -> None:
    items = [("Ministers Meet in Tashkent", LEAD), ("Border Deal Signed in Tbilisi", LEAD2),
             ("Water Talks Resume in Dushanbe", LEAD.replace("Tashkent", "Dushanbe"))]
    text = "Latest Updates\n\n" + "\n\n".join(f"{t}\n\n{b}" for t, b in items)
    assert [d.article.title for d in run(text, matcher)] == [t for t, _ in items]


def test_an_article_with_subheadings_stays_one(matcher: Matcher) -> None:
    text = (f"Ministers Meet in Tashkent\n\n{LEAD}\n\n{LEAD2}\n\nTrade and transit\n\n{LEAD}\n\n{LEAD2}\n\n"
            f"Water and energy\n\n{LEAD}\n\n{LEAD2}")
    assert [d.article.title for d in run(text, matcher)] == ["Ministers Meet in Tashkent"]


def test_a_page_of_short_lines_still_yields_an_article(matcher: Matcher) -> None:
    drafts = run("Home\n\nNews\n\nTashkent talks\n\nMinisters met", matcher)
    assert len(drafts) == 1 and drafts[0].flag and "Ministers met" in drafts[0].article.body


def test_a_caption_echoing_the_lead_is_not_the_title(matcher: Matcher) -> None:
    text = ("Thursday, August 14, 2025\n\nArmenian PM: Zangezur corridor to bring benefits to Iran\n\n"
            "By Editorial Staff\n\nArmenian Prime Minister Nikol Pashinyan\n\nArmenian Prime Minister Nikol "
            "Pashinyan says the Zangezur corridor would bring tangible benefits to Iran and the whole region, "
            "he told reporters in Yerevan.")
    article = run(text, matcher)[0].article
    # The weekday date alone on the page's first line is the site's date of the day (furniture.is_today_header).
    assert (article.title, article.date.iso) == ("Armenian PM: Zangezur corridor to bring benefits to Iran", None)


def test_the_articles_own_dateline_beats_the_sites_today_header(matcher: Matcher) -> None:
    text = (f"Tuesday, November 5, 2024\n\nMinisters Meet in Tashkent\n\nTashkent, OCT 6: {LEAD}")
    article = run(text, matcher)[0].article
    assert article.date.iso is None and article.date_note == "the page gives 6 October without a year"


@pytest.mark.parametrize(("line", "title"), [
    ("Ï Turkmenistan - a champion of ideals of peace", "Turkmenistan - a champion of ideals of peace"),
    ("PM Met With Georgia’s Ambassadors to Europe and US ელჩები", "PM Met With Georgia’s Ambassadors to Europe and US"),
    ("Turkmenistan hosts the talks view-icon 1180", "Turkmenistan hosts the talks"),
])
def test_glyphs_tags_and_counters_around_a_title(line: str, title: str, matcher: Matcher) -> None:
    assert run(f"{line}\n\n{LEAD}", matcher)[0].article.title == title


def test_a_dispatch_printed_after_an_article_is_an_article(matcher: Matcher) -> None:
    text = (f"Ministers Meet in Tashkent\n\n{LEAD}\n\n{LEAD2}\n\nBorder Deal Signed in Tbilisi\n\nSource: TASS\n\n"
            f"TBILISI, October 25. /TASS/. {LEAD2}")
    assert [d.article.title for d in run(text, matcher)] == ["Ministers Meet in Tashkent",
                                                              "Border Deal Signed in Tbilisi"]


SUMMARIES = [
    "The Organization for Security and Cooperation in Europe is overstretched, underfunded, and assailed on all sides.",
    "Twenty-five years after Armenia, Azerbaijan, and Georgia became independent states, the region remains sensitive.",
    "Azerbaijan’s suspension from a coalition of energy-extracting countries will harm Baku’s international brand.",
    "Recent protests in Armenia are the latest example of a growing gap between the government and society.",
    "The Samarkand international airport will be closed from October 20 to November 20, the Uzbekistan Airports said.",
]
GOING_ON = ["He added that the talks would resume in Baku next month, the ministry said in a statement today.",
            "“We are ready for a new stage of cooperation,” the minister told reporters after the talks in Tashkent.",
            "The sides also discussed water, energy and transport, and agreed to meet again in the spring next year.",
            "- A joint declaration, described as the most important document, would be signed by both leaders.",
            "Nonetheless, expectations of progress towards a resolution resulting from the meeting are high."]


@pytest.mark.parametrize(("name", "paragraphs", "articles"), [
    ("a page of one-paragraph summaries, each its own story", SUMMARIES, 5),
    ("a dated page of summaries", SUMMARIES, 5),
    *((f"an article whose paragraph goes on: {p[:12]}", [SUMMARIES[0], SUMMARIES[1], p, SUMMARIES[3], SUMMARIES[4]], 1)
      for p in GOING_ON),
    ("too few paragraphs to tell", SUMMARIES[:4], 1),
    ("a headline above short paragraphs: one article", ["Presidents of Uzbekistan and Azerbaijan meet in Baku",
                                                        *SUMMARIES], 1),
])
def test_summaries_page_is_one_article_per_paragraph(name: str, paragraphs: list[str], articles: int,
                                                     matcher: Matcher) -> None:
    heading = "Monday, 16, September, 2024\n\n" if "dated" in name else ""
    assert len(run(heading + "\n\n".join(paragraphs), matcher)) == articles, name
