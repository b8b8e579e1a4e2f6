"""A real threaded HTTP server on 127.0.0.1 for tests: a directory, a dict of routes, or both.

Usage::

    with LocalHTTPServer(root=tmp_path, routes={"/robots.txt": robots_txt(crawl_delay=1)}) as srv:
        srv.url                      # "http://127.0.0.1:PORT"
        srv.url_for("/a.html")       # absolute URL of a path
        srv.set_route("/a.html", "<html>changed</html>")   # change content between runs
        srv.set_route("/gone.html", status=404)
        srv.delay = 0.05             # seconds slept before every answer (a slow server)
        srv.requests                 # [RequestLog(path, time, user_agent, method), ...]

Routes win over files under ``root``; a route key may include a query (``/list?page=2``), tried
before the bare path. A route value is ``str``/``bytes`` (body, 200, type guessed
from the path, HTML by default) or a ``Route``. Directories serve their ``index.html``. Each answer
carries ``Content-Length`` and the connection closes after it (HTTP/1.0). The server binds a free
port chosen by the OS and runs in a daemon thread; ``stop()`` (or leaving the ``with``) shuts it
down.
"""

from __future__ import annotations

import mimetypes
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import unquote, urlsplit

__all__ = ["LocalHTTPServer", "RequestLog", "Route", "robots_txt"]


@dataclass(frozen=True)
class Route:
    """One canned answer: body, status, content type and extra headers."""

    body: bytes = b""
    status: int = 200
    content_type: str | None = None
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RequestLog:
    """One request the server received (monotonic ``time`` in seconds)."""

    path: str  # with the query string, if any
    time: float
    user_agent: str
    method: str = "GET"


@dataclass
class _State:
    root: Path | None
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[RequestLog] = field(default_factory=list)
    delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


def robots_txt(
    *, disallow: tuple[str, ...] = (), crawl_delay: float | None = None,
    sitemaps: tuple[str, ...] = (), agent: str = "*",
) -> str:
    """Build a robots.txt text: one group for ``agent`` plus ``Sitemap:`` lines."""
    lines = [f"User-agent: {agent}"]
    lines += [f"Disallow: {path}" for path in disallow] or ["Disallow:"]
    if crawl_delay is not None:
        lines.append(f"Crawl-delay: {crawl_delay:g}")
    lines += [f"Sitemap: {url}" for url in sitemaps]
    return "\n".join(lines) + "\n"


def _as_route(value: Route | str | bytes) -> Route:
    if isinstance(value, Route):
        return value
    return Route(body=value.encode("utf-8") if isinstance(value, str) else value)


def _guess_type(path: str) -> str:
    if path.endswith("/") or "." not in path.rsplit("/", 1)[-1]:
        return "text/html; charset=utf-8"
    if path.endswith((".xml", ".rss", ".atom")):
        return "application/xml; charset=utf-8"
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") else kind


class _Handler(BaseHTTPRequestHandler):
    server_version = "newsclean-test/1"
    state: _State  # set on the subclass made per server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Stay quiet: tests read ``requests`` instead of stderr."""

    def do_HEAD(self) -> None:  # noqa: N802
        """Answer like GET without a body."""
        self._answer(send_body=False)

    def do_GET(self) -> None:  # noqa: N802
        """Serve a route, a file under root, or 404."""
        self._answer(send_body=True)

    def _answer(self, *, send_body: bool) -> None:
        parts = urlsplit(self.path)
        path = unquote(parts.path) or "/"
        full = f"{path}?{parts.query}" if parts.query else path
        state = self.state
        with state.lock:
            state.requests.append(
                RequestLog(full, time.monotonic(), self.headers.get("User-Agent", ""), self.command)
            )
            route = state.routes.get(full) or state.routes.get(path)
            delay = state.delay
        if delay:
            time.sleep(delay)
        route = route or self._from_root(path)
        content_type = route.content_type or _guess_type(path)
        self.send_response(route.status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(route.body)))
        for name, value in route.headers:
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(route.body)

    def _from_root(self, path: str) -> Route:
        root = self.state.root
        if root is None:
            return Route(b"not found", status=404, content_type="text/plain")
        target = (root / path.lstrip("/")).resolve()
        if root.resolve() not in (target, *target.parents):
            return Route(b"forbidden", status=403, content_type="text/plain")
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return Route(b"not found", status=404, content_type="text/plain")
        ctype = "text/html; charset=utf-8" if target.suffix == ".html" else None
        return Route(target.read_bytes(), content_type=ctype or _guess_type(target.name))


class LocalHTTPServer:
    """A threaded HTTP server on a free 127.0.0.1 port serving ``root`` and/or ``routes``."""

    def __init__(
        self, root: str | Path | None = None,
        routes: dict[str, Route | str | bytes] | None = None, *, delay: float = 0.0,
    ) -> None:
        self._state = _State(root=Path(root) if root is not None else None, delay=delay)
        self.set_routes(routes or {})
        handler = type("Handler", (_Handler,), {"state": self._state})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The bound port."""
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """Base URL without a trailing slash, e.g. ``http://127.0.0.1:41234``."""
        return f"http://127.0.0.1:{self.port}"

    def url_for(self, path: str) -> str:
        """Absolute URL of a server path."""
        return self.url + "/" + path.lstrip("/")

    @property
    def delay(self) -> float:
        """Seconds slept before each answer."""
        return self._state.delay

    @delay.setter
    def delay(self, seconds: float) -> None:
        with self._state.lock:
            self._state.delay = seconds

    @property
    def requests(self) -> list[RequestLog]:
        """A copy of the request log, oldest first."""
        with self._state.lock:
            return list(self._state.requests)

    def clear_requests(self) -> None:
        """Forget the request log (e.g. between two crawl runs)."""
        with self._state.lock:
            self._state.requests.clear()

    def set_route(
        self, path: str, body: str | bytes = b"", *, status: int = 200,
        content_type: str | None = None, headers: tuple[tuple[str, str], ...] = (),
    ) -> None:
        """Add or replace the answer for ``path``."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self._state.lock:
            self._state.routes[path] = Route(data, status, content_type, headers)

    def set_routes(self, routes: dict[str, Route | str | bytes]) -> None:
        """Add or replace several routes at once."""
        with self._state.lock:
            self._state.routes.update({p: _as_route(v) for p, v in routes.items()})

    def remove_route(self, path: str) -> None:
        """Drop a route (the path then falls back to ``root`` or 404)."""
        with self._state.lock:
            self._state.routes.pop(path, None)

    def start(self) -> Self:
        """Start serving in a daemon thread; returns self."""
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True,
                                        name=f"test-http-{self.port}")
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
