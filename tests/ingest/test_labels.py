from __future__ import annotations

import pytest

from site_builder.ingest.labels import is_label_run, is_language_switch


@pytest.mark.parametrize(("line", "switch"), [
    ("Global EditionASIA 中文雙語Fran?ais", True), ("English Русский Қазақша", True), ("Русский English", True),
    ("English Edition", True), ("Français Deutsch Español", True), ("O'zbekcha Ўзбекча English", True),
    ("English", False), ("English edition of Abai published", False), ("Kazakhstan and Russia: what next?", False),
    ("English, Russian and Kazakh Versions of the Treaty Signed in Astana, Officials Say", False),
    ("Deutsche Welle Opens Office in Almaty", False),
])
def test_language_switch(line: str, switch: bool) -> None:
    assert is_language_switch(line) is switch
    assert is_label_run(line) is switch or not switch


@pytest.mark.parametrize(("line", "run"), [
    ("Featured Russia Tajikistan", True), ("All news", True), ("Ministers Meet in Tashkent", False),
])
def test_label_runs(line: str, run: bool) -> None:
    assert is_label_run(line) is run
