"""Ingest killed at any point, a damaged or lost state, links planted at the names ingest writes: a re-run
always ends with exactly the articles of an uninterrupted run, and never takes ingest's own work for an edit."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder.config import load_config
from site_builder.errors import ContentError
from site_builder.ingest import ingest_site, run, state
from site_builder.ingest.state import JOURNAL_FILE, STATE_FILE, StateError, load_state

ROOT = Path(__file__).resolve().parents[2]
ENTITIES = Path(__file__).parent / "fixtures" / "entities"
COUNTRIES = ("Kazakhstan", "Azerbaijan", "Kyrgyzstan", "Russia", "Uzbekistan", "Georgia")


def make_site(target: Path, copies: int) -> Path:
    """The seed sources plus `copies` small digests of two dispatches each (distinct titles, some shared)."""
    sources = target / "content" / "sources"
    shutil.copytree(ROOT / "content" / "sources", sources)
    shutil.copytree(ENTITIES, target / "content" / "entities")
    for n in range(copies):
        first, second = COUNTRIES[n % 6], COUNTRIES[(n + 1) % 6]
        text = (f"{first.upper()} AND {second.upper()} AGREE ON ROUTE {n}\n\n"
                f"Astana, {n % 28 + 1} March 2018 – {first} and {second} agreed on a new transit route, number {n}, "
                f"the foreign ministries said.\n\n"
                f"TALKS ON WATER SHARING\n\n"
                f"Baku, {n % 28 + 1} April 2018 – Officials of {second} and {first} discussed water sharing.\n")
        (sources / f"digest_{n:03d}.txt").write_text(text, encoding="utf-8")
    return target


def articles_of(site: Path) -> dict[str, str]:
    folder = site / "content" / "articles"
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != JOURNAL_FILE}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """What an uninterrupted first ingest writes."""
    site = make_site(tmp_path_factory.mktemp("reference"), 30)
    assert not ingest_site(load_config(site)).failed
    return articles_of(site)


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs (no except Exception, no finally that saves anything)."""


def kill_after(monkeypatch: pytest.MonkeyPatch, writes: int) -> None:
    done = [0]
    real = run.write_atomic

    def write_then_die(file: Path, text: str) -> None:
        if done[0] == writes:
            raise Killed
        real(file, text)
        done[0] += 1

    monkeypatch.setattr(run, "write_atomic", write_then_die)  # the articles
    monkeypatch.setattr(state, "write_atomic", write_then_die)  # the state file


# Where the kill falls, as a share of the run's writes (one per article, then the state file).
KILL_POINTS = [0.0, 0.02, 0.05, 0.25, 0.5, 0.75, 0.97, 1.0]


@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_first_ingest_killed_after_n_writes_then_rerun_equals_an_uninterrupted_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: dict[str, str], point: float) -> None:
    site = make_site(tmp_path, 30)
    writes = round(point * (len(reference) - 1))  # the last point: every article written, the state not
    with monkeypatch.context() as patch:
        kill_after(patch, writes)
        with pytest.raises(Killed):
            ingest_site(load_config(site))
    assert (site / "content" / "articles" / JOURNAL_FILE).is_file() or writes == 0
    report = ingest_site(load_config(site))
    assert not report.failed and not report.warnings
    assert articles_of(site) == reference
    assert not (site / "content" / "articles" / JOURNAL_FILE).exists()


@pytest.mark.parametrize("point", [0.0, 0.1, 0.5, 1.0])
def test_a_reingest_killed_midway_marks_no_article_as_edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            point: float) -> None:
    site = make_site(tmp_path, 30)
    ingest_site(load_config(site))
    for source in (site / "content" / "sources").glob("digest_*.txt"):  # every digest changes: all rewritten
        source.write_text(source.read_text(encoding="utf-8").replace("transit route", "rail route"), "utf-8")
    expected_site = make_site(tmp_path / "expected", 30)
    ingest_site(load_config(expected_site))
    for source in (expected_site / "content" / "sources").glob("digest_*.txt"):
        source.write_text(source.read_text(encoding="utf-8").replace("transit route", "rail route"), "utf-8")
    rewritten = ingest_site(load_config(expected_site)).updated
    with monkeypatch.context() as patch:
        kill_after(patch, round(point * len(rewritten)))
        with pytest.raises(Killed):
            ingest_site(load_config(site))
    report = ingest_site(load_config(site))
    assert [w for w in report.warnings if "edited" in w.message] == []
    assert articles_of(site) == articles_of(expected_site)
    assert ingest_site(load_config(site)).updated == ()


def test_a_real_kill_during_the_first_ingest(tmp_path: Path) -> None:
    """SIGKILL from outside, at whatever point the run has reached when 40 article files exist."""
    site = make_site(tmp_path / "killed", 120)
    script = ("import sys; from pathlib import Path; from site_builder.config import load_config; "
              "from site_builder.ingest import ingest_site; ingest_site(load_config(Path(sys.argv[1])))")
    process = subprocess.Popen([sys.executable, "-c", script, str(site)], cwd=ROOT)
    folder = site / "content" / "articles"
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if folder.is_dir() and sum(1 for _ in folder.rglob("*.md")) >= 40:
            os.kill(process.pid, signal.SIGKILL)
            break
        time.sleep(0.002)
    process.wait(timeout=60)
    ingest_site(load_config(site))
    assert not list(folder.rglob("*.tmp"))  # what a kill inside a write leaves is cleared away
    reference = make_site(tmp_path / "reference", 120)
    ingest_site(load_config(reference))
    assert articles_of(site) == articles_of(reference)


def test_a_state_with_merge_conflict_markers_is_an_error_naming_its_line(tmp_path: Path) -> None:
    site = make_site(tmp_path, 2)
    ingest_site(load_config(site))
    file = site / "content" / "articles" / STATE_FILE
    lines = file.read_text(encoding="utf-8").splitlines()
    file.write_text("\n".join([*lines[:5], "<<<<<<< HEAD", *lines[5:9], "=======", ">>>>>>> other", *lines[9:]]),
                    encoding="utf-8")
    before = articles_of(site)
    with pytest.raises(StateError) as caught:
        ingest_site(load_config(site))
    assert f"articles/{STATE_FILE}:6: a merge-conflict marker" in str(caught.value)
    assert "restore the file" in (caught.value.hint or "")
    assert articles_of(site) == before


@pytest.mark.parametrize("damage", ["{\"version\": 1, \"sources\": {", "[]", "\xff\xfe"])
def test_a_damaged_state_is_an_error_not_an_empty_state(tmp_path: Path, damage: str) -> None:
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    (articles / STATE_FILE).write_bytes(damage.encode("latin-1"))
    with pytest.raises(StateError):
        load_state(articles)


def test_a_deleted_state_is_rebuilt_from_the_articles_without_duplicates(tmp_path: Path) -> None:
    site = make_site(tmp_path, 4)
    first = ingest_site(load_config(site))
    edited = site / first.written[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nAn editor's note.\n", encoding="utf-8")
    before = articles_of(site)
    (site / "content" / "articles" / STATE_FILE).unlink()
    again = ingest_site(load_config(site))
    assert again.written == () and again.updated == ()
    assert {k: v for k, v in articles_of(site).items() if k != STATE_FILE} == \
           {k: v for k, v in before.items() if k != STATE_FILE}
    assert first.written[0] in again.kept
    assert ingest_site(load_config(site)).written == ()


def test_links_planted_at_the_names_ingest_writes_are_not_followed(tmp_path: Path) -> None:
    site = make_site(tmp_path, 2)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    articles = site / "content" / "articles"
    (articles / "2018").mkdir(parents=True)
    for name in (f".{STATE_FILE}.tmp", "2018/.kazakhstan-and-azerbaijan-agree-on-route-0.md.tmp"):
        (articles / name).symlink_to(victim)
    (articles / "2018" / ".left-by-a-kill.md.k2j4h1.tmp").write_text("half an arti", encoding="utf-8")
    assert not ingest_site(load_config(site)).failed
    assert not list(articles.rglob("*.tmp"))
    assert victim.read_text(encoding="utf-8") == "precious"
    assert (articles / STATE_FILE).is_file() and not (articles / STATE_FILE).is_symlink()


def test_a_link_planted_at_the_journal_is_a_named_error(tmp_path: Path) -> None:
    site = make_site(tmp_path, 1)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    articles = site / "content" / "articles"
    articles.mkdir(parents=True)
    (articles / JOURNAL_FILE).symlink_to(victim)
    with pytest.raises(ContentError) as caught:
        ingest_site(load_config(site))
    assert JOURNAL_FILE in str(caught.value)
    assert victim.read_text(encoding="utf-8") == "precious"


def test_the_journal_is_gone_after_a_run(tmp_path: Path) -> None:
    site = make_site(tmp_path, 1)
    ingest_site(load_config(site))
    assert not (site / "content" / "articles" / JOURNAL_FILE).exists()
    saved = json.loads((site / "content" / "articles" / STATE_FILE).read_text(encoding="utf-8"))
    assert len(saved["sources"]) == 6
