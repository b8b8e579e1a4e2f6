"""Reading pages back from WARC files (fastwarc): one by its location, or all of a file, streamed.

``read_page(root, warc)`` seeks to a record's ``warc.offset`` and reads that ``response`` plus
the ``metadata`` record written with it. ``iter_pages(path)`` streams every ``response`` of any
WARC (ours or another tool's, ``.warc`` or ``.warc.gz``), one page in memory at a time.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastwarc.warc import ArchiveIterator, WarcRecordType

from cleaners.warc.errors import WarcError
from cleaners.warc.layout import resolve

logger = logging.getLogger(__name__)
_TYPES = WarcRecordType.response | WarcRecordType.metadata


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
        ctype = self.content_type.split(";")[0].strip().lower()
        return ctype in ("", "text/html", "application/xhtml+xml")


def _iso(when: datetime | None) -> str:
    if when is None:
        return datetime.now(UTC).replace(microsecond=0).isoformat()
    return when.astimezone(UTC).replace(microsecond=0).isoformat()


def _page(record: Any) -> ArchivedPage:
    http = record.http_headers
    return ArchivedPage(
        url=record.headers.get("WARC-Target-URI") or "",
        status=http.status_code if http is not None else None,
        body=record.reader.read(),
        fetched_at=_iso(record.record_date),
        content_type=(http.get("Content-Type") if http is not None else None) or "",
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


def iter_pages(path: Path | str) -> Iterator[ArchivedPage]:
    """Every ``response`` of a WARC in file order, with its metadata record when there is one.

    Streaming: one page is held at a time. A file that cannot be read raises ``WarcError``
    naming it; a file broken part-way yields the pages before the break, then raises.
    """
    pending: ArchivedPage | None = None
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed in finally, iterator may stop early
    except OSError as exc:
        raise WarcError(f"{path}: {exc.strerror or exc}") from exc
    try:
        for record in ArchiveIterator(fh, record_types=_TYPES, parse_http=True,
                                      fsspec_args=False):
            if record.record_type == WarcRecordType.response:
                if pending is not None:
                    yield pending
                pending = _page(record)
            else:
                meta = _meta(record, pending)
                if meta is not None and pending is not None:
                    yield replace(pending, meta=meta)
                    pending = None
        if pending is not None:
            yield pending
    except OSError as exc:
        raise WarcError(f"{path}: not a readable WARC ({exc})") from exc
    finally:
        fh.close()


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
                    page = _page(record)
                    page = replace(page, offset=offset)
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
