"""Hostile and broken sources: each is refused with a message naming the file (and line) with a hint, or
ingested safely; the rest of the archive is always ingested, and nothing is written outside content/articles."""

from __future__ import annotations

import codecs
import os
import shutil
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.config import load_config
from site_builder.documents import parse_article
from site_builder.ingest import IngestReport, ingest_site

ENTITIES = Path(__file__).parent / "ingest" / "fixtures" / "entities"
GOOD = ("Kazakhstan and Azerbaijan Hold Talks in Astana\n\nAstana, 15 March 2018 – The presidents of Kazakhstan "
        "and Azerbaijan met today in Astana and discussed trade, transport and energy cooperation at length.\n")
LEAD = ("Astana, 15 March 2018 – The presidents of Kazakhstan and Azerbaijan met today in Astana and discussed "
        "trade, transport and energy cooperation.")


def make_site(root: Path) -> Path:
    site = root / "site"
    (site / "content" / "sources").mkdir(parents=True)
    shutil.copytree(ENTITIES, site / "content" / "entities")
    (site / "content" / "sources" / "good.txt").write_text(GOOD, encoding="utf-8")
    return site


def ingest(site: Path) -> IngestReport:
    return ingest_site(load_config(site))


def outcome(report: IngestReport, name: str) -> str:
    return dict(report.sources)[f"content/sources/{name}"]


def assert_rest_ingested(report: IngestReport) -> None:
    assert outcome(report, "good.txt") == "1 article"


def article_text(site: Path, report: IngestReport, name: str) -> str:
    """The one article written by this run that contains `name`."""
    files = [site / p for p in report.written if name in (site / p).read_text(encoding="utf-8")]
    assert len(files) == 1, files
    return files[0].read_text(encoding="utf-8")


# (file name, bytes, words the failure must say, line it must name or None)
REFUSED: list[tuple[str, bytes, str, int | None]] = [
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "NUL bytes", 3),
    ("empty.txt", b"", "empty", None),
    ("blank.txt", b"  \n\n\t\n", "empty", None),
    ("nul.txt", b"A Title of an Article\n\nSome text of the article.\x00 More text.\n", "NUL bytes", 3),
    ("bad-bom.txt", codecs.BOM_UTF8 + b"\xff\xfe\xfa broken", "byte-order mark", None),
]


@pytest.mark.parametrize(("name", "data", "says", "line"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_sources_are_named_errors(tmp_path: Path, name: str, data: bytes, says: str,
                                          line: int | None) -> None:
    site = make_site(tmp_path)
    (site / "content" / "sources" / name).write_bytes(data)
    report = ingest(site)
    (problem,) = [p for p in report.failed if p.path == f"content/sources/{name}"]
    assert says in problem.message and problem.hint and problem.line == line
    assert outcome(report, name).startswith("failed:") and f"content/sources/{name}" in report.summary()
    assert_rest_ingested(report)


TITLE = "Президент Казахстана посетил Баку"
BODY = "Баку, 15 марта 2018 года – Президент Казахстана провёл переговоры в Баку о торговле и транспорте. " * 3
DECODED: list[tuple[str, bytes, str]] = [
    ("cp1251.txt", f"{TITLE}\n\n{BODY}\n".encode("cp1251"), TITLE),
    ("latin1.txt", ("Le président français à Astana\n\nLe président français a visité Astana et Bakou pour "
                    "des entretiens économiques très détaillés. " * 2).encode("latin-1"), "Le président français"),
    ("utf16.txt", GOOD.replace("Hold Talks", "Meet").encode("utf-16"), "Kazakhstan and Azerbaijan Meet"),
    ("mixed.txt", GOOD.replace("Hold Talks", "Sign").replace("\n\n", "\r\n\r").encode("utf-8"),
     "Kazakhstan and Azerbaijan Sign"),
]


@pytest.mark.parametrize(("name", "data", "title"), DECODED, ids=[d[0] for d in DECODED])
def test_encodings_and_line_endings_are_read(tmp_path: Path, name: str, data: bytes, title: str) -> None:
    site = make_site(tmp_path)
    (site / "content" / "sources" / name).write_bytes(data)
    report = ingest(site)
    assert outcome(report, name) == "1 article", report.summary()
    assert f"title: {title}" in article_text(site, report, title)
    assert_rest_ingested(report)


def test_a_100_mb_source_is_refused_quickly_and_without_reading_it(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    block = (GOOD * 40).encode("utf-8")
    with (site / "content" / "sources" / "huge.txt").open("wb") as file:
        for _ in range(100 * 1024 * 1024 // len(block) + 1):
            file.write(block)
    tracemalloc.start()
    start = time.perf_counter()
    report = ingest(site)
    elapsed, peak = time.perf_counter() - start, tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 5 and peak < 30 * 1024 * 1024
    (problem,) = [p for p in report.failed if p.path == "content/sources/huge.txt"]
    assert "100 MB" in problem.message and "limit" in problem.message and problem.hint
    assert_rest_ingested(report)


Maker = Callable[[Path], None]
ODD_FILES: list[tuple[str, Maker, str]] = [
    ("dangling.txt", lambda path: path.symlink_to(path.parent / "missing.txt"), "broken link"),
    ("fifo.txt", lambda path: os.mkfifo(path), "not a regular file"),
]


@pytest.mark.parametrize(("name", "make", "says"), ODD_FILES, ids=[o[0] for o in ODD_FILES])
def test_entries_that_are_not_files_are_named_errors(tmp_path: Path, name: str, make: Maker, says: str) -> None:
    site = make_site(tmp_path)
    make(site / "content" / "sources" / name)
    report = ingest(site)
    (problem,) = [p for p in report.failed if p.path == f"content/sources/{name}"]
    assert says in problem.message and problem.hint
    assert_rest_ingested(report)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads a chmod 000 file anyway")
def test_an_unreadable_file_is_a_named_error(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    locked = site / "content" / "sources" / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        report = ingest(site)
    finally:
        locked.chmod(0o644)
    (problem,) = [p for p in report.failed if p.path == "content/sources/locked.txt"]
    assert "cannot read" in problem.message and problem.hint and "permissions" in problem.hint
    assert_rest_ingested(report)


HOSTILE_BODY = (
    "Talks </script><script>alert(1)</script> and --> More\n\n"
    f"{LEAD} <script>alert('x')</script> and <img src=x onerror=alert(2)> then <iframe src=\"javascript:alert(3)\">"
    "</iframe> and <svg onload=alert(4)> and [a link](javascript:alert(5)) and <a href=\"javascript:alert(6)\">"
    "here</a>.\n"
)


def test_raw_html_in_a_text_source_stays_inert_text(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "content" / "sources" / "hostile.txt").write_text(HOSTILE_BODY, encoding="utf-8")
    report = ingest(site)
    text = article_text(site, report, "alert(1)")
    article = parse_article(text, "hostile.md")
    assert article.title == "Talks </script><script>alert(1)</script> and --> More"
    assert article.author is None or "<" not in article.author
    html = markdown.markdown(article.body)  # what any Markdown renderer makes of the body, before sanitising
    for tag in ("<script", "<img", "<iframe", "<svg", "<a "):
        assert tag not in article.body and tag not in html
    assert "&lt;script&gt;alert('x')" in html and "[a link](javascript:alert(5))" in html  # kept, as text


def test_html_source_scripts_and_handlers_are_dropped(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    page = ("<html><head><script>alert(0)</script></head><body><h1>Kazakhstan and Azerbaijan Hold Talks</h1>"
            f"<p>{LEAD}</p><img src=x onerror=alert(2)><iframe src='javascript:alert(3)'>x</iframe>"
            "<svg onload=alert(4)><text>alert(5)</text></svg><p>The sides <a href='javascript:alert(6)'>agreed"
            "</a> on more meetings in Baku and Astana next year, as the ministers said.</p></body></html>")
    (site / "content" / "sources" / "page.html").write_text(page, encoding="utf-8")
    report = ingest(site)
    assert outcome(report, "page.html") == "1 article"
    text = article_text(site, report, "The sides")
    assert "alert" not in text and "javascript" not in text and "<" not in parse_article(text, "p.md").body


PATH_TITLES = ["../../etc/passwd", "..", "/etc/passwd", "CON", "NUL.txt", "COM1", "Ｋａｚａｋｈｓｔａｎ Ｔｏｄａｙ",
               "Кazakhstan with a Cyrillic K", "中国与哈萨克斯坦", "A very long title " * 20, "~/.ssh/authorized_keys"]


def test_titles_never_write_outside_content_articles(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    for number, title in enumerate(PATH_TITLES):
        (site / "content" / "sources" / f"trick{number:02}.txt").write_text(f"{title}\n\n{LEAD}\n", "utf-8")
    before = {p for p in tmp_path.rglob("*")}
    report = ingest(site)
    created = {p for p in tmp_path.rglob("*")} - before
    articles = (site / "content" / "articles").resolve()
    assert created and all(p.resolve().is_relative_to(articles) for p in created)
    written = [Path(p) for p in report.written]
    assert len(written) == len(PATH_TITLES) + 1 and len({p.stem for p in written}) == len(written)
    for path in written:
        assert len(path.stem) <= 80 and path.stem.replace("-", "").isalnum() and path.stem.isascii()
        assert path.stem.split("-")[0].lower() not in {"con", "nul", "com1"} or "-" in path.stem


def test_two_sources_with_the_same_title_get_distinct_slugs(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "content" / "sources" / "again.txt").write_text(GOOD.replace("trade", "grain"), encoding="utf-8")
    report = ingest(site)
    assert sorted(Path(p).stem for p in report.written) == ["kazakhstan-and-azerbaijan-hold-talks-in-astana",
                                                            "kazakhstan-and-azerbaijan-hold-talks-in-astana-2"]


def test_every_source_is_listed_with_its_outcome(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "content" / "sources" / "empty.txt").write_bytes(b"")
    report = ingest(site)
    assert dict(report.sources) == {"content/sources/empty.txt": "failed: the file is empty",
                                    "content/sources/good.txt": "1 article"}
    summary = ingest(site).summary()
    assert "content/sources/empty.txt: failed: the file is empty" in summary and "1 source(s) unchanged" in summary


SPECIALS = st.sampled_from(["\x00", "\x1b[31m", "\r", "\r\n", "\u2028", "\ufeff", "\u200b", "<script>", "-->",
                            "\\", "*", "#", "---", "\t", "ÿ", "Қ", "\U0001f600", "A" * 20_000])
TEXT = st.lists(st.one_of(st.text(max_size=200), SPECIALS), max_size=30).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_arbitrary_text_never_crashes_the_ingest_of_a_site(tmp_path_factory: pytest.TempPathFactory,
                                                           text: str) -> None:
    site = make_site(tmp_path_factory.mktemp("arbitrary"))
    (site / "content" / "sources" / "arbitrary.txt").write_bytes(text.encode("utf-8", "surrogatepass"))
    report = ingest(site)
    result = outcome(report, "arbitrary.txt")
    assert result.endswith(("article", "articles")) or result.startswith("failed:")
    assert_rest_ingested(report)
