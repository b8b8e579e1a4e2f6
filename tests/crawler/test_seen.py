"""Seen-store: SQLite store, check/mark around the writer, recovery of a killed run's journal."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.exceptions import DropItem

from cleaners.archive.writer import DatedJsonlWriter
from crawler.items import Record
from crawler.middlewares.skipseen import changed_hint, known_unchanged
from crawler.pipelines.seen import SeenTracker, alias_keys, seen_key
from crawler.seenstore import DATE_UNKNOWN, SqliteSeenStore


class Stats(Counter):
    """The two methods of Scrapy's stats collector the tracker uses."""

    def inc_value(self, key: str, count: int = 1) -> None:
        """Add to a counter."""
        self[key] += count


def _record(url: str, digest: str, *, revision: int = 1) -> dict[str, Any]:
    return {"url": url, "canonical_url": url, "content_hash": digest, "revision": revision,
            "site": "s", "date": "2025-09-03", "title": "t"}


def test_sqlite_store_persists_and_upserts(tmp_path: Path) -> None:
    """get/mark survive reopening; mark replaces hash and revision."""
    store = SqliteSeenStore(tmp_path / "seen.sqlite3")
    assert store.get("k") is None
    store.mark("k", "a" * 16, 1)
    store.mark("k", "b" * 16, 2)
    store.close()
    again = SqliteSeenStore(tmp_path / "seen.sqlite3")
    assert again.get("k") == ("b" * 16, 2) and len(again) == 1
    again.close()



def test_store_written_before_the_checked_column_is_migrated(tmp_path: Path) -> None:
    """An old seen file gains ``checked``; checked_at is the write time until touch() confirms."""
    path = tmp_path / "seen.sqlite3"
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE seen (key TEXT PRIMARY KEY, content_hash TEXT NOT NULL, revision"
                " INTEGER NOT NULL, updated TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)")
    old.execute("INSERT INTO seen VALUES ('k', 'h', 3, '2025-09-01 10:00:00')")
    old.commit()
    old.close()
    store = SqliteSeenStore(path)
    assert store.get("k") == ("h", 3)
    assert store.checked_at("k") == datetime(2025, 9, 1, 10, tzinfo=UTC)
    assert store.checked_at("missing") is None
    store.touch("k")
    touched = store.checked_at("k")
    assert touched is not None and touched > datetime(2026, 1, 1, tzinfo=UTC)
    store.mark("k", "h2", 4)  # a new write clears the confirmation time
    assert store.checked_at("k") is not None and store.get("k") == ("h2", 4)
    store.close()


@pytest.mark.parametrize(("meta", "expected"), [
    ({}, None),
    ({"news_lastmod": "2025-09-02"}, datetime(2025, 9, 2, tzinfo=UTC)),
    ({"news_lastmod": "2025-09-02T12:00:00+02:00", "news_hints": {"date": "2025-09-01"}},
     datetime(2025, 9, 2, 10, tzinfo=UTC)),
    ({"news_hints": {"date": "2025-09-03T08:00:00Z"}}, datetime(2025, 9, 3, 8, tzinfo=UTC)),
    ({"news_lastmod": "not a date"}, None),
])
def test_changed_hint_is_the_latest_discovery_date(meta: dict[str, Any],
                                                    expected: datetime | None) -> None:
    """Sitemap lastmod and news/feed dates, the later one; date-only = midnight UTC."""
    assert changed_hint(Request("http://127.0.0.1/a", meta=meta)) == expected

STORED = datetime(2025, 9, 2, 10, tzinfo=UTC)


@pytest.mark.parametrize(("checked", "hint", "skip"), [
    (None, None, False),  # not in the store: fetch
    (None, datetime(2025, 9, 1, tzinfo=UTC), False),
    (STORED, None, True),  # known, nothing says it changed
    (STORED, datetime(2025, 9, 2, tzinfo=UTC), True),  # dated before the entry
    (STORED, STORED, True),
    (STORED, STORED + timedelta(seconds=1), False),  # dated after it: fetch again
    (DATE_UNKNOWN, None, True),  # seen, date unknown (an older store's entry)
    (DATE_UNKNOWN, datetime(2000, 1, 1, tzinfo=UTC), False),  # any date may be newer
])
def test_skip_decision_compares_the_discovery_date_with_the_entry(
        checked: datetime | None, hint: datetime | None, skip: bool) -> None:
    """One decision for both modes: skip a known article unless a discovery date is newer."""
    assert known_unchanged(checked, hint) is skip


def test_check_then_mark_drops_unchanged_and_raises_revision(tmp_path: Path) -> None:
    """Unchanged -> DropItem; changed -> revision + 1; duplicates within a run are dropped."""
    async def scenario() -> Stats:
        stats = Stats()
        tracker = SeenTracker(store=SqliteSeenStore(tmp_path / "s.db"), root=tmp_path, stats=stats)
        await tracker.open()
        rec = await tracker.check(_record("https://x.example/a", "1" * 16))
        with pytest.raises(DropItem, match="duplicate in this run"):
            await tracker.check(_record("https://x.example/a", "1" * 16))
        await tracker.mark(rec)
        with pytest.raises(DropItem, match="unchanged since revision 1"):
            await tracker.check(_record("https://x.example/a", "1" * 16))
        changed = await tracker.check(_record("https://x.example/a", "2" * 16))
        assert changed["revision"] == 2
        await tracker.mark(changed)
        await tracker.close()
        return stats
    stats = asyncio.run(scenario())
    assert stats == {"news/duplicates_skipped": 2, "news/revisions": 1}
    assert not list((tmp_path / "_seen").glob("journal-*"))  # a clean close leaves no journal


def test_journal_of_a_killed_run_is_recovered(tmp_path: Path) -> None:
    """Written-but-unmarked records are marked by the next run; unwritten ones are not."""
    written = _record("https://x.example/written", "a" * 16)
    lost = _record("https://x.example/lost", "b" * 16)
    with DatedJsonlWriter(tmp_path) as writer:
        writer.write(written)
    journal = tmp_path / "_seen" / "journal-999999999.jsonl"  # a pid that cannot be alive
    journal.parent.mkdir(parents=True)
    lines = [json.dumps({"key": seen_key(r), "hash": r["content_hash"], "revision": 1,
                         "site": "s", "date": r["date"]}) for r in (written, lost)]
    journal.write_text("\n".join(lines) + '\n{"key": "torn', "utf-8")

    async def scenario() -> SqliteSeenStore:
        store = SqliteSeenStore(tmp_path / "s.db")
        tracker = SeenTracker(store=store, root=tmp_path, stats=Stats())
        await tracker.open()
        return store
    store = asyncio.run(scenario())
    assert store.get(seen_key(written)) == ("a" * 16, 1)
    assert store.get(seen_key(lost)) is None
    assert not journal.exists()
    assert (tmp_path / "_seen" / f"journal-{os.getpid()}.jsonl").exists()


def test_record_is_filed_under_the_urls_it_was_requested_as(tmp_path: Path) -> None:
    """The start of a redirect and the fetched URL (another canonical) are alias keys: marked
    with the record, and by the recovery of a killed run's journal."""
    record = Record({**_record("https://x.example/new", "c" * 16),
                     "canonical_url": "https://x.example/canonical"},
                    requested_urls=["https://x.example/old?b=2&a=1"])
    assert alias_keys(record) == ["https://x.example/new", "https://x.example/old?a=1&b=2"]
    assert alias_keys(_record("https://x.example/a", "d" * 16)) == []

    async def scenario(store: SqliteSeenStore) -> None:
        tracker = SeenTracker(store=store, root=tmp_path, stats=Stats())
        await tracker.open()
        await tracker.mark(await tracker.check(record))
        await tracker.close()
    asyncio.run(scenario(SqliteSeenStore(tmp_path / "s.db")))  # closes the store
    store = SqliteSeenStore(tmp_path / "s.db")
    for key in ("https://x.example/canonical", *alias_keys(record)):
        assert store.get(key) == ("c" * 16, 1), key
        assert store.checked_at(key) is not None
    store.close()
    with DatedJsonlWriter(tmp_path / "killed") as writer:  # written, then killed before marking
        writer.write(dict(record))
    journal = tmp_path / "killed" / "_seen" / "journal-999999999.jsonl"
    journal.parent.mkdir(parents=True)
    journal.write_text(json.dumps({"key": seen_key(record), "hash": "c" * 16, "revision": 1,
                                   "site": "s", "date": record["date"],
                                   "aliases": alias_keys(record)}) + "\n", "utf-8")
    recovered = SqliteSeenStore(tmp_path / "killed.db")
    tracker = SeenTracker(store=recovered, root=tmp_path / "killed", stats=Stats())
    asyncio.run(tracker.open())
    assert all(recovered.get(k) == ("c" * 16, 1) for k in (seen_key(record), *alias_keys(record)))
    recovered.close()


def test_seen_key_prefers_canonical_url() -> None:
    """The key is the canonical URL, canonicalised (query order, fragment)."""
    rec = {"url": "http://127.0.0.1:5/a?b=2&a=1", "canonical_url": "https://x.example/a?b=2&a=1#top"}
    assert seen_key(rec) == "https://x.example/a?a=1&b=2"
    assert seen_key({"url": "https://x.example/p", "canonical_url": None}) == "https://x.example/p"
