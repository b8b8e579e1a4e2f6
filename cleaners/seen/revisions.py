"""Revisions against a seen-store: unchanged articles dropped, changed ones revision + 1, and an
intent journal so that a process killed between writing a record and marking it seen neither
hides the article nor writes it twice.

The crawler's ``crawler.pipelines.seen.SeenTracker`` (async, Scrapy stats) and the synchronous
``SeenRevisions`` here (``newsclean ccnews``) share the keys, the journal format
(``<root>/_seen/journal-<pid>.jsonl``, one intent line per record before it is written) and the
recovery rule: the journal of a dead process is finished by marking each entry whose record is
in the archive. Either one finishes the other's journals.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from w3lib.url import canonicalize_url

from cleaners.archive.layout import record_relpath
from cleaners.seen.store import SEEN_DIR

if TYPE_CHECKING:
    from cleaners.seen.store import Seen


def seen_key(record: dict[str, Any]) -> str:
    """The store key of a record: its canonical URL (else URL), canonicalised."""
    return canonicalize_url(record.get("canonical_url") or record["url"])


def alias_keys(record: dict[str, Any]) -> list[str]:
    """Other keys of a record: the URLs it was fetched and requested as, canonicalised.

    Skipping looks up the URL of a request before it is fetched (``SkipSeenMiddleware``, the
    distributed ``RunDupeFilter``); it never sees the page's canonical link nor where a
    redirect led. So a record whose request URL differs from its key is filed under that URL
    too: the fetched ``url`` and each of ``Record.requested_urls`` (the start of a redirect).
    """
    key = seen_key(record)
    urls = (record["url"], *getattr(record, "requested_urls", ()))
    return [alias for alias in dict.fromkeys(map(canonicalize_url, urls)) if alias != key]


def intent(record: dict[str, Any]) -> dict[str, Any]:
    """The journal line of a record about to be written."""
    return {"key": seen_key(record), "hash": record["content_hash"],
            "revision": record["revision"], "site": record["site"],
            "date": record.get("date"), "aliases": alias_keys(record)}


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs (a journal's owner)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def orphan_journals(root: Path) -> list[Path]:
    """Journals under ``<root>/_seen`` whose process is gone (or is this one)."""
    found = []
    for path in sorted((root / SEEN_DIR).glob("journal-*.jsonl")):
        suffix = path.stem.removeprefix("journal-")
        pid = int(suffix) if suffix.isdigit() else 0
        if pid == os.getpid() or not pid_alive(pid):
            found.append(path)
    return found


def journal_entries(journal: Path) -> list[dict[str, Any]]:
    """The whole intent lines of a journal (a torn last one: its record was not written)."""
    entries = []
    for line in journal.read_text("utf-8", errors="replace").splitlines():
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return entries


def in_archive(root: Path, entry: dict[str, Any]) -> bool:
    """Whether the record a journal entry announced is in the archive under ``root``."""
    rel = record_relpath(entry["site"], entry["date"])
    stem = entry["date"] or "undated"
    for path in (root / rel.parent).glob(f"{stem}*.jsonl"):
        with path.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if entry["hash"] not in line:
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if (rec.get("content_hash") == entry["hash"] and seen_key(rec) == entry["key"]
                        and rec.get("revision") == entry["revision"]):
                    return True
    return False


class SeenRevisions:
    """``check`` before writing, ``mark`` after, over a synchronous seen-store."""

    def __init__(self, store: Any, root: Path) -> None:
        self.store = store
        self.root = root
        self.recovered = 0
        self._inflight: dict[str, str] = {}
        (root / SEEN_DIR).mkdir(parents=True, exist_ok=True)
        self._journal_path = root / SEEN_DIR / f"journal-{os.getpid()}.jsonl"
        self._journal: Any = None

    def open(self) -> None:
        """Finish the journals of dead processes, then start our own."""
        self.recover()
        self._journal = self._journal_path.open("a", encoding="utf-8")

    def recover(self) -> int:
        """Finish the journals of dead processes (ours too before it is opened); return how
        many records they left unmarked. Also called when a dead worker's work is taken
        over."""
        before = self.recovered
        for path in orphan_journals(self.root):
            if self._journal is not None and path == self._journal_path:
                continue
            for entry in journal_entries(path):
                key, seen = entry["key"], (entry["hash"], entry["revision"])
                if self.store.get(key) != seen and in_archive(self.root, entry):
                    for name in (*entry.get("aliases", ()), key):
                        self.store.mark(name, *seen)
                    self.recovered += 1
            path.unlink(missing_ok=True)
        return self.recovered - before

    def check(self, record: dict[str, Any]) -> dict[str, Any] | None:
        """None for an article unchanged since it was last written; else the record (revision
        raised when it changed), its intent journalled before it returns (flushed to the
        kernel, as the crawler's journal: it outlives a killed process)."""
        key, digest = seen_key(record), record["content_hash"]
        if self._inflight.get(key) == digest:
            return None
        previous: Seen | None = self.store.get(key)
        if previous is not None and previous[0] == digest:
            for alias in alias_keys(record):
                self.store.mark(alias, *previous)
            return None
        if previous is not None:
            record["revision"] = previous[1] + 1
        self._inflight[key] = digest
        self._journal.write(json.dumps(intent(record)) + "\n")
        self._journal.flush()
        return record

    def mark(self, record: dict[str, Any]) -> None:
        """Remember a written record under its alias keys, then its key."""
        key = seen_key(record)
        for name in (*alias_keys(record), key):
            self.store.mark(name, record["content_hash"], record["revision"])
        self._inflight.pop(key, None)

    def close(self) -> None:
        """Close the journal (removed when everything was marked) and the store."""
        if self._journal is not None:
            self._journal.close()
            self._journal = None
            if not self._inflight:
                self._journal_path.unlink(missing_ok=True)
        self.store.close()
