"""Seen-store pipelines: drop unchanged articles, raise the revision of changed ones, and mark a
URL seen only after the writer wrote its record.

``SeenStorePipeline`` (before the writer) checks; ``MarkSeenPipeline`` (after it) marks. Between
the two, an intent line goes to a per-process journal under ``<output>/_seen/``; a run that was
killed between writing and marking leaves its journal behind, and the next run marks every
journalled record it finds in the archive, so a crash can neither hide an article nor write
it twice.
"""

from __future__ import annotations

import inspect
import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self
from weakref import WeakKeyDictionary

from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.misc import build_from_crawler, load_object

from cleaners.seen.revisions import (
    alias_keys,
    in_archive,
    intent,
    journal_entries,
    orphan_journals,
    seen_key,
)
from crawler.paths import SEEN_DIR, output_root

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from crawler.seenstore import SeenStore

logger = logging.getLogger(__name__)
_TRACKERS: WeakKeyDictionary[Crawler, SeenTracker] = WeakKeyDictionary()


async def _resolve(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


class SeenTracker:
    """The check/mark logic shared by both pipelines of one crawler, with the intent journal."""

    def __init__(self, *, store: SeenStore, root: Path, stats: Any) -> None:
        self.store = store
        self.root = root
        self._stats = stats
        self._inflight: dict[str, str] = {}
        self._journal_dir = root / SEEN_DIR
        self._journal_dir.mkdir(parents=True, exist_ok=True)
        self._journal_path = self._journal_dir / f"journal-{os.getpid()}.jsonl"
        self._journal = None  # opened lazily by open()

    async def open(self) -> None:
        """Finish the journals of dead processes, then start our own."""
        for path in orphan_journals(self.root):
            await self._recover(path)
            path.unlink(missing_ok=True)
        self._journal = self._journal_path.open("a", encoding="utf-8")

    async def _recover(self, journal: Path) -> None:
        recovered = 0
        for entry in journal_entries(journal):  # a torn intent line: its record was not written
            key, digest, revision = entry["key"], entry["hash"], entry["revision"]
            if await _resolve(self.store.get(key)) == (digest, revision):
                continue
            if in_archive(self.root, entry):
                for name in (*entry.get("aliases", ()), key):
                    await _resolve(self.store.mark(name, digest, revision))
                recovered += 1
        if recovered:
            self._stats.inc_value("news/seen/recovered", recovered)
            logger.info("Marked %d records written by an interrupted run (%s)", recovered, journal)

    async def check(self, record: dict[str, Any]) -> dict[str, Any]:
        """Drop an unchanged article; give a changed one the next revision; journal the intent."""
        key, digest = seen_key(record), record["content_hash"]
        if self._inflight.get(key) == digest:
            self._stats.inc_value("news/duplicates_skipped")
            raise DropItem(f"duplicate in this run: {key}", log_level="INFO")
        previous = await _resolve(self.store.get(key))
        if previous is not None and previous[0] == digest:
            self._stats.inc_value("news/duplicates_skipped")
            await self._confirm(record, previous)
            raise DropItem(f"unchanged since revision {previous[1]}: {key}", log_level="INFO")
        if previous is not None:
            record["revision"] = previous[1] + 1
            self._stats.inc_value("news/revisions")
        self._inflight[key] = digest
        if self._journal is not None:
            self._journal.write(json.dumps(intent(record)) + "\n")
            self._journal.flush()
        return record

    async def _confirm(self, record: dict[str, Any], previous: tuple[str, int]) -> None:
        """An unchanged re-fetch: a discovery date before now no longer means "changed"; the
        URLs it was requested as this time are filed too."""
        touch = getattr(self.store, "touch", None)
        if touch is not None:
            await _resolve(touch(seen_key(record)))
        for alias in alias_keys(record):
            await _resolve(self.store.mark(alias, *previous))

    async def mark(self, record: dict[str, Any]) -> None:
        """Remember a written record under its key and its alias keys (``alias_keys``)."""
        key = seen_key(record)
        # The key last: a run killed before it marked the key marks key and aliases on recovery.
        for name in (*alias_keys(record), key):
            await _resolve(self.store.mark(name, record["content_hash"], record["revision"]))
        self._inflight.pop(key, None)

    async def close(self) -> None:
        """Close the store; a clean close removes our journal (everything was marked)."""
        if self._journal is not None:
            self._journal.close()
            self._journal = None
            if not self._inflight:
                self._journal_path.unlink(missing_ok=True)
        await _resolve(self.store.close())


def tracker_for(crawler: Crawler) -> SeenTracker:
    """The one tracker of a crawler (built on first use from ``NEWS_SEEN_STORE``)."""
    tracker = _TRACKERS.get(crawler)
    if tracker is None:
        store = build_from_crawler(load_object(crawler.settings["NEWS_SEEN_STORE"]), crawler)
        tracker = SeenTracker(store=store, root=output_root(crawler.settings), stats=crawler.stats)
        _TRACKERS[crawler] = tracker
    return tracker


class _SeenPipeline:
    """What both seen pipelines share: the crawler (for its tracker) and the enabling flag."""

    def __init__(self, *, crawler: Crawler) -> None:
        self._crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """NotConfigured when ``NEWS_SEEN_ENABLED`` is off."""
        if not crawler.settings.getbool("NEWS_SEEN_ENABLED", True):
            raise NotConfigured("NEWS_SEEN_ENABLED is off")
        return cls(crawler=crawler)


class SeenStorePipeline(_SeenPipeline):
    """Before the writer: unchanged -> DropItem; changed -> revision + 1."""

    async def open_spider(self) -> None:
        """Open the store and recover journals left by killed runs."""
        await tracker_for(self._crawler).open()

    async def process_item(self, item: Any) -> Any:
        """Check a record against the store; other items pass."""
        if not isinstance(item, dict):
            return item
        return await tracker_for(self._crawler).check(item)


class MarkSeenPipeline(_SeenPipeline):
    """After the writer: mark the record's URL seen with its hash and revision."""

    async def process_item(self, item: Any) -> Any:
        """Mark a written record; other items pass."""
        if isinstance(item, dict):
            await tracker_for(self._crawler).mark(item)
        return item

    async def close_spider(self) -> None:
        """Close the shared tracker."""
        await tracker_for(self._crawler).close()
