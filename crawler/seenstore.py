"""Seen-stores for the crawler: the pure stores of ``cleaners.seen.store`` with ``from_crawler``.

``NEWS_SEEN_STORE`` names the class (default ``SqliteSeenStore``, one file under the output
root); a Redis store for distributed crawls slots in the same way. See ``cleaners.seen.store``
for what a store does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from cleaners.seen.store import DATE_UNKNOWN, Seen, SeenStore
from cleaners.seen.store import SqliteSeenStore as _SqliteSeenStore
from crawler.paths import SEEN_DIR, output_root

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

__all__ = ["DATE_UNKNOWN", "Seen", "SeenStore", "SqliteSeenStore"]


class SqliteSeenStore(_SqliteSeenStore):
    """``cleaners.seen.store.SqliteSeenStore``, built from the crawler's settings."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """``NEWS_SEEN_PATH`` or ``<output root>/_seen/seen.sqlite3``."""
        path = crawler.settings.get("NEWS_SEEN_PATH")
        return cls(path or output_root(crawler.settings) / SEEN_DIR / "seen.sqlite3")
