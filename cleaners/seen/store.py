"""Seen-stores: canonical URL -> (content hash, revision) of the last record written.

Pure (no Scrapy): the crawler's ``crawler.seenstore`` adds ``from_crawler`` to these classes,
and ``newsclean ccnews`` uses them directly. The pipelines only need ``get`` and ``mark``
(sync or async) plus ``close``; any class with a ``from_crawler`` constructor can be named in
``NEWS_SEEN_STORE`` (a Redis store for distributed crawls slots in that way).
``SqliteSeenStore`` is the default: one file under the output root. It also knows when each
entry was last confirmed (``checked_at``: written, or re-fetched and found unchanged,
``touch``), which ``SkipSeenMiddleware`` compares with sitemap lastmod and feed dates; so does
the Redis store of distributed mode. A store without ``checked_at`` never skips.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final, Protocol

if TYPE_CHECKING:
    from collections.abc import Awaitable

Seen = tuple[str, int]  # (content_hash, revision)
# checked_at() of an entry that is in the store without a time (written by an earlier version
# of a store): seen, date unknown. Earlier than any discovery date, so a dated hint fetches it.
DATE_UNKNOWN: Final = datetime.min.replace(tzinfo=UTC)
SEEN_DIR: Final = "_seen"  # under the archive root: the SQLite store and its journals
SEEN_FILE: Final = "seen.sqlite3"
# When an entry is written or confirmed: UTC to the millisecond. Whole seconds made a sitemap
# lastmod given later within the same second look newer than the write. Rows of earlier
# versions hold whole seconds; both forms compare as text and parse with fromisoformat.
_NOW: Final = "strftime('%Y-%m-%d %H:%M:%f', 'now')"


class SeenStore(Protocol):
    """What the seen pipelines call; methods may also return awaitables."""

    def get(self, key: str) -> Seen | None | Awaitable[Seen | None]:
        """The last (content_hash, revision) written for ``key``, or None."""

    def mark(self, key: str, content_hash: str, revision: int) -> None | Awaitable[None]:
        """Remember that ``key`` was written with this hash and revision."""

    def close(self) -> None | Awaitable[None]:
        """Release resources."""

    # Optional, for SkipSeenMiddleware: ``touch(key)`` (re-fetched just now, unchanged) and
    # ``checked_at(key) -> datetime | None`` (when last written or touched; ``DATE_UNKNOWN``).


class SqliteSeenStore:
    """A SQLite table ``seen(key, content_hash, revision, updated, checked)``; multi-process safe.

    ``updated``: when the entry was last written (UTC); ``checked``: when an unchanged re-fetch
    last confirmed it (NULL until then; added to older files on open).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False,
                                   isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, content_hash TEXT NOT NULL,"
            " revision INTEGER NOT NULL, updated TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,"
            " checked TEXT)")
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(seen)")}
        if "checked" not in columns:  # a store written before the column existed
            with suppress(sqlite3.OperationalError):  # another process added it first
                self._db.execute("ALTER TABLE seen ADD COLUMN checked TEXT")

    def get(self, key: str) -> Seen | None:
        """The last (content_hash, revision) for ``key``."""
        with self._lock:
            row = self._db.execute("SELECT content_hash, revision FROM seen WHERE key = ?",
                                   (key,)).fetchone()
        return (row[0], int(row[1])) if row else None

    def mark(self, key: str, content_hash: str, revision: int) -> None:
        """Insert or replace the entry for ``key`` (committed before returning)."""
        with self._lock:
            self._db.execute(
                "INSERT INTO seen (key, content_hash, revision, updated)"
                f" VALUES (?, ?, ?, {_NOW}) ON CONFLICT(key)"
                " DO UPDATE SET content_hash = excluded.content_hash,"
                " revision = excluded.revision, updated = excluded.updated, checked = NULL",
                (key, content_hash, revision))

    def touch(self, key: str) -> None:
        """Record that ``key`` was fetched again just now and found unchanged."""
        with self._lock:
            self._db.execute(f"UPDATE seen SET checked = {_NOW} WHERE key = ?", (key,))

    def checked_at(self, key: str) -> datetime | None:
        """When ``key`` was last written or confirmed unchanged (UTC), or None if unknown."""
        with self._lock:
            row = self._db.execute("SELECT max(updated, coalesce(checked, updated)) FROM seen"
                                   " WHERE key = ?", (key,)).fetchone()
        if not row or row[0] is None:
            return None
        return datetime.fromisoformat(row[0]).replace(tzinfo=UTC)

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM seen").fetchone()[0])

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()


def default_seen_path(root: Path) -> Path:
    """``<root>/_seen/seen.sqlite3``: where crawls and ``newsclean ccnews`` keep the store."""
    return root / SEEN_DIR / SEEN_FILE
