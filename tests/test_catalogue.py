"""The catalogue: ordering, indexes by entity, year and pair, related articles, clashes and unknown names."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder import catalogue as catalogue_module
from site_builder.authority import Authority
from site_builder.catalogue import RELATED_COUNT, RELATED_WINDOW, build_catalogue, sort_newest_first
from site_builder.model import Article, EntityKind, PartialDate, SourceRef

ArticleFactory = Callable[..., Article]


def articles_dated(make_article: ArticleFactory, *specs: tuple[str, str | None]) -> list[Article]:
    return [make_article(title=title, slug=title.lower().replace(" ", "-"), date=date,
                         path=f"content/articles/{title}.md") for title, date in specs]


def titles(articles: tuple[Article, ...] | list[Article]) -> list[str]:
    return [a.title for a in articles]


def test_newest_first_with_partial_dates_and_undated_last(make_article: ArticleFactory) -> None:
    articles = articles_dated(make_article, ("A", "2017-04-03"), ("B", None), ("C", "2018"), ("D", "2017-04"),
                              ("E", "2017-04-30"), ("F", "2017"), ("G", None), ("H", "2016-12-31"))
    # A partial date sorts at the start of its period: after every day of it, newest first.
    assert titles(sort_newest_first(articles)) == ["C", "E", "A", "D", "F", "H", "B", "G"]


def test_ordering_does_not_depend_on_input_order(make_article: ArticleFactory) -> None:
    articles = articles_dated(make_article, ("Alpha", "2017-04-03"), ("Beta", "2017-04-03"), ("Gamma", "2017-04-03"),
                              ("Delta", None), ("Epsilon", None), ("Zeta", "2017-04"))
    orders = {tuple(titles(sort_newest_first(p))) for p in itertools.permutations(articles)}
    assert len(orders) == 1
    # Same date and source part: a fixed tie-break by title; undated by title.
    assert orders.pop() == ("Alpha", "Beta", "Gamma", "Zeta", "Delta", "Epsilon")


def test_same_date_articles_keep_their_order_in_the_source(make_article: ArticleFactory,
                                                            authority: Authority) -> None:
    digest = [replace(make_article(title=title, slug=title.lower(), path=f"a/{title}.md", date="2017-04"),
                      source=SourceRef("content/sources/d.txt", "ab" * 32, part, 3, (part, part)))
              for title, part in (("Zulu", 1), ("Alpha", 2), ("Mike", 3))]
    catalogue = build_catalogue(list(reversed(digest)), authority)
    assert titles(catalogue.articles) == ["Zulu", "Alpha", "Mike"]
    assert titles(catalogue.chronological()) == ["Zulu", "Alpha", "Mike"]


def test_chronological_is_the_reverse(make_article: ArticleFactory, authority: Authority) -> None:
    catalogue = build_catalogue(articles_dated(make_article, ("A", "2017"), ("B", "2018"), ("C", None)), authority)
    assert titles(catalogue.articles) == ["B", "A", "C"]
    assert titles(catalogue.chronological()) == ["C", "A", "B"]


def test_indexes_by_entity_and_year(make_article: ArticleFactory, authority: Authority) -> None:
    one = make_article(title="One", slug="one", date="2017-04", path="a/one.md", countries=("Kazakhstan",),
                       organisations=("SCO",), people=())
    two = make_article(title="Two", slug="two", date="2018", path="a/two.md", countries=("Kazakhstan", "Kyrgyzstan"),
                       organisations=(), people=("Nursultan Nazarbayev",))
    three = make_article(title="Three", slug="three", date=None, path="a/three.md", countries=(), organisations=(),
                         people=())
    catalogue = build_catalogue([one, two, three], authority)
    kazakhstan = authority.get(EntityKind.COUNTRY, "Kazakhstan")
    assert kazakhstan is not None
    assert titles(catalogue.articles_of(kazakhstan)) == ["Two", "One"]
    assert [e.name for e in catalogue.entities(EntityKind.COUNTRY)] == ["Kazakhstan", "Kyrgyzstan"]
    assert [e.name for e in catalogue.entities(EntityKind.ORGANISATION)] == ["SCO"]
    assert [e.name for e in catalogue.entities(EntityKind.PERSON)] == ["Nursultan Nazarbayev"]
    assert {year: titles(found) for year, found in catalogue.by_year.items()} == {
        2018: ["Two"], 2017: ["One"], None: ["Three"]}
    assert [e.slug for e in catalogue.entities_of(two, EntityKind.COUNTRY)] == ["kazakhstan", "kyrgyzstan"]


def test_pairs_come_only_from_countries_in_name_order(make_article: ArticleFactory, authority: Authority) -> None:
    article = make_article(countries=("Kyrgyzstan", "Kazakhstan", "Azerbaijan"),
                           countries_mentioned=("Russia", "Kazakhstan", "Kyrgyzstan", "Azerbaijan"))
    catalogue = build_catalogue([article], authority)
    assert set(catalogue.pairs) == {("Azerbaijan", "Kazakhstan"), ("Azerbaijan", "Kyrgyzstan"),
                                    ("Kazakhstan", "Kyrgyzstan")}
    assert all(found == (article,) for found in catalogue.pairs.values())


@pytest.mark.parametrize("countries", [(), ("Kazakhstan",), ("Kazakhstan", "Kazakhstan")])
def test_no_pair_without_two_distinct_countries(make_article: ArticleFactory, authority: Authority,
                                                countries: tuple[str, ...]) -> None:
    assert build_catalogue([make_article(countries=countries)], authority).pairs == {}


def test_a_name_listed_twice_lists_the_article_once(make_article: ArticleFactory, authority: Authority) -> None:
    article = make_article(countries=("Kazakhstan", "Kazakhstan"), people=("Nobody", "Nobody"))
    catalogue = build_catalogue([article], authority)
    assert catalogue.by_entity[(EntityKind.COUNTRY, "Kazakhstan")] == (article,)
    assert len([p for p in catalogue.problems if "Nobody" in p.message]) == 1


def test_related_excludes_self_and_ranks_by_shared_entities(make_article: ArticleFactory,
                                                            authority: Authority) -> None:
    def article(name: str, **entities: tuple[str, ...]) -> Article:
        fields = {"countries": (), "organisations": (), "people": (), **entities}
        return make_article(title=name, slug=name, path=f"a/{name}.md", **fields)

    subject = article("subject", countries=("Kazakhstan",), organisations=("SCO",), people=("Nursultan Nazarbayev",))
    person = article("person", people=("Nursultan Nazarbayev",))  # weight 3
    organisation = article("organisation", organisations=("SCO",))  # weight 2
    country = article("country", countries=("Kazakhstan",))  # weight 1
    unrelated = article("unrelated", countries=("Russia",))
    catalogue = build_catalogue([subject, person, organisation, country, unrelated], authority)
    assert titles(catalogue.related[subject.path]) == ["person", "organisation", "country"]
    assert catalogue.related[unrelated.path] == ()
    assert all(a.path not in {r.path for r in catalogue.related[a.path]} for a in catalogue.articles)


def test_related_is_capped_and_tie_broken_by_path(make_article: ArticleFactory, authority: Authority) -> None:
    many = [make_article(title=f"t{n}", slug=f"t{n}", path=f"a/{n:02d}.md", countries=("Kazakhstan",))
            for n in range(RELATED_COUNT + 3)]
    catalogue = build_catalogue(list(reversed(many)), authority)
    assert [a.path for a in catalogue.related["a/00.md"]] == [f"a/{n:02d}.md" for n in range(1, RELATED_COUNT + 1)]


# Few names and few dates: many ties in score and in time, and names shared by more than a window's articles.
few_names = st.lists(st.sampled_from("ABCDEF"), max_size=3).map(tuple)
few_dates = st.sampled_from([PartialDate(), PartialDate(2017), PartialDate(2017, 4), PartialDate(2017, 4, 3),
                             PartialDate(2018, 1, 1)])
specs = st.lists(st.tuples(st.integers(0, 999), few_dates, few_names, few_names, few_names),
                 min_size=1, max_size=4 * RELATED_WINDOW, unique_by=lambda spec: spec[0])


@settings(max_examples=100, deadline=None)
@given(specs=specs)
def test_related_by_position_agrees_with_the_reference_by_path(
        make_article: ArticleFactory,
        specs: list[tuple[int, PartialDate, tuple[str, ...], tuple[str, ...], tuple[str, ...]]]) -> None:
    """_related ranks by positions in time, not paths: it must give exactly what the path-keyed definition gives,
    ties (same score, same distance) included, in the same order, whatever the order of files and dates."""
    articles = [make_article(path=f"a/{number:03d}.md", date=date, countries=countries, organisations=organisations,
                             people=people) for number, date, countries, organisations, people in specs]
    ordered = sort_newest_first(articles)
    fast, reference = catalogue_module._related(ordered), catalogue_module._related_by_path(ordered)
    assert list(fast) == list(reference)
    assert {path: [a.path for a in found] for path, found in fast.items()} == {
        path: [a.path for a in found] for path, found in reference.items()}


@pytest.mark.parametrize(("between", "related"), [(RELATED_WINDOW - 1, True), (RELATED_WINDOW, False)])
def test_related_window_edges(make_article: ArticleFactory, authority: Authority, between: int,
                              related: bool) -> None:
    """Two articles sharing two countries, `between` articles of each country apart: related only while each is
    within the other's window, both ways."""
    def article(name: str, date: str, *countries: str) -> Article:
        return make_article(title=name, slug=name, path=f"a/{name}.md", date=date, countries=countries,
                            organisations=(), people=())

    first = article("first", "2001", "Kazakhstan", "Kyrgyzstan")
    last = article("last", "2004", "Kazakhstan", "Kyrgyzstan")
    middle = [article(f"k{n:02d}", "2002", "Kazakhstan") for n in range(between)]
    middle += [article(f"g{n:02d}", "2003", "Kyrgyzstan") for n in range(between)]
    catalogue = build_catalogue([first, *middle, last], authority)
    assert (last in catalogue.related[first.path]) is related
    assert (first in catalogue.related[last.path]) is related


def test_related_with_repeated_paths_is_the_reference(make_article: ArticleFactory) -> None:
    # Hand-made articles that share a path (the factory's default) take the path-keyed reference as it is.
    articles = sort_newest_first([make_article(title=f"t{n}", date=f"2017-0{n + 1}") for n in range(4)])
    assert catalogue_module._related(articles) == catalogue_module._related_by_path(articles)


def test_unknown_entity_references_are_warnings(make_article: ArticleFactory, authority: Authority) -> None:
    article = make_article(countries=("Kazakhstan", "Kazakstan"), organisations=("SCTO",), people=("Ilham Aliyev",))
    catalogue = build_catalogue([article], authority)
    found = {(p.path, p.message.split("'")[3]) for p in catalogue.problems}
    assert found == {(article.path, "Kazakstan"), (article.path, "SCTO"), (article.path, "Ilham Aliyev")}
    assert all(p.severity == "warning" and p.hint and "content/entities" in p.hint for p in catalogue.problems)
    assert catalogue.entities(EntityKind.PERSON) == ()  # no page for a name in no authority file


def test_slug_clash_keeps_the_first_file_and_reports_the_other(make_article: ArticleFactory,
                                                               authority: Authority) -> None:
    first = make_article(path="content/articles/2017/a.md", date="2017-01-01")
    second = make_article(path="content/articles/2017/b.md", date="2017-12-31", title="Other title")
    other_year = make_article(path="content/articles/2018/a.md", date="2018")
    catalogue = build_catalogue([second, other_year, first], authority)
    assert [a.path for a in catalogue.articles] == [other_year.path, first.path]
    errors = [p for p in catalogue.problems if p.is_error]
    assert [(p.path, p.is_error) for p in errors] == [(second.path, True)]
    assert first.path in errors[0].message


def test_empty_catalogue(authority: Authority) -> None:
    catalogue = build_catalogue([], authority)
    assert (catalogue.articles, catalogue.by_year, catalogue.pairs, catalogue.problems) == ((), {}, {}, ())


def test_related_cache_reuses_only_what_the_same_inputs_gave(make_article: ArticleFactory, authority: Authority,
                                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / ".public.related"
    articles = [make_article(title=f"t{n}", slug=f"t{n}", path=f"a/{n:02d}.md", date=f"2017-0{n % 9 + 1}",
                             countries=(("Kazakhstan", "Russia")[n % 2],), people=("Nursultan Nazarbayev",) * (n % 3))
                for n in range(30)]
    expected = build_catalogue(articles, authority).related
    assert build_catalogue(articles, authority, related_cache=cache).related == expected
    computed: list[int] = []
    original = catalogue_module._related
    monkeypatch.setattr(catalogue_module, "_related", lambda found: computed.append(1) or original(found))
    edited = [replace(a, body="Another body.") if a.slug == "t3" else a for a in articles]
    reused = build_catalogue(edited, authority, related_cache=cache).related
    assert computed == [] and reused == build_catalogue(edited, authority).related
    assert all(r is next(a for a in edited if a.path == r.path) for found in reused.values() for r in found)
    computed.clear()
    for change in ({"people": ()}, {"date": PartialDate(2019)}, {"path": "a/zz.md"}, {"countries": ("Russia",)}):
        changed = [replace(a, **change) if a.slug == "t4" else a for a in articles]  # type: ignore[arg-type]
        assert build_catalogue(changed, authority, related_cache=cache).related == build_catalogue(
            changed, authority).related
    assert len(computed) == 8  # each change computed again (with and without the cache)
    cache.write_bytes(b"damaged")
    assert build_catalogue(articles, authority, related_cache=cache).related == expected
