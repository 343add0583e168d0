"""Links that never break: the archive grows (new sources, some with the titles of old articles, digests),
and every URL published before still serves the same article; a changed slug leaves a redirect behind."""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from site_builder import pipeline
from site_builder.config import BUILTIN_ENTITIES, Config, load_config

REPO = Path(__file__).resolve().parent.parent
BASE = "https://example.org/archive/"
PLACES = [("Astana", "Kazakhstan"), ("Tashkent", "Uzbekistan"), ("Bishkek", "Kyrgyzstan"), ("Baku", "Azerbaijan"),
          ("Dushanbe", "Tajikistan"), ("Ashgabat", "Turkmenistan")]


def lead(number: int) -> str:
    city, country = PLACES[number % len(PLACES)]
    return (f"{city}, {number % 27 + 1} May 2023 – Officials of {country} met their partners in {city} today and "
            f"discussed trade, transport corridors and energy cooperation in item number {number}.")


def single(title: str, number: int) -> str:
    return f"{title}\n\n{lead(number)}\n\nThe sides agreed to meet again next year to review progress.\n"


def digest(number: int) -> str:
    items = [f"{PLACES[(number + i) % 6][1].upper()} AND ITS NEIGHBOURS DISCUSS ISSUE {number * 10 + i}\n\n"
             f"{lead(number * 10 + i)}\n" for i in range(3)]
    return f"WEEKLY REVIEW {number}\n\n" + "\n".join(items)


def new_sources(old_titles: list[str]) -> dict[str, str]:
    """30 sources: 10 reuse the titles of old articles, 5 are digests of 3 articles, 15 are new."""
    sources = {f"growth_same_{i:02}.txt": single(title, i) for i, title in enumerate(old_titles[:10])}
    sources |= {f"growth_digest_{i:02}.txt": digest(i) for i in range(5)}
    sources |= {f"growth_new_{i:02}.txt": single(f"New Agreement Number {i} Signed in the Region", 100 + i)
                for i in range(15)}
    return sources


def make_site(tmp_path: Path) -> Config:
    site = tmp_path / "site"
    shutil.copytree(REPO / "content" / "sources", site / "content" / "sources")
    shutil.copytree(BUILTIN_ENTITIES, site / "content" / "entities")
    (site / "site.toml").write_text(f'base_url = "{BASE}"\n', encoding="utf-8")
    return load_config(site)


def build(config: Config) -> dict[str, dict[str, Any]]:
    result = pipeline.build(config, search=False)
    assert [str(p) for p in result.problems if p.is_error] == []
    data = json.loads((config.paths.output / "data" / "articles.json").read_text(encoding="utf-8"))
    return {record["url"]: record for record in data["articles"]}


def page(config: Config, url: str) -> str:
    return (config.paths.output / url.removeprefix(BASE) / "index.html").read_text(encoding="utf-8")


def identity(record: dict[str, Any]) -> tuple[str, int]:
    return record["source"]["path"], record["source"]["part"]


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> tuple[Config, dict[str, Any], dict[str, Any]]:
    config = make_site(tmp_path_factory.mktemp("growth"))
    before = build(config)
    assert len(before) == 14
    for name, text in new_sources([r["title"] for r in before.values()]).items():
        (config.paths.sources / name).write_text(text, encoding="utf-8")
    return config, before, build(config)


def test_the_archive_grew(grown: tuple[Config, dict[str, Any], dict[str, Any]]) -> None:
    _, before, after = grown
    assert len(before) == 14 and len(after) == 14 + 10 + 5 * 3 + 15


def test_every_old_url_still_serves_the_same_article(grown: tuple[Config, dict[str, Any], dict[str, Any]]) -> None:
    config, before, after = grown
    for url, record in before.items():
        assert url in after, url
        assert identity(after[url]) == identity(record) and after[url]["title"] == record["title"]
        assert html.escape(record["title"], quote=False) in page(config, url)


def test_new_articles_with_old_titles_get_new_urls(grown: tuple[Config, dict[str, Any], dict[str, Any]]) -> None:
    _, before, after = grown
    old_titles = {r["title"] for r in before.values()}
    same = [(url, r) for url, r in after.items() if r["title"] in old_titles and url not in before]
    assert len(same) == 10
    assert all(r["source"]["path"].startswith("content/sources/growth_same_") for _, r in same)
    assert len({url for url, _ in same} | set(before)) == len(same) + len(before)


def test_a_changed_slug_leaves_a_redirect_and_the_sitemap_lists_only_current_urls(tmp_path: Path) -> None:
    config = make_site(tmp_path)
    before = build(config)
    old_url = next(url for url, r in before.items() if r["title"].startswith("Chinese-American"))
    file = next(config.paths.articles.rglob("chinese-american-dialogue.md"))
    file.write_text(file.read_text(encoding="utf-8").replace("slug: chinese-american-dialogue\n",
                                                             "slug: china-us-dialogue\n"), encoding="utf-8")
    after = build(config)
    new_url = old_url.replace("chinese-american-dialogue", "china-us-dialogue")
    assert old_url not in after and after[new_url]["title"] == before[old_url]["title"]
    redirect = page(config, old_url)
    assert new_url in redirect and "refresh" in redirect.lower()
    sitemap = (config.paths.output / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{new_url}</loc>" in sitemap and old_url not in sitemap
    assert all(f"<loc>{url}</loc>" in sitemap for url in after)
