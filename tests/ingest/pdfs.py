"""PDFs made with reportlab from real texts, for the PDF reader's tests.

- newsletter: the seed digest content/sources/000_7bc920b7a4ddbe51.txt (a real PDF export of six articles with
  ALL-CAPS headings, hard-wrapped, words hyphenated across lines), laid out again line for line on A4 pages
  as its PDF had it;
- two_column: a page whose producer draws both columns line by line across the page, as newsletter tools do;
- scanned: a page that is only an image of text (no text layer);
- encrypted (a user password), owner_only (encrypted with an empty user password: readable), broken (cut).
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "content" / "sources" / "000_7bc920b7a4ddbe51.txt"
LEFT = ("Astana, 15 March 2018. The foreign ministers of Kazakhstan and Uzbekistan met in Astana to discuss "
        "transit corridors and border crossings. They agreed to open two new crossings before the summer and "
        "to simplify customs procedures for lorries carrying goods between the two countries.")
RIGHT = ("Baku, 16 March 2018. Azerbaijan and Georgia signed an agreement on the Baku-Tbilisi-Kars railway, "
         "which will carry freight between the Caspian and Turkey. Officials said the first trains would run "
         "in the autumn and that tariffs would be harmonised.")


def _canvas(buffer: io.BytesIO, **options: object) -> canvas.Canvas:
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1, **options)  # invariant: the same bytes every run
    page.setFont("Helvetica", 10)
    return page


def newsletter(lines_per_page: int = 48) -> bytes:
    """The seed digest, one text line per PDF line, headings in bold, page numbers at the foot."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]
    buffer = io.BytesIO()
    page = _canvas(buffer)
    for start in range(0, len(lines), lines_per_page):
        y = 800.0
        for line in lines[start:start + lines_per_page]:
            heading = line.isupper() and len(line) > 12
            page.setFont("Helvetica-Bold" if heading else "Helvetica", 10)
            page.drawString(50, y, line)
            y -= 24 if heading else 15
        page.setFont("Helvetica", 9)
        page.drawString(290, 30, str(start // lines_per_page + 1))
        page.showPage()
    page.save()
    return buffer.getvalue()


def two_column() -> bytes:
    left, right = textwrap.wrap(LEFT, 42), textwrap.wrap(RIGHT, 42)
    buffer = io.BytesIO()
    page = _canvas(buffer)
    y = 800.0
    for i in range(max(len(left), len(right))):
        if i < len(left):
            page.drawString(40, y, left[i])
        if i < len(right):
            page.drawString(310, y, right[i])
        y -= 13
    page.showPage()
    page.save()
    return buffer.getvalue()


def scanned() -> bytes:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (800, 300), 255)
    ImageDraw.Draw(image).text((20, 20), "Astana, 15 March 2018. The foreign ministers met.", fill=0)
    buffer = io.BytesIO()
    page = _canvas(buffer)
    page.drawImage(ImageReader(image), 40, 400, width=500, height=190)
    page.showPage()
    page.save()
    return buffer.getvalue()


def encrypted(user_password: str = "secret") -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption

    buffer = io.BytesIO()
    page = _canvas(buffer, encrypt=StandardEncryption(user_password, ownerPassword="owner", canPrint=1))
    page.drawString(50, 800, "Astana, 15 March 2018. The foreign ministers of Kazakhstan and Uzbekistan met.")
    page.showPage()
    page.save()
    return buffer.getvalue()


def broken() -> bytes:
    data = newsletter()
    return data[: len(data) // 3]


BULLETIN = """TURKMENISTAN HOSTS A CASPIAN TRANSPORT CONFERENCE
Ashgabat, 5 December 2019. Ministers of transport of Turkmenistan, Kazakhstan, Azerbaijan and Iran met
in Ashgabat to discuss the Caspian transport corridor. President Gurbanguly Berdimuhamedov opened the
conference and called for the harmonisation of tariffs and the joint develop-
ment of ports on the Caspian coast.
The participants agreed to set up a working group on ferries and to meet again in Baku next year.
#
TAJIKISTAN AND KYRGYZSTAN DISCUSS WATER
Dushanbe, 9 December 2019. The foreign ministers of Tajikistan and Kyrgyzstan discussed the use of
water resources and the demarcation of their common border. President Emomali Rahmon received the
Kyrgyz delegation and said that the two countries would settle the questions left open by negotiation.
The sides agreed that the intergovernmental commission would meet before the end of the year."""


def sample_bulletin() -> bytes:
    """The sample site's bulletin.pdf (tests/sample_site/content/sources): two made-up articles on two pages."""
    buffer = io.BytesIO()
    page = _canvas(buffer)
    for number, chunk in enumerate(BULLETIN.split("\n#\n"), start=1):
        y = 800.0
        for line in chunk.split("\n"):
            heading = line.isupper()
            page.setFont("Helvetica-Bold" if heading else "Helvetica", 10)
            page.drawString(50, y, line)
            y -= 24 if heading else 14
        page.setFont("Helvetica", 9)
        page.drawString(290, 30, f"Page {number} of 2")
        page.showPage()
    page.save()
    return buffer.getvalue()
