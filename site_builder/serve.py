"""Local preview: build, serve the output on 127.0.0.1, rebuild when content or templates change, and reload the
pages a browser has open when a rebuild finishes (or show why it failed)."""

from __future__ import annotations

import functools
import json
import sys
import threading
import traceback
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path

from site_builder import pipeline
from site_builder.config import Config
from site_builder.errors import ExitCode, SiteError

# The preview's own URLs, outside any base path, so no page of the site can shadow them.
STATUS_PATH = "/__site-builder/status"
RELOAD_SCRIPT_PATH = "/__site-builder/reload.js"
# Injected into every page the preview serves (never into public/): reloads the page when a build finishes and shows
# a failed one. Its poll URL is STATUS_PATH.
RELOAD_SCRIPT = (resources.files("site_builder") / "preview_reload.js").read_bytes()


@dataclass
class BuildStatus:
    """What the preview tells the open pages: how many builds finished, and the last one's error, if any."""

    build: int = 0
    error: str | None = None
    code: int = 0  # the latest build's exit code
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def finished(self, error: str | None, code: int) -> None:
        with self.lock:
            self.build += 1
            self.error, self.code = error, code

    def as_json(self) -> bytes:
        with self.lock:
            return json.dumps({"build": self.build, "error": self.error}).encode()


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the site under its base path, with the site's own 404 page; with a status, also the reload script,
    which it adds to every HTML page it serves (the built files are never changed)."""

    base_path = "/"
    status: BuildStatus | None = None

    def do_GET(self) -> None:
        route = self.path.split("?", 1)[0]
        if self.status is not None and route == STATUS_PATH:
            self._send(200, "application/json", self.status.as_json())
        elif self.status is not None and route == RELOAD_SCRIPT_PATH:
            self._send(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT)
        elif self.status is not None and (page := self._html_file()) is not None:
            self._send(200, "text/html; charset=utf-8", _with_reload_script(page.read_bytes()))
        else:
            super().do_GET()

    def _html_file(self) -> Path | None:
        """The HTML file this request would be answered with, or None (folders without a slash are redirected by
        the base class, everything else is served as it is)."""
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return None
            target = target / "index.html"
        return target if target.suffix == ".html" and target.is_file() else None

    def _send(self, code: int, content_type: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

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
            self._send(404, "text/html; charset=utf-8",
                       _with_reload_script(body) if self.status is not None else body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _with_reload_script(page: bytes) -> bytes:
    tag = f'<script src="{RELOAD_SCRIPT_PATH}" defer></script>'.encode()
    at = page.rfind(b"</body>")
    return page[:at] + tag + page[at:] if at >= 0 else page + tag


class PreviewServer(ThreadingHTTPServer):
    """A browser opens many connections at once (stylesheets, scripts, search chunks): a backlog fit for that,
    threads that never hold up the exit, and a client that hangs up is no traceback."""

    request_queue_size = 256
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):  # reset, aborted, broken pipe: the client left
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


def make_server(config: Config, port: int, status: BuildStatus | None = None) -> ThreadingHTTPServer:
    """The preview server; with `status`, open pages reload when a build finishes and show a failed one."""
    handler = type("Handler", (SiteHandler,), {"base_path": config.base_path, "status": status})
    return PreviewServer(("127.0.0.1", port), functools.partial(handler, directory=str(config.paths.output)))


def serve(config: Config, port: int) -> int:
    status = BuildStatus()
    server = make_server(config, port, status)
    local = config.with_overrides(base_url=f"http://127.0.0.1:{server.server_address[1]}{config.base_path}")
    rebuild(local, status)
    watcher = threading.Thread(target=watch, args=(local, status), daemon=True)
    watcher.start()
    print(f"serving {local.base_url} (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        # Stopped by Ctrl+C: 130, unless the latest build failed, which fails the command (exit 1 or 2) too.
        return status.code or int(ExitCode.INTERRUPTED)
    finally:
        server.server_close()
    return status.code


def rebuild(config: Config, status: BuildStatus) -> None:
    """One build; whatever goes wrong is printed and shown in the browser, and the preview carries on."""
    try:
        result = pipeline.build(config)
    except SiteError as error:
        _failed(status, f"error: {error}", int(error.exit_code))
        return
    except Exception as error:  # a bug must not kill the watcher and leave a stale site unexplained
        _failed(status, "".join(traceback.format_exception(error)).rstrip() +
                "\nhint: this is a bug in site-builder; please report it with the traceback", int(ExitCode.CONTENT))
        return
    errors = [str(p) for p in result.problems if p.is_error]
    for problem in result.problems:
        print(problem, file=sys.stderr)
    print(f"built {result.articles} articles  [{result.timings}]", flush=True)
    status.finished("\n".join(errors) or None, int(ExitCode.CONTENT if result.failed(strict=False) else ExitCode.OK))


def _failed(status: BuildStatus, message: str, code: int) -> None:
    print(message, file=sys.stderr, flush=True)
    status.finished(message, code)


def watch(config: Config, status: BuildStatus) -> None:
    from watchfiles import watch as changes_of

    paths = config.paths
    watched = [p for p in (paths.sources, paths.articles, paths.entities, paths.pages, paths.templates) if p.exists()]
    for _changes in changes_of(*watched, watch_filter=lambda _change, path: ".ingest-state" not in path):
        rebuild(config, status)
