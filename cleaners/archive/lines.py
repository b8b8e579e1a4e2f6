"""Whole lines of an archive file, with their byte offsets; a torn tail is never taken for a line.

A line counts only once its terminating newline is on disk. Writers append each record as one
``os.write`` of ``json + "\\n"``, so the bytes after the last newline are either a record still
being written or the remains of a crash: readers stop before them, writers set them aside.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Final, NamedTuple

_CHUNK: Final = 1 << 16  # bytes read per step when scanning backwards for a newline


class Line(NamedTuple):
    """One complete line: its bytes (newline included), 1-based number, start and end offsets."""

    data: bytes
    number: int
    start: int
    end: int


class Tail(NamedTuple):
    """Bytes after the last newline when the file was read: a torn or unfinished line."""

    path: Path
    start: int
    size: int


def iter_lines(
    path: Path, start: int = 0, end: int | None = None, *, first_number: int = 1
) -> Iterator[Line | Tail]:
    """Yield the whole lines from byte ``start`` up to ``end`` (or EOF); a partial tail last.

    ``start`` must be a line boundary. Lines are numbered from ``first_number``. When the
    read stops on bytes without a newline, one ``Tail`` is yielded instead of a line.
    """
    with open(path, "rb") as fh:
        fh.seek(start)
        pos, number = start, first_number
        while end is None or pos < end:
            data = fh.readline() if end is None else fh.readline(end - pos)
            if not data:
                return
            if not data.endswith(b"\n"):
                yield Tail(path, pos, len(data))
                return
            yield Line(data, number, pos, pos + len(data))
            pos += len(data)
            number += 1


def last_newline_end(fd: int, size: int) -> int:
    """Offset just after the last newline in the first ``size`` bytes of ``fd`` (0 if none)."""
    pos = size
    while pos > 0:
        step = min(_CHUNK, pos)
        pos -= step
        chunk = os.pread(fd, step, pos)
        idx = chunk.rfind(b"\n")
        if idx >= 0:
            return pos + idx + 1
    return 0


def complete_size(path: Path) -> int:
    """The file's size up to and including its last newline: the part made of whole lines."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        size = os.fstat(fd).st_size
        if size == 0 or os.pread(fd, 1, size - 1) == b"\n":
            return size
        return last_newline_end(fd, size)
    finally:
        os.close(fd)


def count_lines(path: Path, start: int, end: int) -> int:
    """How many newlines lie in ``[start, end)``: the line number offset of byte ``end``."""
    n = 0
    with open(path, "rb") as fh:
        fh.seek(start)
        remaining = end - start
        while remaining > 0:
            chunk = fh.read(min(_CHUNK * 16, remaining))
            if not chunk:
                break
            n += chunk.count(b"\n")
            remaining -= len(chunk)
    return n
