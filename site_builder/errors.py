"""The exception hierarchy and the problem record shared by every stage.

Each exception maps to one exit code (MkDocs style); a Problem is one finding
about one file, reported without stopping the rest of the archive.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    OK = 0
    CONTENT = 1  # the build found errors in content
    USAGE = 2  # bad usage or configuration
    INTERRUPTED = 130  # Ctrl+C (128 + SIGINT), as shells report it


class SiteError(Exception):
    """Base of every error the tool raises on purpose."""

    exit_code = ExitCode.CONTENT

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  hint: {self.hint}"


class ConfigError(SiteError):
    exit_code = ExitCode.USAGE


class ContentError(SiteError):
    exit_code = ExitCode.CONTENT


class BuildLockedError(SiteError):
    exit_code = ExitCode.USAGE


class FileSystemError(SiteError):
    """An operating-system error while reading or writing (a full disk, a read-only folder, a file gone): the
    file it concerns, what happened and a hint. The previous site is left as it was."""

    exit_code = ExitCode.USAGE


_HINTS = {
    errno.ENOSPC: "the disk is full: free some space and build again (the previous site is as it was)",
    errno.EDQUOT: "the disk quota is used up: free some space and build again (the previous site is as it was)",
    errno.EROFS: "that folder is on a read-only file system: build where it can be written",
    errno.EACCES: "no permission to write or read it: check the owner and mode of the file and its folder",
    errno.EPERM: "the operation is not permitted there: check the owner and mode of the file and its folder",
    errno.ENOENT: "it went away while the build ran (moved or deleted?): build again",
    errno.EBUSY: "it is in use (a mount point, another program?): build again, or build somewhere else",
    errno.ENAMETOOLONG: "a name or path is longer than the file system allows: shorten the slug or folder",
}


def file_system_error(error: OSError) -> FileSystemError:
    """An OSError as a named error: which file, what the system said, what to do about it."""
    names = [str(name) for name in (error.filename, error.filename2) if name is not None]
    reason = error.strerror or (os.strerror(error.errno) if error.errno else str(error))
    where = " -> ".join(names) if names else "a file of the build"
    return FileSystemError(f"{where}: {reason}", hint=_HINTS.get(error.errno or 0, "check the file and its folder"))


@dataclass(frozen=True, order=True)
class Problem:
    """One finding about one file: an error fails the build, a warning fails it only with --strict."""

    path: str
    line: int | None
    message: str
    hint: str | None = None
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def display_path(path: Path, root: Path) -> str:
    """A path as users see it in messages: relative to the site when it can be."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
