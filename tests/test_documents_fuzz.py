"""Fuzzed front matter (documents.py): random YAML-ish headers (keys, types, nesting, unicode, tags, aliases,
huge values, broken fences) either load or raise FrontMatterError naming the file (and a line within it), with a
short message; never another exception. load_articles turns each into a Problem and loads the rest."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_documents import VALID as GOOD  # a valid article: the fuzz starts from it

from site_builder.documents import FRONT_MATTER_KEYS, FrontMatterError, load_articles, parse_article

PATH = "content/articles/2017/fuzzed.md"
_MESSAGE_MAX = 2000  # an error quotes a short excerpt, never a whole value
_TOKENS = ("null", "~", "true", "no", "0", "-1", "1e999", "0x1F", "2017-02-30", "2017-04-03", "2017", "''", '""',
           "[]", "{}", "[", "]", "{", "}", ":", "- ", "&a [1, 2]", "*a", "*missing", "!!python/object:os.system",
           "!!binary aGk=", "!custom x", "? complex", "|", ">-", "%YAML 1.1", "---", "...", "#", "'unclosed",
           '"\\x00"', "\t", "day", "month", "stated", "manual", "Ünïcödé ✓ 中文 🇰🇿", "\u202e", "\ufeff")

_scalars = st.one_of(st.sampled_from(_TOKENS), st.text(max_size=30),
                     st.integers(1, 200).map(lambda n: "x" * (n * 1000)),  # up to a 200 KB value
                     st.integers().map(str), st.floats(allow_nan=True).map(repr))
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
    st.dictionaries(st.text(max_size=8), inner, max_size=3).map(
        lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs.items()) + "}")), max_leaves=12)
_keys = st.one_of(st.sampled_from(FRONT_MATTER_KEYS), st.sampled_from(("source", "<<", "? x", "", "- a")),
                  st.text(max_size=12))
_lines = st.one_of(st.tuples(_keys, _values).map(lambda kv: f"{kv[0]}: {kv[1]}"),
                   st.tuples(st.integers(0, 6), _keys, _values).map(lambda t: f"{' ' * t[0]}{t[1]}: {t[2]}"),
                   _scalars)


@st.composite
def articles(draw: st.DrawFn) -> str:
    """A good article with some header lines replaced, added or dropped, and sometimes its fences broken."""
    lines = GOOD.splitlines()
    header = lines[1:13]
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from(("replace", "add", "drop")))
        at = draw(st.integers(0, max(len(header) - 1, 0)))
        if action == "add" or not header:
            header.insert(at, draw(_lines))
        elif action == "replace":
            header[at] = draw(_lines)
        else:
            del header[at]
    opening, closing = draw(st.sampled_from((("---", "---"), ("---", "..."), ("---", ""), ("", "---"),
                                             ("--- ", "---"), ("\ufeff---", "---"), ("---", "----"))))
    body = draw(st.sampled_from(("Body.", "", "---\nmore: front\n---", "> " * 50 + "deep", "- " * 200 + "x")))
    return "\n".join([opening, *header, closing, "", body]) + draw(st.sampled_from(("\n", "", "\r\n")))


def _named_error(error: FrontMatterError, text: str) -> None:
    assert error.path == PATH
    assert str(error).startswith(PATH)
    assert error.line is None or 1 <= error.line <= text.count("\n") + 2
    assert len(str(error)) < _MESSAGE_MAX, str(error)[:300]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(articles())
def test_fuzzed_front_matter_loads_or_is_a_named_error(text: str) -> None:
    try:
        article = parse_article(text, PATH)
    except FrontMatterError as error:
        _named_error(error, text)
    else:
        assert article.path == PATH and article.title.strip()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(articles(), min_size=1, max_size=3))
def test_fuzzed_files_are_problems_and_the_rest_of_the_archive_loads(tmp_path: Path, texts: list[str]) -> None:
    folder = tmp_path / "content" / "articles" / "2017"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.md"):
        old.unlink()
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    for number, text in enumerate(texts):
        (folder / f"fuzzed-{number}.md").write_bytes(text.encode("utf-8", "surrogatepass"))
    articles_loaded, problems = load_articles(tmp_path / "content" / "articles", tmp_path)
    assert "content/articles/2017/good.md" in {article.path for article in articles_loaded}
    assert len(articles_loaded) + len(problems) == len(texts) + 1
    for problem in problems:
        assert problem.path.startswith("content/articles/2017/fuzzed-"), problem
        assert len(problem.message) < _MESSAGE_MAX
