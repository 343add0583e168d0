"""Settings declared once, as the fields of frozen dataclasses (Datasette style): a field with `setting(...)`
metadata is a key of site.toml, a field whose type is itself such a dataclass is a table (`[paths]`), any other
field is filled in by the program. The rows of the settings table, their validation, the CLI help and
docs/settings.md are all derived from that declaration, so a setting cannot be documented without being typed
and read into the config, nor read without being documented."""

from __future__ import annotations

import dataclasses
import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_type_hints

_SETTING = "site_builder.setting"
_TOML_KIND: dict[Any, type] = {Path: str}  # a path is written in site.toml as text, relative to the site folder


@dataclass(frozen=True)
class Setting:
    """One row of the settings table, derived from a declared field."""

    key: str  # as written in site.toml: 'title', 'paths.output'
    kind: type  # the type of the TOML value
    default: Any
    help: str

    def toml_default(self) -> str:
        return str(self.default).lower() if isinstance(self.default, bool) else json.dumps(self.default)


def setting(default: str | int | bool, help: str) -> dict[str, Any]:
    """The metadata of a declared setting: `title: str = field(metadata=setting("Archive", "Site title."))`."""
    return {_SETTING: (default, help)}


def settings_of(declaration: type, prefix: str = "") -> tuple[Setting, ...]:
    """Every setting of a declaration, tables flattened in declaration order ('paths.output')."""
    rows: list[Setting] = []
    for name, hint, meta in _fields(declaration):
        if dataclasses.is_dataclass(hint):
            rows += settings_of(hint, f"{prefix}{name}.")  # type: ignore[arg-type]
        elif meta is not None:
            rows.append(Setting(f"{prefix}{name}", _TOML_KIND.get(hint, hint), *meta))
    return tuple(rows)


def read_settings(raw: dict[str, Any], declaration: type, problems: list[str], prefix: str = "") -> dict[str, Any]:
    """The values of a declaration's settings read from a TOML table, defaults filled in, tables as nested dicts
    (fields the program fills in left out); every problem (unknown key, wrong type) is appended, none raised."""
    own = {name: (hint, meta) for name, hint, meta in _fields(declaration)
           if meta is not None or dataclasses.is_dataclass(hint)}
    for key in sorted(set(raw) - set(own)):
        close = difflib.get_close_matches(key, own, n=1)
        hint_text = f" (did you mean '{prefix}{close[0]}'?)" if close else ""
        problems.append(f"unknown setting '{prefix}{key}'{hint_text}; expected one of: {', '.join(own)}")
    values: dict[str, Any] = {}
    for name, (hint, meta) in own.items():
        if meta is None:  # a table
            table, key = raw.get(name, {}), f"{prefix}{name}"
            if not isinstance(table, dict):
                keys = ", ".join(row.key.removeprefix(f"{key}.") for row in settings_of(hint, f"{key}."))
                problems.append(f"'{key}' should be a table ([{key}] with keys {keys}), found {table!r}")
                table = {}
            values[name] = read_settings(table, hint, problems, f"{key}.")
            continue
        kind = _TOML_KIND.get(hint, hint)
        value = raw.get(name, meta[0])
        if type(value) is not kind:  # not isinstance: true is no int in site.toml
            problems.append(f"'{prefix}{name}' should be {kind.__name__}, found {value!r}")
        values[name] = value
    return values


def markdown_table(rows: tuple[Setting, ...], title: str, intro: str) -> str:
    """The settings table as Markdown (docs/settings.md, `site-builder settings`)."""
    lines = [f"# {title}", "", intro, "", "| key | type | default | meaning |", "|---|---|---|---|"]
    lines += [f"| `{row.key}` | {row.kind.__name__} | `{row.toml_default()}` | {row.help} |" for row in rows]
    return "\n".join(lines) + "\n"


def _fields(declaration: type) -> list[tuple[str, Any, tuple[Any, str] | None]]:
    hints = get_type_hints(declaration)
    return [(field.name, hints[field.name], field.metadata.get(_SETTING))
            for field in dataclasses.fields(declaration)]
