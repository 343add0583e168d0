"""site.toml: every problem reported at once, defaults and fallbacks for a bare site, generated docs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_builder.config import (
    BUILTIN_ENTITIES,
    BUILTIN_TEMPLATES,
    SETTINGS,
    Config,
    Paths,
    load_config,
    settings_markdown,
)
from site_builder.errors import ConfigError, ExitCode


def write_settings(site: Path, text: str) -> None:
    (site / "site.toml").write_text(text, encoding="utf-8")


def config_error(site: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(site)
    assert caught.value.exit_code == ExitCode.USAGE
    return str(caught.value)


def test_bare_site_uses_defaults_and_builtin_templates_and_entities(bare_site: Path) -> None:
    config = load_config(bare_site)
    assert config.title == "Regional Affairs Archive"
    assert config.base_url == "http://127.0.0.1:8000/"
    assert config.base_path == "/"
    assert config.paths.site == bare_site.resolve()
    assert config.paths.sources == bare_site.resolve() / "content" / "sources"
    assert config.paths.output == bare_site.resolve() / "public"
    assert config.paths.templates == BUILTIN_TEMPLATES
    assert config.paths.entities == BUILTIN_ENTITIES
    assert (BUILTIN_TEMPLATES / "base.html").is_file()


def test_own_templates_and_entities_win_over_builtin(bare_site: Path) -> None:
    shutil.copytree(BUILTIN_TEMPLATES, bare_site / "templates")
    (bare_site / "content" / "entities").mkdir()
    config = load_config(bare_site)
    assert config.paths.templates == bare_site.resolve() / "templates"
    assert config.paths.entities == bare_site.resolve() / "content" / "entities"


def test_own_templates_lacking_a_page_template_are_a_config_error(bare_site: Path) -> None:
    shutil.copytree(BUILTIN_TEMPLATES, bare_site / "templates")
    (bare_site / "templates" / "entity_index.html").unlink()
    (bare_site / "templates" / "pair.html").unlink()
    with pytest.raises(ConfigError) as caught:
        load_config(bare_site)
    assert "'paths.templates'" in str(caught.value)
    assert "lacks entity_index.html, pair.html: a site's templates folder replaces the built-in one whole" \
        in str(caught.value)


def test_valid_settings_are_read(bare_site: Path) -> None:
    write_settings(bare_site, 'title = "Archive"\nbase_url = "https://example.org/archive/"\nlatest_count = 5\n'
                              '[paths]\noutput = "dist"\n')
    config = load_config(bare_site)
    assert (config.title, config.latest_count) == ("Archive", 5)
    assert config.base_path == "/archive/"
    assert config.paths.output == bare_site.resolve() / "dist"


def test_every_problem_is_reported_at_once(bare_site: Path) -> None:
    write_settings(bare_site, 'titel = "Archive"\nlatest_count = "twenty"\nbase_url = "example.org/archive"\n'
                              'feed_size = true\n[paths]\noutptu = "dist"\n')
    message = config_error(bare_site)
    assert "5 problem(s)" in message
    assert "unknown setting 'titel' (did you mean 'title'?)" in message
    assert "unknown setting 'paths.outptu' (did you mean 'paths.output'?)" in message
    assert "'latest_count' should be int, found 'twenty'" in message
    assert "'feed_size' should be int, found True" in message
    assert "'base_url' should be an absolute http(s) URL ending in '/'" in message
    assert str(bare_site.resolve() / "site.toml") in message
    assert "hint:" in message


@pytest.mark.parametrize(("text", "expected"), [
    ('base_url = "https://example.org/archive"\n', "ending in '/'"),
    ('base_url = "ftp://example.org/"\n', "absolute http(s) URL"),
    ('base_url = "/archive/"\n', "absolute http(s) URL"),
    ("base_url = 3\n", "'base_url' should be str, found 3"),
    ("latest_count = true\n", "'latest_count' should be int, found True"),
    ("feed_size = 1.5\n", "'feed_size' should be int"),
    ('title = ["a"]\n', "'title' should be str"),
    ('paths = "public"\n', "'paths' should be a table ([paths] with keys sources, articles, entities, pages,"),
    ('[paths]\noutput = 1\n', "'paths.output' should be str"),
    ("output = 'dist'\n", "unknown setting 'output'"),
    ("build_timestamps = true\n", "unknown setting 'build_timestamps'"),  # removed: builds are byte-identical
    ("title = \n", "not valid TOML"),
])
def test_each_bad_setting_is_a_usage_error(bare_site: Path, text: str, expected: str) -> None:
    write_settings(bare_site, text)
    assert expected in config_error(bare_site)


def test_unknown_key_lists_the_expected_ones(bare_site: Path) -> None:
    write_settings(bare_site, "colour = 'red'\n[paths]\nxyz = 'img'\n")
    message = config_error(bare_site)
    assert "expected one of: title, description, base_url, language, publisher, latest_count, feed_size, paths\n" \
        in message
    assert "unknown setting 'paths.xyz'; expected one of: sources, articles, entities, pages, permalinks," \
        " templates, output" in message


def test_every_field_of_the_config_is_a_setting_and_every_setting_a_field(bare_site: Path) -> None:
    """The one declaration: each key of the table is a field of Config (or of its [paths]) and back."""
    config = load_config(bare_site)
    declared = {f"paths.{name}" if name in Paths.__dataclass_fields__ else name
                for name in (*Config.__dataclass_fields__, *Paths.__dataclass_fields__)} - {"paths", "paths.site"}
    assert {s.key for s in SETTINGS} == declared
    for row in SETTINGS:
        table, _, name = row.key.rpartition(".")
        fallback = {"templates": BUILTIN_TEMPLATES, "entities": BUILTIN_ENTITIES}.get(name)
        expected = (fallback or bare_site.resolve() / row.default) if table else row.default
        assert getattr(config.paths if table else config, name) == expected, row.key
        assert type(row.default) is row.kind, row.key


def test_overrides(bare_site: Path, tmp_path: Path) -> None:
    config = load_config(bare_site).with_overrides(output=tmp_path / "out", base_url="https://example.org/a/")
    assert config.paths.output == (tmp_path / "out").resolve()
    assert config.base_path == "/a/"
    unchanged = load_config(bare_site).with_overrides()
    assert unchanged == load_config(bare_site)


def test_settings_markdown_lists_every_setting() -> None:
    text = settings_markdown()
    assert text.startswith("# Settings")
    for setting in SETTINGS:
        assert f"| `{setting.key}` | {setting.kind.__name__} | `{setting.toml_default()}` | {setting.help} |" in text
    assert "| `paths.output` | str | `\"public\"` | Where the built site is written. |" in text


def test_docs_settings_md_is_up_to_date() -> None:
    docs = Path(__file__).resolve().parent.parent / "docs" / "settings.md"
    assert docs.read_text(encoding="utf-8") == settings_markdown(), "run: site-builder settings > docs/settings.md"


@pytest.mark.parametrize(("text", "suggestion"), [
    ("baseurl = 'https://example.org/'\n", "'base_url'"),
    ("lang = 'en'\n", "'language'"),
    ("titel = 'x'\n", "'title'"),
    ("[paths]\ntemplate = 'x'\n", "'paths.templates'"),
])
def test_did_you_mean(bare_site: Path, text: str, suggestion: str) -> None:
    write_settings(bare_site, text)
    assert f"(did you mean {suggestion}?)" in config_error(bare_site)
