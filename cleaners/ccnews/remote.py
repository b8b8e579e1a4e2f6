"""Reading CC-NEWS files from a base: an HTTP(S) host, or a local folder in the same layout.

``open_warc(base, rel, offset)`` gives a binary stream of one WARC from byte ``offset``; over
HTTP it is a ``RangeStream``: a broken connection (reset, timeout, short body) is picked up
again with ``Range: bytes=<position>-``, so a file is read once, front to back, and never held
whole in memory or on disk. ``fetch_small`` reads a listing whole.
"""

from __future__ import annotations

import http.client
import io
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from cleaners.ccnews.defaults import (
    BUSY_STATUSES,
    HTTP_BACKOFF,
    HTTP_RETRIES,
    HTTP_TIMEOUT,
    USER_AGENT,
)
from cleaners.ccnews.errors import CcnewsError


def is_http(base: str) -> bool:
    """Whether ``base`` is an HTTP(S) URL (else a local folder, or ``file://``)."""
    return urlsplit(base).scheme in ("http", "https")


def url_of(base: str, rel: str) -> str:
    """Where ``rel`` lives under ``base`` (a URL, or a local path)."""
    if is_http(base):
        return base.rstrip("/") + "/" + rel.lstrip("/")
    return str(_local_root(base) / rel)


def _local_root(base: str) -> Path:
    return Path(urlsplit(base).path if base.startswith("file://") else base)


def _request(url: str, offset: int) -> Any:
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers),  # noqa: S310
                                  timeout=HTTP_TIMEOUT)


def _http_error(url: str, exc: Exception) -> CcnewsError:
    if isinstance(exc, urllib.error.HTTPError):
        return CcnewsError(f"{url}: HTTP {exc.code} {exc.reason}")
    reason = getattr(exc, "reason", None) or exc
    return CcnewsError(f"{url}: cannot fetch ({reason})")


def fetch_small(base: str, rel: str) -> bytes:
    """The whole of a small file (a listing); ``CcnewsError`` naming it when it is missing."""
    url = url_of(base, rel)
    if not is_http(base):
        try:
            return Path(url).read_bytes()
        except OSError as exc:
            raise CcnewsError(f"{url}: {exc.strerror or exc}") from exc
    for attempt in range(HTTP_RETRIES + 1):
        try:
            with _request(url, 0) as resp:
                return bytes(resp.read())
        except urllib.error.HTTPError as exc:
            if exc.code not in BUSY_STATUSES or attempt == HTTP_RETRIES:
                raise _http_error(url, exc) from exc
        except (urllib.error.URLError, OSError) as exc:
            if attempt == HTTP_RETRIES:
                raise _http_error(url, exc) from exc
        time.sleep(HTTP_BACKOFF * (2 ** attempt))
    raise AssertionError("unreachable")


class _Busy(Exception):
    """A connection refused or reset, or a status worth trying again."""


class RangeStream(io.RawIOBase):
    """A remote file read from ``offset`` on, reconnecting with a Range request when broken.

    ``CcnewsError`` (naming the URL) when the file is missing, the server does not honour
    ranges on a resume, or ``retries`` reconnects in a row fail (a refused connection and 429
    or 5xx answers are tried again too, backing off).
    """

    def __init__(self, url: str, offset: int = 0, *, retries: int = HTTP_RETRIES,
                 backoff: float = HTTP_BACKOFF) -> None:
        super().__init__()
        self.url = url
        self.position = offset
        self.size: int | None = None
        self.reconnects = 0
        self._retries = retries
        self._backoff = backoff
        self._resp: Any = None
        for attempt in range(retries + 1):
            try:
                self._connect()
                break
            except _Busy as exc:
                if attempt == retries:
                    raise CcnewsError(str(exc)) from exc
                time.sleep(backoff * (2 ** attempt))
                self.reconnects += 1

    def readable(self) -> bool:
        return True

    def _connect(self) -> None:
        try:
            resp = _request(self.url, self.position)
        except urllib.error.HTTPError as exc:
            if exc.code == 416 and self.size is not None and self.position >= self.size:
                self._resp = None  # asked past the end: nothing more to read
                return
            if exc.code in BUSY_STATUSES:
                raise _Busy(str(_http_error(self.url, exc))) from exc
            raise _http_error(self.url, exc) from exc
        except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            raise _Busy(str(_http_error(self.url, exc))) from exc
        if self.position and resp.status != 206:
            resp.close()
            raise CcnewsError(f"{self.url}: the server ignored Range: bytes={self.position}- "
                              f"(HTTP {resp.status}); cannot resume")
        length = resp.headers.get("Content-Length")
        if length is not None and length.isdigit():
            size = self.position + int(length)
            if self.size is not None and size != self.size:
                resp.close()
                raise CcnewsError(f"{self.url}: the file changed size while it was read "
                                  f"({self.size} -> {size} bytes)")
            self.size = size
        self._resp = resp

    def readinto(self, buffer: Any) -> int:
        failures = 0
        while True:
            if self._resp is None:
                if self.size is not None and self.position >= self.size:
                    return 0
                self._reconnect(failures, "connection closed")
                failures += 1
                continue
            try:
                n = self._resp.readinto(buffer)
            except (OSError, http.client.HTTPException, ValueError) as exc:
                n, why = -1, str(exc) or type(exc).__name__
            else:
                why = "body ended early"
            if n and n > 0:
                self.position += n
                return n
            self._resp.close()
            self._resp = None
            if n == 0 and (self.size is None or self.position >= self.size):
                return 0  # the whole file (or, without a length, what the server sent)
            self._reconnect(failures, why)
            failures += 1

    def _reconnect(self, failures: int, why: str) -> None:
        if failures >= self._retries:
            raise CcnewsError(f"{self.url}: broken at byte {self.position} of {self.size} "
                              f"after {failures} reconnects ({why})")
        time.sleep(self._backoff * (2 ** failures) if failures else 0)
        self.reconnects += 1
        try:
            self._connect()
        except _Busy as exc:
            if failures + 1 >= self._retries:
                raise CcnewsError(str(exc)) from exc
            self._resp = None

    def close(self) -> None:
        if self._resp is not None:
            self._resp.close()
            self._resp = None
        super().close()


def open_warc(base: str, rel: str, offset: int = 0) -> IO[bytes]:
    """A buffered binary stream of the WARC ``rel`` under ``base``, from byte ``offset``."""
    url = url_of(base, rel)
    if not is_http(base):
        try:
            fh = open(url, "rb")  # noqa: SIM115 - the caller closes it
        except OSError as exc:
            raise CcnewsError(f"{url}: {exc.strerror or exc}") from exc
        fh.seek(offset)
        return fh
    return io.BufferedReader(RangeStream(url, offset), buffer_size=1 << 16)
