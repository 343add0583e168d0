"""The text a source page shows for a web page or a PDF: what the reader read, numbered as provenance counts.

For a web page that is the main text (never its scripts or markup), each line with its HTML line number; for a
PDF the extracted text with its page numbers. Ingest stores it once per source (content/articles/.ingest-text/
SHA256.txt, beside the ingest state), so a build shows it without extracting the page again.

The stored form is one row per line, "NUMBER<TAB>TEXT", after a first row "#pages LINE:PAGE ..." for a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder.ingest.read import HTML_SUFFIXES, PDF_SUFFIXES, SourceText, decode_source, sha256_hex
from site_builder.ingest.state import write_atomic

STORE = ".ingest-text"
HEADER = "#pages"


@dataclass(frozen=True)
class Shown:
    rows: tuple[tuple[int, str], ...]
    pages: tuple[tuple[int, int], ...] = ()


def extracted(path: str) -> bool:
    """Whether the source page shows an extraction (web pages, PDFs) rather than the file's own lines."""
    return path.lower().endswith(HTML_SUFFIXES + PDF_SUFFIXES)


def serialise(source: SourceText) -> str:
    head = [f"{HEADER} " + " ".join(f"{line}:{page}" for line, page in source.pages)] if source.pages else []
    rows = [f"{number}\t{text}" for number, text in source.lines]
    return "\n".join([*head, *rows]) + "\n"


def parse(stored: str) -> Shown:
    rows: list[tuple[int, str]] = []
    pages: tuple[tuple[int, int], ...] = ()
    for line in stored.split("\n"):
        if line.startswith(HEADER):
            pairs = (pair.split(":") for pair in line[len(HEADER):].split())
            pages = tuple((int(a), int(b)) for a, b in pairs)
            continue
        number, tab, text = line.partition("\t")
        if tab and number.isdigit():
            rows.append((int(number), text))
    return Shown(tuple(rows), pages)


def store(articles_dir: Path, source: SourceText) -> None:
    """Keep what the reader read of a web page or PDF for its source page (written once per content)."""
    if not extracted(source.path):
        return
    file = articles_dir / STORE / f"{source.sha256}.txt"
    if file.is_file():
        return
    write_atomic(file, serialise(source))  # no predictable temporary name to plant a link at


def source_text(file: Path, path: str, articles_dir: Path) -> str:
    """The text of a source for its page: the file's own text, or for a web page or PDF what ingest stored
    (extracted again only when nothing was stored for these bytes)."""
    data = file.read_bytes()
    if not extracted(path):
        return decode_source(data, path).text
    stored = articles_dir / STORE / f"{sha256_hex(data)}.txt"
    if stored.is_file():
        return stored.read_text(encoding="utf-8")
    return serialise(decode_source(data, path))


def prune(articles_dir: Path, current: set[str]) -> None:
    """Drop stored texts of bytes no source has any more (a source changed or was removed)."""
    folder = articles_dir / STORE
    if folder.is_dir():
        for file in folder.glob("*.txt"):
            if file.stem not in current:
                file.unlink(missing_ok=True)
