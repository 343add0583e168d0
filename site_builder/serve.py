"""Local preview: build, serve the output on 127.0.0.1, rebuild when content or templates change."""

from __future__ import annotations

import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from site_builder import pipeline
from site_builder.config import Config
from site_builder.errors import ExitCode, SiteError


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the site under its base path, with the site's own 404 page."""

    base_path = "/"

    def translate_path(self, path: str) -> str:
        if path.startswith(self.base_path):
            path = "/" + path[len(self.base_path):]
        elif path.split("?", 1)[0] == self.base_path.rstrip("/"):
            path = "/"  # '/archive' -> the home folder, which redirects to '/archive/'
        else:
            path = "/404.html/outside-the-base-path"  # as on the real host: nothing lives outside base_url
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:
        pass


def make_server(config: Config, port: int) -> ThreadingHTTPServer:
    handler = type("Handler", (SiteHandler,), {"base_path": config.base_path})
    return ThreadingHTTPServer(("127.0.0.1", port),
                               functools.partial(handler, directory=str(config.paths.output)))


def serve(config: Config, port: int) -> int:
    server = make_server(config, port)
    local = config.with_overrides(base_url=f"http://127.0.0.1:{server.server_address[1]}{config.base_path}")
    last = [_rebuild(local)]  # the exit code of the latest build: a failed build fails the command too
    watcher = threading.Thread(target=_watch, args=(local, last), daemon=True)
    watcher.start()
    print(f"serving {local.base_url} (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return last[0]


def _rebuild(config: Config) -> int:
    """Build, report, and say how it went as an exit code (the server goes on serving either way)."""
    try:
        result = pipeline.build(config)
    except SiteError as error:
        print(f"error: {error}", file=sys.stderr, flush=True)
        return int(error.exit_code)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    print(f"built {result.articles} articles  [{result.timings}]", flush=True)
    return int(ExitCode.CONTENT if result.failed(strict=False) else ExitCode.OK)


def _watch(config: Config, last: list[int]) -> None:
    from watchfiles import watch

    paths = config.paths
    watched = [p for p in (paths.sources, paths.articles, paths.entities, paths.pages, paths.templates) if p.exists()]
    for _changes in watch(*watched, watch_filter=lambda _change, path: ".ingest-state" not in path):
        last[0] = _rebuild(config)
