"""Whole gzip members of a ``.warc.gz``: where they end, and setting a torn tail aside.

Writers append every WARC record as its own gzip member, all members of one page in a single
``os.write``. After a crash the file may end in part of a member: ``whole_members_end`` finds
the end of the last complete one, ``repair_torn_tail`` moves the rest to ``<file>.torn``.
"""

from __future__ import annotations

import logging
import os
import zlib
from pathlib import Path
from typing import Final

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
