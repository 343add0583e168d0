"""Write the site atomically: build in a staging folder beside the output, then swap it in.

A build that fails or is killed leaves the previous site intact; a lock keeps two builds apart.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from site_builder.errors import BuildLockedError


@contextmanager
def build_lock(output: Path) -> Iterator[None]:
    output.parent.mkdir(parents=True, exist_ok=True)
    lock_path = output.parent / f".{output.name}.lock"
    with open(lock_path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise BuildLockedError(f"another build is writing {output}",
                                   hint="wait for it to finish, or run the builds one after another") from error
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class StagedOutput:
    """A staging folder; files are written into it and it replaces the output on commit."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.staging = output.parent / f".{output.name}.staging"
        self._old = output.parent / f".{output.name}.old"
        recover_interrupted_swap(output)
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir(parents=True)
        self._made: set[Path] = {self.staging}

    def path_of(self, relative: PurePosixPath) -> Path:
        # A lexical check: resolve() on every file was a measurable share of a build, and no path we write
        # goes through a link we did not make ourselves.
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise ValueError(f"refusing to write outside the output folder: {relative}")
        return self.staging / relative

    def write(self, relative: PurePosixPath, data: bytes) -> None:
        target = self.path_of(relative)
        self._ensure_parent(target)
        with contextlib.suppress(FileNotFoundError):
            target.unlink()  # a file linked from the published site is replaced, never written through
        target.write_bytes(data)

    def link_from(self, previous: Path, relative: PurePosixPath) -> bool:
        """Reuse an unchanged file of the previous site (a hard link, else a copy); False if it is gone."""
        source, target = previous / relative, self.path_of(relative)
        if not source.is_file():
            return False
        self._ensure_parent(target)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
        return True

    def _ensure_parent(self, target: Path) -> None:
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)

    def copy_tree(self, source: Path, relative: PurePosixPath) -> None:
        shutil.copytree(source, self.path_of(relative), dirs_exist_ok=True)

    def commit(self, *, background: bool = False) -> None:
        """Swap the staging folder in; the previous site is removed, with `background` by a process of its own
        (thousands of files: the new site is complete and in place, so nobody need wait for that)."""
        if self.output.exists():
            os.replace(self.output, self._old)
        os.replace(self.staging, self.output)
        if background:
            _remove_in_background(self._old)
        else:
            shutil.rmtree(self._old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def clear(self) -> None:
        """Start the staging folder afresh (its files may be links into the published site: never write those)."""
        self.abort()
        self.staging.mkdir(parents=True)
        self._made = {self.staging}


def recover_interrupted_swap(output: Path) -> None:
    """A kill between the two renames of commit() leaves only the old site: put it back. Old sites whose
    removal was cut short go now."""
    old = output.parent / f".{output.name}.old"
    if old.exists() and not output.exists():
        os.replace(old, output)
    shutil.rmtree(old, ignore_errors=True)
    for trash in output.parent.glob(f".{output.name}.old.*"):
        shutil.rmtree(trash, ignore_errors=True)


_REMOVALS: list[subprocess.Popen[bytes]] = []  # kept so that a long-lived caller (serve) reaps them


def _remove_in_background(folder: Path) -> None:
    if not folder.exists():
        return
    trash = folder.with_name(f"{folder.name}.{os.getpid()}.{time.monotonic_ns()}")
    os.replace(folder, trash)
    _REMOVALS[:] = [process for process in _REMOVALS if process.poll() is None]
    try:
        _REMOVALS.append(subprocess.Popen(["rm", "-rf", "--", str(trash)], start_new_session=True,
                                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL))
    except OSError:  # no rm: remove it here after all
        shutil.rmtree(trash, ignore_errors=True)
