"""Write the site atomically, in one of two ways, and keep two builds apart with a lock.

StagedOutput builds the whole site in a staging folder beside the output, then swaps it in. PatchedOutput, for
a rebuild that changes a handful of files (render/delta.py), writes only those to a patch folder and moves
them into the published site on commit, one rename each: no copy or link of the thousands that stay. Either
way a build that fails leaves the previous site intact, and one killed midway is made good by the next.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from site_builder.config import beside
from site_builder.errors import BuildLockedError, ConfigError
from site_builder.render.cache import cache_file

ASIDE = ".site-builder-old-"  # inside an output that is a mount point: the old site while the new one moves in
REMOVING = ".removing"  # beside an old site being removed in the background: the remover's process id
PATCH_COMPLETE = ".complete"  # in the patch folder: written before the first rename, lists the whole folders


@contextmanager
def build_lock(output: Path, *, wait: bool = False) -> Iterator[None]:
    """One build or ingest at a time per output folder; a second one refuses, or with `wait` waits for it.

    The lock file is opened, never truncated or followed: a link planted at its name is refused."""
    refuse_linked_output(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    lock_path = beside(output, "lock")
    try:
        handle = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as error:
        if not lock_path.is_symlink():
            raise
        raise ConfigError(f"the build lock {lock_path} is a symbolic link; refusing to open it",
                          hint=f"remove {lock_path}: the build makes its own") from error
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            if not wait:
                raise BuildLockedError(f"another build is writing {output}",
                                       hint="wait for it to finish (or pass --wait), or run the builds one after "
                                            "another") from error
            print(f"waiting for another build of {output} to finish", file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


def refuse_linked_output(output: Path) -> None:
    """The output folder may not be a symbolic link: the build's own files sit beside it (the lock, caches,
    the staging and old-site folders), and the swap replaces it, so a link would be replaced or, resolved, put
    all of them beside a folder the site does not own."""
    if output.is_symlink():
        raise ConfigError(f"the output folder {output} is a symbolic link (to {os.readlink(output)})",
                          hint="point paths.output or --out at the real folder itself")


def _clear(path: Path) -> None:
    """Remove a folder of the build's own; a link planted at its name goes, never what it points at."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


class _Output:
    """A folder beside the output that files are written into, at their paths in the site."""

    keeps_published = False  # whether files not written stay as published (a patch) or are gone (a new site)

    def __init__(self, output: Path, suffix: str) -> None:
        self.output = output
        self.staging = beside(output, suffix)
        recover_interrupted_swap(output)
        _clear(self.staging)
        self.staging.mkdir(parents=True)
        self._made: set[Path] = {self.staging}

    def path_of(self, relative: PurePosixPath) -> Path:
        # A lexical check: resolve() on every file was a measurable share of a build, and no path we write
        # goes through a link we did not make ourselves.
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise ValueError(f"refusing to write outside the output folder: {relative}")
        return self.staging / relative

    def current(self, relative: str) -> Path:
        """Where the file is that the site will have after the commit (`relative` as Urls.output_file gives it)."""
        return self.staging / relative

    def write(self, relative: PurePosixPath, data: bytes) -> None:
        target = self.path_of(relative)
        self._ensure_parent(target)
        with contextlib.suppress(FileNotFoundError):
            target.unlink()  # a file linked from the published site is replaced, never written through
        target.write_bytes(data)

    def _ensure_parent(self, target: Path) -> None:
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)

    def copy_tree(self, source: Path, relative: PurePosixPath) -> None:
        shutil.copytree(source, self.path_of(relative), dirs_exist_ok=True)

    def replace_whole(self, folders: Iterable[str]) -> None:
        """Folders (site-relative) written complete, to replace the published ones rather than merge into them."""

    def remove(self, paths: Iterable[str]) -> None:
        """Files or folders (site-relative) of the published site that the new site no longer has."""

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


class StagedOutput(_Output):
    """A staging folder that becomes the whole new site; it replaces the output on commit."""

    def __init__(self, output: Path) -> None:
        super().__init__(output, "staging")
        self._old = beside(output, "old")

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

    def commit(self, *, background: bool = False) -> None:
        """Swap the staging folder in; the previous site is removed, with `background` by a process of its own
        (thousands of files: the new site is complete and in place, so nobody need wait for that)."""
        if self.output.exists():
            try:
                os.replace(self.output, self._old)
            except OSError as error:
                if error.errno not in (errno.EBUSY, errno.EXDEV):
                    raise
                self._swap_contents()  # the output is a mount point: it cannot be renamed
                return
        os.replace(self.staging, self.output)
        _discard(self._old, background)

    def _swap_contents(self) -> None:
        """Replace what the output folder holds rather than the folder: the old site is moved into a hidden
        folder inside it (a rename each, on its own file system), the new one moved in (a copy when the staging
        folder is on another), then the old removed. A failure midway puts the old site back."""
        aside = self.output / f"{ASIDE}{os.getpid()}"
        aside.mkdir()
        old = sorted(name for name in os.listdir(self.output) if name != aside.name)
        for name in old:
            os.replace(self.output / name, aside / name)
        try:
            for name in sorted(os.listdir(self.staging)):
                _move(self.staging / name, self.output / name)
        except BaseException:
            for name in os.listdir(self.output):
                if name != aside.name:
                    _remove(self.output / name)
            for name in old:
                os.replace(aside / name, self.output / name)
            aside.rmdir()
            raise
        shutil.rmtree(self.staging, ignore_errors=True)
        shutil.rmtree(aside, ignore_errors=True)


class PatchedOutput(_Output):
    """New and changed files of the published site, moved into it on commit.

    Pages are written by forked render processes, so nothing about what was written is kept in this object's
    memory (a worker's would be lost with it): the patch folder itself says which files are new."""

    keeps_published = True

    def __init__(self, output: Path) -> None:
        super().__init__(output, "patch")
        self._whole: list[str] = []
        self._removed: list[str] = []
        self._kept: set[str] = set()

    def write(self, relative: PurePosixPath, data: bytes) -> None:
        published = self.output / relative
        if published.is_file() and published.stat().st_size == len(data) and published.read_bytes() == data:
            self._kept.add(relative.as_posix())  # a feed, a page: nothing to move in
            return
        super().write(relative, data)

    def remove(self, paths: Iterable[str]) -> None:
        self._removed.extend(paths)

    def current(self, relative: str) -> Path:
        patched = self.staging / relative
        return patched if os.path.isfile(patched) else self.output / relative

    def replace_whole(self, folders: Iterable[str]) -> None:
        self._whole.extend(folders)

    def commit(self, *, background: bool = False) -> None:
        # A file the build wrote after all stays (a page whose URL became a redirect to its new slug).
        removed = [path for path in self._removed
                   if path not in self._kept and not os.path.lexists(self.staging / path)]
        plan = {"whole": self._whole, "removed": removed}
        (self.staging / PATCH_COMPLETE).write_text(json.dumps(plan), encoding="utf-8")
        apply_patch(self.output, self.staging, background)


Output = StagedOutput | PatchedOutput


def apply_patch(output: Path, patch: Path, background: bool = False) -> None:
    """Move a complete patch into the site: whole folders, then files, then what the site no longer has. Each
    step can be repeated: a build killed halfway through is carried forward by the next
    (recover_interrupted_swap) from where it stopped."""
    plan = json.loads((patch / PATCH_COMPLETE).read_text(encoding="utf-8"))
    trash = beside(output, f"old.patch-{os.getpid()}-{time.monotonic_ns()}")
    for folder in plan["whole"]:
        if (patch / folder).exists():  # else moved before the build was killed
            _set_aside(output / folder, trash / folder)
            _move(patch / folder, output / folder)
    for folder, _, files in os.walk(patch):
        for name in files:
            source = Path(folder, name)
            if not (source.parent == patch and name == PATCH_COMPLETE):
                _move(source, output / source.relative_to(patch))
    for path in plan["removed"]:
        _set_aside(output / path, trash / path)
        with contextlib.suppress(OSError):
            (output / path).parent.rmdir()  # a page's own folder, left empty
    shutil.rmtree(patch, ignore_errors=True)
    _discard(trash, background)


def _set_aside(target: Path, trash: Path) -> None:
    if target.exists():
        trash.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(target, trash)
        except OSError as error:
            if error.errno != errno.EXDEV:
                raise
            _remove(target)  # the output is a mount point: the trash beside it is on another file system


def _move(source: Path, target: Path) -> None:
    """A rename; across file systems (into an output that is a mount point), a copy beside the target renamed
    over it, so that a reader never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(source, target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        temporary = target.with_name(f".{target.name}.{os.getpid()}.moving")
        _remove(temporary)
        if source.is_dir():
            shutil.copytree(source, temporary)
            _remove(target)
        else:
            shutil.copy2(source, temporary)
        os.replace(temporary, target)
        _remove(source)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()


def recover_interrupted_swap(output: Path) -> None:
    """A kill between the two renames of a staged commit leaves only the old site: put it back. A kill during
    a patch's renames leaves it complete: carry it forward (and forget the render cache, which predates it).
    Old sites whose removal was cut short go now."""
    old = beside(output, "old")
    if old.is_dir() and not old.is_symlink() and not os.path.lexists(output):
        os.replace(old, output)
    _clear(old)
    patch = beside(output, "patch")
    if not patch.is_symlink() and (patch / PATCH_COMPLETE).is_file() and output.is_dir():
        apply_patch(output, patch)
        cache_file(output).unlink(missing_ok=True)
    _clear(patch)
    for aside in sorted(output.glob(f"{ASIDE}*")) if output.is_dir() else ():
        _restore_aside(output, aside)
    for trash in output.parent.glob(beside(output, "old.*").name):
        _clear_trash(trash)


def _restore_aside(output: Path, aside: Path) -> None:
    """A swap of a mount point's contents was cut short: the old site, complete, is put back (the render cache
    still describes it; the new site is built again)."""
    for name in os.listdir(output):
        if not name.startswith(ASIDE):
            _remove(output / name)
    for name in os.listdir(aside):
        os.replace(aside / name, output / name)
    aside.rmdir()


def _clear_trash(path: Path) -> None:
    """Remove an old site whose background removal was cut short; leave one still being removed alone."""
    if path.name.endswith(REMOVING):
        if not _removing(path) and not path.with_name(path.name.removesuffix(REMOVING)).exists():
            path.unlink(missing_ok=True)
        return
    marker = path.with_name(path.name + REMOVING)
    if not _removing(marker):
        _clear(path)
        marker.unlink(missing_ok=True)


_REMOVALS: list[subprocess.Popen[bytes]] = []  # kept so that a long-lived caller (serve) reaps them


def _discard(folder: Path, background: bool) -> None:
    if not background or not folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
        return
    trash = folder.with_name(f"{folder.name}.{os.getpid()}.{time.monotonic_ns()}")
    os.replace(folder, trash)
    _REMOVALS[:] = [process for process in _REMOVALS if process.poll() is None]
    marker = trash.with_name(trash.name + REMOVING)
    # The marker exists before the remover starts (naming this build, under the lock), and the remover puts its
    # own id in it and removes it last: however fast the removal, no marker is left behind.
    marker.write_text(str(os.getpid()), encoding="utf-8")
    try:
        process = subprocess.Popen(["sh", "-c", 'printf %s "$$" > "$2" && exec rm -rf -- "$1" "$2"', "sh",
                                    str(trash), str(marker)], start_new_session=True,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:  # no shell: remove it here after all
        shutil.rmtree(trash, ignore_errors=True)
        marker.unlink(missing_ok=True)
        return
    _REMOVALS.append(process)


def _removing(marker: Path) -> bool:
    """Whether the process named in a removal marker still runs."""
    try:
        os.kill(int(marker.read_text(encoding="utf-8")), 0)
    except (OSError, ValueError):
        return False
    return True
