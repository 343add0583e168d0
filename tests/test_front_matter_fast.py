"""The fast front-matter reader gives exactly what YAML gives (types included), or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from site_builder import documents, front_matter_fast, limits, strict_yaml
from site_builder.config import BUILTIN_ENTITIES
from site_builder.documents import parse_article, render_article
from site_builder.model import Article, PartialDate, SourceRef

ArticleFactory = Callable[..., Article]


def fast(header: str) -> dict[str, object] | None:
    return front_matter_fast.load(header, documents._KEY_SET, documents._SOURCE_KEY_SET)


def typed(value: object) -> object:
    """A value with its type spelled out at every level: True == 1 and date == date must not pass for equal."""
    if isinstance(value, dict):
        return ("dict", sorted((typed(k), typed(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("list", [typed(item) for item in value])
    return (type(value).__name__, repr(value))


def assert_same_as_yaml(header: str) -> dict[str, object] | None:
    found = fast(header)
    if found is not None:
        assert typed(found) == typed(yaml.load(header, Loader=strict_yaml.StrictLoader))  # a SafeLoader
    return found


# Pieces of values chosen to sit on the edges of YAML's plain scalars, quoting, implicit types and characters.
TRICKY = ["Kazakhstan", "yes", "No", "ON", "off", "y", "n", "~", "null", "Null", "NULL", "nulls", "true", "True",
          "2017", "2017-04", "2017-04-03", "2017-02-30", "2017-4-3", "2017-04-03 10:00", "017", "0", "-0", "-5",
          "+5", "0x1F", "0o17", "0b101", "1_000", "1.5", "1e3", "1.0e+3", ".5", ".inf", "-.inf", ".nan", "12:30",
          "190:20:30", "<<", "=", "-", "--", "- a", "-a", "?", "? a", "?a", ":", ":a", "a:", "a: b", "a:b", "a #b",
          "a#b", "#a", "a,b", "a, b", "[a]", "{a}", "a]", "&a", "*a", "!a", "!!str a", "%a", "@a", "`a", "|", ">",
          "'", "''", "'a'", "'a''b'", "'a' b", "\"a\"", "a\"b", "it's", "O'Neil", " a", "a ", "a  b", "a\tb", "\t",
          "Ильхам Алиев", "Қазақстан", "«a»", "a — b", "a\u00a0b", "a\x85b", "a\u2028b", "a\ufeffb", "a\x7fb",
          "a\x1fb", "\U0001f600", "---", "...", "a\n b", "a\n- b", "", "[]", "[ ]", "[a, b]", "[a,b]", "[a , b]",
          "['a, b', c]", "[a, 'b']", "[a, ]", "[, a]", "[a, [b]]", "[a, {b: c}]", "[1, 20]", "[yes, null, 2017]",
          "[a #b]", "[a:b]", "[a: b]", "[a, b] c", "{path: x}", "|\n  text", ">-\n  text", "[", "[a, ",
          "[a,", "['a", "[a", "['a', ", "]"]
values = st.sampled_from(TRICKY) | st.text(st.sampled_from(list("aZ09 -:#,'\"[]{}&*!|>?%@`\t\u00e9\u2028.~_")),
                                           max_size=12)
keys = st.sampled_from([*documents.FRONT_MATTER_KEYS, "colour", "Title", "source", "source"])
nested_keys = st.sampled_from([*documents.SOURCE_KEYS, "colour", "lines"])
indents = st.sampled_from(["  ", "  ", " ", "   ", "\t"])


@st.composite
def headers(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["entry", "entry", "entry", "bare", "nested", "blank", "comment", "stray"]))
        if kind == "entry":
            lines.append(f"{draw(keys)}:{draw(st.sampled_from([' ', ' ', '', '  ']))}{draw(values)}")
        elif kind == "bare":
            lines.append(f"{draw(keys)}:")
        elif kind == "nested":
            lines.append(f"{draw(indents)}{draw(nested_keys)}: {draw(values)}")
        else:
            lines.append({"blank": "", "comment": "# note", "stray": draw(values)}[kind])
    return "".join(f"{line}\n" for line in lines) + draw(st.sampled_from(["", "", "tail"]))


@settings(max_examples=1500, deadline=None)
@given(header=headers())
@example(header="source:\n  path: x\n  lines: [1, 2]\n  part: 1\n")
@example(header="source:\n  path: x\n   lines: [1, 2]\n")
@example(header="title: a\ntitle: b\n")
@example(header="source:\n  path: x\n  path: y\n")
@example(header="author:\n  path: x\n")
@example(header="author:\n")
@example(header="")
def test_a_recognised_header_is_exactly_what_yaml_loads(header: str) -> None:
    try:
        yaml.load(header, Loader=strict_yaml.StrictLoader)  # a SafeLoader
    except (yaml.YAMLError, TypeError):  # TypeError: a mapping as a key ('?' lines) is unhashable in StrictLoader
        assert fast(header) is None  # YAML's own error message (and line) is what the author sees
        return
    assert_same_as_yaml(header)


@pytest.mark.parametrize("value", TRICKY)
@pytest.mark.parametrize("key", ["title", "countries", "source"])
def test_each_tricky_value_alone(key: str, value: str) -> None:
    test_a_recognised_header_is_exactly_what_yaml_loads.hypothesis.inner_test(  # type: ignore[attr-defined]
        header=f"{key}: {value}\n")
    test_a_recognised_header_is_exactly_what_yaml_loads.hypothesis.inner_test(  # type: ignore[attr-defined]
        header=f"source:\n  {'lines' if key == 'countries' else 'path'}: {value}\n")


@pytest.mark.parametrize(("value", "expected"), [
    ("Kazakhstan", "Kazakhstan"), ("null", None), ("yes", True), ("2017", 2017), ("2017-04-03", dt.date(2017, 4, 3)),
    ("2017-02-30", "2017-02-30"), ("2017-04", "2017-04"), ("'It''s: here'", "It's: here"), ("a, b [c]", "a, b [c]"),
    ("[a, 'b, c', 2, null]", ["a", "b, c", 2, None]), ("[]", []),
])
def test_what_the_emitter_writes_is_recognised(value: str, expected: object) -> None:
    assert assert_same_as_yaml(f"title: {value}\n") == {"title": expected}


@pytest.mark.parametrize("value", ["1.5", "0x1F", "017", "12:30", "a: b", "a #b", "\"a\"", " a", "a ", "[a,b]", "|"])
def test_what_it_does_not_read_exactly_is_left_to_yaml(value: str) -> None:
    assert fast(f"title: {value}\n") is None


printable = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
stripped = printable.map(str.strip).filter(bool)
names = st.lists(stripped, max_size=3).map(tuple)
# A source path the contract accepts (inside the site); the others are errors, tested in test_hostile_round2.
source_paths = stripped.filter(lambda p: bool(limits.SAFE_RELATIVE_PATH.match(p)) and ".." not in p.split("/"))


@settings(max_examples=400, deadline=None)
@given(title=stripped, summary=st.none() | stripped, author=st.none() | stripped, countries=names, people=names,
       date=st.none() | st.dates().flatmap(lambda d: st.sampled_from([str(d), str(d)[:7], str(d)[:4]])),
       source=st.none() | st.builds(SourceRef, source_paths, st.text("0123456789abcdef", min_size=1, max_size=64),
                                    st.integers(0, 99), st.integers(0, 99),
                                    st.tuples(st.integers(0, 9999), st.integers(0, 9999))))
def test_rendered_articles_parse_alike_with_and_without_the_fast_reader(
        make_article: ArticleFactory, title: str, summary: str | None, author: str | None,
        countries: tuple[str, ...], people: tuple[str, ...], date: str | None, source: SourceRef | None) -> None:
    article = make_article(title=title, summary=summary, author=author, countries=countries, people=people,
                           date=date, source=source)
    header = render_article(article).split("---\n")[1]
    assert_same_as_yaml(header)
    assert parse_article(render_article(article), article.path) == article


def test_the_corpus_style_article_takes_the_fast_path(make_article: ArticleFactory) -> None:
    article = make_article(title="Kazakhstan's Talks: a Review", summary="It's #1, [really].", author=None,
                           date=PartialDate(2017, 4, 3), countries=("Kazakhstan", "Türkiye"), people=("O'Neil",))
    header = render_article(article).split("---\n")[1]
    found = assert_same_as_yaml(header)
    assert found is not None and found["source"] == {"path": "content/sources/000_digest.txt", "sha256": "ab" * 32,
                                                      "part": 1, "parts": 6, "lines": [1, 62],
                                                      "url": None, "outlet": None}


# Authority files: a sequence of mappings, read the same way or left to YAML.
record_keys = st.sampled_from(["name", "slug", "aliases", "roles", "iso2", "yes", "null", "on", "Name", "n", "1a",
                               "a-b", "full_name", "name"])


fine_values = st.sampled_from(["Kazakhstan", "O'Neil", "a#b", "St. John's", "[a, b]", "[]", "null", "Q123", "12",
                                "'quoted: yes'", "Ильхам"])


@st.composite
def authority_texts(draw: st.DrawFn) -> str:
    """Mostly well-formed records (so that many are read fast), with odd keys, values and lines mixed in."""
    lines = []
    for _ in range(draw(st.integers(0, 4))):
        lines.append(f"- {draw(record_keys)}: {draw(fine_values)}")
        for _ in range(draw(st.integers(0, 4))):
            kind = draw(st.sampled_from(["entry", "entry", "list", "odd", "other"]))
            if kind == "entry":
                lines.append(f"  {draw(record_keys)}: {draw(fine_values | values)}")
            elif kind == "list":
                lines.append(f"  {draw(record_keys)}:")
                lines += [f"  - {draw(fine_values | values)}" for _ in range(draw(st.integers(0, 3)))]
            elif kind == "odd":
                lines.append(f"{draw(st.sampled_from(['- ', '    - ', '  -', '- - ', '  ']))}{draw(values)}")
            else:
                lines.append(draw(st.sampled_from(["", "# note", "  # note", "---", "...", " x: y", "x: y", "#"])))
    return "".join(f"{line}\n" for line in lines) + draw(st.sampled_from(["", "", "", "tail"]))


def assert_records_as_yaml(text: str) -> list[dict[str, object]] | None:
    try:
        expected = yaml.load(text, Loader=strict_yaml.SAFE_LOADER)
    except Exception:  # YAML's error (or ValueError for an impossible date) is what the editor sees
        assert front_matter_fast.load_records(text) is None
        return None
    found = front_matter_fast.load_records(text)
    if found is not None:
        assert typed(found) == typed(expected)
    return found


@settings(max_examples=1500, deadline=None)
@given(text=authority_texts())
@example(text="- name: A\n  roles:\n  - one\n  - 'two: 2'\n  aliases: []\n- name: B\n  roles:\n")
@example(text="- name: A\n  aliases:\n  # a comment\n\n  - x\n")
@example(text="- name: A\n  born: 2017-02-30\n")
@example(text="- name: A\n  - x\n")
@example(text="- name: A\n  name: B\n")
@example(text="# only a comment\n")
@example(text="  - x\n- name: A\n")
@example(text="- name: A\n  yes: B\n")
@example(text="- name: A\n  tags:\n  - a#b\n  - '# not a comment'\n")
def test_a_recognised_authority_file_is_exactly_what_yaml_loads(text: str) -> None:
    assert_records_as_yaml(text)


@pytest.mark.parametrize("file", sorted(BUILTIN_ENTITIES.glob(
    "*.yaml")))
def test_the_built_in_authority_files_are_read_fast(file: Path) -> None:
    assert assert_records_as_yaml(file.read_text(encoding="utf-8")) is not None
