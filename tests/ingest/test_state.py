"""Idempotence and respect for editors: the behaviour the build relies on every time it runs ingest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from site_builder.config import load_config
from site_builder.ingest import ingest_site
from site_builder.ingest.state import RULES_VERSION, STATE_FILE, load_state, text_hash

ROOT = Path(__file__).resolve().parents[2]
ENTITIES = Path(__file__).parent / "fixtures" / "entities"


def make_site(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content" / "sources", tmp_path / "content" / "sources")
    shutil.copytree(ENTITIES, tmp_path / "content" / "entities")
    return tmp_path


def snapshot(site: Path) -> dict[str, str]:
    articles = site / "content" / "articles"
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(articles.rglob("*"))
            if p.is_file()}


def test_ingest_twice_changes_nothing(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    first = ingest_site(load_config(site))
    assert len(first.written) == 14 and not first.failed
    before = snapshot(site)
    second = ingest_site(load_config(site))
    assert second.written == () and second.updated == () and len(second.kept) == 14
    assert snapshot(site) == before


def test_edited_article_is_kept_with_a_warning(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    report = ingest_site(load_config(site))
    edited = site / report.written[0]
    edited.write_text(edited.read_text(encoding="utf-8").replace("Kazakhstan and", "Kazakhstan & "), "utf-8")
    source = site / "content" / "sources" / "000_7bc920b7a4ddbe51.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = ingest_site(load_config(site))
    assert report.written[0] in again.kept
    assert any(w.path == report.written[0] and "edited" in w.message for w in again.warnings)
    assert "Kazakhstan & " in edited.read_text(encoding="utf-8")


def test_changed_source_reingests_only_its_articles(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    ingest_site(load_config(site))
    source = site / "content" / "sources" / "002_75690c72a749e123.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("two-day visit", "two-day state visit"), "utf-8")
    report = ingest_site(load_config(site))
    assert report.written == ()
    assert report.updated == ("content/articles/2017/president-nazarbayev-visits-minsk-holds-talks-with-lukashenko-"
                              "jeenbekov.md",)
    assert len(report.kept) == 13


def test_slugs_are_frozen_when_the_title_changes(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    ingest_site(load_config(site))
    slug = load_state(site / "content" / "articles")["content/sources/002_75690c72a749e123.txt"].articles[0].slug
    source = site / "content" / "sources" / "002_75690c72a749e123.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("President Nazarbayev Visits Minsk",
                                                                 "Nazarbayev in Minsk", 1), "utf-8")
    ingest_site(load_config(site))
    record = load_state(site / "content" / "articles")["content/sources/002_75690c72a749e123.txt"].articles[0]
    assert record.slug == slug
    assert "title: Nazarbayev in Minsk" in (site / record.path).read_text(encoding="utf-8")


def test_state_file_is_stable_and_sorted(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    ingest_site(load_config(site))
    state = (site / "content" / "articles" / STATE_FILE).read_text(encoding="utf-8")
    ingest_site(load_config(site))
    assert (site / "content" / "articles" / STATE_FILE).read_text(encoding="utf-8") == state
    assert state.index("000_") < state.index("004_")


def test_slug_collisions_get_a_suffix(tmp_path: Path) -> None:
    sources = tmp_path / "content" / "sources"
    sources.mkdir(parents=True)
    shutil.copytree(ENTITIES, tmp_path / "content" / "entities")
    text = "Same Title Here\n\nBaku, 2 March 2017 – Azerbaijan and Kazakhstan talked about many things today.\n"
    (sources / "a.txt").write_text(text, encoding="utf-8")
    (sources / "b.txt").write_text(text, encoding="utf-8")
    report = ingest_site(load_config(tmp_path))
    assert sorted(report.written) == ["content/articles/2017/same-title-here-2.md",
                                      "content/articles/2017/same-title-here.md"]


def test_unreadable_sources_fail_with_their_name_and_the_rest_go_on(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "content" / "sources" / "broken.txt").write_bytes(b"%PDF-1.4\x00\x01\x02binary")
    (site / "content" / "sources" / "empty.txt").write_bytes(b"")
    report = ingest_site(load_config(site))
    assert {p.path for p in report.failed} == {"content/sources/broken.txt", "content/sources/empty.txt"}
    assert len(report.written) == 14
    assert "failed" in report.summary()


def test_new_ingest_rules_reingest_unedited_articles_and_keep_edited_ones(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    first = ingest_site(load_config(site))
    articles = site / "content" / "articles"
    state_file = articles / STATE_FILE
    state = json.loads(state_file.read_text(encoding="utf-8"))
    assert state["rules"] == RULES_VERSION
    state["rules"] = RULES_VERSION - 1  # as if written by older rules
    state_file.write_text(json.dumps(state), encoding="utf-8")
    edited, stale = site / first.written[0], site / first.written[1]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nAn editor's note.\n", encoding="utf-8")
    stale.write_text(stale.read_text(encoding="utf-8").replace("countries:", "countries_old:"), encoding="utf-8")
    record = {a.path: a for r in load_state(articles).values() for a in r.articles}[first.written[1]]
    # Ingest wrote this text under the old rules: it is not an edit.
    _record_hash(state_file, first.written[1], text_hash(stale.read_text(encoding="utf-8")))
    again = ingest_site(load_config(site))
    assert first.written[0] in again.kept and "An editor's note." in edited.read_text(encoding="utf-8")
    assert any(w.path == first.written[0] and "new ingest rules" in w.message for w in again.warnings)
    assert first.written[1] in again.updated and "countries_old" not in stale.read_text(encoding="utf-8")
    assert load_state(articles)[_source_of(first.written[1], articles)].articles[record.part - 1].slug == record.slug
    assert json.loads(state_file.read_text(encoding="utf-8"))["rules"] == RULES_VERSION
    assert ingest_site(load_config(site)).updated == ()  # and then it is settled


def _record_hash(state_file: Path, path: str, sha256: str) -> None:
    data = json.loads(state_file.read_text(encoding="utf-8"))
    for source in data["sources"].values():
        for article in source["articles"]:
            if article["path"] == path:
                article["sha256"] = sha256
    state_file.write_text(json.dumps(data), encoding="utf-8")


def _source_of(path: str, articles: Path) -> str:
    return next(s for s, r in load_state(articles).items() if any(a.path == path for a in r.articles))
