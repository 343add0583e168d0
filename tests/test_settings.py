"""The settings machinery on a declaration of its own: rows, reading, problems and the Markdown table."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from site_builder.settings import Setting, markdown_table, read_settings, setting, settings_of


@dataclass(frozen=True)
class Folders:
    root: Path  # filled in by the program
    cache: Path = field(metadata=setting("cache", "Where the cache goes."))


@dataclass(frozen=True)
class Toy:
    name: str = field(metadata=setting("toy", "Its name."))
    size: int = field(metadata=setting(3, "How big."))
    loud: bool = field(metadata=setting(False, "Whether it squeaks."))
    folders: Folders
    computed: int = 0  # no metadata: not a setting


def test_rows_follow_the_declaration_with_tables_flattened() -> None:
    assert settings_of(Toy) == (
        Setting("name", str, "toy", "Its name."),
        Setting("size", int, 3, "How big."),
        Setting("loud", bool, False, "Whether it squeaks."),
        Setting("folders.cache", str, "cache", "Where the cache goes."),  # a Path is text in TOML
    )


def test_defaults_fill_in_what_is_not_given() -> None:
    problems: list[str] = []
    values = read_settings({"size": 5, "folders": {"cache": "tmp"}}, Toy, problems)
    assert problems == []
    assert values == {"name": "toy", "size": 5, "loud": False, "folders": {"cache": "tmp"}}


def test_every_problem_is_appended() -> None:
    problems: list[str] = []
    read_settings({"nmae": "x", "size": True, "loud": 1, "computed": 2, "folders": {"cahce": "c", "cache": 4}},
                  Toy, problems)
    assert problems == [
        "unknown setting 'computed'; expected one of: name, size, loud, folders",
        "unknown setting 'nmae' (did you mean 'name'?); expected one of: name, size, loud, folders",
        "'size' should be int, found True",
        "'loud' should be bool, found 1",
        "unknown setting 'folders.cahce' (did you mean 'folders.cache'?); expected one of: cache",
        "'folders.cache' should be str, found 4",
    ]


def test_a_table_given_as_a_value_is_a_problem() -> None:
    problems: list[str] = []
    values = read_settings({"folders": "here"}, Toy, problems)
    assert problems == ["'folders' should be a table ([folders] with keys cache), found 'here'"]
    assert values["folders"] == {"cache": "cache"}


def test_markdown_table_writes_defaults_as_toml() -> None:
    text = markdown_table(settings_of(Toy), "Toy settings", "Intro.")
    assert text.splitlines() == [
        "# Toy settings", "", "Intro.", "",
        "| key | type | default | meaning |", "|---|---|---|---|",
        '| `name` | str | `"toy"` | Its name. |',
        "| `size` | int | `3` | How big. |",
        "| `loud` | bool | `false` | Whether it squeaks. |",
        '| `folders.cache` | str | `"cache"` | Where the cache goes. |',
    ]
