"""Hostile and careless input, round 2, at the file system: a full disk, a read-only folder, an output folder
that is a mount point, a source gone since ingest, an article re-saved as latin-1. Each is a named error with
a hint (no traceback), the previous site intact; a mount point builds every time.

The mount cases run for real where the test may mount a tmpfs (root), and simulated everywhere: os.replace
refusing to rename the output (EBUSY) or across it (EXDEV), as the kernel does for a mount point."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from site_builder import pipeline
from site_builder.cli import main
from site_builder.config import load_config

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "content" / "sources" / "000_7bc920b7a4ddbe51.txt"
ARTICLE = "content/articles/2017/chinese-american-dialogue.md"


def seeded_site(tmp_path: Path) -> Path:
    site = tmp_path / "S"
    (site / "content" / "sources").mkdir(parents=True)
    shutil.copy(SEED, site / "content" / "sources" / SEED.name)
    return site


def hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _mount_tmpfs(folder: Path, *options: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(("size=64m", *options)), "none", str(folder)],
                          capture_output=True, check=False)
    return done.returncode == 0


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """Mount a tmpfs at a folder (skips where mounting is not allowed); unmounted afterwards."""
    mounts: list[Path] = []

    def mount(folder: Path, *options: str) -> Path:
        if not _mount_tmpfs(folder, *options):
            pytest.skip("mounting a tmpfs needs root (and a kernel that allows it here)")
        mounts.append(folder)
        return folder

    yield mount
    for folder in reversed(mounts):
        subprocess.run(["umount", str(folder)], check=False)


def simulate_mount_point(monkeypatch: pytest.MonkeyPatch, output: Path) -> None:
    """os.replace and os.rename as the kernel answers them for a mount point at `output`; os.link likewise."""
    real_replace, real_rename, real_link = os.replace, os.rename, os.link

    def inside(path: object) -> bool:
        return Path(str(path)).absolute().is_relative_to(output)

    def check(source: object, target: object) -> None:
        if Path(str(source)).absolute() == output or Path(str(target)).absolute() == output:
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(source), None, str(target))
        if inside(source) != inside(target):
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), str(source), None, str(target))

    def replace(source: object, target: object, **kwargs: object) -> None:
        check(source, target)
        real_replace(source, target, **kwargs)  # type: ignore[arg-type]

    def rename(source: object, target: object, **kwargs: object) -> None:
        check(source, target)
        real_rename(source, target, **kwargs)  # type: ignore[arg-type]

    def link(source: object, target: object, **kwargs: object) -> None:
        check(source, target)
        real_link(source, target, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(os, "link", link)


def _three_builds(site: Path, tmp_path: Path) -> None:
    """A first build, a rebuild after an edited body (a patch), one after new settings (a whole new site); each
    equal, file for file, to a clean build of the same content elsewhere."""
    config = load_config(site)
    edits = [lambda: None,
             lambda: (site / ARTICLE).write_text((site / ARTICLE).read_text(encoding="utf-8") + "\nMore.\n",
                                                 encoding="utf-8"),
             lambda: (site / "site.toml").write_text('title = "Another title"\n', encoding="utf-8")]
    for number, edit in enumerate(edits):
        edit()
        config = load_config(site)
        result = pipeline.build(config, search=False, run_ingest=number == 0)
        assert not [p for p in result.problems if p.is_error]
        clean = tmp_path / f"clean{number}"
        shutil.copytree(site, clean, ignore=shutil.ignore_patterns("public", ".public*"))
        pipeline.build(load_config(clean), search=False, run_ingest=False)
        assert hashes(config.paths.output) == hashes(clean / "public"), f"build {number}"
        assert not [p.name for p in config.paths.output.iterdir() if p.name.startswith(".")]


def test_an_output_that_is_a_mount_point_builds_every_time_simulated(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    site = seeded_site(tmp_path)
    (site / "public").mkdir()  # a mount point exists before the first build
    simulate_mount_point(monkeypatch, site / "public")
    _three_builds(site, tmp_path)


def test_an_output_that_is_a_mount_point_builds_every_time(tmp_path: Path, mounted: Callable[..., Path]) -> None:
    site = seeded_site(tmp_path)
    mounted(site / "public")
    _three_builds(site, tmp_path)
    assert subprocess.run(["mountpoint", "-q", str(site / "public")], check=False).returncode == 0


def test_a_swap_of_a_mount_point_cut_short_is_put_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from site_builder.render.write import ASIDE, recover_interrupted_swap

    output = tmp_path / "public"
    aside = output / f"{ASIDE}123"
    (aside / "articles").mkdir(parents=True)
    (aside / "index.html").write_text("old home", encoding="utf-8")
    (output / "index.html").write_text("half of the new site", encoding="utf-8")
    recover_interrupted_swap(output)
    assert hashes(output) == {"index.html": hashlib.sha256(b"old home").hexdigest()}


def test_a_full_disk_under_the_output_is_a_named_error_and_the_old_site_stays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    site = seeded_site(tmp_path)
    assert main(["build", "--site", str(site), "--no-search"]) == 0
    before = hashes(site / "public")
    (site / ARTICLE).write_text((site / ARTICLE).read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    real_write = Path.write_bytes

    def full(self: Path, data: bytes) -> int:  # type: ignore[override]
        if ".public." in str(self):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    capsys.readouterr()
    assert main(["build", "--site", str(site), "--no-search"]) == 2
    error = capsys.readouterr().err
    assert "No space left on device" in error and ".public.patch/" in error and "disk is full" in error
    assert "Traceback" not in error
    assert hashes(site / "public") == before
    left = {p.name for p in site.iterdir() if p.name.startswith(".public.")}
    # no half-written patch, staging or temporary file is left; the caches of a file written within 2 s of a
    # build are not kept (their stamps cannot be trusted), so the article caches may be absent
    assert {".public.cache.json", ".public.lock"} <= left <= {
        ".public.articles.cache", ".public.cache.json", ".public.lock", ".public.related.cache",
        ".public.templates", ".public.ingest-stamps.json"}


def test_a_really_full_disk(tmp_path: Path, mounted: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    site = seeded_site(tmp_path)
    disk = mounted(tmp_path / "disk", "size=2m")
    assert main(["build", "--site", str(site), "--out", str(disk / "public"), "--no-search"]) == 0
    before = hashes(disk / "public")
    (site / ARTICLE).write_text((site / ARTICLE).read_text(encoding="utf-8") + "\n" + "More words. " * 300_000,
                                encoding="utf-8")
    capsys.readouterr()
    code = main(["build", "--site", str(site), "--out", str(disk / "public"), "--no-search"])
    error = capsys.readouterr().err
    assert code == 2 and "No space left on device" in error and "Traceback" not in error, error
    assert hashes(disk / "public") == before


def test_a_read_only_articles_folder_is_a_named_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    site = seeded_site(tmp_path)
    articles = site / "content" / "articles"
    real_open = os.open

    def refuse(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if Path(str(path)).absolute().is_relative_to(articles) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    code = main(["build", "--site", str(site), "--no-search"])
    error = capsys.readouterr().err
    assert code in (1, 2) and "Permission denied" in error and "articles" in error and "Traceback" not in error
    assert not (site / "public").exists()


def test_a_read_only_file_system_under_the_articles_is_a_named_error(tmp_path: Path, mounted: Callable[..., Path],
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    site = seeded_site(tmp_path)
    mounted(site / "content" / "articles", "ro")
    code = main(["build", "--site", str(site), "--no-search"])
    error = capsys.readouterr().err
    assert code in (1, 2) and "Read-only file system" in error and "articles" in error and "Traceback" not in error


def test_a_file_system_error_names_the_file_and_says_what_to_do() -> None:
    from site_builder.errors import FileSystemError, file_system_error

    named = file_system_error(OSError(errno.EROFS, os.strerror(errno.EROFS), "/srv/site/content/articles/a.md"))
    assert isinstance(named, FileSystemError) and named.exit_code == 2
    assert str(named) == ("/srv/site/content/articles/a.md: Read-only file system\n"
                          "  hint: that folder is on a read-only file system: build where it can be written")


def test_a_source_deleted_after_ingest_is_an_error_on_its_articles_and_the_rest_builds(tmp_path: Path) -> None:
    site = seeded_site(tmp_path)
    other = site / "content" / "sources" / "other.txt"
    other.write_text("Kyrgyzstan and Kazakhstan Talk\n\nBishkek, 4 May 2018 – The two sides talked.\n", "utf-8")
    pipeline.ingest(load_config(site))
    (site / "content" / "sources" / SEED.name).unlink()  # between ingest and build
    result = pipeline.build(load_config(site), run_ingest=False, search=False)
    errors = [p for p in result.problems if p.is_error]
    assert {p.path for p in errors} == {str(p.relative_to(site)) for p in (site / "content" / "articles").rglob("*.md")
                                        if SEED.name in p.read_text(encoding="utf-8")}
    assert all(f"its source content/sources/{SEED.name} is not there" in p.message and p.line for p in errors)
    assert len(errors) == 6
    assert (site / "public" / "sources" / "other" / "index.html").is_file()
    assert (site / "public" / "articles" / "2018" / "kyrgyzstan-and-kazakhstan-talk" / "index.html").is_file()


def test_an_article_resaved_as_latin1_is_an_error_at_its_line_and_the_rest_builds(tmp_path: Path) -> None:
    site = seeded_site(tmp_path)
    pipeline.ingest(load_config(site))
    file = site / ARTICLE
    text = file.read_text(encoding="utf-8")
    file.write_bytes(text.replace("Chinese", "Chinése", 1).encode("latin-1"))
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "Chinese" in row)
    result = pipeline.build(load_config(site), search=False)
    errors = [p for p in result.problems if p.is_error]
    assert [(p.path, p.line) for p in errors] == [(ARTICLE, line)] and "not UTF-8" in errors[0].message
    assert result.articles == 5 and (site / "public" / "index.html").is_file()


def test_an_article_citing_a_pdf_that_is_none_is_an_error_on_the_article(tmp_path: Path) -> None:
    site = seeded_site(tmp_path)
    pipeline.ingest(load_config(site))
    (site / "content" / "sources" / "x.pdf").write_bytes(b"not a PDF at all")
    file = site / ARTICLE
    file.write_text(file.read_text(encoding="utf-8").replace(f"content/sources/{SEED.name}", "content/sources/x.pdf"),
                    encoding="utf-8")
    result = pipeline.build(load_config(site), run_ingest=False, search=False)
    errors = [p for p in result.problems if p.is_error]
    line = next(n for n, row in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1)
                if row.startswith("source:"))
    assert [(p.path, p.line) for p in errors] == [(ARTICLE, line)]
    assert "its source content/sources/x.pdf cannot be shown: is not a PDF" in errors[0].message
    assert result.articles == 6 and (site / "public" / "sources" / SEED.stem / "index.html").is_file()
