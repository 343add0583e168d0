"""The premise of the quick rebuild: only an article's own page shows its body, so a body edit changes that
page and nothing else; and the digests that tell a body edit from any other change."""

from __future__ import annotations

from dataclasses import replace

import pytest

from site_builder.catalogue import Catalogue, build_catalogue
from site_builder.config import Config
from site_builder.model import Article
from site_builder.render import pages
from site_builder.render.cache import RenderCache, RenderedPage, fingerprint
from site_builder.render.delta import content_digests, edited_bodies
from site_builder.urls import Urls

SOURCES = {"content/sources/000_digest.txt": "\n".join(f"line {n}" for n in range(1, 70))}


def fingerprints(catalogue: Catalogue, config: Config, urls: Urls) -> dict[str, str]:
    return {page.url: fingerprint(page.template, page.meta, page.view)
            for page in pages.plan_pages(catalogue, config, urls, SOURCES)}


def with_article(catalogue: Catalogue, slug: str, **changes: object) -> Catalogue:
    articles = [replace(a, **changes) if a.slug == slug else a for a in catalogue.articles]
    return build_catalogue(articles, catalogue.authority)


def previous_of(catalogue: Catalogue, urls: Urls) -> RenderCache:
    page = RenderedPage("/archive/", "home", "f", None, False, None, "")  # type: ignore[arg-type]
    return RenderCache("key", {page.url: page}, (), content_digests(catalogue, SOURCES, urls))


def slug_and_url(catalogue: Catalogue, urls: Urls, summary: bool) -> tuple[str, str]:
    article = next(a for a in catalogue.articles if (a.summary is not None) == summary)
    return article.slug, urls.article(article)


@pytest.mark.parametrize("summary", [True, False], ids=["with a summary", "described by its body"])
def test_a_body_edit_changes_the_articles_own_page_and_no_other(catalogue: Catalogue, config: Config, urls: Urls,
                                                                summary: bool) -> None:
    slug, url = slug_and_url(catalogue, urls, summary)
    before = fingerprints(catalogue, config, urls)
    edited = with_article(catalogue, slug, body="A new first sentence.\n\nAnd a second paragraph.")
    after = fingerprints(edited, config, urls)
    assert before.keys() == after.keys()
    assert {page for page in before if before[page] != after[page]} == {url}


def test_the_digests_name_the_edited_bodies(catalogue: Catalogue, urls: Urls) -> None:
    slug, url = slug_and_url(catalogue, urls, True)
    previous = previous_of(catalogue, urls)
    assert edited_bodies(previous, content_digests(catalogue, SOURCES, urls)) == set()
    edited = with_article(catalogue, slug, body="Rewritten.")
    assert edited_bodies(previous, content_digests(edited, SOURCES, urls)) == {url}


@pytest.mark.parametrize("change", [
    {"title": "Another title"}, {"summary": "Another summary."}, {"countries": ("Russia",)},
    {"people": ()}, {"author": "A. Writer"}, {"date_basis": "manual"},
])
def test_any_other_edit_to_an_article_is_not_a_body_edit(catalogue: Catalogue, urls: Urls,
                                                         change: dict[str, object]) -> None:
    slug = next(a.slug for a in catalogue.articles if a.people and a.summary)
    changed = with_article(catalogue, slug, **change)
    assert changed.articles != catalogue.articles
    assert edited_bodies(previous_of(catalogue, urls), content_digests(changed, SOURCES, urls)) is None


def test_new_articles_sources_and_entities_are_not_body_edits(catalogue: Catalogue, urls: Urls,
                                                              make_article: type[Article]) -> None:
    previous = previous_of(catalogue, urls)
    more = build_catalogue([*catalogue.articles, make_article(slug="new-one", path="content/articles/2017/n.md")],
                           catalogue.authority)
    assert edited_bodies(previous, content_digests(more, SOURCES, urls)) is None
    assert edited_bodies(previous, content_digests(catalogue, {**SOURCES, "content/sources/b.txt": "b"}, urls)) is None
    fewer = replace(catalogue.authority, people=())
    assert edited_bodies(previous, content_digests(replace(catalogue, authority=fewer), SOURCES, urls)) is None


def test_nothing_is_known_without_a_previous_build(catalogue: Catalogue, urls: Urls) -> None:
    now = content_digests(catalogue, SOURCES, urls)
    assert edited_bodies(RenderCache("key"), now) is None
    assert edited_bodies(RenderCache("key", previous_of(catalogue, urls).pages), now) is None


def test_the_skeleton_depends_on_values_not_on_which_strings_are_shared(catalogue: Catalogue, urls: Urls) -> None:
    def copied(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple("".join(list(name)) for name in names)  # equal strings, other objects

    shared = [replace(a, countries_mentioned=a.countries) for a in catalogue.articles]
    apart = [replace(a, countries=copied(a.countries), countries_mentioned=copied(a.countries)) for a in shared]
    one, other = build_catalogue(shared, catalogue.authority), build_catalogue(apart, catalogue.authority)
    assert content_digests(one, SOURCES, urls) == content_digests(other, SOURCES, urls)
