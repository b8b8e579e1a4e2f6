"""Whole gzip members of a ``.warc.gz``: where they end, and setting a torn tail aside.

Writers append every WARC record as its own gzip member, all members of one page in a single
``os.write``. After a crash the file may end in part of a member: ``whole_members_end`` finds
the end of the last complete one, ``repair_torn_tail`` moves the rest to ``<file>.torn``.
``iter_members`` splits a stream that cannot seek (a WARC over HTTP) into its members.
"""

from __future__ import annotations

import logging
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Final

from cleaners.warc.errors import WarcError
from cleaners.warc.layout import TORN_SUFFIX

logger = logging.getLogger(__name__)
_CHUNK: Final = 1 << 20  # bytes read per step


def whole_members_end(path: Path, start: int = 0) -> int:
    """Offset just after the last complete gzip member from ``start`` of ``path`` (``start``
    if none).

    A member counts when it decompresses to its end (CRC and length checked by zlib); the scan
    stops at the first byte that does not start one.
    """
    good = pos = start
    with open(path, "rb") as fh:
        fh.seek(start)
        d = zlib.decompressobj(wbits=31)
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                return good
            data = chunk
            while data:
                try:
                    d.decompress(data)
                except zlib.error:
                    return good
                if not d.eof:
                    pos += len(data)
                    break
                used = len(data) - len(d.unused_data)
                pos += used
                good = pos
                data = d.unused_data
                d = zlib.decompressobj(wbits=31)


def repair_torn_tail(path: Path) -> int:
    """Cut bytes after the last whole member into ``<file>.torn``; return the kept size."""
    size = path.stat().st_size
    keep = whole_members_end(path)
    if keep == size:
        return size
    with open(path, "rb") as fh:
        fh.seek(keep)
        torn = fh.read()
    torn_path = path.with_name(path.name + TORN_SUFFIX)
    with open(torn_path, "ab") as out:
        out.write(torn)
        out.flush()
        os.fsync(out.fileno())
    with open(path, "r+b") as fh:
        fh.truncate(keep)
        fh.flush()
        os.fsync(fh.fileno())
    logger.warning("%s: torn tail (%d bytes at offset %d) from an earlier crash moved to %s",
                   path, size - keep, keep, torn_path)
    return keep


MAX_MEMBER_BYTES: Final = 64 << 20  # decompressed bytes of one record kept; larger: skipped


def iter_members(stream: IO[bytes], start: int = 0, *, name: str = "<stream>",
                 max_bytes: int = MAX_MEMBER_BYTES) -> Iterator[tuple[int, bytes | None]]:
    """``(offset, data)`` of each whole gzip member read from ``stream`` (which is at byte
    ``start`` of its file): the member's offset in the file and its decompressed bytes (None
    when they pass ``max_bytes``; the member is read through and dropped).

    For streams that cannot seek (a WARC over HTTP): one member is held at a time. A stream
    that ends inside a member, or bytes that do not start one, raise ``WarcError`` naming
    ``name`` and the offset, after the members before it were yielded.
    """
    offset = pos = start
    d = zlib.decompressobj(wbits=31)
    parts: list[bytes] = []
    size = 0
    pending = b""
    while True:
        data = pending or stream.read(_CHUNK)
        pending = b""
        if not data:
            if pos != offset or parts:
                raise WarcError(f"{name}: truncated: the record at offset {offset} ends early")
            return
        try:
            out = d.decompress(data)
        except zlib.error as exc:
            raise WarcError(f"{name}: not gzip at offset {offset} ({exc})") from exc
        if size <= max_bytes:
            size += len(out)
            parts.append(out)
        if not d.eof:
            pos += len(data)
            continue
        used = len(data) - len(d.unused_data)
        pos += used
        pending = d.unused_data
        yield offset, (b"".join(parts) if size <= max_bytes else None)
        offset = pos
        d = zlib.decompressobj(wbits=31)
        parts, size = [], 0
