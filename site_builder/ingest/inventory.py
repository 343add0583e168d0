"""Which files are sources, and reading one: the first step of ingest, shared by every run (not to be confused
with listing.py, which splits a news listing into its items)."""

from __future__ import annotations

from pathlib import Path

from site_builder.ingest.read import SourceError, too_large
from site_builder.ingest.sidecar import SUFFIX as SIDECAR_SUFFIX

SOURCE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf")


def list_sources(directory: Path) -> list[Path]:
    """Every source file, and every other entry named like one (a broken link, a FIFO): those are reported,
    never silently skipped."""
    return list_files(directory)[0]


def list_files(directory: Path) -> tuple[list[Path], list[Path]]:
    """The sources (as list_sources) and the sidecars (every file named *.meta.yaml), from one walk."""
    if not directory.is_dir():
        return [], []
    sources: list[Path] = []
    sidecars: list[Path] = []
    for file in directory.rglob("*"):
        if file.name.endswith(SIDECAR_SUFFIX):
            if file.is_file():
                sidecars.append(file)
        elif file.suffix.lower() in SOURCE_SUFFIXES and not file.is_dir() \
                and not any(part.startswith(".") for part in file.relative_to(directory).parts):
            sources.append(file)
    return sorted(sources), sorted(sidecars)


def read_regular(file: Path, path: str) -> bytes:
    """The bytes of a regular file; its size is checked first so a huge file is refused without reading it."""
    if not file.exists():
        raise SourceError(path, "is a broken link: the file it points to does not exist",
                          "restore the file it points to, or remove the link")
    if not file.is_file():
        raise SourceError(path, "is not a regular file (a FIFO, socket or device?)", "sources must be text files")
    error = too_large(file.stat().st_size, path)
    if error:
        raise error
    return file.read_bytes()


def refuse_links_out(file: Path, path: str, inside: tuple[Path, ...]) -> None:
    """Links (the file, or a folder on its way) are followed only to a target inside the site folder or the
    sources folder: a link to /etc/passwd must never become a published article."""
    if not file.exists():
        return  # a broken link: read_regular names it so
    target = file.resolve()
    if not any(target.is_relative_to(root) for root in inside):
        raise SourceError(path, f"is a link to {target}, outside the site folder: links are followed only inside it",
                          "copy the file into content/sources instead of linking to it")
