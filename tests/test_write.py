"""Atomic output: a failed or killed build leaves the previous site intact; the lock keeps builds apart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path, PurePosixPath

import pytest

from site_builder.errors import BuildLockedError
from site_builder.render.cache import cache_file
from site_builder.render.write import PatchedOutput, StagedOutput, build_lock, recover_interrupted_swap


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(output: Path, files: dict[str, bytes]) -> None:
    staged = StagedOutput(output)
    for name, data in files.items():
        staged.write(PurePosixPath(name), data)
    staged.commit()


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    """An output folder holding a previous build."""
    output = tmp_path / "public"
    build(output, {"index.html": b"old home", "articles/2017/a/index.html": b"old article"})
    return output


def leftovers(output: Path) -> list[str]:
    return sorted(p.name for p in output.parent.iterdir() if p.name.startswith(f".{output.name}.") and
                  not p.name.endswith(".lock"))


def test_commit_replaces_the_output_entirely(previous: Path) -> None:
    build(previous, {"index.html": b"new home", "feed.xml": b"<feed/>"})
    assert snapshot(previous) == {"index.html": b"new home", "feed.xml": b"<feed/>"}
    assert leftovers(previous) == []


def test_first_build_creates_the_output(tmp_path: Path) -> None:
    output = tmp_path / "deep" / "public"
    build(output, {"index.html": b"home"})
    assert snapshot(output) == {"index.html": b"home"}


def test_exception_mid_render_leaves_the_previous_output_intact(previous: Path) -> None:
    before = snapshot(previous)
    staged = StagedOutput(previous)
    try:
        staged.write(PurePosixPath("index.html"), b"half-built")
        raise RuntimeError("template error")
    except RuntimeError:
        staged.abort()
    assert snapshot(previous) == before
    assert leftovers(previous) == []


@pytest.mark.parametrize("relative", ["../escape.html", "a/../../escape.html", "/etc/passwd"])
def test_writes_outside_the_staging_folder_are_refused(previous: Path, relative: str) -> None:
    staged = StagedOutput(previous)
    with pytest.raises(ValueError, match="outside the output folder"):
        staged.write(PurePosixPath(relative), b"x")
    staged.abort()
    assert not (previous.parent / "escape.html").exists()


def test_copy_tree(previous: Path, tmp_path: Path) -> None:
    assets = tmp_path / "assets"
    (assets / "fonts").mkdir(parents=True)
    (assets / "site.css").write_text("body{}")
    (assets / "fonts" / "a.woff2").write_bytes(b"font")
    staged = StagedOutput(previous)
    staged.copy_tree(assets, PurePosixPath("static"))
    staged.commit()
    assert snapshot(previous) == {"static/site.css": b"body{}", "static/fonts/a.woff2": b"font"}


SLOW_BUILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path, PurePosixPath
    from site_builder.render.write import StagedOutput, build_lock
    output = Path(sys.argv[1])
    with build_lock(output):
        staged = StagedOutput(output)
        for n in range(100_000):
            staged.write(PurePosixPath(f"articles/{n % 50}/{n}/index.html"), b"new" * 300)
            if n == 500:
                print("halfway", flush=True)
            if n > 500:
                time.sleep(0.001)
        staged.commit()
""")


def test_sigkill_midway_leaves_the_previous_output_and_the_next_build_recovers(previous: Path) -> None:
    before = snapshot(previous)
    process = subprocess.Popen([sys.executable, "-c", SLOW_BUILD, str(previous)], stdout=subprocess.PIPE,
                               cwd=Path(__file__).resolve().parent.parent)
    assert process.stdout is not None
    assert process.stdout.readline() == b"halfway\n"
    time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    assert process.wait(timeout=10) == -signal.SIGKILL
    process.stdout.close()
    assert snapshot(previous) == before
    assert leftovers(previous) == [".public.staging"]  # the half-written build, never swapped in
    with build_lock(previous):  # the kernel released the dead build's lock
        build(previous, {"index.html": b"next build"})
    assert snapshot(previous) == {"index.html": b"next build"}
    assert leftovers(previous) == []


def test_recover_after_a_kill_between_the_two_renames(previous: Path) -> None:
    before = snapshot(previous)
    os.replace(previous, previous.parent / ".public.old")  # the first rename of commit() happened, not the second
    recover_interrupted_swap(previous)
    assert snapshot(previous) == before
    assert leftovers(previous) == []


def test_recover_after_a_kill_while_removing_the_old_site(previous: Path) -> None:
    stale = previous.parent / ".public.old"
    (stale / "articles").mkdir(parents=True)
    (stale / "articles" / "old.html").write_bytes(b"stale")
    before = snapshot(previous)
    recover_interrupted_swap(previous)
    assert snapshot(previous) == before
    assert not stale.exists()


def test_a_new_staged_output_recovers_first(previous: Path) -> None:
    before = snapshot(previous)
    os.replace(previous, previous.parent / ".public.old")
    StagedOutput(previous).abort()
    assert snapshot(previous) == before


def test_the_lock_refuses_a_concurrent_build(tmp_path: Path) -> None:
    output = tmp_path / "public"
    with build_lock(output):
        with pytest.raises(BuildLockedError) as caught, build_lock(output):
            pass
        assert caught.value.exit_code == 2
        assert str(output) in str(caught.value)
    with build_lock(output):  # released after the first build
        pass


def test_the_lock_refuses_a_build_in_another_process(tmp_path: Path) -> None:
    output = tmp_path / "public"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, pathlib\nfrom site_builder.render.write import build_lock\n"
         "with build_lock(pathlib.Path(sys.argv[1])):\n    print('locked', flush=True)\n    sys.stdin.read()\n",
         str(output)], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline() == b"locked\n"
        with pytest.raises(BuildLockedError, match="another build"), build_lock(output):
            pass
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
        holder.stdout.close()
    with build_lock(output):
        pass


# --- a patch of the published site ------------------------------------------------------------------------


def patch(output: Path, files: dict[str, bytes], whole: tuple[str, ...] = ()) -> PatchedOutput:
    patched = PatchedOutput(output)
    for name, data in files.items():
        patched.write(PurePosixPath(name), data)
    patched.replace_whole(whole)
    return patched


def test_a_patch_changes_its_files_and_keeps_every_other(previous: Path) -> None:
    (previous / "pagefind" / "2017").mkdir(parents=True)
    (previous / "pagefind" / "2017" / "stale.pf_fragment").write_bytes(b"old fragment")
    (previous / "pagefind" / "2018").mkdir()
    (previous / "pagefind" / "2018" / "kept.pf_fragment").write_bytes(b"kept")
    patched = patch(previous, {"articles/2017/a/index.html": b"new article", "redirect/index.html": b"moved",
                               "pagefind/2017/new.pf_fragment": b"new fragment"}, whole=("pagefind/2017",))
    assert patched.current("index.html") == previous / "index.html"
    assert patched.current("articles/2017/a/index.html").read_bytes() == b"new article"
    patched.commit()
    assert snapshot(previous) == {"index.html": b"old home", "articles/2017/a/index.html": b"new article",
                                  "redirect/index.html": b"moved", "pagefind/2017/new.pf_fragment": b"new fragment",
                                  "pagefind/2018/kept.pf_fragment": b"kept"}
    assert leftovers(previous) == []


def test_a_failed_patch_leaves_the_site_as_it_was(previous: Path) -> None:
    before = snapshot(previous)
    patch(previous, {"articles/2017/a/index.html": b"half-built"}).abort()
    assert snapshot(previous) == before
    assert leftovers(previous) == []


def test_a_patch_killed_before_its_commit_is_dropped(previous: Path) -> None:
    before = snapshot(previous)
    patch(previous, {"articles/2017/a/index.html": b"never committed"})  # neither committed nor aborted
    StagedOutput(previous).abort()  # the next build starts
    assert snapshot(previous) == before
    assert leftovers(previous) == []


def test_a_patch_killed_during_its_renames_is_carried_forward(previous: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache_file(previous).write_bytes(b"the cache of the build before the patch")
    patched = patch(previous, {"index.html": b"new home", "articles/2017/a/index.html": b"new article"})
    renames = 0
    real_replace = os.replace

    def killed_after_one(source: object, target: object) -> None:
        nonlocal renames
        if renames == 1:
            raise KeyboardInterrupt("killed")
        renames += 1
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", killed_after_one)
    with pytest.raises(KeyboardInterrupt):
        patched.commit()
    monkeypatch.setattr(os, "replace", real_replace)
    moved_in = [data for data in snapshot(previous).values() if data.startswith(b"new")]
    assert len(moved_in) == 1, "one of the two files was moved in before the kill"
    recover_interrupted_swap(previous)
    assert snapshot(previous) == {"index.html": b"new home", "articles/2017/a/index.html": b"new article"}
    assert not cache_file(previous).exists(), "the render cache no longer describes the site"
    assert leftovers(previous) == []


def test_a_background_removal_leaves_nothing_behind(previous: Path) -> None:
    staged = StagedOutput(previous)
    staged.write(PurePosixPath("index.html"), b"new home")
    staged.commit(background=True)
    assert snapshot(previous) == {"index.html": b"new home"}
    deadline = time.monotonic() + 30
    while leftovers(previous) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert leftovers(previous) == []


def test_an_old_site_still_being_removed_is_left_to_its_remover(previous: Path) -> None:
    busy, dead = previous.parent / ".public.old.1.1", previous.parent / ".public.old.2.2"
    for trash, pid in ((busy, os.getpid()), (dead, 2 ** 22 + 1)):  # this process runs; no process has that id
        (trash / "articles").mkdir(parents=True)
        trash.with_name(trash.name + ".removing").write_text(str(pid), encoding="utf-8")
    orphan = previous.parent / ".public.old.3.3.removing"
    orphan.write_text(str(2 ** 22 + 1), encoding="utf-8")
    recover_interrupted_swap(previous)
    assert busy.is_dir() and not dead.exists() and not orphan.exists()
    assert leftovers(previous) == [".public.old.1.1", ".public.old.1.1.removing"]


def test_a_patch_removes_what_the_new_site_no_longer_has(previous: Path) -> None:
    (previous / "pagefind" / "2016").mkdir(parents=True)
    (previous / "pagefind" / "2016" / "old.pf_fragment").write_bytes(b"old")
    patched = patch(previous, {"index.html": b"new home"})
    patched.remove(["articles/2017/a/index.html", "pagefind/2016"])
    patched.commit()
    assert snapshot(previous) == {"index.html": b"new home"}
    assert not (previous / "articles" / "2017" / "a").exists(), "the page's own folder goes with it"
    assert leftovers(previous) == []


def test_a_patch_writes_nothing_for_a_file_that_is_unchanged(previous: Path) -> None:
    patched = patch(previous, {"index.html": b"old home", "feed.xml": b"<feed/>"})
    assert not (patched.staging / "index.html").exists()
    assert patched.current("index.html") == previous / "index.html"
    patched.commit()
    assert snapshot(previous) == {"index.html": b"old home", "articles/2017/a/index.html": b"old article",
                                  "feed.xml": b"<feed/>"}


def test_a_file_removed_and_written_again_by_the_same_patch_stays(previous: Path) -> None:
    patched = PatchedOutput(previous)
    patched.remove(["articles/2017/a/index.html", "index.html"])  # a page gone, its URL now a redirect
    patched.write(PurePosixPath("articles/2017/a/index.html"), b"redirect")
    patched.write(PurePosixPath("index.html"), b"old home")  # and one written as it already was
    patched.commit()
    assert snapshot(previous) == {"index.html": b"old home", "articles/2017/a/index.html": b"redirect"}
