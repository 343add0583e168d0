"""PDF sources: the text layer page by page, through pdfminer.six's layout analysis.

pdfminer.six was chosen over pypdf on measured merit: on a two-column page whose producer draws the columns
line by line across the page (as newsletter tools do), pdfminer's layout analysis gives each column in reading
order, pypdf interleaves the two columns' lines (tests/ingest/test_pdf.py keeps the case). Each text line of a
text box becomes a line, a blank line separates boxes, so the cleaning rules see hard-wrapped paragraphs and
re-flow and de-hyphenate them as for any hard-wrapped text. Lines are numbered through the extracted text;
`pages` maps the first line of each page to its page number. Lines that are only a page number are dropped.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from site_builder.ingest.read import SourceError, SourceHints

PAGE_NUMBER = re.compile(r"(?i)^\W*(page\s+)?\d{1,4}(\s+(of|/)\s+\d{1,4})?\W*$")
SPACE = re.compile(r"[ \t\u00a0]+")
OCR_HINT = ("it needs OCR first: run it through an OCR tool (for example `ocrmypdf in.pdf out.pdf`) and put "
            "the result in content/sources")


@dataclass(frozen=True)
class PdfText:
    lines: tuple[tuple[int, str], ...]
    pages: tuple[tuple[int, int], ...]
    hints: SourceHints


def read_pdf(data: bytes, path: str) -> PdfText:
    """The text layer as numbered lines with their pages; a SourceError naming the file for a broken,
    encrypted or image-only PDF."""
    if b"%PDF-" not in data[:1024]:
        raise SourceError(path, "is not a PDF: it does not start with %PDF-",
                          "check the file: rename it if it is another kind of document", 1)
    texts, images = _page_texts(data, path)
    if not texts:
        raise SourceError(path, "the PDF has no pages", "check the file: it may be truncated")
    lines: list[tuple[int, str]] = []
    pages: list[tuple[int, int]] = []
    for number, page_lines in enumerate(texts, start=1):
        first = len(lines) + 1
        pages.append((first, number))
        lines.extend((first + i, text) for i, text in enumerate(page_lines))
    if not any(text.strip() for _, text in lines):
        what = "only scanned images" if images else "no text"
        raise SourceError(path, f"the PDF has no text layer ({what}, {len(texts)} page"
                          f"{'s' if len(texts) != 1 else ''})", OCR_HINT)
    return PdfText(tuple(lines), tuple(pages), _info(data))


def _page_texts(data: bytes, path: str) -> tuple[list[list[str]], bool]:
    from pdfminer.high_level import extract_pages  # imported here: only PDF sources need it
    from pdfminer.layout import LAParams, LTFigure, LTImage, LTTextContainer
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    pages: list[list[str]] = []
    images = False
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
            page_lines: list[str] = []
            for element in page:
                if isinstance(element, LTTextContainer):
                    page_lines.extend(_box_lines(element))
                elif isinstance(element, LTFigure | LTImage):
                    images = True
            pages.append(page_lines)
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise SourceError(path, "the PDF is encrypted with a password", "save an unencrypted copy (print to "
                          "PDF, or `qpdf --decrypt`) and put that in content/sources") from error
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError) as error:
        raise SourceError(path, f"the PDF is broken and cannot be read ({type(error).__name__}: {error})",
                          "download or export the PDF again; a truncated download is the usual cause") from error
    except Exception as error:  # pdfminer raises many kinds on damaged files; none must stop the archive
        if "crypt" in type(error).__name__.lower() or "password" in str(error).lower():
            raise SourceError(path, "the PDF is encrypted and cannot be read", "save an unencrypted copy") from error
        raise SourceError(path, f"the PDF cannot be read ({type(error).__name__}: {error})",
                          "download or export the PDF again") from error
    return pages, images


def _box_lines(box: object) -> Iterator[str]:
    """A text box's lines, then a blank line; a box that is only a page number gives nothing."""
    text_lines = [SPACE.sub(" ", line.get_text()).strip() for line in box]  # type: ignore[attr-defined]
    text_lines = [line.replace("\x00", "") for line in text_lines if line]
    if not text_lines or (len(text_lines) == 1 and PAGE_NUMBER.match(text_lines[0])):
        return
    yield from text_lines
    yield ""


def _info(data: bytes) -> SourceHints:
    """The document information dictionary: title and author only when they look like a person wrote them
    (producers fill Title with file names such as "Microsoft Word - bulletin.docx")."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        info = document.info[0] if document.info else {}
    except Exception:  # the text was read; a damaged info dictionary is no reason to fail
        return SourceHints()
    title, author = _info_text(info.get("Title")), _info_text(info.get("Author"))
    if author and author.lower() in ("anonymous", "unknown", "author", "user", "admin"):
        author = None
    if title and re.search(r"(?i)\.(docx?|pdf|indd|odt|rtf)$|^microsoft|^untitled", title):
        title = None
    return SourceHints(title=title, author=author)


def _info_text(value: object) -> str | None:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    value = resolve1(value)
    if isinstance(value, bytes):
        value = decode_text(value)
    if not isinstance(value, str):
        return None
    value = SPACE.sub(" ", value).strip()
    return value or None
