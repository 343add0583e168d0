"""The quick ways documents.py reads a file and finds its front matter agree with the plain ways they replace."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from site_builder import documents
from site_builder.documents import FrontMatterError

# Fences, blanks and every line end str.splitlines knows, in the places that decide where a header ends.
pieces = st.sampled_from(["---", "--- ", "---\t", " ---", "----", "-- -", "\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c",
                          "\x85", "\u2028", "\u2029", "\xa0", "\u3000", " ", "title: a", "x", "\ufeff", ""])
texts = st.lists(pieces, max_size=14).map("".join)


def by_lines(text: str) -> object:
    try:
        return documents._split_by_lines(text, "a.md")
    except FrontMatterError as error:
        return (error.line, error.message)


@settings(max_examples=3000, deadline=None)
@given(text=texts)
@example(text="---\ntitle: a\n---\nbody")
@example(text="---\ntitle: a\n---")
@example(text="---\n---\n")
@example(text="---\ntitle: a\n----\n---  \nbody\n---\n")
@example(text="---\ntitle: a\x0c---\n---\nbody")
@example(text="---\r\ntitle: a\r\n---\r\nbody")
def test_finding_the_fences_fast_is_finding_them_line_by_line(text: str) -> None:
    fast = documents._split_fast(text)
    if fast is not None:
        assert fast == by_lines(text)


@pytest.mark.parametrize("text", ["---\ntitle: a\n---\n\nbody\n", "\ufeff---\ntitle: a\n---\nbody"])
def test_an_ordinary_file_is_split_fast(text: str) -> None:
    assert documents._split_fast(text.lstrip("\ufeff")) is not None
    assert documents._split(text, "a.md") == by_lines(text.lstrip("\ufeff"))


@pytest.mark.parametrize("data", [b"---\ntitle: a\n---\nbody\n", b"a\r\nb\rc\r\r\nd\n\r", b"\xef\xbb\xbfbom\r",
                                  "Қазақстан\u2028x\x85".encode(), b"", b"\xff\xfe", "é".encode()[:1],
                                  b"x" * 3_000_000 + "é\r\n".encode()])
def test_reading_bytes_gives_what_read_text_gives(tmp_path: Path, data: bytes) -> None:
    file = tmp_path / "a.md"
    file.write_bytes(data)
    try:
        expected: str | None = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        expected = None  # read_article reads such a file again with read_text, for its error
    assert documents._read_text(file) == expected


def test_an_unreadable_file_is_left_to_read_text(tmp_path: Path) -> None:
    assert documents._read_text(tmp_path) is None  # a folder
    assert documents._read_text(tmp_path / "missing.md") is None


@pytest.mark.parametrize(("file", "root"), [
    ("/site/content/articles/2017/a.md", "/site"), ("/site/content/a.md", "/site/"), ("/site2/a.md", "/site"),
    ("/site/a.md", "/"), ("/a.md", "/"), ("content/a.md", "."), ("content/a.md", "content"), ("/site", "/site"),
    ("/site/a.md", "/other"), ("content/a.md", "/site"), ("//host/a.md", "//host"), ("/x/../a.md", "/x"),
])
def test_relative_paths_as_pathlib_gives_them(file: str, root: str) -> None:
    path, base = Path(file), Path(root)
    expected = path.relative_to(base).as_posix() if path.is_relative_to(base) else path.as_posix()
    assert documents._relative(path, base) == expected
    assert PurePosixPath(expected).as_posix() == expected


def test_the_collector_is_paused_only_while_loading(tmp_path: Path) -> None:
    import gc

    assert gc.isenabled()
    documents.load_articles(tmp_path, tmp_path)
    assert gc.isenabled()
    with pytest.raises(RuntimeError), documents.paused_collector():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with documents.paused_collector():
            pass
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()
