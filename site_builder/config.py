"""Site settings: one table drives validation, CLI help and docs/settings.md (Datasette style)."""

from __future__ import annotations

import atexit
import contextlib
import difflib
import tomllib
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from site_builder.errors import ConfigError

_EXTRACTED = contextlib.ExitStack()  # a package imported from a zip has its defaults copied out until exit
atexit.register(_EXTRACTED.close)


def _builtin(name: str) -> Path:
    """A folder of site_builder/defaults/, shipped in the package (package-data) and found with importlib.resources,
    so a wheel installed anywhere has it; a site's own folder of the same name replaces it whole."""
    return _EXTRACTED.enter_context(resources.as_file(resources.files("site_builder") / "defaults" / name))


BUILTIN_TEMPLATES = _builtin("templates")
BUILTIN_ENTITIES = _builtin("entities")


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("title", str, "Regional Affairs Archive", "Site title, shown in every page header and feed."),
    Setting("description", str, "News and analysis on the international affairs of Central Asia and the Caucasus.",
            "One sentence describing the archive (meta description, feeds)."),
    Setting("base_url", str, "http://127.0.0.1:8000/",
            "Absolute URL the site is hosted at, ending in '/'; may include a sub-path."),
    Setting("language", str, "en", "Language of the content (BCP 47 tag)."),
    Setting("publisher", str, "Regional Affairs Archive", "Publisher named in citations and JSON-LD."),
    Setting("latest_count", int, 20, "How many articles the home page lists."),
    Setting("feed_size", int, 50, "How many entries each Atom feed carries."),
    Setting("build_timestamps", bool, False, "Stamp pages with the build time (off keeps builds byte-identical)."),
)

PATH_SETTINGS: tuple[Setting, ...] = (
    Setting("sources", str, "content/sources", "Raw source documents, never edited by the tool."),
    Setting("articles", str, "content/articles", "Ingested articles, one Markdown file each."),
    Setting("entities", str, "content/entities", "Authority files; falls back to the built-in ones."),
    Setting("pages", str, "content/pages",
            "Hand-written pages: NAME.md becomes /NAME/ (about, methodology), in every footer."),
    Setting("permalinks", str, "content/permalinks.json",
            "Every URL each article has had; old ones become redirects. Commit it."),
    Setting("templates", str, "templates", "Jinja templates and static assets; falls back to the built-in ones."),
    Setting("output", str, "public", "Where the built site is written."),
)


@dataclass(frozen=True)
class Paths:
    site: Path
    sources: Path
    articles: Path
    entities: Path
    pages: Path
    permalinks: Path
    templates: Path
    output: Path


@dataclass(frozen=True)
class Config:
    title: str
    description: str
    base_url: str
    language: str
    publisher: str
    latest_count: int
    feed_size: int
    build_timestamps: bool
    paths: Paths

    @property
    def base_path(self) -> str:
        """The URL path the site lives under: '/' or '/archive/'."""
        return urlsplit(self.base_url).path or "/"

    def with_overrides(self, *, output: Path | None = None, base_url: str | None = None) -> Config:
        paths = replace(self.paths, output=resolved_output(output)) if output else self.paths
        return replace(self, paths=paths, base_url=base_url or self.base_url)


def resolved_output(output: Path) -> Path:
    """The output folder resolved, except when it is itself a symbolic link: that stays a link, for the build to
    refuse (render/write.py), rather than becoming its target, beside which the build's own files would go."""
    resolved = output.resolve()
    return output.parent.resolve() / output.name if output.is_symlink() and resolved != output else resolved


def beside(output: Path, name: str) -> Path:
    """A file or folder of the build's own beside the output folder (.public.NAME: caches, the lock, the staging
    folder), hidden and git-ignored with it."""
    return output.parent / f".{output.name}.{name}"


def load_config(site_dir: Path) -> Config:
    """Read site.toml (optional), validate every key at once, and resolve paths with fallbacks."""
    site_dir = site_dir.resolve()
    raw = _read_toml(site_dir / "site.toml")
    problems: list[str] = []
    raw_paths = raw.pop("paths", {})
    if not isinstance(raw_paths, dict):
        problems.append(f"'paths' should be a table ([paths] with keys {', '.join(s.key for s in PATH_SETTINGS)}),"
                        f" found {raw_paths!r}")
    values = _validate_table(raw, SETTINGS, "", problems)
    path_values = _validate_table(raw_paths if isinstance(raw_paths, dict) else {}, PATH_SETTINGS, "paths.", problems)
    _check_base_url(values["base_url"], problems)
    paths = None if problems else _resolve_paths(site_dir, path_values)
    if paths:
        _check_templates(paths.templates, problems)
    if problems or not paths:
        raise ConfigError(
            f"{site_dir / 'site.toml'}: {len(problems)} problem(s):\n  " + "\n  ".join(problems),
            hint="see docs/settings.md for every setting and its type",
        )
    return Config(**values, paths=paths)


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML: {error}", hint="check quotes and brackets") from error


def _validate_table(raw: dict[str, Any], table: tuple[Setting, ...], prefix: str,
                    problems: list[str]) -> dict[str, Any]:
    known = {setting.key: setting for setting in table}
    for key in sorted(set(raw) - set(known)):
        close = difflib.get_close_matches(key, known, n=1)
        hint = f" (did you mean '{prefix}{close[0]}'?)" if close else ""
        problems.append(f"unknown setting '{prefix}{key}'{hint}; expected one of: {', '.join(known)}")
    values: dict[str, Any] = {}
    for setting in table:
        value = raw.get(setting.key, setting.default)
        if type(value) is not setting.kind:
            problems.append(f"'{prefix}{setting.key}' should be {setting.kind.__name__}, found {value!r}")
        values[setting.key] = value
    return values


def _check_base_url(base_url: object, problems: list[str]) -> None:
    if not isinstance(base_url, str):
        return
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or not base_url.endswith("/"):
        problems.append(f"'base_url' should be an absolute http(s) URL ending in '/', found {base_url!r}")


def _resolve_paths(site_dir: Path, values: dict[str, Any]) -> Paths:
    resolved = {key: (site_dir / value).resolve() for key, value in values.items()}
    resolved["output"] = resolved_output(site_dir / values["output"])
    if not resolved["templates"].is_dir():
        resolved["templates"] = BUILTIN_TEMPLATES
    if not resolved["entities"].is_dir():
        resolved["entities"] = BUILTIN_ENTITIES
    return Paths(site=site_dir, **resolved)


def _check_templates(templates: Path, problems: list[str]) -> None:
    """A site's own templates folder replaces the built-in one whole, so it must hold every page template."""
    if templates == BUILTIN_TEMPLATES:
        return
    missing = sorted(file.name for file in BUILTIN_TEMPLATES.iterdir()
                     if file.is_file() and not (templates / file.name).is_file())
    if missing:
        problems.append(f"'paths.templates' ({templates}) lacks {', '.join(missing)}: a site's templates folder"
                        f" replaces the built-in one whole; copy the missing ones from {BUILTIN_TEMPLATES}")


def settings_markdown() -> str:
    """docs/settings.md, generated from the same table that validates."""
    lines = ["# Settings (`site.toml`)", "", "| key | type | default | meaning |", "|---|---|---|---|"]
    for prefix, table in (("", SETTINGS), ("paths.", PATH_SETTINGS)):
        for s in table:
            lines.append(f"| `{prefix}{s.key}` | {s.kind.__name__} | `{s.default!r}` | {s.help} |")
    return "\n".join(lines) + "\n"
