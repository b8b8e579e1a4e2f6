"""A CC-NEWS look-alike for tests: WARC files written with warcio in Common Crawl's layout
(``crawl-data/CC-NEWS/YYYY/MM/warc.paths.gz`` + ``CC-NEWS-<14 digits>-<5 digits>.warc.gz``),
and a loopback HTTP server for them that honours ``Range`` and can break connections."""

from __future__ import annotations

import gzip
import io
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

_NL_TEXT = ("de regering kondigde vandaag nieuwe maatregelen aan voor het onderwijs en de "
            "zorg in alle provincies van het land terwijl de oppositie kritiek uitte")
_DE_TEXT = ("die regierung hat heute neue regeln für schulen und krankenhäuser in allen "
            "ländern angekündigt während die opposition scharfe kritik übte")
_WORDS, _DE = tuple(_NL_TEXT.split()), tuple(_DE_TEXT.split())


@dataclass(frozen=True)
class Article:
    """One news page to put in a WARC."""

    host: str
    slug: str
    day: str  # YYYY-MM-DD, the publication date
    language: str = "nl"
    version: int = 1  # a different text per version (an edited article)

    @property
    def url(self) -> str:
        return f"https://{self.host}/nieuws/{self.day}/{self.slug}.html"

    @property
    def title(self) -> str:
        return f"Bericht {self.slug} over {self.host}"

    def html(self) -> str:
        words = _DE if self.language == "de" else _WORDS
        paras = []
        for i in range(4):
            shift = (sum(map(ord, self.slug)) + i + self.version * 7) % len(words)
            text = " ".join(words[shift:] + words[:shift]).capitalize()
            paras.append(f"<p>{text}. {self.slug} {i} v{self.version}. {text}.</p>")
        return (f'<!doctype html><html lang="{self.language}"><head><meta charset="utf-8">'
                f"<title>{self.title}</title>"
                f'<meta property="article:published_time" content="{self.day}T08:00:00+00:00">'
                f'<link rel="canonical" href="{self.url}"></head><body><nav>Home</nav>'
                f"<article><h1>{self.title}</h1>{''.join(paras)}</article>"
                "<footer>Colofon</footer></body></html>")


def warc_rel(stamp: str, serial: int) -> str:
    """``crawl-data/CC-NEWS/YYYY/MM/CC-NEWS-<stamp>-<serial>.warc.gz``."""
    return f"crawl-data/CC-NEWS/{stamp[:4]}/{stamp[4:6]}/CC-NEWS-{stamp}-{serial:05d}.warc.gz"


def write_warc(path: Path, articles: list[Article], *, extras: bool = True,
               padding: int = 0) -> list[int]:
    """A CC-NEWS-like WARC: warcinfo, then a response per article (plus, with ``extras``, a
    404 page, an image and a redirect); returns the offsets of the article responses.
    ``padding`` adds that many bytes of random-looking text per page (bigger, slower files)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    offsets = []
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))

        def response(url: str, status: str, ctype: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype),
                                                ("Content-Length", str(len(body)))],
                                       protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                length=len(body), http_headers=headers))

        for n, art in enumerate(articles):
            body = art.html().encode()
            if padding:
                filler = " ".join(f"{art.slug}{n}x{i}" for i in range(padding // 12))
                body = body.replace(b"<footer>", f"<aside>{filler}</aside><footer>".encode())
            offsets.append(fh.tell())
            response(art.url, "200 OK", "text/html; charset=utf-8", body)
            if extras and n % 3 == 0:
                response(f"https://{art.host}/missing-{n}", "404 Not Found", "text/html",
                         b"<html><body>Not found</body></html>")
                response(f"https://{art.host}/logo-{n}.png", "200 OK", "image/png",
                         b"\x89PNG\r\n\x1a\n" + bytes(64))
    return offsets


def write_listing(base: Path, year: int, month: int, rels: list[str]) -> Path:
    """``crawl-data/CC-NEWS/YYYY/MM/warc.paths.gz`` naming ``rels``."""
    path = base / f"crawl-data/CC-NEWS/{year:04d}/{month:02d}/warc.paths.gz"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(("\n".join(rels) + "\n").encode()))
    return path


@dataclass
class _State:
    root: Path
    hits: Counter[str] = field(default_factory=Counter)
    ranges: list[tuple[str, int]] = field(default_factory=list)
    break_after: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (bytes, times)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    server: Any
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        st: _State = self.server.state
        rel = self.path.lstrip("/").split("?")[0]
        path = st.root / rel
        if ".." in rel.split("/") or not path.is_file():
            self._send(404, b"not found")
            return
        size = path.stat().st_size
        start = 0
        m = re.match(r"bytes=(\d+)-$", self.headers.get("Range") or "")
        with st.lock:
            st.hits[rel] += 1
            if m:
                start = int(m.group(1))
                st.ranges.append((rel, start))
            cut = None
            if rel in st.break_after and st.break_after[rel][1] > 0:
                nbytes, times = st.break_after[rel]
                st.break_after[rel] = (nbytes, times - 1)
                cut = nbytes
        if start >= size and m:
            self._send(416, b"")
            return
        self.send_response(206 if m else 200)
        self.send_header("Content-Length", str(size - start))
        self.send_header("Accept-Ranges", "bytes")
        if m:
            self.send_header("Content-Range", f"bytes {start}-{size - 1}/{size}")
        self.end_headers()
        with open(path, "rb") as fh:
            fh.seek(start)
            sent = 0
            while chunk := fh.read(1 << 16):
                if cut is not None and sent + len(chunk) > cut:
                    self.wfile.write(chunk[: cut - sent])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(2)  # a reset mid-body
                    return
                self.wfile.write(chunk)
                sent += len(chunk)

    def _send(self, code: int, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class CcnewsServer:
    """Serves ``root`` on 127.0.0.1 (a random port) with Range support; ``break_after`` makes
    the next ``times`` responses of a path stop after ``nbytes`` bytes."""

    def __init__(self, root: Path) -> None:
        self.state = _State(root)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.state = self.state  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def break_after(self, rel: str, nbytes: int, times: int = 1) -> None:
        with self.state.lock:
            self.state.break_after[rel] = (nbytes, times)

    def __enter__(self) -> CcnewsServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
