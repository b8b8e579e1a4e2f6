"""The ledger of a CC-NEWS archive: which WARC files are finished, and the offset of the last
page handled in an unfinished one. ``<root>/_ccnews/ledger.sqlite3``, one row per file.

A page is *handled* once its record was written and marked seen (or it was dropped: unchanged,
another language, failed to clean). A rerun skips finished files and resumes an unfinished one
at its last handled page (a record boundary), skipping that page. Pages handled after the last
save are cleaned again on a rerun; the seen-store drops their records as unchanged, so nothing
is written twice.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from cleaners.ccnews.defaults import LEDGER_FILE, STATE_DIR
from cleaners.ccnews.errors import CcnewsError

LOCK_FILE = "run.lock"  # held (flock) by the one local run of an archive root
LOCK_WAIT = 3.0  # seconds a taken lock is waited for: the cleaning workers of a run killed a
# moment ago still hold their copy of it until they notice (cleaners.warc.pool.WATCH_INTERVAL)


def ledger_path(root: Path) -> Path:
    """``<root>/_ccnews/ledger.sqlite3``."""
    return root / STATE_DIR / LEDGER_FILE


class FileLedger:
    """Finished files and offsets reached, in SQLite (committed at each call; WAL).

    One local run per archive root: the ledger holds an exclusive ``flock`` on
    ``<root>/_ccnews/run.lock`` (released by the kernel when the process dies); a second run
    gets ``CcnewsError`` (several workers share a root through Redis instead).
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_fd = os.open(path.parent / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC,
                                0o644)
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
            os.close(self._lock_fd)
            raise CcnewsError(f"{path.parent}: another newsclean ccnews runs on this archive "
                              "root (set REDIS_URL to share the work between runs)") from None
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, timeout=30, check_same_thread=False,
                                   isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, handled INTEGER,"
            " finished INTEGER NOT NULL DEFAULT 0, error TEXT,"
            " updated TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)")

    def state(self, path: str) -> tuple[bool, int | None]:
        """(finished, offset of the last page handled or None)."""
        with self._lock:
            row = self._db.execute("SELECT finished, handled FROM files WHERE path = ?",
                                   (path,)).fetchone()
        return (bool(row[0]), row[1]) if row else (False, None)

    def advance(self, path: str, handled: int) -> None:
        """Every page of ``path`` up to offset ``handled`` is handled."""
        with self._lock:
            self._db.execute(
                "INSERT INTO files (path, handled) VALUES (?, ?) ON CONFLICT(path) DO UPDATE"
                " SET handled = excluded.handled, updated = CURRENT_TIMESTAMP", (path, handled))

    def finish(self, path: str) -> None:
        """``path`` is done to its end."""
        with self._lock:
            self._db.execute(
                "INSERT INTO files (path, finished) VALUES (?, 1) ON CONFLICT(path) DO UPDATE"
                " SET finished = 1, error = NULL, updated = CURRENT_TIMESTAMP", (path,))

    def fail(self, path: str, error: str) -> None:
        """``path`` stopped with ``error`` (kept unfinished: a rerun tries it again)."""
        with self._lock:
            self._db.execute(
                "INSERT INTO files (path, error) VALUES (?, ?) ON CONFLICT(path) DO UPDATE"
                " SET error = excluded.error, updated = CURRENT_TIMESTAMP", (path, error))

    def finished(self) -> set[str]:
        """Every finished file."""
        with self._lock:
            return {r[0] for r in self._db.execute("SELECT path FROM files WHERE finished")}

    def close(self) -> None:
        """Close the database and release the run lock."""
        with self._lock:
            self._db.close()
        os.close(self._lock_fd)


class LocalQueue:
    """The files of one run on one machine, in order, those not yet finished."""

    def __init__(self, ledger: FileLedger, paths: list[str]) -> None:
        self.ledger = ledger
        self.paths = paths

    def __iter__(self) -> Iterator[tuple[str, int | None]]:
        for path in self.paths:
            finished, handled = self.ledger.state(path)
            if not finished:
                yield path, handled

    def advance(self, path: str, handled: int) -> None:
        """Save progress in ``path``."""
        self.ledger.advance(path, handled)

    def finish(self, path: str) -> None:
        """``path`` is done."""
        self.ledger.finish(path)

    def fail(self, path: str, error: str) -> None:
        """``path`` broke off; it stays to be tried again."""
        self.ledger.fail(path, error)

    def close(self) -> None:
        """Nothing held beyond the ledger."""
