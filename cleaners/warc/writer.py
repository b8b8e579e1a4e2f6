"""``WarcArchiveWriter``: append pages as WARC 1.1 under ``<root>/_warc/<site>/``, crash-safe.

Per page, three records (``response``, ``request``, ``metadata``), each its own gzip member,
built with warcio and appended together in one ``os.write`` on an ``O_APPEND`` descriptor,
then ``fsync``-ed before ``write`` returns the response record's location. A failed write is
rolled back (``ftruncate``), so a file only ever grows by whole pages.

Files: one per site and writer at a time, new on every start (``newsclean-<stamp>-<pid>-
<serial>[-<worker>].warc.gz``), rotated once larger than ``max_size``, ``flock``-ed while
open. Beside an open file lies ``<file>.open``; a clean close removes it. A writer starting
later finds the markers of writers that died (lock free), keeps their whole gzip members and
moves a torn tail to ``<file>.torn`` (``repair_interrupted``).
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import io
import json
import logging
import os
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaners.warc.exchange import HttpExchange
from cleaners.warc.layout import OPEN_SUFFIX, WARC_DIR, site_warc_dir, warc_file_name
from cleaners.warc.members import repair_torn_tail

logger = logging.getLogger(__name__)

MAX_SIZE: Final = 256 * 1024 * 1024  # bytes per WARC file before the next one is started
_DROPPED_HEADERS: Final = frozenset({"content-encoding", "transfer-encoding", "content-length"})
SOFTWARE: Final = "newsclean (warcio)"


@dataclass(frozen=True)
class WarcLocation:
    """Where a page's ``response`` record starts: file relative to the archive root, offset."""

    file: str
    offset: int

    def to_dict(self) -> dict[str, Any]:
        """The record's ``warc`` field."""
        return {"file": self.file, "offset": self.offset}


@dataclass
class _OpenWarc:
    fd: int
    path: Path
    rel: str
    size: int


def _utc_stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S%f")


def _warc_date(iso: str) -> str:
    """A WARC-Date (``YYYY-MM-DDThh:mm:ssZ``, to the microsecond when given) from ISO 8601."""
    when = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    when = when.astimezone(dt.UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%S.%fZ" if when.microsecond else "%Y-%m-%dT%H:%M:%SZ")


def build_page_records(exchange: HttpExchange) -> tuple[bytes, int]:
    """The gzip members of one page (response, request, metadata) and the response's length."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True, warc_version="WARC/1.1")
    date = _warc_date(exchange.fetched_at)
    headers = [(k, v) for k, v in exchange.response_headers if k.lower() not in _DROPPED_HEADERS]
    headers.append(("Content-Length", str(len(exchange.body))))
    status = f"{exchange.status} {exchange.reason}".strip()
    common = {"WARC-Date": date}
    if exchange.ip_address:
        common["WARC-IP-Address"] = exchange.ip_address
    response = writer.create_warc_record(
        exchange.url, "response", payload=io.BytesIO(exchange.body),
        http_headers=StatusAndHeaders(status, headers, protocol=exchange.protocol),
        warc_headers_dict=dict(common))
    writer.write_record(response)
    response_end = buf.tell()
    record_id = response.rec_headers.get_header("WARC-Record-ID")
    path = _request_target(exchange.url)
    request = writer.create_warc_record(
        exchange.url, "request", payload=io.BytesIO(b""),
        http_headers=StatusAndHeaders(f"{exchange.method} {path} {exchange.protocol}",
                                      list(exchange.request_headers), is_http_request=True),
        warc_headers_dict={**common, "WARC-Concurrent-To": record_id})
    writer.write_record(request)
    meta = json.dumps(exchange.meta, ensure_ascii=False, sort_keys=True).encode("utf-8")
    metadata = writer.create_warc_record(
        exchange.url, "metadata", payload=io.BytesIO(meta), length=len(meta),
        warc_content_type="application/json",
        warc_headers_dict={**common, "WARC-Concurrent-To": record_id})
    writer.write_record(metadata)
    return buf.getvalue(), response_end


def _request_target(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def warcinfo_record() -> bytes:
    """The ``warcinfo`` record that opens every file (software, format)."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True, warc_version="WARC/1.1")
    writer.write_record(writer.create_warcinfo_record(
        "", {"software": SOFTWARE, "format": "WARC File Format 1.1",
             "conformsTo": "https://iipc.github.io/warc-specifications/specifications/"
                           "warc-format/warc-1.1/"}))
    return buf.getvalue()


class WarcArchiveWriter:
    """Append pages to per-site WARC files under ``<root>/_warc``; thread-safe."""

    def __init__(self, root: Path | str, *, worker: str | None = None,
                 max_size: int = MAX_SIZE, sync: bool = True) -> None:
        self.root = Path(root)
        self.worker = worker
        self._max_size = max_size
        self._sync = sync
        self._files: dict[str, _OpenWarc] = {}
        self._serial = 0
        self._stamp = _utc_stamp()
        self._lock = threading.Lock()
        self._closed = False
        self.repaired = repair_interrupted(self.root)
        ref = weakref.ref(self)
        os.register_at_fork(after_in_child=lambda: (w := ref()) and w._forget_after_fork())

    def write(self, site: str, exchange: HttpExchange) -> WarcLocation:
        """Append one page durably; return where its response record starts."""
        data, _ = build_page_records(exchange)
        with self._lock:
            if self._closed:
                raise OSError(errno.EBADF, "WARC writer is closed")
            f = self._file_for(site)
            offset = _append(f, data, sync=self._sync)
            if f.size >= self._max_size:
                self._close_one(site)
        return WarcLocation(f.rel, offset)

    def close(self) -> None:
        """Sync and close every file; their ``.open`` markers go."""
        with self._lock:
            self._closed = True
            for site in list(self._files):
                self._close_one(site)

    def _file_for(self, site: str) -> _OpenWarc:
        f = self._files.get(site)
        if f is not None:
            return f
        folder = site_warc_dir(self.root, site)
        folder.mkdir(parents=True, exist_ok=True)
        self._serial += 1
        path = folder / warc_file_name(self._stamp, self._serial, self.worker)
        marker = path.with_name(path.name + OPEN_SUFFIX)
        marker.write_text(str(os.getpid()), "ascii")
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC,
                     0o644)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        f = _OpenWarc(fd, path, path.relative_to(self.root).as_posix(), 0)
        _append(f, warcinfo_record(), sync=True)
        _fsync_dir(folder)
        self._files[site] = f
        return f

    def _close_one(self, site: str) -> None:
        f = self._files.pop(site)
        try:
            os.fsync(f.fd)
        finally:
            os.close(f.fd)
        f.path.with_name(f.path.name + OPEN_SUFFIX).unlink(missing_ok=True)

    def _forget_after_fork(self) -> None:
        for f in self._files.values():
            os.close(f.fd)
        self._files.clear()
        self._closed = True
        self._lock = threading.Lock()


def _append(f: _OpenWarc, data: bytes, *, sync: bool) -> int:
    """Write ``data`` whole at the end of the file; return the offset it starts at."""
    before = os.fstat(f.fd).st_size
    try:
        view = memoryview(data)
        while view:
            n = os.write(f.fd, view)
            if n == 0:
                raise OSError(errno.EIO, "short write", str(f.path))
            view = view[n:]
        if sync:
            os.fsync(f.fd)
    except BaseException:
        os.ftruncate(f.fd, before)
        raise
    f.size = before + len(data)
    return before


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def repair_interrupted(root: Path) -> list[Path]:
    """Finish files whose writer died: whole members kept, a torn tail set aside, marker gone."""
    base = root / WARC_DIR
    repaired: list[Path] = []
    if not base.is_dir():
        return repaired
    for marker in sorted(base.glob(f"*/*{OPEN_SUFFIX}")):
        path = marker.with_name(marker.name.removesuffix(OPEN_SUFFIX))
        if not path.exists():
            marker.unlink(missing_ok=True)
            continue
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a live writer's file
            repair_torn_tail(path)
            marker.unlink(missing_ok=True)
            repaired.append(path)
        finally:
            os.close(fd)
    return repaired
