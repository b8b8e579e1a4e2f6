"""A loopback HTTP server for files in Common Crawl's layout that honours ``Range`` (206,
``Content-Range``, 416 past the end) and can break connections mid-body: what ``newsclean
ccnews`` streams from in ``make bench-ccnews`` and in the tests."""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


@dataclass
class _State:
    root: Path
    hits: Counter[str] = field(default_factory=Counter)
    ranges: list[tuple[str, int]] = field(default_factory=list)
    break_after: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (bytes, times)
    busy: Counter[str] = field(default_factory=Counter)  # path -> 503 answers still to give
    ignore_range: bool = False  # answer 200 with the whole file, as a server without ranges
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
        m = None if st.ignore_range else re.match(r"bytes=(\d+)-$",
                                                  self.headers.get("Range") or "")
        with st.lock:
            st.hits[rel] += 1
            if st.busy[rel] > 0:
                st.busy[rel] -= 1
                self._send(503, b"Slow Down")
                return
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

    def busy(self, rel: str, times: int) -> None:
        """Answer the next ``times`` requests of ``rel`` with 503 Slow Down."""
        with self.state.lock:
            self.state.busy[rel] = times

    def break_after(self, rel: str, nbytes: int, times: int = 1) -> None:
        with self.state.lock:
            self.state.break_after[rel] = (nbytes, times)

    def __enter__(self) -> CcnewsServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
