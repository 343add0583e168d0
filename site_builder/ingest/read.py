"""Read a raw source: bytes -> text lines, whatever the encoding, with a clear error on what is not text."""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import ContentError, display_path

MAX_BYTES = 20 * 1024 * 1024
# Byte-order marks decide the encoding outright: nothing else is as reliable.
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
PDF_SUFFIXES = (".pdf",)


class SourceError(ContentError):
    """A source that cannot be read as text; names the file."""

    def __init__(self, path: str, message: str, hint: str | None = None, line: int | None = None) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}", hint=hint)
        self.path = path
        self.reason = message
        self.line = line


@dataclass(frozen=True)
class SourceHints:
    """What a source says of itself outside its running text: an HTML page's metadata (<title>, <meta>, JSON-LD,
    <time datetime>, canonical link, site name), a PDF's document info, the NAME.meta.yaml sidecar. Evidence for
    extraction to weigh against the text, never a verdict; None where the source says nothing."""

    title: str | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD, YYYY-MM or YYYY) as the metadata gives it
    date_origin: str | None = None  # where `date` came from, for date_note: "JSON-LD datePublished", "sidecar"...
    date_basis: str | None = None  # "metadata" (markup, the URL, the sidecar) or "inferred" (htmldate's search)
    author: str | None = None
    outlet: str | None = None  # site name or publisher
    url: str | None = None  # canonical URL, or the sidecar's url
    language: str | None = None


@dataclass(frozen=True)
class SourceText:
    """A decoded source: its text, and its lines numbered as in the file (1-based).

    For a web page the lines are the main text a reader sees, each numbered with the HTML line it came from; for a
    PDF, `pages` maps each line number that starts a page to that page's number (line, page), in order."""

    path: str
    text: str
    encoding: str
    sha256: str
    lines: tuple[tuple[int, str], ...]
    hints: SourceHints = SourceHints()
    pages: tuple[tuple[int, int], ...] = ()

    def page_range(self, lines: tuple[int, int]) -> tuple[int, int] | None:
        """The pages a range of source lines lies on (None for a source without pages)."""
        if not self.pages:
            return None
        first = last = self.pages[0][1]
        for start, page in self.pages:
            if start <= lines[0]:
                first = page
            if start <= lines[1]:
                last = page
        return first, last


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_source(data: bytes, path: str) -> SourceText:
    """Decode the bytes of one source; raise SourceError naming the file when they are not text."""
    _check_size(data, path)
    if path.lower().endswith(PDF_SUFFIXES):
        return _pdf_source(data, path)
    text, encoding = _decode(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if path.lower().endswith(HTML_SUFFIXES):
        from site_builder.ingest.webpage import read_page  # imported here: lxml and trafilatura are for pages

        page = read_page(text, path)
        return SourceText(path, text, encoding, sha256_hex(data), page.lines, page.hints)
    lines = tuple(enumerate(text.split("\n"), start=1))
    return SourceText(path, text, encoding, sha256_hex(data), lines)


def _pdf_source(data: bytes, path: str) -> SourceText:
    """A PDF's text layer; `text` is the extracted text, one line per numbered line, as its source page shows."""
    from site_builder.ingest.pdf import read_pdf

    pdf = read_pdf(data, path)
    text = "\n".join(line for _, line in pdf.lines)
    return SourceText(path, text, "pdf", sha256_hex(data), pdf.lines, pdf.hints, pdf.pages)


def read_source(file: Path, site: Path) -> SourceText:
    shown = display_path(file, site)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise SourceError(shown, f"cannot read the file: {error.strerror}", "check the file's permissions") from error
    return decode_source(data, shown)


def _check_size(data: bytes, path: str) -> None:
    error = too_large(len(data), path)
    if error:
        raise error
    if not data.strip():
        raise SourceError(path, "the file is empty", "remove it or fill it with the article's text")


def _decode(data: bytes, path: str) -> tuple[str, str]:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff"), encoding
            except UnicodeDecodeError as error:
                raise _not_text(path, f"starts with a {encoding} byte-order mark but is not {encoding}") from error
    if b"\x00" in data:
        line = data[:data.index(b"\x00")].count(b"\n") + 1
        raise _not_text(path, "contains NUL bytes: it looks like a binary file (PDF, image, archive?)", line)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _guess(data, path)


def _guess(data: bytes, path: str) -> tuple[str, str]:
    """Legacy 8-bit encodings (cp1251, latin-1...): let charset-normalizer weigh the candidates."""
    from charset_normalizer import from_bytes  # imported only here: most sources are UTF-8

    best = from_bytes(data).best()
    if best is None:
        raise _not_text(path, "is not text in any encoding we can recognise")
    text = str(best)
    if _control_share(text) > 0.01:
        raise _not_text(path, "decodes only to control characters: it looks like a binary file")
    return text, str(best.encoding)


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(len(text), 1)


def _not_text(path: str, message: str, line: int | None = None) -> SourceError:
    return SourceError(path, message, "sources must be text (.txt, .html, .md) or PDF (.pdf); convert the file "
                       "first", line)


def too_large(size: int, path: str) -> SourceError | None:
    """Checked on the file's size before reading it, so a huge file costs neither time nor memory."""
    if size <= MAX_BYTES:
        return None
    return SourceError(path, f"the file is {size // (1024 * 1024)} MB, more than the {MAX_BYTES // (1024 * 1024)} MB "
                       "limit", "split it into smaller sources; a single article is never that large")
