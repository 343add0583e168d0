from __future__ import annotations

import pytest

from site_builder.ingest.reflow import Layout, breaks

UNWRAPPED = Layout(width=900, wrapped=False, double_spaced=False, text="")
HEADLINE = "Tashkent Ready to Intensify Political Dialogue With Moscow According to Uzbek Foreign Ministry"


@pytest.mark.parametrize(("a", "b", "expected"), [
    # An agency dateline in capitals opens a paragraph: the line above it is its headline.
    (HEADLINE, "TASHKENT (Sputnik) - Uzbekistan is ready to intensify constructive political dialogue.", True),
    ("Armenia and Iran discuss the North-South road", "YEREVAN, NOVEMBER 14, ARMENPRESS. Armenia's minister", True),
    # An address alone on its line is never part of the paragraph next to it.
    ("https://sputniknews.com/20221226/tashkent-ready-1105805137.html", HEADLINE, True),
    ("Read more at", "www.example.com/news/2024/05/item", True),
    # A sentence that plainly runs on stays one paragraph.
    ("The ministers of the two countries met in", "Tashkent on Monday to discuss trade.", False),
    ("The talks were held with the participation of the", "OSCE Minsk Group co-chairs.", False),
])
def test_breaks_between_lines(a: str, b: str, expected: bool) -> None:
    assert breaks(a, b, (0, False), UNWRAPPED) is expected
