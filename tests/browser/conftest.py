"""Session fixtures for the browser tests: one seed build served under /archive/, one Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from generated import served_generated_site
from harness import CHROMIUM, BuiltSite, launch_chromium, page_kinds, served_seed_site

from site_builder import search_plan

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


def _needs_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BuiltSite, str]]:
    _needs_chromium()
    with served_seed_site(tmp_path_factory.mktemp("seed")) as served_site:
        yield served_site


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BuiltSite, str]]:
    """The 2 000-article generated archive, built once and served (only the tests that ask for it pay)."""
    _needs_chromium()
    with served_generated_site(tmp_path_factory.mktemp("generated")) as served_site:
        yield served_site


@pytest.fixture(scope="session")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BuiltSite, str]]:
    """The seed site under a memory model that allows about 60 KB of pages a bundle: several bundles, searched
    as one (pagefind/pagefind.js), as a large archive is."""
    _needs_chromium()
    small = search_plan.MemoryModel(base_mb=0.0, mb_per_html_mb=1.0, budget_mb=0.06)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_plan, "MEMORY", small)
        with served_seed_site(tmp_path_factory.mktemp("sharded")) as served_site:
            patch.undo()
            yield served_site


@pytest.fixture(scope="session")
def built(served: tuple[BuiltSite, str]) -> BuiltSite:
    return served[0]


@pytest.fixture(scope="session")
def base_url(served: tuple[BuiltSite, str]) -> str:
    return served[1]


@pytest.fixture(scope="session")
def kinds(built: BuiltSite) -> dict[str, str]:
    return page_kinds(built.public)


@pytest.fixture(scope="session")
def browser(served: tuple[BuiltSite, str]) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()  # type: ignore[attr-defined]


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from tests/browser/node_modules, installed from the committed lock file if missing."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is needed to install axe-core (apt-get install npm)")
        subprocess.run([npm, "ci", "--prefix", str(HERE), "--no-audit", "--no-fund"], check=True,
                       env={**os.environ, "npm_config_update_notifier": "false"})
    return AXE.read_text(encoding="utf-8")
