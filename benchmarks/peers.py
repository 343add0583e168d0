"""The peer we compare against: Hugo (Debian package, installed when missing) with Pagefind, given the very
Markdown our build reads (what ingest wrote) and the sources behind it."""

from __future__ import annotations

import json
import shutil
import subprocess
from itertools import combinations
from pathlib import Path, PurePosixPath

import hugo_theme

from site_builder.model import Article

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


def version(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    except OSError as error:
        return f"unavailable ({error})"
    return (result.stdout or result.stderr).strip().splitlines()[0] if (result.stdout or result.stderr) else "?"


# --- Hugo -----------------------------------------------------------------------------------------------------


def write_hugo_site(articles: list[Article], sources: dict[str, str], site: Path) -> dict[str, int]:
    """The articles ingest wrote, as content/posts/*.md with TOML front matter (taxonomies for our index pages,
    our URLs), and each source as a page of the section content/sources/ (its text in a code block)."""
    hugo_theme.write_theme(site)
    posts, source_pages = site / "content" / "posts", site / "content" / "sources"
    posts.mkdir(parents=True, exist_ok=True)
    source_pages.mkdir(parents=True, exist_ok=True)
    for article in articles:
        name = f"{article.year_segment}-{article.slug}.md"
        (posts / name).write_text(_hugo_post(article), encoding="utf-8")
    for path, text in sorted(sources.items()):
        stem = PurePosixPath(path).stem
        fence = "~~~~~~~~"
        page = (f"+++\ntitle = {json.dumps(stem)}\nurl = \"/sources/{stem}/\"\n+++\n\n"
                f"{fence}text\n{text}\n{fence}\n")
        (source_pages / f"{stem}.md").write_text(page, encoding="utf-8")
    return {"posts": len(articles), "sources": len(sources)}


def _hugo_post(article: Article) -> str:
    countries = list(article.countries)
    fields: dict[str, object] = {
        "title": article.title, "slug": article.slug, "url": f"/articles/{article.year_segment}/{article.slug}/",
        "summary": article.summary or "", "countries": countries, "organisations": list(article.organisations),
        "people": list(article.people), "pairs": [f"{a} and {b}" for a, b in combinations(sorted(countries), 2)],
        "years": [article.year_segment],
    }
    date = article.date
    lines = ["+++"]
    if date.year:
        lines.append(f"date = {date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}")
    lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "\n".join([*lines, "+++", "", article.body, ""])
