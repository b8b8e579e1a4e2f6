"""``DatedJsonlWriter``: append records to ``<root>/<site>/<YYYY-MM-DD>[.<worker>].jsonl``.

Guarantees, per record:

* one whole line (``dumps_record(record) + "\\n"``) goes to the file in a single ``os.write`` on an
  ``O_APPEND`` descriptor; a short write is rolled back (``ftruncate``) and raised, so the file
  never keeps half a line;
* ``write`` returns only after the line is in the kernel (safe against the process dying) and,
  by default (``sync_every=1``), after ``fsync`` (safe against the machine dying). With
  ``sync_every=N`` up to N-1 acknowledged records can be lost on power loss, never on a crash
  of the process.

Per file, on first open in this writer:

* an exclusive ``flock`` (non-blocking) on the data file itself, held until the writer closes
  it: a second process appending to the same file gets ``ArchiveLocked`` (default,
  ``on_locked="error"``), or with ``on_locked="suffix"`` falls back to its own
  ``<date>.pid<PID>.jsonl`` file, which readers pick up like any per-worker file;
* a torn last line from an earlier crash (bytes after the last newline) is cut off and appended
  to ``<file>.torn`` with a warning, never dropped silently.

The run manifest ``<root>/_runs/<run_id>.json`` (see ``cleaners.archive.manifest``) is written
at start, every ``manifest_every`` records or ``manifest_interval`` seconds, and on close; a
range opened in between goes to the run's range journal first (one line, fsynced before the
range's first record is), and a reopen where the run's own range ended continues that range.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import threading
import time
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Literal

from cleaners.archive.errors import ArchiveError, ArchiveLocked
from cleaners.archive.layout import TORN_SUFFIX, check_worker, record_relpath
from cleaners.archive.lines import last_newline_end
from cleaners.archive.manifest import (
    FileRange,
    RunManifest,
    fsync_dir,
    journal_line,
    journal_path,
    manifest_path,
    new_run_id,
    utc_now,
)
from cleaners.exceptions import InvalidRecord
from cleaners.io import dumps_record

logger = logging.getLogger(__name__)

MANIFEST_EVERY: Final = 100  # records between manifest rewrites
MANIFEST_INTERVAL: Final = 5.0  # seconds between manifest rewrites
MAX_OPEN_FILES: Final = 64  # descriptors (and locks) kept open; least recently used closed first


@dataclass
class _OpenFile:
    fd: int
    range: FileRange
    unsynced: int = 0


class DatedJsonlWriter:
    """Append records, one whole line each, to the dated JSONL archive under ``root``."""

    def __init__(
        self,
        root: Path | str,
        *,
        spider: str | None = None,
        worker: str | None = None,
        run_id: str | None = None,
        sync_every: int = 1,
        manifest_every: int = MANIFEST_EVERY,
        manifest_interval: float = MANIFEST_INTERVAL,
        on_locked: Literal["error", "suffix"] = "error",
        max_open_files: int = MAX_OPEN_FILES,
    ) -> None:
        if sync_every < 1 or max_open_files < 1:
            raise ValueError("sync_every and max_open_files must be at least 1")
        if on_locked not in ("error", "suffix"):
            raise ValueError(f"on_locked must be 'error' or 'suffix', not {on_locked!r}")
        self.root = Path(root)
        self.worker = check_worker(worker) if worker else None
        self._sync_every = sync_every
        self._manifest_every = manifest_every
        self._manifest_interval = manifest_interval
        self._on_locked = on_locked
        self._max_open = max_open_files
        self._files: OrderedDict[Path, _OpenFile] = OrderedDict()
        self._last_range: dict[str, FileRange] = {}  # path -> this run's latest range there
        self._journal: int | None = None  # the range journal's descriptor, once opened
        self._journal_unsynced = False
        self._redirect: dict[Path, Path] = {}  # locked path -> our pid-suffixed fallback
        self._lock = threading.Lock()
        self._dirty = 0
        self._last_save = time.monotonic()
        self._closed = False
        self.root.mkdir(parents=True, exist_ok=True)
        _forget_in_forked_children(self)
        self.manifest = RunManifest(
            run_id=run_id or new_run_id(), spider=spider, worker=self.worker
        )
        if manifest_path(self.root, self.run_id).exists():
            raise ArchiveError(f"run id {self.run_id!r} is already used under {self.root}")
        self.manifest.save(self.root)

    @property
    def run_id(self) -> str:
        """This run's id (the manifest is ``<root>/_runs/<run_id>.json``)."""
        return self.manifest.run_id

    def path_for(self, record: dict[str, Any]) -> Path:
        """The file a record goes to (before any lock fallback); validates site and date."""
        site, day = record.get("site"), record.get("date")
        if not isinstance(site, str) or not site:
            raise InvalidRecord("record has no site", "site")
        if day is not None and not isinstance(day, str):
            raise InvalidRecord(f"date {day!r} is not a string or null", "date")
        return self.root / record_relpath(site, day, self.worker)

    def write(self, record: dict[str, Any]) -> Path:
        """Append one record as one whole line; return the file's path once it is durable."""
        data = (dumps_record(record) + "\n").encode("utf-8")
        path = self.path_for(record)
        with self._lock:
            if self._closed:
                raise ArchiveError(f"writer of run {self.run_id} is closed")
            path, f = self._open(self._redirect.get(path, path))
            self._append(f, path, data)
            self._dirty += 1
            self._maybe_save()
        return path

    def flush(self) -> None:
        """fsync every file with unsynced records and rewrite the manifest."""
        with self._lock:
            for f in self._files.values():
                self._sync(f)
            self._save()

    def close(self, status: str = "finished") -> None:
        """Sync and close every file, release the locks, finish the manifest."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            try:
                while self._files:
                    self._close_one(next(iter(self._files)))
            finally:
                self.manifest.status = status
                self.manifest.finished_at = utc_now()
                self.manifest.save(self.root)
                self._drop_journal()

    def __enter__(self) -> DatedJsonlWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close("finished" if exc_type is None else "failed")

    def _forget_after_fork(self) -> None:
        """In a forked child (a cleaning pool worker): close our copies of the locked files.

        An inherited descriptor would keep the parent's ``flock`` alive after the parent
        closed the file, and make the parent's own reopen of it fail as "locked".
        """
        for f in self._files.values():
            os.close(f.fd)
        self._files.clear()
        if self._journal is not None:
            os.close(self._journal)
            self._journal = None
        self._closed = True  # the child never writes nor touches the parent's manifest
        self._lock = threading.Lock()

    # -- files -------------------------------------------------------------------------------

    def _open(self, path: Path) -> tuple[Path, _OpenFile]:
        f = self._files.get(path)
        if f is not None:
            self._files.move_to_end(path)
            return path, f
        while len(self._files) >= self._max_open:
            self._close_one(next(iter(self._files)))
        fd = self._open_locked(path, may_fall_back=path not in self._redirect.values())
        if fd is None:  # locked by another process, on_locked="suffix"
            fallback = _fallback_path(path)
            self._redirect[path] = fallback
            logger.warning("%s is locked by another process; appending to %s", path, fallback)
            return self._open(fallback)
        try:
            start = _repair_torn_tail(fd, path)
        except BaseException:
            os.close(fd)
            raise
        rel = path.relative_to(self.root).as_posix()
        f = _OpenFile(fd, self._range_at(rel, start))
        self._files[path] = f
        return path, f

    def _range_at(self, rel: str, start: int) -> FileRange:
        """The range appends at ``start`` of ``rel`` go to: this run's last range there when
        it ended at ``start`` (nobody appended since), else a new one, journalled."""
        last = self._last_range.get(rel)
        if last is not None and last.end == start:
            return last
        new = FileRange(rel, start, start)
        self.manifest.files.append(new)
        self._last_range[rel] = new
        self._journal_range(new)
        return new

    def _journal_range(self, new: FileRange) -> None:
        """Append a new range to the range journal (synced before its first record)."""
        if self._journal is None:
            path = journal_path(self.root, self.run_id)
            self._journal = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC,
                                    0o644)
            fsync_dir(path.parent)
        line = journal_line(new.path, new.start)
        if os.write(self._journal, line) != len(line):
            raise OSError(errno.EIO, "short write", str(journal_path(self.root, self.run_id)))
        self._journal_unsynced = True

    def _drop_journal(self) -> None:
        """Close and remove the range journal: the finished manifest holds every range."""
        if self._journal is not None:
            os.close(self._journal)
            self._journal = None
        journal_path(self.root, self.run_id).unlink(missing_ok=True)

    def _open_locked(self, path: Path, *, may_fall_back: bool) -> int | None:
        path.parent.mkdir(parents=True, exist_ok=True)
        created = not path.exists()
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            _flock_soon(fd)
        except BlockingIOError:
            os.close(fd)
            if self._on_locked == "suffix" and may_fall_back:
                return None
            raise ArchiveLocked(str(path)) from None
        except BaseException:
            os.close(fd)
            raise
        if created:
            fsync_dir(path.parent)
        return fd

    def _append(self, f: _OpenFile, path: Path, data: bytes) -> None:
        before = os.fstat(f.fd).st_size
        if before != f.range.end:  # a program ignoring the lock appended: keep ranges honest
            logger.warning(
                "%s: grew by %d bytes not written by this run", path, before - f.range.end
            )
            f.range = self._range_at(f.range.path, before)
        try:
            written = os.write(f.fd, data)
            while written < len(data):  # rare: a regular file taking a short write
                n = os.write(f.fd, data[written:])
                if n == 0:
                    raise OSError(errno.EIO, "short write", str(path))
                written += n
        except BaseException:
            os.ftruncate(f.fd, before)  # never leave half a line behind
            raise
        f.range.end = before + len(data)
        f.range.records += 1
        f.unsynced += 1
        if f.unsynced >= self._sync_every:
            self._sync(f)

    def _sync(self, f: _OpenFile) -> None:
        if f.unsynced:
            if self._journal_unsynced and self._journal is not None:
                os.fsync(self._journal)  # a range is named before its records are durable
                self._journal_unsynced = False
            os.fsync(f.fd)
            f.unsynced = 0

    def _close_one(self, path: Path) -> None:
        f = self._files.pop(path)
        try:
            self._sync(f)
        finally:
            os.close(f.fd)  # releases the flock

    # -- manifest ----------------------------------------------------------------------------

    def _maybe_save(self) -> None:
        if self._dirty >= self._manifest_every or (
            time.monotonic() - self._last_save >= self._manifest_interval
        ):
            self._save()

    def _save(self) -> None:
        self.manifest.save(self.root)
        self._dirty = 0
        self._last_save = time.monotonic()


# A child forked a moment ago still holds copies of our descriptors (and so our flock) until
# its after-fork hook closes them: a lock found taken is tried again for this long.
FORK_RELEASE_SECONDS: Final = 2.0


def _flock_soon(fd: int) -> None:
    """An exclusive flock, waiting up to FORK_RELEASE_SECONDS for one held only briefly;
    BlockingIOError when it stays taken (another writer)."""
    deadline = time.monotonic() + FORK_RELEASE_SECONDS
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def _forget_in_forked_children(writer: DatedJsonlWriter) -> None:
    """Make forked children drop the writer's descriptors (weakly: no leak if it is gone)."""
    ref = weakref.ref(writer)

    def after_in_child() -> None:
        live = ref()
        if live is not None:
            live._forget_after_fork()

    os.register_at_fork(after_in_child=after_in_child)


def _fallback_path(path: Path) -> Path:
    """``<day>.pid<PID>.jsonl`` (or ``<day>.<worker>-pid<PID>.jsonl``) beside a locked file."""
    stem = path.name[: -len(".jsonl")]
    sep = "-" if "." in stem else "."
    return path.with_name(f"{stem}{sep}pid{os.getpid()}.jsonl")


def _repair_torn_tail(fd: int, path: Path) -> int:
    """Cut bytes after the last newline into ``<file>.torn``; return the (new) file size."""
    size = os.fstat(fd).st_size
    if size == 0:
        return 0
    rfd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        if os.pread(rfd, 1, size - 1) == b"\n":
            return size
        keep = last_newline_end(rfd, size)
        torn = os.pread(rfd, size - keep, keep)
    finally:
        os.close(rfd)
    torn_path = path.with_name(path.name + TORN_SUFFIX)
    tfd = os.open(torn_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        os.write(tfd, torn + b"\n")
        os.fsync(tfd)
    finally:
        os.close(tfd)
    os.ftruncate(fd, keep)
    os.fsync(fd)
    logger.warning(
        "%s: torn last line (%d bytes at offset %d) from an earlier crash moved to %s",
        path,
        len(torn),
        keep,
        torn_path,
    )
    return keep
