#!/usr/bin/env python3
"""Build the seed site, serve it, and save a screenshot of every page kind at 390 px and 1280 px wide (and the
article in print emulation).

    .venv/bin/python scripts/screenshots.py [--out screenshots] [--dark]

The PNGs (git-ignored) are for a person to look at: does each page read well on a phone and a wide screen?
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))

from harness import launch_chromium, page_kinds, served_seed_site  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

WIDTHS = (390, 1280)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "screenshots")
    parser.add_argument("--dark", action="store_true", help="also shoot every page in dark mode")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    schemes = ("light", "dark") if args.dark else ("light",)
    with (tempfile.TemporaryDirectory(prefix="screenshots-") as work,
          served_seed_site(Path(work)) as (built, base), sync_playwright() as playwright):
        browser = launch_chromium(playwright)
        for scheme in schemes:
            for width in WIDTHS:
                shoot(browser, base, page_kinds(built.public), width, scheme, args.out)
        browser.close()  # type: ignore[attr-defined]
    print(f"screenshots in {args.out}")
    return 0


def shoot(browser: object, base: str, kinds: dict[str, str], width: int, scheme: str, out: Path) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[attr-defined]
    for kind, path in kinds.items():
        page.goto(base + path + ("?q=Nazarbayev" if kind == "search" else ""))
        if kind == "search":
            page.wait_for_selector(".search-result", timeout=10_000)
        suffix = "" if scheme == "light" else "-dark"
        page.screenshot(path=str(out / f"{kind}-{width}{suffix}.png"), full_page=True)
    if scheme == "light":  # the article as it prints: every citation shown, no navigation
        page.goto(base + kinds["article"])
        page.emulate_media(media="print")
        page.screenshot(path=str(out / f"article-print-{width}.png"), full_page=True)
    page.close()


if __name__ == "__main__":
    raise SystemExit(main())
