"""Site settings: `Config` declares every key of site.toml once (settings.py derives the table, validation, CLI help
and docs/settings.md from it); the built-in folders; where the build's own files go."""

from __future__ import annotations

import atexit
import contextlib
import tomllib
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from site_builder.errors import ConfigError
from site_builder.settings import Setting, markdown_table, read_settings, setting, settings_of

_EXTRACTED = contextlib.ExitStack()  # a package imported from a zip has its defaults copied out until exit
atexit.register(_EXTRACTED.close)


def _builtin(name: str) -> Path:
    """A folder of site_builder/defaults/, shipped in the package (package-data) and found with importlib.resources,
    so a wheel installed anywhere has it; a site's own folder of the same name replaces it whole."""
    return _EXTRACTED.enter_context(resources.as_file(resources.files("site_builder") / "defaults" / name))


BUILTIN_TEMPLATES = _builtin("templates")
BUILTIN_ENTITIES = _builtin("entities")


@dataclass(frozen=True)
class Paths:
    """[paths]: where things are, relative to the site folder."""

    site: Path  # the site folder itself (--site), not a setting
    sources: Path = field(metadata=setting("content/sources", "Raw source documents, never edited by the tool."))
    articles: Path = field(metadata=setting("content/articles", "Ingested articles, one Markdown file each."))
    entities: Path = field(metadata=setting("content/entities", "Authority files; falls back to the built-in ones."))
    pages: Path = field(metadata=setting(
        "content/pages", "Hand-written pages: NAME.md becomes /NAME/ (about, methodology), in every footer."))
    permalinks: Path = field(metadata=setting(
        "content/permalinks.json", "Every URL each article has had; old ones become redirects. Commit it."))
    templates: Path = field(metadata=setting(
        "templates", "Jinja templates and static assets; falls back to the built-in ones."))
    output: Path = field(metadata=setting("public", "Where the built site is written."))


@dataclass(frozen=True)
class Config:
    """site.toml, declared once: validation, CLI help and docs/settings.md are derived from these fields."""

    title: str = field(metadata=setting("Regional Affairs Archive", "Site title, shown in every page header and feed."))
    description: str = field(metadata=setting(
        "News and analysis on the international affairs of Central Asia and the Caucasus.",
        "One sentence describing the archive (meta description, feeds)."))
    base_url: str = field(metadata=setting(
        "http://127.0.0.1:8000/", "Absolute URL the site is hosted at, ending in '/'; may include a sub-path."))
    language: str = field(metadata=setting("en", "Language of the content (BCP 47 tag)."))
    publisher: str = field(metadata=setting("Regional Affairs Archive", "Publisher named in citations and JSON-LD."))
    latest_count: int = field(metadata=setting(20, "How many articles the home page lists."))
    feed_size: int = field(metadata=setting(50, "How many entries each Atom feed carries."))
    paths: Paths


    @property
    def base_path(self) -> str:
        """The URL path the site lives under: '/' or '/archive/'."""
        return urlsplit(self.base_url).path or "/"

    def with_overrides(self, *, output: Path | None = None, base_url: str | None = None) -> Config:
        paths = replace(self.paths, output=resolved_output(output)) if output else self.paths
        return replace(self, paths=paths, base_url=base_url or self.base_url)


SETTINGS: tuple[Setting, ...] = settings_of(Config)  # every row, 'paths.*' included


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
    problems: list[str] = []
    values = read_settings(_read_toml(site_dir / "site.toml"), Config, problems)
    path_values = values.pop("paths")
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
    """docs/settings.md, generated from the declaration that validates (`site-builder settings`)."""
    return markdown_table(SETTINGS, "Settings (`site.toml`)",
                          "Every key of `site.toml`, generated from the declaration of `Config` in"
                          " `site_builder/config.py` (`site-builder settings > docs/settings.md`). The file is"
                          " optional and every key has a default; an unknown key or a value of the wrong type is"
                          " an error, all of them reported at once. Paths are relative to the site folder.")
