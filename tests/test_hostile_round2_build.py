"""Hostile and careless input, round 2, at the build's own files: a linked output folder, a planted lock or
render cache, two builds at once. Each is refused with a clear error, or is harmless; nothing runs."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder import pipeline
from site_builder.cli import main
from site_builder.config import load_config
from site_builder.errors import ConfigError
from site_builder.render.cache import RenderCache, cache_file, load_cache

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "content" / "sources" / "000_7bc920b7a4ddbe51.txt"


def seeded_site(tmp_path: Path) -> Path:
    site = tmp_path / "S"
    (site / "content" / "sources").mkdir(parents=True)
    shutil.copy(SEED, site / "content" / "sources" / SEED.name)
    return site


def test_a_linked_output_folder_is_refused_and_nothing_is_written_beside_its_target(tmp_path: Path,
                                                                                   capsys: pytest.CaptureFixture[str]
                                                                                   ) -> None:
    site = seeded_site(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "target").mkdir(parents=True)
    (elsewhere / "target" / "keep.txt").write_text("keep", encoding="utf-8")
    (elsewhere / ".target.old").write_text("a file of someone else's", encoding="utf-8")
    (site / "public").symlink_to(elsewhere / "target", target_is_directory=True)
    assert main(["build", "--site", str(site), "--no-search"]) == 2
    error = capsys.readouterr().err
    assert "public is a symbolic link" in error and "Traceback" not in error
    assert sorted(p.name for p in elsewhere.iterdir()) == [".target.old", "target"]
    assert [p.name for p in (elsewhere / "target").iterdir()] == ["keep.txt"]
    assert (site / "public").is_symlink() and not (site / "content" / "articles").exists()


def test_a_linked_out_option_is_refused_too(tmp_path: Path) -> None:
    site = seeded_site(tmp_path)
    (tmp_path / "real").mkdir()
    (tmp_path / "out").symlink_to(tmp_path / "real", target_is_directory=True)
    assert main(["build", "--site", str(site), "--out", str(tmp_path / "out"), "--no-search"]) == 2
    assert list((tmp_path / "real").iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == [
        "S", "out", "real"]


def test_a_link_planted_at_the_lock_is_neither_followed_nor_truncated(tmp_path: Path) -> None:
    site = seeded_site(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (site / ".public.lock").symlink_to(victim)
    with pytest.raises(ConfigError, match=r"\.public\.lock is a symbolic link"):
        pipeline.build(load_config(site), search=False)
    assert victim.read_text(encoding="utf-8") == "precious"


@pytest.mark.parametrize("name", [".public.staging", ".public.old", ".public.patch"])
def test_links_planted_at_the_build_folders_are_removed_not_followed(tmp_path: Path, name: str) -> None:
    site = seeded_site(tmp_path)
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "file.txt").write_text("precious", encoding="utf-8")
    (victim / ".complete").write_text('{"whole": [], "removed": []}', encoding="utf-8")
    (site / name).symlink_to(victim, target_is_directory=True)
    result = pipeline.build(load_config(site), search=False)
    assert not result.failed(strict=False)
    assert sorted(p.name for p in victim.iterdir()) == [".complete", "file.txt"]
    assert not (site / "public").is_symlink() and not (site / "public" / "file.txt").exists()


class _Planted:
    """A pickle that, unpickled, writes a file: what a planted render cache would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, (f"open({str(self.marker)!r}, 'w').write('pwned')",))


def test_a_planted_render_cache_runs_nothing_and_means_a_full_build(tmp_path: Path) -> None:
    site = seeded_site(tmp_path)
    config = load_config(site)
    assert not pipeline.build(config, search=False).failed(strict=False)
    marker = tmp_path / "ran"
    payload = pickle.dumps(_Planted(marker))
    pickle.loads(payload)  # what it would do
    assert marker.exists()
    marker.unlink()
    for planted in (cache_file(config.paths.output), site / ".public.cache.pickle"):  # today's name and the old
        planted.write_bytes(payload)
    result = pipeline.build(config, search=False)
    assert not marker.exists(), "a planted cache ran code"
    assert not result.failed(strict=False) and result.reused == 0  # a full build


def test_the_render_cache_is_json_and_a_damaged_one_is_an_empty_record(tmp_path: Path) -> None:
    site = seeded_site(tmp_path)
    config = load_config(site)
    pipeline.build(config, search=False)
    file = cache_file(config.paths.output)
    assert file.name == ".public.cache.json" and file.read_bytes().startswith(b'{"format":')
    record = load_cache(file, "another key")
    assert record == RenderCache("another key")
    text = file.read_text(encoding="utf-8")
    for damaged in (text[: len(text) // 2], text.replace('"pages":[[', '"pages":[[1,'), "[" * 100_000, "null"):
        file.write_text(damaged, encoding="utf-8")
        assert load_cache(file, "k") == RenderCache("k")


HOLD_LOCK = ("import sys, pathlib\nfrom site_builder.render.write import build_lock\n"
             "with build_lock(pathlib.Path(sys.argv[1])):\n    print('locked', flush=True)\n    sys.stdin.read()\n")


def _cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "site_builder", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=REPO)


@pytest.mark.parametrize("command", ["build", "ingest"])
def test_a_second_build_refuses_before_it_ingests(tmp_path: Path, command: str) -> None:
    site = seeded_site(tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(site / "public")], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline() == "locked\n"
        second = _cli(command, "--site", str(site))
        _, error = second.communicate(timeout=60)
        assert second.returncode == 2 and "another build is writing" in error and "Traceback" not in error
        assert not (site / "content" / "articles").exists(), "the second build ingested before the lock"
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
        holder.stdout.close()


def test_a_second_build_with_wait_waits_for_the_first(tmp_path: Path) -> None:
    site = seeded_site(tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(site / "public")], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdin is not None
    second = None
    try:
        assert holder.stdout.readline() == "locked\n"
        second = _cli("build", "--site", str(site), "--no-search", "--wait")
        assert second.stderr is not None
        assert "waiting for another build" in second.stderr.readline()
        assert not (site / "content" / "articles").exists()
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
        holder.stdout.close()
    _, error = second.communicate(timeout=120)
    assert second.returncode == 0, error
    assert (site / "public" / "index.html").is_file()


def test_two_builds_started_apart_never_both_ingest(tmp_path: Path) -> None:
    """The issue's case: two builds 0.4 s apart. One builds; the other refuses (or, had the first finished,
    finds nothing to do): the articles are those of one build, none with a `-2` slug."""
    alone = seeded_site(tmp_path / "alone")
    pipeline.build(load_config(alone), search=False)
    expected = sorted(p.name for p in (alone / "content" / "articles").rglob("*.md"))
    site = seeded_site(tmp_path)
    first = _cli("build", "--site", str(site), "--no-search")
    time.sleep(0.4)
    second = _cli("build", "--site", str(site), "--no-search")
    codes = sorted(process.wait(timeout=120) for process in (first, second))
    for process in (first, second):
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        assert "Traceback" not in process.stderr.read()
        process.stderr.close()
    assert codes in ([0, 0], [0, 2])
    assert sorted(p.name for p in (site / "content" / "articles").rglob("*.md")) == expected
    assert os.path.isfile(site / "public" / "index.html")
