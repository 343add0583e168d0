"""The content -> public golden: build the tiny sample site and compare chosen pages with expected HTML.

The sample site (tests/golden_public/site) is written by hand, so this golden does not depend on ingest.
Regenerate the expected pages with `scripts/regenerate_public_golden.py` after an intended change.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

from site_builder.authority import load_authority
from site_builder.catalogue import build_catalogue
from site_builder.config import BUILTIN_TEMPLATES, load_config
from site_builder.documents import load_articles
from site_builder.render.site import render_site
from site_builder.render.write import StagedOutput

HERE = Path(__file__).resolve().parent
SITE = HERE / "site"
EXPECTED = HERE / "expected"
# One or two pages of every kind: small enough to read in a diff, broad enough to catch a changed template.
PAGES = (
    "index.html",
    "articles/2017/kazakhstan-and-azerbaijan-strengthen-cooperation/index.html",
    "articles/undated/csto-consultations/index.html",
    "countries/index.html",
    "countries/kazakhstan/index.html",
    "countries/kazakhstan/kyrgyzstan/index.html",
    "countries/kyrgyzstan/kazakhstan/index.html",
    "countries/kazakhstan/2017/index.html",
    "organisations/sco/index.html",
    "people/index.html",
    "people/nursultan-nazarbayev/index.html",
    "people/nursultan-nazarbayev/feed.xml",
    "about/index.html",
    "timeline/index.html",
    "timeline/2017/index.html",
    "timeline/2018/index.html",
    "timeline/undated/index.html",
    "sources/digest/index.html",
    "search/index.html",
    "404.html",
    "feed.xml",
    "countries/kazakhstan/feed.xml",
    "sitemap.xml",
    "robots.txt",
    "data/articles.json",
)


def build_sample(output: Path, site: Path = SITE) -> Path:
    """Render the sample site into `output` (no ingest, no search index: the golden covers our own pages)."""
    config = load_config(site).with_overrides(output=output)
    if not (site / "templates").is_dir():
        assert config.paths.templates == BUILTIN_TEMPLATES
    articles, problems = load_articles(config.paths.articles, config.paths.site)
    assert not [p for p in problems if p.is_error], problems
    catalogue = build_catalogue(articles, load_authority(config.paths.entities))
    sources = {path: (site / path).read_text(encoding="utf-8")
               for path in sorted({a.source.path for a in catalogue.articles if a.source})}
    staged = StagedOutput(output)
    render_site(catalogue, config, sources, staged)
    staged.commit()
    return output


def differences(built: Path, expected: Path = EXPECTED) -> str:
    """A readable unified diff of every golden page that changed; empty when all match."""
    chunks: list[str] = []
    for page in PAGES:
        want = (expected / page).read_text(encoding="utf-8").splitlines(keepends=True) \
            if (expected / page).is_file() else []
        got = (built / page).read_text(encoding="utf-8").splitlines(keepends=True) if (built / page).is_file() else []
        chunks.extend(difflib.unified_diff(want, got, f"expected/{page}", f"built/{page}"))
    return "".join(chunks)


def regenerate(scratch: Path, expected: Path = EXPECTED) -> list[str]:
    """Rebuild the sample site and copy the golden pages into `expected`; returns the pages written."""
    built = build_sample(scratch / "public")
    shutil.rmtree(expected, ignore_errors=True)
    for page in PAGES:
        (expected / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built / page, expected / page)
    return list(PAGES)
