from __future__ import annotations

import pytest

from site_builder.ingest import titles


@pytest.mark.parametrize(("raw", "expected"), [
    ("KAZAKHSTAN AND AZERBAIJAN STRENGTHEN FRIENDSHIP AND COOPERATION",
     "Kazakhstan and Azerbaijan Strengthen Friendship and Cooperation"),
    ("RUSSIAN-UZBEK RELATIONS ARE AGAIN ON RISE", "Russian-Uzbek Relations Are Again on Rise"),
    ("THE MOST IMPORTANT SECURITY FORCES OF THE SCO MET IN ASTANA",
     "The Most Important Security Forces of the SCO Met in Astana"),
    ("KYRGYZSTAN HAS CELEBRATED 7th ANNIVERSARY OF THE APRIL REVOLUTION",
     "Kyrgyzstan Has Celebrated 7th Anniversary of the April Revolution"),
    ("USA’S ROLE IN THE SCTO: A NEW ERA", "USA’s Role in the SCTO: A New Era"),
    ("IX SUMMIT OF THE CCTS", "IX Summit of the CCTS"),
    ("Azerbaijan is an important partner", "Azerbaijan is an important partner"),
])
def test_title_case(raw: str, expected: str) -> None:
    assert titles.title_case(raw, acronyms=("SCTO",)) == expected  # the run passes the authority's acronyms


@pytest.mark.parametrize(("line", "name"), [
    ("Beybit Isabayev", "Beybit Isabayev"), ("By John Smith", "John Smith"),
    ("Galymzhan KOISHYBAYEV, Deputy Minister of Foreign Affairs", "Galymzhan Koishybayev"),
    ("The talks were held in a friendly atmosphere and ended well.", None),
])
def test_byline_name(line: str, name: str | None) -> None:
    assert titles.byline_name(line) == name


def test_author_from_title() -> None:
    assert titles.author_from_title("Galymzhan Koishybayev. Central Asia: New Stage") == (
        "Galymzhan Koishybayev", "Central Asia: New Stage")
    assert titles.author_from_title("Central Asia: New Stage") is None
