"""Front matter: render_article -> parse_article is the identity; every error names the file and the line."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import frontmatter
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder import documents
from site_builder.documents import (
    FRONT_MATTER_KEYS,
    OPTIONAL_KEYS,
    FrontMatterError,
    load_articles,
    parse_article,
    read_article,
    render_article,
)
from site_builder.model import Article, PartialDate, SourceRef

ArticleFactory = Callable[..., Article]
PATH = "content/articles/2017/a.md"

VALID = """---
title: Kazakhstan and Azerbaijan
slug: kazakhstan-and-azerbaijan
date: 2017-04-03
date_precision: day
date_basis: stated
author: null
countries: [Kazakhstan, Azerbaijan]
countries_mentioned: []
organisations: []
people: []
summary: null
source: null
---

Body.
"""


def roundtrip(article: Article) -> Article:
    return parse_article(render_article(article), article.path)


@pytest.mark.parametrize("overrides", [
    {},
    {"date": "2017-04"},
    {"date": "2017", "date_basis": "inferred"},
    {"date": None, "date_basis": "inferred"},
    {"author": None, "summary": None, "source": None},
    {"countries": (), "countries_mentioned": (), "organisations": (), "people": ()},
    {"title": "Ильхам Алиев: «визит» в Астану — Қазақстан", "author": "Aigerim Zhaksylykova"},
    {"title": 'Quotes "double" and \'single\' and a colon: here', "summary": "It's: 'a' \"b\" # not a comment"},
    {"title": "</script><script>alert(1)</script> & <b>", "summary": "</script>"},
    {"title": "yes", "summary": "null", "author": "2017-04-03"},
    {"title": "2017", "slug": "2017"},
    {"title": "- a dash, [brackets], {braces}, *star, &anchor, !tag, %percent, @at, `tick`"},
    {"title": "---", "summary": "first line\n---\nthird line"},
    {"summary": "Two\n\nparagraphs with trailing spaces   "},
    {"body": "Body with\n---\na fence-like line and ```code```\n\n# Heading"},
    {"body": ""},
    {"source": SourceRef("content/sources/x y.txt", "0" * 64, 3, 3, (100, 180))},
    {"source": SourceRef("content/sources/b.pdf", "0" * 64, 2, 4, (30, 61), url="https://example.org/b.pdf",
                         outlet="Caucasus Analytical Digest", pages=(3, 4))},
    {"date_basis": "metadata", "date_note": "from the page's <meta> publication date"},
    {"date": None, "date_basis": "inferred", "date_note": "the page gives 3 April without a year"},
    {"cite_key": "archive:2017:kazakhstan-azerbaijan"},
    {"countries": ("Kazakhstan",) * 2, "people": ("O'Neil", "Émile Zola")},
])
def test_round_trip(make_article: ArticleFactory, overrides: dict[str, object]) -> None:
    article = make_article(**overrides)
    if article.summary is not None:
        article = make_article(**{**overrides, "summary": article.summary.strip()})
    assert roundtrip(article) == article


def test_rendered_file_has_every_key_in_contract_order(make_article: ArticleFactory) -> None:
    text = render_article(make_article(date="2017-04"))
    assert text.startswith("---\n")
    keys = [line.split(":")[0] for line in text.split("---\n")[1].splitlines() if not line.startswith(" ")]
    assert keys == [key for key in FRONT_MATTER_KEYS if key not in OPTIONAL_KEYS]
    assert "date_precision: month\n" in text
    full = render_article(make_article(date_note="from the digest's other items", cite_key="a:2017:x"))
    keys = [line.split(":")[0] for line in full.split("---\n")[1].splitlines() if not line.startswith(" ")]
    assert keys == list(FRONT_MATTER_KEYS)


def test_render_is_deterministic(make_article: ArticleFactory) -> None:
    assert render_article(make_article()) == render_article(make_article())


printable = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40)
iso_dates = st.dates().flatmap(lambda d: st.sampled_from([str(d), str(d)[:7], str(d)[:4]]))
names = st.lists(printable.filter(lambda s: s.strip() == s and s), max_size=3).map(tuple)


@settings(max_examples=150, deadline=None)
@given(title=printable.filter(lambda s: s.strip() == s and s), summary=st.none() | printable.map(str.strip),
       author=st.none() | printable.map(str.strip), countries=names, people=names,
       date=st.none() | iso_dates,
       body=printable.map(str.strip))
def test_round_trip_property(make_article: ArticleFactory, title: str, summary: str | None, author: str | None,
                             countries: tuple[str, ...], people: tuple[str, ...], date: str | None, body: str) -> None:
    article = make_article(title=title, summary=summary or None, author=author or None, countries=countries,
                           people=people, date=date, body=body)
    assert roundtrip(article) == article


def header(**lines: str) -> str:
    """VALID with some lines replaced (key -> whole line, '' drops it)."""
    out = []
    for line in VALID.splitlines():
        key = line.split(":")[0]
        out.append(lines.get(key, line))
    return "\n".join(line for line in out if line) + "\n"


ERRORS = [
    # (file text, expected line, text in the message)
    (header(author="autor: null"), 7, "unknown front-matter key 'autor'"),
    (header(summary="sumary: x"), 12, "unknown front-matter key 'sumary'"),
    (header(date="date: 3 April 2017"), 4, "not an ISO 8601 date"),
    (header(date="date: 2017-13-01"), 4, "not a calendar date"),
    (header(date="date: 2017-02-30"), 4, "not a calendar date"),
    (header(date="date: '2017-02-30'"), 4, "not a calendar date"),
    (header(slug="slug: Kazakhstan_And"), 3, "slug should be lowercase"),
    (header(slug="slug: a--b"), 3, "slug should be lowercase"),
    (header(slug="slug: 12"), 3, "'slug' is required and should be text"),
    (header(title="title: ''"), 2, "'title' is required"),
    (header(title="title: [a, b]"), 2, "'title' is required and should be text"),
    (header(date_precision="date_precision: month"), 5, "date_precision 'month' does not match"),
    (header(date="date: 2017", date_precision="date_precision: day"), 5, "expected 'year'"),
    (header(date_basis="date_basis: guessed"), 6, "date_basis should be one of"),
    (header(author="author: 42"), 7, "'author' should be text or null"),
    (header(countries="countries: Kazakhstan"), 8, "'countries' should be a list of names"),
    (header(people="people: [1, 2]"), 11, "'people' should be a list of names"),
    (header(source="source: content/sources/x.txt"), 13, "'source' should be a mapping"),
    (header(source="source: {path: x, colour: red}"), 13, "'source' should be a mapping"),
    (header(source="source: {path: x, lines: [1]}"), 13, "'source.lines' should be [first, last]"),
    (header(source="source: {path: x, part: one}"), 13, "'source.part' and 'source.parts' should be numbers"),
    (header(source="source: {path: x, pages: [0, 2]}"), 13, "'source.pages' should be [first, last]"),
    (header(source="source: {path: x, url: [a]}"), 13, "'source.url' should be text or null"),
    (header(summary="cite_key: 2017 key"), 12, "cite_key should start with a letter"),
    (header(summary="date_note: [a]"), 12, "'date_note' should be text or null"),
    (header(title="title: Kazakhstan: a colon"), 2, "not valid YAML"),
    (header(countries="countries: [Kazakhstan, Azerbaijan"), 9, "not valid YAML"),
    (header(author="  author: null"), 7, "not valid YAML"),
    ("---\n- a\n- b\n---\nbody\n", 2, "should be a mapping"),
    ("---\ntitle: x\n? {a: 1}\n: mapping as key\nslug: x\n---\nbody\n", 3, "a key should be a name, found dict"),
    ("---\ntitle: x\n? [a, b]\n: list as key\nslug: x\n---\nbody\n", 3, "a key should be a name, found list"),
    ("title: x\nslug: x\n", 1, "no front matter"),
    ("", 1, "no front matter"),
    ("---\ntitle: x\nslug: x\n", 1, "front matter is not closed"),
]


@pytest.mark.parametrize(("text", "line", "message"), ERRORS)
def test_every_error_names_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(FrontMatterError) as caught:
        parse_article(text, PATH)
    error = caught.value
    assert (error.path, error.line) == (PATH, line)
    assert message in error.message
    assert str(error).startswith(f"{PATH}:{line}: ")
    assert error.exit_code == 1


@pytest.mark.parametrize(("text", "hint"), [
    (header(author="autor: null"), "did you mean 'author'?"),
    (header(author="colour: red"), "allowed keys: title, slug"),
    (header(title="title: a: b"), "quote values"),
])
def test_errors_say_what_to_do(text: str, hint: str) -> None:
    with pytest.raises(FrontMatterError) as caught:
        parse_article(text, PATH)
    assert caught.value.hint is not None and hint in caught.value.hint


def test_valid_example_parses() -> None:
    article = parse_article(VALID, PATH)
    assert (article.title, article.slug, article.date, article.path) == (
        "Kazakhstan and Azerbaijan", "kazakhstan-and-azerbaijan", PartialDate(2017, 4, 3), PATH)
    assert article.countries == ("Kazakhstan", "Azerbaijan")
    assert article.body == "Body."


@pytest.mark.parametrize(("text", "expected"), [
    ("\ufeff" + VALID, "Body."),  # a byte-order mark from a Windows editor
    (VALID.replace("\n", "\r\n"), "Body."),
    (VALID.replace("---\n\nBody.", "---  \nBody.\n\n---\n\nmore"), "Body.\n\n---\n\nmore"),
])
def test_tolerated_variations(text: str, expected: str) -> None:
    assert parse_article(text, PATH).body == expected


@pytest.mark.parametrize(("missing", "expected_basis"), [("date: 2017-04-03", "stated"), ("date: null", "inferred")])
def test_optional_keys_have_defaults(missing: str, expected_basis: str) -> None:
    text = f"---\ntitle: T\nslug: t\n{missing}\n---\nbody\n"
    article = parse_article(text, PATH)
    assert article.date_basis == expected_basis
    assert (article.author, article.summary, article.source, article.countries) == (None, None, None, ())


def test_indented_fence_in_a_block_summary_does_not_close_the_header() -> None:
    text = header(summary="summary: |\n  first\n  ---\n  last")
    article = parse_article(text, PATH)
    assert article.summary == "first\n---\nlast"
    assert article.body == "Body."


def test_non_utf8_file_names_file_and_line(tmp_path: Path) -> None:
    file = tmp_path / "content" / "articles" / "2017" / "latin1.md"
    file.parent.mkdir(parents=True)
    file.write_bytes(header(summary="summary: Caf\u00e9").encode("latin-1"))
    with pytest.raises(FrontMatterError) as caught:
        read_article(file, tmp_path)
    assert (caught.value.path, caught.value.line) == ("content/articles/2017/latin1.md", 12)
    assert "not UTF-8" in caught.value.message


def test_load_articles_reports_broken_files_and_keeps_loading_the_rest(tmp_path: Path) -> None:
    articles_dir = tmp_path / "content" / "articles"
    files = {
        "2017/good-one.md": VALID.encode(),
        "2017/bad-date.md": header(date="date: 2017-02-30").encode(),
        "2017/bad-key.md": header(author="autor: x").encode(),
        "2018/good-two.md": header(slug="slug: good-two").encode(),
        "2018/latin1.md": header(summary="summary: Caf\u00e9").encode("latin-1"),
        "2018/no-fences.md": b"title: x\n",
        "2018/broken-yaml.md": header(title="title: a: b").encode(),
        "2018/notes.txt": b"not an article",
    }
    for name, data in files.items():
        (articles_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (articles_dir / name).write_bytes(data)
    articles, problems = load_articles(articles_dir, tmp_path)
    assert sorted(a.slug for a in articles) == ["good-two", "kazakhstan-and-azerbaijan"]
    assert all(a.path.startswith("content/articles/") for a in articles)
    assert [(p.path, p.line) for p in sorted(problems)] == [
        ("content/articles/2017/bad-date.md", 4),
        ("content/articles/2017/bad-key.md", 7),
        ("content/articles/2018/broken-yaml.md", 2),
        ("content/articles/2018/latin1.md", 12),
        ("content/articles/2018/no-fences.md", 1),
    ]
    assert all(p.is_error and p.hint for p in problems)


def test_load_articles_of_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert load_articles(tmp_path / "nothing", tmp_path) == ([], [])


def test_the_example_in_docs_front_matter_md_is_valid() -> None:
    docs = Path(__file__).resolve().parent.parent / "docs" / "front-matter.md"
    example = docs.read_text(encoding="utf-8").split("```markdown\n", 1)[1].split("```", 1)[0]
    article = parse_article(example, "content/articles/2017/example.md")
    assert article.date == PartialDate(2017, 4, 3)
    assert article.summary == "The presidents met in Astana: six agreements were signed."
    assert article.source is not None and article.source.lines == (1, 62)
    assert render_article(article) == example


def test_a_key_given_twice_is_an_error_at_its_second_line() -> None:
    text = "---\ntitle: First\nslug: a\ntitle: Second\n---\nBody.\n"
    with pytest.raises(FrontMatterError) as caught:
        parse_article(text, "content/articles/2017/a.md")
    assert caught.value.line == 4
    assert "'title' is given twice" in str(caught.value)


def test_the_load_cache_reuses_unchanged_files_and_rereads_edited_ones(
        tmp_path: Path, make_article: ArticleFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, cache = tmp_path / "content" / "articles", tmp_path / ".public.articles.cache"
    for slug in ("one", "two"):
        file = folder / "2017" / f"{slug}.md"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(render_article(make_article(path=f"content/articles/2017/{slug}.md", slug=slug)), "utf-8")
        _settle(file, 3600)  # an editor's files, not racy (modified within 2 s of the load: parsed every time)
    first, _ = load_articles(folder, tmp_path, cache)
    parsed: list[str] = []
    monkeypatch.setattr(documents, "read_article", lambda file, root: parsed.append(file.name) or
                        read_article(file, root))
    assert load_articles(folder, tmp_path, cache)[0] == first and parsed == []
    edited = folder / "2017" / "two.md"
    edited.write_text(edited.read_text("utf-8").replace("title: ", "title: Edited ", 1), "utf-8")
    _settle(edited, 60)
    second, _ = load_articles(folder, tmp_path, cache)
    assert parsed == ["two.md"] and second[1].title.startswith("Edited ")
    assert second[0] == first[0]


def _settle(file: Path, seconds_ago: float) -> None:
    then = time.time_ns() - int(seconds_ago * 1e9)
    os.utime(file, ns=(then, then))


def test_a_damaged_load_cache_means_parsing_everything(tmp_path: Path, make_article: ArticleFactory) -> None:
    folder, cache = tmp_path / "articles", tmp_path / "cache.pickle"
    folder.mkdir()
    (folder / "one.md").write_text(render_article(make_article(path="articles/one.md")), "utf-8")
    cache.write_bytes(b"\x80\x05not a pickle")
    articles, problems = load_articles(folder, tmp_path, cache)
    assert [a.title for a in articles] == [make_article().title] and problems == []


def test_an_article_file_is_an_ordinary_python_frontmatter_document(make_article: ArticleFactory) -> None:
    """What we write, python-frontmatter reads with its own defaults; what it writes back, we read the same."""
    article = make_article(path=PATH)
    post = frontmatter.loads(render_article(article))
    assert post.metadata["slug"] == article.slug and post.content == article.body
    assert list(post.metadata) == [key for key in documents.FRONT_MATTER_KEYS if key in post.metadata]
    assert parse_article(frontmatter.dumps(post) + "\n", PATH) == article
