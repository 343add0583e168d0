"""`site-builder serve` as an editor uses it: the open page reloads by itself when an edit has been rebuilt, and a
broken edit is shown in the browser, not only in the terminal."""

from __future__ import annotations

import json
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from harness import GOLDEN_SITE

from site_builder.serve import STATUS_PATH


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture()
def preview(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """`site-builder serve` on the golden sample site (articles already ingested), stopped by its PID."""
    site = tmp_path / "site"
    shutil.copytree(GOLDEN_SITE, site)
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "site_builder", "serve", "--site", str(site), "--port",
                                str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("serving "):
                break
        else:
            pytest.fail(f"serve stopped before serving (exit {process.wait()})")
        yield site, line.split()[1]
    finally:
        process.send_signal(signal.SIGINT)
        try:
            assert process.wait(timeout=90) == 130  # Ctrl+C: a rebuild under way is let finish, then 130
        finally:
            if process.poll() is None:
                process.kill()


def build_count(base_url: str) -> int:
    origin = re.match(r"https?://[^/]+", base_url)
    assert origin is not None
    with urllib.request.urlopen(origin.group(0) + STATUS_PATH, timeout=5) as response:
        return int(json.load(response)["build"])


def wait_for_build(base_url: str, after: int, limit: float = 60) -> float:
    """When (time.monotonic) the server reported a build newer than `after`."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if build_count(base_url) > after:
            return time.monotonic()
        time.sleep(0.05)
    pytest.fail(f"no rebuild within {limit} s")


def article_file(site: Path) -> Path:
    return sorted((site / "content" / "articles").rglob("*.md"))[0]


def test_an_edit_reloads_the_open_page(preview: tuple[Path, str], page: object) -> None:
    site, base_url = preview
    file = article_file(site)
    page.goto(base_url)  # type: ignore[attr-defined]
    page.evaluate("window.__before_edit = true")  # type: ignore[attr-defined]
    builds = build_count(base_url)
    edited = time.monotonic()
    text = file.read_text(encoding="utf-8")
    file.write_text(re.sub(r"^title: .*$", "title: A Retitled Article Seen Live", text, count=1, flags=re.M),
                    encoding="utf-8")
    built = wait_for_build(base_url, builds)
    page.wait_for_function("!window.__before_edit", timeout=2000)  # type: ignore[attr-defined]
    reloaded = time.monotonic()
    page.wait_for_selector("text=A Retitled Article Seen Live", timeout=2000)  # type: ignore[attr-defined]
    print(f"rebuilt {built - edited:.2f} s after the edit; page reloaded {reloaded - built:.2f} s after that")
    assert reloaded - built <= 2.0


def test_a_broken_edit_is_shown_in_the_browser_and_the_fix_clears_it(preview: tuple[Path, str],
                                                                      page: object) -> None:
    site, base_url = preview
    file = article_file(site)
    good = file.read_text(encoding="utf-8")
    page.goto(base_url)  # type: ignore[attr-defined]
    builds = build_count(base_url)
    file.write_text(good.replace("\ndate: ", "\ndate: 2017-02-30\nold_date: ", 1), encoding="utf-8")
    wait_for_build(base_url, builds)
    alert = page.wait_for_selector("#site-builder-error", timeout=5000)  # type: ignore[attr-defined]
    assert "the last rebuild failed" in alert.text_content()
    assert file.relative_to(site).as_posix() in alert.text_content()
    builds = build_count(base_url)
    file.write_text(good, encoding="utf-8")
    wait_for_build(base_url, builds)
    page.wait_for_selector("#site-builder-error", state="detached", timeout=5000)  # type: ignore[attr-defined]
