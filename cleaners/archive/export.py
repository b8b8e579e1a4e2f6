"""Incremental export: the records appended since a cursor, or after (or by) a writer run.

A *position* is, per archive file, the byte offset up to which its whole lines were consumed.
Only lines ending in a newline are ever exported, so a record a writer is still appending is
left for the next export. Cursors work on file contents alone, so runs that were killed (and
left a manifest a little behind their data) are exported like any other.

Cursor file format (``cursor_version`` 1), rewritten atomically after the output is flushed::

    {"cursor_version": 1, "root": "/abs/path/output", "updated_at": "...Z",
     "files": {"demo/2025-09-03.jsonl":
               {"offset": 5120, "line": 3, "inode": 1234567, "last": "1702:9a0c33d1"}}}

``line`` is the number of lines consumed (for messages). ``inode`` and ``last`` (length and
CRC-32 of the last consumed line, re-read at ``offset``) detect a file that was replaced or
rewritten: it is then exported from its start, with a warning. If an
export dies before the cursor is saved, the next one repeats those records: at least once,
never a gap. Concurrent exports with one cursor are serialised by ``flock`` on ``<cursor>.lock``.

Run positions come from the manifests in ``_runs/``: "after run X" is, per file, past every
range appended by X and by every run that started before X (a range of a run still marked
``running``, e.g. killed, extends to the next range in that file or its last whole line).
With overlapping runs (several workers) the cursor is the exact tool; ``--after-run`` suits
one crawl after another.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final

from cleaners.archive.errors import ArchiveError
from cleaners.archive.layout import DayFile, list_day_files
from cleaners.archive.lines import Tail, complete_size, count_lines, iter_lines
from cleaners.archive.manifest import (
    RunManifest,
    iter_manifests,
    load_manifest,
    utc_now,
    write_json_atomic,
)
from cleaners.archive.reader import parse_record_line, warn_tail

logger = logging.getLogger(__name__)

CURSOR_VERSION: Final = 1


@dataclass
class FilePos:
    """How far one file has been consumed: offset, lines, inode, and a check of the last line."""

    offset: int = 0
    line: int = 0
    inode: int | None = None
    last: str | None = None  # "<length>:<crc32>" of the last consumed line


@dataclass
class ExportResult:
    """What one export wrote: records, files read, and the positions reached."""

    records: int = 0
    files: int = 0
    positions: dict[str, FilePos] = field(default_factory=dict)


def export_since(root: Path, positions: dict[str, FilePos], out: IO[bytes]) -> ExportResult:
    """Write to ``out`` every whole record line past ``positions``; return the new positions."""
    result = ExportResult()
    for f in list_day_files(root):
        rel = f"{f.site}/{f.name}"
        pos = _checked_position(f, positions.get(rel))
        new, exported = _export_file(f.path, pos, None, out)
        result.records += exported
        result.files += new.offset != pos.offset
        result.positions[rel] = new
    return result


def _checked_position(f: DayFile, pos: FilePos | None) -> FilePos:
    """The position to resume a file from; from the start if the file was replaced."""
    st = f.path.stat()
    if pos is None:
        return FilePos(0, 0, st.st_ino)
    replaced = pos.inode is not None and pos.inode != st.st_ino
    if replaced or pos.offset > st.st_size or not _last_line_matches(f.path, pos):
        logger.warning(
            "%s: file replaced or truncated since the cursor (offset %d, size %d); "
            "exporting it from the start",
            f.path,
            pos.offset,
            st.st_size,
        )
        return FilePos(0, 0, st.st_ino)
    return FilePos(pos.offset, pos.line, st.st_ino, pos.last)


def _line_check(data: bytes) -> str:
    return f"{len(data)}:{zlib.crc32(data):08x}"


def _last_line_matches(path: Path, pos: FilePos) -> bool:
    """Whether the bytes before ``pos.offset`` are still the line the cursor consumed last."""
    if pos.last is None or pos.offset == 0:
        return True
    length = int(pos.last.split(":", 1)[0])
    if length > pos.offset:
        return False
    with open(path, "rb") as fh:
        fh.seek(pos.offset - length)
        return _line_check(fh.read(length)) == pos.last


def _export_file(path: Path, pos: FilePos, end: int | None, out: IO[bytes]) -> tuple[FilePos, int]:
    """Copy the valid whole lines of a file from ``pos`` (to ``end``); new position and count."""
    offset, line, exported = pos.offset, pos.line, 0
    last_data: bytes | None = None
    for item in iter_lines(path, pos.offset, end, first_number=pos.line + 1):
        if isinstance(item, Tail):
            warn_tail(item)
            break
        if parse_record_line(item, path) is not None:
            out.write(item.data)
            exported += 1
        offset, line, last_data = item.end, item.number, item.data
    last = pos.last if last_data is None else _line_check(last_data)
    return FilePos(offset, line, pos.inode, last), exported


# -- cursors -----------------------------------------------------------------------------------


def load_cursor(path: Path, root: Path) -> dict[str, FilePos]:
    """The positions stored in a cursor file (empty when it does not exist yet)."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except json.JSONDecodeError as exc:
        raise ArchiveError(f"{path}: unreadable cursor ({exc})") from exc
    if data.get("cursor_version") != CURSOR_VERSION:
        raise ArchiveError(f"{path}: unknown cursor version {data.get('cursor_version')!r}")
    if data.get("root") != str(root.resolve()):
        raise ArchiveError(f"{path}: cursor belongs to archive {data.get('root')}, not {root}")
    return {
        rel: FilePos(int(p["offset"]), int(p.get("line", 0)), p.get("inode"), p.get("last"))
        for rel, p in data.get("files", {}).items()
    }


def save_cursor(path: Path, root: Path, positions: dict[str, FilePos]) -> None:
    """Write a cursor file atomically."""
    files: dict[str, Any] = {
        rel: {"offset": p.offset, "line": p.line, "inode": p.inode, "last": p.last}
        for rel, p in sorted(positions.items())
    }
    data = {
        "cursor_version": CURSOR_VERSION,
        "root": str(root.resolve()),
        "updated_at": utc_now(),
        "files": files,
    }
    write_json_atomic(path, data)


@contextmanager
def locked_cursor(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``<cursor>.lock`` so that one export at a time uses a cursor."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def export_with_cursor(root: Path, cursor: Path, out: IO[bytes]) -> ExportResult:
    """Export what is new since ``cursor``, flush ``out``, then save the advanced cursor."""
    with locked_cursor(cursor):
        result = export_since(root, load_cursor(cursor, root), out)
        out.flush()
        save_cursor(cursor, root, result.positions)
    return result


# -- runs --------------------------------------------------------------------------------------


def run_ranges(
    root: Path, run: RunManifest, starts: dict[str, list[int]] | None = None
) -> list[tuple[str, int, int]]:
    """``(path, from, to)`` for what a run appended; an unfinished run's ranges run on.

    A run still marked ``running`` (killed, or still at work) may have appended past its last
    manifest update: each of its ranges then ends where the next range of any run (itself
    included, after a reopen) in that file begins, or at the file's last whole line.
    ``starts`` (path -> range starts of every run) saves reloading the manifests.
    """
    if run.status == "running" and starts is None:
        starts = range_starts(iter_manifests(root))
    out = []
    for r in run.files:
        end = r.end
        if starts is not None and run.status == "running":
            later = [s for s in starts.get(r.path, ()) if s > r.start and s >= r.end]
            end = min(later) if later else _whole_size(root / r.path)
        out.append((r.path, r.start, max(end, r.end)))
    return out


def range_starts(manifests: Iterable[RunManifest]) -> dict[str, list[int]]:
    """Path -> the start offsets of every range any of ``manifests`` appended there."""
    starts: dict[str, list[int]] = {}
    for m in manifests:
        for r in m.files:
            starts.setdefault(r.path, []).append(r.start)
    return starts


def positions_after_run(root: Path, run_id: str) -> dict[str, FilePos]:
    """Positions just past run ``run_id`` and every run that started before it."""
    target = load_manifest(root, run_id)
    manifests = list(iter_manifests(root))
    starts = range_starts(manifests)
    ends: dict[str, int] = {}
    for m in manifests:
        if (m.started_at, m.run_id) <= (target.started_at, target.run_id):
            for rel, _start, end in run_ranges(root, m, starts):
                ends[rel] = max(end, ends.get(rel, 0))
    return {
        rel: FilePos(end, count_lines(root / rel, 0, end))
        for rel, end in ends.items()
        if (root / rel).is_file()
    }


def export_run(root: Path, run_id: str, out: IO[bytes]) -> ExportResult:
    """Write exactly the records run ``run_id`` appended."""
    run = load_manifest(root, run_id)
    result = ExportResult()
    for rel, start, end in run_ranges(root, run):
        path = root / rel
        if not path.is_file():
            logger.warning("%s: appended by run %s but no longer there", path, run_id)
            continue
        pos = FilePos(start, count_lines(path, 0, start))
        _new, exported = _export_file(path, pos, end, out)
        result.records += exported
        result.files += 1
    return result


def _whole_size(path: Path) -> int:
    return complete_size(path) if path.is_file() else 0
