"""The peers we compare against: Hugo (Debian package) and Pelican (own virtual environment), installed
when missing, and the same corpus written in each one's content format."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import hugo_theme
from corpus import NameMap, Spec

PELICAN_CONF = """AUTHOR = "Benchmark"
SITENAME = "Benchmark Archive"
SITEURL = "https://archive.example.org"
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = False
RELATIVE_URLS = False
ARTICLE_URL = "articles/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "articles/{date:%Y}/{slug}/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
CATEGORY_URL = "categories/{slug}/"
CATEGORY_SAVE_AS = "categories/{slug}/index.html"
YEAR_ARCHIVE_SAVE_AS = "timeline/{date:%Y}/index.html"
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
TAG_FEED_ATOM = "feeds/tag-{slug}.atom.xml"
"""


# --- installation ----------------------------------------------------------------------------------------------


def ensure_hugo() -> str:
    """The hugo binary, installed from Debian when missing."""
    found = shutil.which("hugo")
    if found:
        return found
    print("installing Hugo from Debian (apt-get install hugo) ...", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "hugo"], check=True)
    found = shutil.which("hugo")
    if not found:
        raise RuntimeError("apt-get installed hugo but it is not on PATH")
    return found


def ensure_pelican(venv: Path) -> Path:
    """The pelican script of its own virtual environment, created with `pip install pelican markdown`."""
    script = venv / "bin" / "pelican"
    if script.exists():
        return script
    print(f"installing Pelican into {venv} ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "pelican", "markdown"], check=True)
    return script


def ensure_pyinstrument() -> None:
    try:
        import pyinstrument  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pyinstrument"], check=True)


def version(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    except OSError as error:
        return f"unavailable ({error})"
    return (result.stdout or result.stderr).strip().splitlines()[0] if (result.stdout or result.stderr) else "?"


# --- Hugo -----------------------------------------------------------------------------------------------------


def write_hugo_site(specs: list[Spec], site: Path, names: NameMap) -> None:
    """content/posts/*.md with TOML front matter, taxonomies as our site's index pages, a minimal theme."""
    hugo_theme.write_theme(site)
    posts = site / "content" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    for spec in specs:
        (posts / f"{spec.year}-{spec.slug}.md").write_text(_hugo_post(spec, names), encoding="utf-8")


def _hugo_post(spec: Spec, names: NameMap) -> str:
    countries = [names(c) for c in spec.countries]
    fields = {
        "title": spec.title, "slug": spec.slug, "url": f"/articles/{spec.year}/{spec.slug}/",
        "summary": spec.summary, "countries": countries,
        "organisations": [names(o) for o in spec.organisations], "people": [names(p) for p in spec.people],
        "pairs": [f"{a} and {b}" for a, b in combinations(sorted(countries), 2)], "years": [str(spec.year)],
    }
    lines = ["+++", f"date = {spec.full_date}"]
    lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "\n".join([*lines, "+++", "", spec.markdown_body(), ""])


# --- Pelican --------------------------------------------------------------------------------------------------


def write_pelican_site(specs: list[Spec], site: Path, names: NameMap) -> None:
    """content/*.md with Pelican metadata: category = first country, tags = every entity."""
    site.mkdir(parents=True, exist_ok=True)
    (site / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")
    content = site / "content"
    content.mkdir(parents=True, exist_ok=True)
    for spec in specs:
        (content / f"{spec.year}-{spec.slug}.md").write_text(_pelican_post(spec, names), encoding="utf-8")


def _pelican_post(spec: Spec, names: NameMap) -> str:
    tags = [names(n) for n in (*spec.countries, *spec.organisations, *spec.people)]
    header = [
        f"Title: {spec.title}", f"Date: {spec.full_date}", f"Slug: {spec.slug}",
        f"Category: {names(spec.countries[0])}", f"Tags: {', '.join(tags)}", f"Summary: {spec.summary}",
    ]
    return "\n".join([*header, "", spec.markdown_body(), ""])
