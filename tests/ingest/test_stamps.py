"""Ingest's "nothing changed" from file stamps (size, mtime_ns, inode): an unchanged source is not even read, and
any change of stamp, however small, makes ingest read and hash the file as before."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from site_builder.config import beside, load_config
from site_builder.ingest import ingest_site
from site_builder.ingest import run as ingest_run
from site_builder.ingest.stamps import RACY_NS, STAMPS_NAME, load_stamps

ROOT = Path(__file__).resolve().parents[2]
ENTITIES = Path(__file__).parent / "fixtures" / "entities"
SOURCE = "content/sources/002_75690c72a749e123.txt"
ARTICLE = "content/articles/2017/president-nazarbayev-visits-minsk-holds-talks-with-lukashenko-jeenbekov.md"


def make_site(tmp_path: Path, age_seconds: float = 60.0) -> Path:
    """The seed sources, their modification times `age_seconds` in the past (older than the racy window)."""
    shutil.copytree(ROOT / "content" / "sources", tmp_path / "content" / "sources")
    shutil.copytree(ENTITIES, tmp_path / "content" / "entities")
    past = time.time_ns() - int(age_seconds * 1e9)
    for file in (tmp_path / "content" / "sources").iterdir():
        os.utime(file, ns=(past, past))
    return tmp_path


def stamps_of(site: Path) -> dict[str, object]:
    return dict(load_stamps(beside(load_config(site).paths.output, STAMPS_NAME)))


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources ingest reads from now on (every read goes through read_regular)."""
    reads: list[str] = []
    real = ingest_run.read_regular

    def counting(file: Path, path: str) -> bytes:
        reads.append(path)
        return real(file, path)

    monkeypatch.setattr(ingest_run, "read_regular", counting)
    return reads


def test_unchanged_sources_are_not_read_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path)
    first = ingest_site(load_config(site))
    assert len(first.written) == 14 and len(stamps_of(site)) == 5
    reads = count_reads(monkeypatch)
    again = ingest_site(load_config(site))
    assert reads == []
    assert again.written == () and again.updated == () and len(again.kept) == 14 and not again.failed


def test_same_size_touched_mtime_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path)
    ingest_site(load_config(site))
    source = site / SOURCE
    before = source.stat()
    text = source.read_text(encoding="utf-8")
    assert "two-day visit" in text
    changed = text.replace("two-day visit", "one-day visit", 1)  # the same number of bytes
    with open(source, "r+", encoding="utf-8") as handle:  # in place: the inode stays
        handle.write(changed)
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000))  # a microsecond later, still long ago
    after = source.stat()
    assert (after.st_size, after.st_ino) == (before.st_size, before.st_ino)
    reads = count_reads(monkeypatch)
    report = ingest_site(load_config(site))
    assert SOURCE in reads
    assert report.updated == (ARTICLE,)
    assert "one-day visit" in (site / ARTICLE).read_text(encoding="utf-8")


def test_same_size_and_mtime_but_a_new_inode_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor that saves by writing a new file and renaming it over the old one, keeping the time."""
    site = make_site(tmp_path)
    ingest_site(load_config(site))
    source = site / SOURCE
    before = source.stat()
    replacement = source.with_name("replacement.tmp")
    replacement.write_text(source.read_text(encoding="utf-8").replace("two-day visit", "one-day visit", 1),
                           encoding="utf-8")
    keep = source.with_name("keep.tmp")
    os.link(source, keep)  # keeps the old inode alive, so the new file cannot be given its number
    os.replace(replacement, source)
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    keep.unlink()
    assert source.stat().st_size == before.st_size and source.stat().st_mtime_ns == before.st_mtime_ns
    reads = count_reads(monkeypatch)
    report = ingest_site(load_config(site))
    assert reads[0] == SOURCE  # first, by its stamp; then every other, as a changed source needs them all
    assert report.updated == (ARTICLE,)


def test_recently_modified_sources_are_not_stamped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Racy: a change within the file system's time resolution could keep size and time; so a file younger than
    the racy window is hashed again next time."""
    site = make_site(tmp_path, age_seconds=RACY_NS / 1e9 * 10)
    fresh = site / SOURCE
    fresh.write_text(fresh.read_text(encoding="utf-8"), encoding="utf-8")  # now
    ingest_site(load_config(site))
    assert SOURCE not in stamps_of(site) and len(stamps_of(site)) == 4
    reads = count_reads(monkeypatch)
    ingest_site(load_config(site))
    assert reads == [SOURCE]


@pytest.mark.parametrize("damage", ["{not json", '{"version": 1, "sources": {"x": [1]}}', '{"version": 99}'])
def test_a_damaged_stamp_file_only_means_reading_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             damage: str) -> None:
    site = make_site(tmp_path)
    ingest_site(load_config(site))
    beside(load_config(site).paths.output, STAMPS_NAME).write_text(damage, encoding="utf-8")
    reads = count_reads(monkeypatch)
    report = ingest_site(load_config(site))
    assert len(reads) == 5 and not report.failed and len(report.kept) == 14
    assert len(stamps_of(site)) == 5  # and written again


def test_a_stamp_is_trusted_only_with_the_hash_the_state_records(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A state restored from elsewhere (another hash for the source) makes the stamp worthless."""
    site = make_site(tmp_path)
    ingest_site(load_config(site))
    state = site / "content" / "articles" / ".ingest-state.json"
    state.write_text(state.read_text(encoding="utf-8").replace(
        "75690c72a749e123", "0000000000000000", 1), encoding="utf-8")
    reads = count_reads(monkeypatch)
    ingest_site(load_config(site))
    assert SOURCE in reads


def test_a_deleted_source_is_noticed_without_reading_the_others(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path)
    ingest_site(load_config(site))
    (site / SOURCE).unlink()
    reads = count_reads(monkeypatch)
    report = ingest_site(load_config(site))
    assert reads == []
    assert any(w.path == SOURCE and "no longer exists" in w.message for w in report.warnings)
