"""Every setting of site.toml does what docs/settings.md says: one build with every key set to something other
than its default, and one check per key. A setting declared without a check here fails the last test."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder import pipeline
from site_builder.config import BUILTIN_ENTITIES, BUILTIN_TEMPLATES, SETTINGS, load_config
from site_builder.documents import render_article
from site_builder.model import Article

ArticleFactory = Callable[..., Article]
SEED = Path(__file__).resolve().parent.parent / "content" / "sources" / "002_75690c72a749e123.txt"

SITE_TOML = """\
title = "Effect Title"
description = "Effect description of the archive."
base_url = "https://effects.example/sub/"
language = "ky"
publisher = "Effect Publisher"
latest_count = 1
feed_size = 2

[paths]
sources = "in/raw"
articles = "in/written"
entities = "in/authority"
pages = "in/hand"
permalinks = "in/urls.json"
templates = "looks"
output = "out/site"
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, make_article: ArticleFactory) -> Path:
    """The site folder after one build (sources ingested, no search index)."""
    site = tmp_path_factory.mktemp("effects")
    (site / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    (site / "in" / "raw").mkdir(parents=True)
    shutil.copy(SEED, site / "in" / "raw" / SEED.name)
    for number, year in enumerate((2015, 2016, 2017)):
        article = make_article(title=f"Effect article {number}", slug=f"effect-article-{number}", date=str(year),
                               source=None, organisations=("Effect Union",),
                               path=f"in/written/{year}/effect-article-{number}.md")
        (site / article.path).parent.mkdir(parents=True, exist_ok=True)
        (site / article.path).write_text(render_article(article), encoding="utf-8")
    shutil.copytree(BUILTIN_ENTITIES, site / "in" / "authority")
    with (site / "in" / "authority" / "organisations.yaml").open("a", encoding="utf-8") as file:
        file.write("\n- name: Effect Union\n  slug: effect-union\n  full_name: null\n  wikidata: null\n  aliases: []\n"
                   "  former_names: []\n  misspellings: []\n  kind: intergovernmental\n  parent: null\n")
    (site / "in" / "hand").mkdir()
    (site / "in" / "hand" / "about.md").write_text("# About the effects\n\nHow it is made.\n", encoding="utf-8")
    (site / "in" / "urls.json").write_text(json.dumps(
        {"file:in/written/2015/effect-article-0.md": ["articles/2015/old-name/"]}), encoding="utf-8")
    shutil.copytree(BUILTIN_TEMPLATES, site / "looks")
    base = site / "looks" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- own templates --></body>"),
                    encoding="utf-8")
    result = pipeline.build(load_config(site), search=False)
    assert [problem for problem in result.problems if problem.is_error] == []
    return site


def page(site: Path, url: str) -> str:
    return (site / "out" / "site" / url / "index.html").read_text(encoding="utf-8")


def feed(site: Path) -> str:
    return (site / "out" / "site" / "feed.xml").read_text(encoding="utf-8")


def latest_count_shown(site: Path) -> int:
    latest = page(site, "").split('id="latest"', 1)[1].split("</section>", 1)[0]
    return len(set(re.findall(r'href="/sub/articles/[^"]+"', latest)))


def sources_ingested(site: Path) -> bool:
    ingested = [file for file in (site / "in" / "written").rglob("*.md") if "effect-article" not in file.name]
    return bool(ingested) and all(f"in/raw/{SEED.name}" in file.read_text(encoding="utf-8") for file in ingested)


EFFECTS: dict[str, Callable[[Path], bool]] = {
    "title": lambda site: "<title>Effect Title" in page(site, "") and "<title>Effect Title" in feed(site),
    "description": lambda site: 'content="Effect description of the archive."' in page(site, ""),
    "base_url": lambda site: ('href="/sub/articles/2016/effect-article-1/"' in page(site, "organisations/effect-union")
                              and "https://effects.example/sub/articles/" in feed(site)),
    "language": lambda site: '<html lang="ky"' in page(site, "") and 'xml:lang="ky"' in feed(site),
    "publisher": lambda site: ('"name": "Effect Publisher"' in page(site, "articles/2017/effect-article-2")
                               and "Effect Publisher" in feed(site)),
    "latest_count": lambda site: latest_count_shown(site) == 1,
    "feed_size": lambda site: feed(site).count("<entry>") == 2,
    "paths.sources": sources_ingested,
    "paths.articles": lambda site: "Effect article 1" in page(site, "articles/2016/effect-article-1"),
    "paths.entities": lambda site: "Effect article 0" in page(site, "organisations/effect-union"),
    "paths.pages": lambda site: "About the effects" in page(site, "about"),
    "paths.permalinks": lambda site: "/sub/articles/2015/effect-article-0/" in page(site, "articles/2015/old-name"),
    "paths.templates": lambda site: "<!-- own templates -->" in page(site, ""),
    "paths.output": lambda site: (site / "out" / "site" / "index.html").is_file(),
}


@pytest.mark.parametrize("key", sorted(EFFECTS))
def test_each_setting_takes_effect(built: Path, key: str) -> None:
    assert EFFECTS[key](built), f"{key} set in site.toml made no difference to the built site"


def test_every_declared_setting_has_its_effect_checked() -> None:
    assert set(EFFECTS) == {row.key for row in SETTINGS}
