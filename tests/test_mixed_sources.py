"""One archive from .txt, .html and .pdf sources with sidecars: ingest, source pages, downloads, citations,
and bad sources reported while the rest builds."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from site_builder import pipeline
from site_builder.config import BUILTIN_ENTITIES, Config, load_config
from site_builder.documents import parse_article
from site_builder.ingest.read import SourceError
from site_builder.ingest.sidecar import find_sidecar, parse_sidecar
from tests.ingest import pdfs
from tests.ingest.test_webpage import PAGE

REPO = Path(__file__).resolve().parent.parent


def _site(tmp_path: Path) -> Config:
    site = tmp_path / "site"
    sources = site / "content" / "sources"
    sources.mkdir(parents=True)
    shutil.copytree(BUILTIN_ENTITIES, site / "content" / "entities")
    shutil.copy(REPO / "content" / "sources" / "002_75690c72a749e123.txt", sources / "wire.txt")
    (sources / "kazinform.html").write_text(PAGE, encoding="utf-8")
    (sources / "kazinform.html.meta.yaml").write_text(
        "url: https://www.inform.kz/en/a123\noutlet: Kazinform\ncollected: 2018-03-16\nlanguage: en\n"
        "licence: quoted for research\n", encoding="utf-8")
    (sources / "bulletin.pdf").write_bytes(pdfs.newsletter())
    (sources / "bulletin.meta.yaml").write_text("outlet: MFA Bulletin\n", encoding="utf-8")
    (sources / "scan.pdf").write_bytes(pdfs.scanned())
    (site / "site.toml").write_text('base_url = "https://example.org/archive/"\n', encoding="utf-8")
    return load_config(site)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Config, pipeline.BuildResult]:
    config = _site(tmp_path_factory.mktemp("mixed"))
    return config, pipeline.build(config, search=False)


def _articles(config: Config) -> dict[str, object]:
    files = sorted(config.paths.articles.rglob("*.md"))
    return {f.name: parse_article(f.read_text(encoding="utf-8"), str(f)) for f in files}


def test_one_archive_from_text_web_pages_and_pdfs(built) -> None:  # type: ignore[no-untyped-def]
    config, result = built
    articles = _articles(config)
    by_source: dict[str, list[object]] = {}
    for article in articles.values():
        by_source.setdefault(article.source.path, []).append(article)  # type: ignore[attr-defined]
    assert len(by_source["content/sources/bulletin.pdf"]) == 6
    assert len(by_source["content/sources/kazinform.html"]) == 1
    assert by_source["content/sources/wire.txt"]
    page = by_source["content/sources/kazinform.html"][0]
    assert page.title == "Ministers meet in Astana"  # type: ignore[attr-defined]
    assert page.source.url == "https://www.inform.kz/en/a123"  # type: ignore[attr-defined]  # the sidecar wins
    assert page.source.outlet == "Kazinform"  # type: ignore[attr-defined]
    assert page.date.iso == "2018-03-15"  # type: ignore[attr-defined]
    bulletin = by_source["content/sources/bulletin.pdf"]
    assert {a.source.outlet for a in bulletin} == {"MFA Bulletin"}  # type: ignore[attr-defined]
    assert sorted(a.source.pages for a in bulletin)[0] == (1, 1)  # type: ignore[attr-defined]
    # The scanned PDF is a named error with a hint; everything else was built.
    failed = [p for p in result.ingest.failed]
    assert [p.path for p in failed] == ["content/sources/scan.pdf"] and "OCR" in (failed[0].hint or "")


def test_source_pages_show_the_reader_text_and_link_the_originals(built) -> None:  # type: ignore[no-untyped-def]
    config, _ = built
    out = config.paths.output
    html_page = (out / "sources" / "kazinform" / "index.html").read_text(encoding="utf-8")
    assert "Ministers meet in Astana" in html_page and "document.write" not in html_page and "<script>" not in \
        html_page.split("<main", 1)[1]
    raw = out / "sources" / "kazinform" / "kazinform.html.txt"  # served as text, never as a page of ours
    assert raw.read_bytes() == (config.paths.sources / "kazinform.html").read_bytes()
    assert hashlib.sha256(raw.read_bytes()).hexdigest() in html_page
    assert 'download="kazinform.html"' in html_page and "Kazinform" in html_page
    pdf_page = (out / "sources" / "bulletin" / "index.html").read_text(encoding="utf-8")
    assert (out / "sources" / "bulletin" / "bulletin.pdf").read_bytes() == pdfs.newsletter()
    assert "bulletin.pdf#page=1" in pdf_page and "bulletin.pdf#page=3" in pdf_page
    assert "pages 1–2" in pdf_page


def test_articles_name_their_outlet_in_provenance_and_citations(built) -> None:  # type: ignore[no-untyped-def]
    config, _ = built
    page = next((config.paths.output / "articles").rglob("ministers-meet-in-astana/index.html")).read_text(
        encoding="utf-8")
    assert "<dt>Published by</dt><dd><cite>Kazinform</cite>" in page
    assert 'href="https://www.inform.kz/en/a123"' in page


def test_a_changed_sidecar_re_ingests_its_source(tmp_path: Path) -> None:
    config = _site(tmp_path)
    pipeline.build(config, search=False)
    sidecar = config.paths.sources / "bulletin.meta.yaml"
    sidecar.write_text("outlet: Ministry Bulletin\n", encoding="utf-8")
    from site_builder.ingest import ingest_site

    report = ingest_site(config)
    assert len(report.updated) == 6
    outlets = {a.source.outlet for a in _articles(config).values()  # type: ignore[attr-defined]
               if a.source.path.endswith(".pdf")}  # type: ignore[attr-defined]
    assert outlets == {"Ministry Bulletin"}


def test_sidecar_names_and_errors() -> None:
    sources = ["content/sources/x.html", "content/sources/x.pdf", "content/sources/y.txt"]
    existing = {"content/sources/x.meta.yaml", "content/sources/y.meta.yaml", "content/sources/x.pdf.meta.yaml"}
    assert find_sidecar("content/sources/x.pdf", existing, sources) == "content/sources/x.pdf.meta.yaml"
    assert find_sidecar("content/sources/x.html", existing, sources) is None  # x.meta.yaml is ambiguous
    assert find_sidecar("content/sources/y.txt", existing, sources) == "content/sources/y.meta.yaml"
    assert parse_sidecar(b"license: CC BY 4.0\ncollected: 2024-05-01\n", "s").licence == "CC BY 4.0"
    for data, words, line in [(b"url: https://a.b/\nsource: x\n", "unknown key 'source'", 2),
                              (b"url: javascript:alert(1)\n", "http(s) address", 1),
                              (b"collected: last week\n", "must be a date", 1),
                              (b"url: [unclosed\n", "not valid YAML", 2)]:
        with pytest.raises(SourceError) as error:
            parse_sidecar(data, "content/sources/a.meta.yaml")
        assert words in str(error.value) and error.value.line == line, str(error.value)


def test_stored_texts_follow_their_sources(tmp_path: Path) -> None:
    from site_builder.ingest import ingest_site

    config = _site(tmp_path)
    ingest_site(config)
    store = config.paths.articles / ".ingest-text"
    before = {f.name for f in store.iterdir()}
    assert len(before) == 2  # the page and the bulletin (the scanned PDF failed)
    (config.paths.sources / "kazinform.html").write_text(PAGE.replace("Customs", "Customs and trade"), "utf-8")
    ingest_site(config)
    after = {f.name for f in store.iterdir()}
    assert len(after) == 2 and len(after & before) == 1
