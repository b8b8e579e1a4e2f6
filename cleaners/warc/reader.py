"""Reading pages back from WARC files (fastwarc): one by its location, or all of a file, streamed.

``read_page(root, warc)`` seeks to a record's ``warc.offset`` and reads that ``response`` plus
the ``metadata`` record written with it. ``iter_pages(path)`` streams every ``response`` of any
WARC (ours or another tool's, ``.warc`` or ``.warc.gz``), one page in memory at a time.
``iter_stream_pages(stream)`` does the same over a stream that cannot seek (a ``.warc.gz``
over HTTP, from any offset where a record starts), one gzip member at a time.
"""

from __future__ import annotations

import io
import json
import logging
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from fastwarc.warc import ArchiveIterator, WarcRecordType

from cleaners.warc.errors import WarcError
from cleaners.warc.layout import resolve
from cleaners.warc.members import iter_members, whole_members_end

logger = logging.getLogger(__name__)
_TYPES = WarcRecordType.response | WarcRecordType.metadata
HTML_TYPES = frozenset({"", "text/html", "application/xhtml+xml"})  # "" = no Content-Type


@dataclass(frozen=True)
class ArchivedPage:
    """One archived HTTP response: URL, status, body, WARC date, and our metadata if any."""

    url: str
    status: int | None
    body: bytes
    fetched_at: str
    content_type: str
    charset: str | None
    offset: int
    record_id: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def is_html(self) -> bool:
        """A text/html or XHTML response (a missing Content-Type counts as HTML)."""
        return self.content_type.split(";")[0].strip().lower() in HTML_TYPES


def _iso(when: datetime | None) -> str:
    if when is None:
        return datetime.now(UTC).replace(microsecond=0).isoformat()
    return when.astimezone(UTC).replace(microsecond=0).isoformat()


Accept = Callable[[str, "int | None", str], bool]  # (url, status, content type) -> keep?


def _decoded(body: bytes, http: Any) -> bytes:
    """The body as a crawler used it: chunked transfer coding and gzip/deflate/br undone.

    Tools differ in what they store (raw or already decoded bodies beside the original
    headers), so each step is tried and skipped when the bytes are not in that coding.
    """
    if "chunked" in (http.get("Transfer-Encoding") or "").lower():
        body = _dechunk(body)
    for coding in reversed([c.strip().lower() for c in
                            (http.get("Content-Encoding") or "").split(",") if c.strip()]):
        try:
            if coding in ("gzip", "x-gzip"):
                body = zlib.decompress(body, wbits=47)
            elif coding == "deflate":
                try:
                    body = zlib.decompress(body)
                except zlib.error:
                    body = zlib.decompress(body, wbits=-15)
            elif coding == "br":
                import brotli

                body = brotli.decompress(body)
        except Exception:  # noqa: BLE001 - stored decoded already, or not decodable: keep
            break
    return body


def _dechunk(body: bytes) -> bytes:
    """Undo chunked transfer coding; the bytes unchanged when they are not chunked."""
    out, pos = [], 0
    while True:
        end = body.find(b"\r\n", pos)
        if end < 0:
            return body
        try:
            size = int(body[pos:end].split(b";")[0].strip(), 16)
        except ValueError:
            return body
        if size == 0:
            return b"".join(out)
        out.append(body[end + 2:end + 2 + size])
        pos = end + 2 + size + 2


def _page(record: Any, accept: Accept | None = None) -> ArchivedPage | None:
    http = record.http_headers
    url = record.headers.get("WARC-Target-URI") or ""
    status = http.status_code if http is not None else None
    ctype = (http.get("Content-Type") if http is not None else None) or ""
    if accept is not None and not accept(url, status, ctype):
        return None  # the body is never read
    return ArchivedPage(
        url=url,
        status=status,
        body=_decoded(record.reader.read(), http) if http is not None else record.reader.read(),
        fetched_at=_iso(record.record_date),
        content_type=ctype,
        charset=record.http_charset,
        offset=record.stream_pos,
        record_id=record.record_id or "",
    )


def _meta(record: Any, page: ArchivedPage | None) -> dict[str, Any] | None:
    """The JSON of our metadata record when it belongs to ``page``."""
    if page is None or record.headers.get("WARC-Concurrent-To") != page.record_id:
        return None
    if (record.headers.get("Content-Type") or "") != "application/json":
        return None
    try:
        value = json.loads(record.reader.read())
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def iter_pages(path: Path | str, accept: Accept | None = None) -> Iterator[ArchivedPage]:
    """Every ``response`` of a WARC in file order, with its metadata record when there is one.

    Bodies come decoded (``Content-Encoding``, chunked transfer coding), as a crawler used
    them. ``accept(url, status, content_type)`` skips a response before its body is read.
    Streaming: one page is held at a time. A file that cannot be read raises ``WarcError``
    naming it; a file broken part-way yields the pages before the break, then raises.
    """
    pending: ArchivedPage | None = None
    last = -1
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed in finally, iterator may stop early
    except OSError as exc:
        raise WarcError(f"{path}: {exc.strerror or exc}") from exc
    try:
        for record in ArchiveIterator(fh, record_types=WarcRecordType.any_type, parse_http=True,
                                      fsspec_args=False):
            last = record.stream_pos
            if not record.record_type & _TYPES:
                continue
            if record.record_type == WarcRecordType.response:
                if pending is not None:
                    yield pending
                pending = _page(record, accept)
            else:
                meta = _meta(record, pending)
                if meta is not None and pending is not None:
                    yield replace(pending, meta=meta)
                    pending = None
        if pending is not None:
            yield pending
        _check_end(Path(path), last)
    except OSError as exc:
        raise WarcError(f"{path}: not a readable WARC ({exc})") from exc
    finally:
        fh.close()


def iter_stream_pages(stream: IO[bytes], name: str, accept: Accept | None = None, *,
                      start: int = 0) -> Iterator[ArchivedPage]:
    """Every ``response`` of a ``.warc.gz`` read from ``stream`` (at byte ``start`` of the
    file, where a record begins), in file order, with its offset in the file.

    One record (gzip member) per step, as CC-NEWS and our own writer store them. Bodies are
    decoded as in ``iter_pages``; ``accept`` skips a response before its body is parsed; a
    record larger than ``MAX_MEMBER_BYTES`` is skipped with a warning. A stream that breaks
    off inside a record raises ``WarcError`` naming ``name`` and the offset, after every page
    before it was yielded.
    """
    for offset, data in iter_members(stream, start, name=name):
        if data is None:
            logger.warning("%s: record at offset %d is too large; skipped", name, offset)
            continue
        try:
            for record in ArchiveIterator(io.BytesIO(data), record_types=WarcRecordType.response,
                                          parse_http=True, fsspec_args=False):
                page = _page(record, accept)
                if page is not None:
                    yield replace(page, offset=offset)
                break  # one record per member
        except OSError as exc:
            raise WarcError(f"{name}: unreadable record at offset {offset} ({exc})") from exc


def _check_end(path: Path, last: int) -> None:
    """WarcError when a gzipped file does not end with its last record's member (truncated)."""
    size = path.stat().st_size
    if last < 0:
        if size:
            raise WarcError(f"{path}: not a readable WARC (no record found)")
        return
    with open(path, "rb") as fh:
        gz = fh.read(2) == b"\x1f\x8b"
    if gz and whole_members_end(path, last) != size:
        raise WarcError(f"{path}: truncated or broken after offset {last}")


def read_page(root: Path | str, warc: dict[str, Any]) -> ArchivedPage:
    """The page a record's ``warc: {file, offset}`` points to; ``WarcError`` if it is not there."""
    if not isinstance(warc, dict) or not isinstance(warc.get("offset"), int):
        raise WarcError(f"not a warc location: {warc!r}")
    path = resolve(Path(root), warc.get("file"))  # type: ignore[arg-type]
    return read_page_at(path, warc["offset"])


def read_page_at(path: Path, offset: int) -> ArchivedPage:
    """The ``response`` record at byte ``offset`` of ``path``, with its metadata record."""
    try:
        fh = open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        raise WarcError(f"{path}: {exc.strerror or exc}") from exc
    with fh:
        fh.seek(offset)
        page: ArchivedPage | None = None
        try:
            for record in ArchiveIterator(fh, record_types=WarcRecordType.any_type,
                                          parse_http=True, fsspec_args=False):
                if page is None:
                    if record.record_type != WarcRecordType.response:
                        break
                    page = replace(_page(record), offset=offset)  # type: ignore[arg-type]
                    continue
                if record.record_type == WarcRecordType.metadata:
                    meta = _meta(record, page)
                    return replace(page, meta=meta) if meta is not None else page
                if record.record_type == WarcRecordType.response:
                    break
        except OSError as exc:
            raise WarcError(f"{path}: unreadable at offset {offset} ({exc})") from exc
    if page is None:
        raise WarcError(f"{path}: no response record at offset {offset}")
    return page
