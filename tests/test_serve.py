"""The preview server: serves the built site under its base path, with the site's own 404 page."""

from __future__ import annotations

import json
import socket
import struct
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from site_builder import serve
from site_builder.config import load_config
from site_builder.errors import ConfigError
from site_builder.serve import RELOAD_SCRIPT_PATH, STATUS_PATH, BuildStatus, make_server


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server for the module: binding resolves the host name, which can be slow."""
    bare_site = tmp_path_factory.mktemp("serve")
    (bare_site / "site.toml").write_text('base_url = "https://example.org/archive/"\n', encoding="utf-8")
    output = bare_site / "public"
    (output / "articles" / "2017" / "a").mkdir(parents=True)
    (output / "index.html").write_text("<h1>Home</h1>", encoding="utf-8")
    (output / "articles" / "2017" / "a" / "index.html").write_text("<h1>Article A</h1>", encoding="utf-8")
    (output / "404.html").write_text("<h1>Not in the archive</h1>", encoding="utf-8")
    server = make_server(load_config(bare_site), 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers.get("Content-Type", ""), error.read().decode()


@pytest.mark.parametrize(("path", "status", "body"), [
    ("/archive/", 200, "<h1>Home</h1>"),
    ("/archive/index.html", 200, "<h1>Home</h1>"),
    ("/archive/articles/2017/a/", 200, "<h1>Article A</h1>"),
    ("/archive/articles/2017/a", 200, "<h1>Article A</h1>"),  # redirected to the folder
    ("/archive", 200, "<h1>Home</h1>"),  # redirected to /archive/
    ("/archive/articles/2017/missing/", 404, "<h1>Not in the archive</h1>"),
    ("/archive/?q=kazakhstan", 200, "<h1>Home</h1>"),
    # Outside the base path nothing exists, as on the real host: a link that forgot base_url shows up here too.
    ("/", 404, "<h1>Not in the archive</h1>"),
    ("/index.html", 404, "<h1>Not in the archive</h1>"),
    ("/articles/2017/a/", 404, "<h1>Not in the archive</h1>"),
])
def test_serves_under_the_base_path_with_the_custom_404(server_url: str, path: str, status: int, body: str) -> None:
    code, content_type, text = fetch(server_url + path)
    assert (code, text) == (status, body)
    assert content_type.startswith("text/html")


# --- live preview: the reload script, the build status, errors shown, many clients at once -----------------------

@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, BuildStatus]]:
    site = tmp_path_factory.mktemp("preview")
    output = site / "public"
    output.mkdir()
    (output / "index.html").write_text("<html><body><h1>Home</h1></body></html>", encoding="utf-8")
    (output / "style.css").write_text("h1 {}", encoding="utf-8")
    (output / "big.bin").write_bytes(b"x" * (8 << 20))  # larger than any socket buffer: the write meets the reset
    (output / "404.html").write_text("<html><body><h1>Not here</h1></body></html>", encoding="utf-8")
    status = BuildStatus()
    server = make_server(load_config(site), 0, status)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", status
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_the_preview_adds_its_reload_script_to_html_pages_only(preview: tuple[str, BuildStatus]) -> None:
    url, _status = preview
    tag = f'<script src="{RELOAD_SCRIPT_PATH}" defer></script>'
    assert fetch(url + "/")[2] == f"<html><body><h1>Home</h1>{tag}</body></html>"
    assert fetch(url + "/index.html")[2].endswith(f"{tag}</body></html>")
    assert fetch(url + "/missing/")[:3:2] == (404, f"<html><body><h1>Not here</h1>{tag}</body></html>")
    assert fetch(url + "/style.css")[2] == "h1 {}"
    code, content_type, script = fetch(url + RELOAD_SCRIPT_PATH)
    assert code == 200 and content_type.startswith("text/javascript") and STATUS_PATH in script


def test_a_plain_server_changes_no_page(server_url: str) -> None:
    assert RELOAD_SCRIPT_PATH not in fetch(server_url + "/archive/")[2]
    assert fetch(server_url + STATUS_PATH)[0] == 404


def test_the_status_counts_builds_and_carries_the_last_error(preview: tuple[str, BuildStatus]) -> None:
    url, status = preview
    before = json.loads(fetch(url + STATUS_PATH)[2])
    status.finished("content/articles/2017/a.md:4: error: not a calendar date", 1)
    after = json.loads(fetch(url + STATUS_PATH)[2])
    assert after == {"build": before["build"] + 1, "error": "content/articles/2017/a.md:4: error: not a calendar date"}
    status.finished(None, 0)
    assert json.loads(fetch(url + STATUS_PATH)[2]) == {"build": before["build"] + 2, "error": None}


def test_a_rebuild_that_crashes_is_shown_and_the_preview_carries_on(monkeypatch: pytest.MonkeyPatch,
                                                                     bare_site: Path) -> None:
    status = BuildStatus()
    calls: list[int] = []

    def broken_build(_config: object) -> object:
        calls.append(1)
        raise RuntimeError("a bug in a template filter")

    monkeypatch.setattr(serve.pipeline, "build", broken_build)
    serve.rebuild(load_config(bare_site), status)
    assert status.build == 1 and status.error is not None
    assert "RuntimeError: a bug in a template filter" in status.error and "hint:" in status.error
    monkeypatch.setattr(serve.pipeline, "build", lambda _config: (_ for _ in ()).throw(ConfigError("bad base_url")))
    serve.rebuild(load_config(bare_site), status)
    assert status.build == 2 and status.error == "error: bad base_url"


def test_a_successful_rebuild_clears_the_error(bare_site: Path) -> None:
    (bare_site / "content" / "sources" / "a.txt").write_text(
        "Kazakhstan and Kyrgyzstan Sign a Border Treaty\n\nAstana, 3 April 2017 - The presidents signed a treaty.\n",
        encoding="utf-8")
    status = BuildStatus(build=4, error="old error")
    serve.rebuild(load_config(bare_site).with_overrides(output=bare_site / "out"), status)
    assert (status.build, status.error) == (5, None)
    assert (bare_site / "out" / "index.html").is_file()


def test_two_hundred_concurrent_requests_are_all_answered(preview: tuple[str, BuildStatus]) -> None:
    url, _status = preview
    with ThreadPoolExecutor(max_workers=200) as pool:
        codes = list(pool.map(lambda _i: fetch(url + "/style.css")[0], range(200)))
    assert codes == [200] * 200


def test_a_client_that_hangs_up_is_no_traceback(preview: tuple[str, BuildStatus],
                                                capfd: pytest.CaptureFixture[str]) -> None:
    url, _status = preview
    host, port = url.removeprefix("http://").split(":")
    for _ in range(5):
        with socket.create_connection((host, int(port))) as connection:
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset on close
            connection.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
            connection.recv(1024)  # the server is writing
    assert fetch(url + "/style.css")[0] == 200
    assert "Traceback" not in capfd.readouterr().err
