"""How documents.py reads a file (as read_text would) and splits its front matter (python-frontmatter), with lines."""

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


@settings(max_examples=3000, deadline=None)
@given(text=texts)
@example(text="---\ntitle: a\n---\nbody")
@example(text="---\ntitle: a\n---")
@example(text="---\n---\n")
@example(text="---\n\ntitle: a\n---\n\n\nbody\n")
@example(text="---\ntitle: a\n----\n---  \nbody\n---\n")
@example(text="\ufeff---\ntitle: a\n---\nbody")
def test_the_split_says_on_which_line_of_the_file_header_and_body_start(text: str) -> None:
    """python-frontmatter finds the fences; the line numbers every error names come from where it found them."""
    try:
        header, first_line, body, body_line = documents._split(text, "a.md")
    except FrontMatterError as error:
        assert error.line == 1
        assert error.message in ("no front matter: the file should start with a '---' line",
                                 "front matter is not closed")
        return
    lines = text.lstrip("\ufeff").split("\n")
    assert lines[0].startswith("---") and lines[first_line - 1].endswith(header.split("\n")[0])
    inner = header.split("\n")[1:-1]  # between the rest of the opening fence's line and the closing fence
    assert inner == lines[first_line:first_line + len(inner)]
    assert lines[first_line + len(inner)].startswith("---")
    assert body == "" or body == "\n".join(lines[body_line - 1:])


@pytest.mark.parametrize(("text", "expected"), [
    ("---\ntitle: a\n---\n\nbody\n", ("\ntitle: a\n", 1, "body\n", 5)),
    ("\ufeff---\ntitle: a\n---\nbody", ("\ntitle: a\n", 1, "body", 4)),
    ("---\n\ntitle: a\n---\nbody", ("\ntitle: a\n", 2, "body", 5)),
])
def test_an_ordinary_file_is_split(text: str, expected: tuple[str, int, str, int]) -> None:
    assert documents._split(text, "a.md") == expected


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
