"""A fault-injecting news site on 127.0.0.1: raw asyncio HTTP/1.1, to reset, truncate and stall.

Start it with ``with FaultServer() as srv: srv.url``. It records every request (host and path)
and counts every fault it injected by kind, so a test can compare what the crawler saw with
what really happened on the wire. ``FaultServer(plain=N)`` serves a healthy site of N articles
instead (for crash tests), optionally slowed by ``delay`` seconds per article.
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Final

from tests.support import faultsite as site

HEAD_LIMIT: Final = 64 * 1024  # bytes of request head read before giving up
STALL: Final = 8.0  # seconds a "timeout" page waits before answering (above the test timeout)
TRICKLE_CHUNKS: Final = 8  # the readable slow page arrives in this many pieces...
TRICKLE_PAUSE: Final = 0.08  # ...this many seconds apart


@dataclass
class Hit:
    """One request the server received."""

    host: str
    path: str
    time: float = 0.0  # time.monotonic() when the request head arrived


@dataclass
class _State:
    hits: list[Hit] = field(default_factory=list)
    injected: Counter[str] = field(default_factory=Counter)
    attempts: Counter[str] = field(default_factory=Counter)


def _gzip_bomb() -> bytes:
    member = gzip.compress(b" " * (64 << 20), compresslevel=9)
    return member * site.GZIP_BOMB_MEMBERS


class FaultServer:
    """The fault site (or a plain site of ``plain`` articles) served from a background thread."""

    def __init__(self, *, plain: int = 0, delay: float = 0.0) -> None:
        self.plain = plain
        self.delay = delay
        self.state = _State()
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.AbstractServer | None = None
        self._bomb = b"" if plain else _gzip_bomb()
        self._lock = threading.Lock()

    # -- life cycle -------------------------------------------------------------------------
    def start(self) -> FaultServer:
        """Bind a free port on 127.0.0.1 and serve until ``stop``."""
        self._thread.start()
        fut = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        fut.result(10)
        return self

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0, limit=HEAD_LIMIT)
        self.port = self._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        """Close the listening socket, cancel open connections, end the loop thread."""
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """Base URL with a trailing slash, e.g. ``http://127.0.0.1:PORT/``."""
        return f"http://127.0.0.1:{self.port}/"

    @property
    def offsite(self) -> str:
        """Another host name for the same server: any request to it is an off-site request."""
        return f"http://localhost:{self.port}"

    @property
    def hits(self) -> list[Hit]:
        """A copy of every request received so far."""
        with self._lock:
            return list(self.state.hits)

    @property
    def injected(self) -> Counter[str]:
        """Faults injected so far, by kind."""
        with self._lock:
            return Counter(self.state.injected)

    def _inject(self, kind: str) -> None:
        with self._lock:
            self.state.injected[kind] += 1

    # -- HTTP ---------------------------------------------------------------------------------
    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            writer.close()
            return
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        path = parts[1] if len(parts) > 1 else "/"
        host = next((ln.split(":", 1)[1].strip() for ln in lines[1:]
                     if ln.lower().startswith("host:")), "")
        with self._lock:
            self.state.hits.append(Hit(host, path, time.monotonic()))
            self.state.attempts[path.split("?", 1)[0]] += 1
            attempt = self.state.attempts[path.split("?", 1)[0]]
        try:
            await self._route(writer, host, path, attempt)
            await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            if not writer.is_closing():
                writer.close()

    async def _send(self, writer: asyncio.StreamWriter, status: str, body: bytes = b"", *,
                    ctype: str = "text/html; charset=utf-8", headers: tuple[str, ...] = (),
                    length: int | None = None) -> None:
        extra = "".join(f"{h}\r\n" for h in headers)
        size = len(body) if length is None else length
        writer.write(
            f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {size}\r\n"
            f"Connection: close\r\n{extra}\r\n".encode("latin-1") + body
        )

    async def _route(self, writer: asyncio.StreamWriter, host: str, path: str,
                     attempt: int) -> None:
        if not host.startswith("127.0.0.1:"):
            self._inject("offsite_request_received")
            await self._send(writer, "404 Not Found", b"off-site")
            return
        base = self.url
        if self.plain:
            await self._route_plain(writer, path, base)
            return
        static: dict[str, tuple[str, str]] = {
            "/": (site.home_html(base, self.offsite), "text/html; charset=utf-8"),
            "/robots.txt": (site.robots_txt(base), "text/plain"),
            "/sitemap.xml": (site.sitemap_xml(base), "application/xml"),
            "/sitemap-bomb.xml": (site.billion_laughs_sitemap(base), "application/xml"),
            "/sitemap-xxe.xml": (site.xxe_sitemap(base), "application/xml"),
            "/feed.xml": (site.feed_xml(base, hostile=False), "application/rss+xml"),
            "/feed-xxe.xml": (site.feed_xml(base, hostile=True), "application/rss+xml"),
        }
        if path in static:
            text, ctype = static[path]
            if path in ("/sitemap-bomb.xml",):
                self._inject("sitemap_entity_bomb")
            elif path in ("/sitemap-xxe.xml", "/feed-xxe.xml"):
                self._inject("sitemap_xxe" if "sitemap" in path else "feed_xxe")
            await self._send(writer, "200 OK", text.encode(), ctype=ctype)
            return
        if path == "/sitemap-bomb.xml.gz":  # a gzip file (no Content-Encoding): 2 GiB inflated
            self._inject("sitemap_gzip_bomb")
            await self._send(writer, "200 OK", self._bomb, ctype="application/x-gzip")
            return
        if path.startswith("/canary/"):
            self._inject("xml_parser_network_access")
            await self._send(writer, "200 OK", b"<!ENTITY canaryhit 'x'>", ctype="text/plain")
            return
        if path == site.REDIRECT_TARGET.path:
            page = site.page("redirect-ok")
            await self._send(writer, "200 OK", site.article_html(page).encode())
            return
        page = site.PAGE_BY_PATH.get(path.split("?", 1)[0])
        if page is None:
            await self._send(writer, "404 Not Found", b"<html><body>not here</body></html>")
            return
        if page.kind == "ok" or (page.mode == site.TRANSIENT and attempt > 1):
            await self._send(writer, "200 OK", site.article_html(page).encode())
            return
        self._inject(page.kind)
        await FAULTS[page.kind](self, writer, page)

    async def _route_plain(self, writer: asyncio.StreamWriter, path: str, base: str) -> None:
        pages = [site.Page(f"plain-{n:04d}", "ok", readable=True) for n in range(self.plain)]
        if path == "/":
            links = "".join(f'<li><a href="{p.path}">{p.slug}</a></li>' for p in pages)
            body = f"<html><head><title>Plain</title></head><body><ul>{links}</ul></body></html>"
            await self._send(writer, "200 OK", body.encode())
        elif path == "/robots.txt":
            await self._send(writer, "200 OK", f"User-agent: *\nSitemap: {base}sitemap.xml\n"
                             .encode(), ctype="text/plain")
        elif path == "/sitemap.xml":
            urls = "".join(f"<url><loc>{base}{p.path.lstrip('/')}</loc></url>" for p in pages)
            body = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org'
                    f'/schemas/sitemap/0.9">{urls}</urlset>')
            await self._send(writer, "200 OK", body.encode(), ctype="application/xml")
        elif path.startswith("/news/2025/09/03/plain-"):
            if self.delay:
                await asyncio.sleep(self.delay)
            slug = path.rsplit("/", 1)[1].removesuffix(".html")
            await self._send(writer, "200 OK",
                             site.article_html(site.Page(slug, "ok")).encode())
        else:
            await self._send(writer, "404 Not Found", b"not here")

    # -- the faults -----------------------------------------------------------------------------
    async def _status(self, writer: asyncio.StreamWriter, page: site.Page) -> None:
        status = {"http_500": "500 Internal Server Error", "http_502": "502 Bad Gateway",
                  "http_503": "503 Service Unavailable", "http_429": "429 Too Many Requests",
                  "http_403": "403 Forbidden", "http_404": "404 Not Found"}[page.kind]
        headers = ("Retry-After: 1",) if page.kind in ("http_429", "http_503") else ()
        await self._send(writer, status, b"<html><body>error</body></html>", headers=headers)

    async def _timeout(self, writer: asyncio.StreamWriter, page: site.Page) -> None:
        await asyncio.sleep(STALL)
        await self._send(writer, "200 OK", site.article_html(page).encode())

    async def _reset(self, writer: asyncio.StreamWriter, page: site.Page) -> None:
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()

    async def _truncated(self, writer: asyncio.StreamWriter, page: site.Page) -> None:
        body = site.article_html(page).encode()
        await self._send(writer, "200 OK", body[: len(body) // 3], length=len(body))

    async def _trickle(self, writer: asyncio.StreamWriter, page: site.Page) -> None:
        body = site.article_html(page).encode()
        await self._send(writer, "200 OK", length=len(body))
        step = len(body) // TRICKLE_CHUNKS + 1
        stall = page.kind == "trickle_stall"
        for i in range(0, min(len(body), 60) if stall else len(body), 1 if stall else step):
            writer.write(body[i:i + (1 if stall else step)])
            await writer.drain()
            await asyncio.sleep(0.5 if stall else TRICKLE_PAUSE)

    async def _redirect(self, writer: asyncio.StreamWriter, page: site.Page) -> None:
        target = {
            "redirect_same_site": site.REDIRECT_TARGET.path,
            "redirect_loop": f"{page.path}?hop={self.state.attempts[page.path]}",  # endless
            "redirect_offsite": f"{self.offsite}/news/2025/09/03/offsite-redirect.html",
            "redirect_file_scheme": "file:///etc/passwd",
            "redirect_ftp_scheme": f"ftp://127.0.0.1:{self.port}/etc/passwd",
        }[page.kind]
        await self._send(writer, "301 Moved Permanently", headers=(f"Location: {target}",))

    async def _meta_refresh(self, writer: asyncio.StreamWriter, page: site.Page) -> None:
        target = ("file:///etc/passwd" if page.kind == "meta_refresh_file_scheme"
                  else f"{self.offsite}/news/2025/09/03/offsite-refresh.html")
        body = (f'<html><head><meta http-equiv="refresh" content="0; url={target}"></head>'
                "<body></body></html>")  # nothing to read: only the (refused) refresh
        await self._send(writer, "200 OK", body.encode())

    async def _charset(self, writer: asyncio.StreamWriter, page: site.Page) -> None:
        html = site.article_html(page, charset_meta=False)
        if page.kind == "charset_cp1252_labelled_utf8":
            await self._send(writer, "200 OK", html.encode("cp1252"),
                             ctype="text/html; charset=utf-8")
        elif page.kind == "charset_utf8_labelled_cp1252":
            await self._send(writer, "200 OK", html.encode("utf-8"),
                             ctype="text/html; charset=windows-1252")
        else:
            await self._send(writer, "200 OK", html.encode("utf-8"), ctype="text/html")

    async def _non_html(self, writer: asyncio.StreamWriter, page: site.Page) -> None:
        if page.kind == "non_html_pdf":
            body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + bytes(range(256)) * 8
            await self._send(writer, "200 OK", body, ctype="application/pdf")
        else:
            body = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
            await self._send(writer, "200 OK", body, ctype="image/png")

    async def _empty(self, writer: asyncio.StreamWriter, page: site.Page) -> None:
        await self._send(writer, "200 OK", b"")

    async def _gzip_bomb_page(self, writer: asyncio.StreamWriter, page: site.Page) -> None:
        await self._send(writer, "200 OK", self._bomb, headers=("Content-Encoding: gzip",))

    async def _huge(self, writer: asyncio.StreamWriter, page: site.Page) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                     b"Connection: close\r\n\r\n<html><body><article><p>")
        chunk = b"word " * (1 << 16)
        for _ in range(site.HUGE_PAGE // len(chunk)):
            writer.write(chunk)
            await writer.drain()

    async def _deep(self, writer: asyncio.StreamWriter, page: site.Page) -> None:
        n = site.DEEP_NESTING
        html = site.article_html(page).replace("<article>", "<div>" * n + "<article>", 1)
        await self._send(writer, "200 OK", (html + "</div>" * n).encode())


Fault = Callable[[FaultServer, asyncio.StreamWriter, site.Page], Awaitable[None]]
FAULTS: Final[dict[str, Fault]] = {
    **dict.fromkeys(("http_500", "http_502", "http_503", "http_429", "http_403", "http_404"),
                    FaultServer._status),
    "timeout": FaultServer._timeout,
    "reset": FaultServer._reset,
    "truncated": FaultServer._truncated,
    "trickle_slow": FaultServer._trickle,
    "trickle_stall": FaultServer._trickle,
    **dict.fromkeys(("redirect_same_site", "redirect_loop", "redirect_offsite",
                     "redirect_file_scheme", "redirect_ftp_scheme"), FaultServer._redirect),
    **dict.fromkeys(("meta_refresh_file_scheme", "meta_refresh_offsite"),
                    FaultServer._meta_refresh),
    **dict.fromkeys(("charset_cp1252_labelled_utf8", "charset_utf8_labelled_cp1252",
                     "charset_missing"), FaultServer._charset),
    **dict.fromkeys(("non_html_pdf", "non_html_image"), FaultServer._non_html),
    "empty_200": FaultServer._empty,
    "gzip_bomb": FaultServer._gzip_bomb_page,
    "huge_page": FaultServer._huge,
    "deep_nesting": FaultServer._deep,
}
