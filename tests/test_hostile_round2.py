"""Hostile and careless input, round 2: links out of the site, paths that escape, sizes and YAML that blow up,
slugs a file system refuses. Each is a clear error naming the file, and the rest of the archive builds."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder import pipeline
from site_builder.authority import load_authority
from site_builder.config import load_config
from site_builder.documents import FrontMatterError, parse_article, render_article
from site_builder.errors import ConfigError
from site_builder.ingest import ingest_site
from site_builder.model import Article

ArticleFactory = Callable[..., Article]
PATH = "content/articles/2017/a.md"


def test_a_source_linked_to_a_file_outside_the_site_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    sources = site / "content" / "sources"
    sources.mkdir(parents=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("Kazakhstan Secret Plans\n\nAstana, 3 April 2017 – The secret text.\n", encoding="utf-8")
    (sources / "passwd.txt").symlink_to(secret)
    (sources / "etc").symlink_to(tmp_path, target_is_directory=True)  # a folder link out of the site
    inside = site / "notes.txt"
    inside.write_text("Kyrgyzstan and Kazakhstan Talk\n\nBishkek, 4 May 2018 – The two sides talked.\n", "utf-8")
    (sources / "notes.txt").symlink_to(inside)  # inside the site: followed
    report = ingest_site(load_config(site))
    refused = {p.path: p.message for p in report.failed}
    assert "outside the site folder" in refused["content/sources/passwd.txt"]
    # A folder link is not walked into (pathlib's rglob); were it walked, its files would be refused the same way.
    assert "outside the site folder" in refused.get("content/sources/etc/secret.txt", "outside the site folder")
    assert [Path(p).name for p in report.written] == ["kyrgyzstan-and-kazakhstan-talk.md"]
    assert "secret" not in "".join(p.read_text(encoding="utf-8") for p in (site / "content").rglob("*.md"))


@pytest.mark.parametrize("source_path", ["/etc/passwd", "../../../../etc/passwd", "content/../../x.txt",
                                         "content\\sources\\x.txt", "content//x.txt", "a\nb.txt"])
def test_a_source_path_that_escapes_the_site_is_a_front_matter_error(make_article: ArticleFactory,
                                                                   source_path: str) -> None:
    from site_builder.model import SourceRef

    text = render_article(make_article(source=SourceRef(source_path, "0" * 64, 1, 1, (1, 2))))
    with pytest.raises(FrontMatterError, match=r"'source\.path' should be the source's path inside the site"):
        parse_article(text, PATH)


@pytest.mark.parametrize(("slug", "says"), [("a" * 101, "at most 100"), ("con", "reserves"), ("aux", "reserves"),
                                            ("lpt1", "reserves")])
def test_slugs_a_file_system_refuses_are_errors(make_article: ArticleFactory, slug: str, says: str) -> None:
    with pytest.raises(FrontMatterError, match=says) as caught:
        parse_article(render_article(make_article(slug=slug)), PATH)
    assert caught.value.line == 3 and len(str(caught.value)) < 400


@pytest.mark.parametrize(("field", "size"), [("title", 5_500_000), ("summary", 100_000), ("author", 10_000)])
def test_huge_fields_are_refused_with_a_short_message(make_article: ArticleFactory, field: str, size: int) -> None:
    with pytest.raises(FrontMatterError, match=f"'{field}' is {size} characters") as caught:
        parse_article(render_article(make_article(**{field: "x" * size})), PATH)
    assert len(str(caught.value)) < 400


def test_a_huge_invalid_value_is_quoted_only_in_part(make_article: ArticleFactory) -> None:
    text = render_article(make_article()).replace("date_basis: stated", f"date_basis: {'y' * 100_000}")
    with pytest.raises(FrontMatterError, match="date_basis should be one of") as caught:
        parse_article(text, PATH)
    assert len(str(caught.value)) < 400 and "100002 characters" in str(caught.value)


BILLION_LAUGHS = "".join([
    "---\ntitle: x\nslug: x\n",
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n',
    *(f"{chr(98 + n)}: &{chr(98 + n)} [{','.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(8)),
    "summary: *i\n---\nbody\n",
])


def test_a_billion_laughs_front_matter_is_refused_at_once(make_article: ArticleFactory) -> None:
    started = time.perf_counter()
    with pytest.raises(FrontMatterError, match="anchors and aliases") as caught:
        parse_article(BILLION_LAUGHS, PATH)
    assert time.perf_counter() - started < 2 and caught.value.line == 4 and len(str(caught.value)) < 400


def test_an_authority_file_with_aliases_or_an_unsafe_slug_is_a_configuration_error(tmp_path: Path) -> None:
    entities = tmp_path / "entities"
    entities.mkdir()
    (entities / "countries.yaml").write_text("- name: Nowhere\n  slug: ../../x\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"countries.yaml: entry 1 \('Nowhere'\): slug should be"):
        load_authority(entities)
    (entities / "countries.yaml").write_text("- &a {name: A, slug: a}\n- *a\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="anchors and aliases"):
        load_authority(entities)


def test_a_bad_article_is_reported_and_the_rest_of_the_archive_builds(tmp_path: Path,
                                                                      make_article: ArticleFactory) -> None:
    site = tmp_path / "site"
    (site / "content" / "sources").mkdir(parents=True)
    good = make_article(path="content/articles/2017/good.md", slug="good", source=None)
    for name, text in [("good", render_article(good)), ("laughs", BILLION_LAUGHS),
                       ("long", render_article(make_article(slug="b" * 300, source=None)))]:
        (site / "content" / "articles" / "2017").mkdir(parents=True, exist_ok=True)
        (site / "content" / "articles" / "2017" / f"{name}.md").write_text(text, encoding="utf-8")
    result = pipeline.build(load_config(site).with_overrides(output=tmp_path / "out"), search=False)
    assert result.failed(strict=False)
    assert {p.path for p in result.problems if p.is_error} >= {"content/articles/2017/laughs.md",
                                                               "content/articles/2017/long.md"}
    assert (tmp_path / "out" / "articles" / "2017" / "good" / "index.html").is_file()


@pytest.mark.parametrize(("body", "line"), [
    ("".join("    " * i + "- x\n" for i in range(400)), 34),
    ("Intro.\n\n" + "[" * 10_000 + "x", 3),
    ("".join(">" * i + " x\n" for i in range(1, 60)), 33),
    ("Intro.\n" + "\t" * 40 + "code", 2),
])
def test_markdown_nested_past_any_article_is_refused_quickly(make_article: ArticleFactory, body: str,
                                                             line: int) -> None:
    text = render_article(make_article(body=body))
    started = time.perf_counter()
    with pytest.raises(FrontMatterError, match="nests more than 32 levels") as caught:
        parse_article(text, PATH)
    assert time.perf_counter() - started < 1
    header_lines = text.split("---\n", 2)[1].count("\n")
    assert caught.value.line == header_lines + 3 + line  # fence, header, fence, blank line, then the body


@pytest.mark.parametrize("body", ["A [link](https://example.org) and [[wiki]] [x] " * 40,
                                  "- a\n    - b\n        - c\n\n> quote\n>> nested quote",
                                  "    code\n" * 50])
def test_ordinary_nesting_is_accepted(make_article: ArticleFactory, body: str) -> None:
    assert parse_article(render_article(make_article(body=body)), PATH).body == body.strip()
