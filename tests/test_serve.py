"""The preview server: serves the built site under its base path, with the site's own 404 page."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from site_builder.config import load_config
from site_builder.serve import make_server


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
