"""Re-clean an archive: the current cleaner over each record's archived page; a new revision
only where the record changed.

For every latest record with a ``warc`` pointer (``--site``, ``--since``/``--until`` on its
publication date), the page is read back from its WARC and cleaned again. When any of
``COMPARED_FIELDS`` differs, the new record is appended with the same ``id``, ``revision`` + 1,
a fresh ``content_hash`` (title + text) and ``cleaner_version``, keeping the old ``url``,
``site``, ``spider``, ``source``, ``fetched_at`` and ``warc``. Unchanged records write nothing.

Resumable by construction: a rerun reads the latest revisions again, and a record re-cleaned by
a killed run is already at the new cleaner's output, so it compares equal. Lines are written
whole (``DatedJsonlWriter``), so after ``kill -9`` every changed record is written exactly once
across the runs.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from cleaners.archive.layout import list_day_files
from cleaners.archive.reader import read_records
from cleaners.record import content_hash
from cleaners.version import cleaner_version
from cleaners.warc.clean_pages import PageTask, clean_page_task
from cleaners.warc.errors import WarcError
from cleaners.warc.pool import bounded_map
from cleaners.warc.reader import read_page

# A record changed when one of these differs (derived fields and provenance are not compared).
COMPARED_FIELDS: Final = ("title", "date", "published", "modified", "date_source", "authors",
                          "language", "lead", "sections", "text", "tags", "canonical_url")
# How --dry-run groups the differences.
FIELD_GROUPS: Final = (
    ("date", ("date", "published", "modified", "date_source")),
    ("title", ("title",)),
    ("sections", ("sections", "lead")),
    ("text", ("text",)),
    ("metadata", ("authors", "language", "tags", "canonical_url")),
)
ARTEFACT_COUNTS: Final = ("template_blocks_removed", "template_tokens_removed",
                          "boilerplate_removed")
KEPT_FIELDS: Final = ("id", "url", "site", "spider", "source", "fetched_at", "warc")
EXAMPLES: Final = 3
# The crawl's seen-store learns of new revisions through an intent journal in the format of
# crawler.pipelines.seen (``<root>/_seen/journal-<pid>.jsonl``): the next crawl finishes the
# journals of ended processes, marking each entry whose record is in the archive. Without it,
# a crawl that cleaned an article to the re-cleaned text would write that revision again.
SEEN_DIR: Final = "_seen"
RECLEAN_SPIDER: Final = "reclean"  # the run manifest's spider name


@dataclass
class RecleanReport:
    """What a re-clean found: counts, changes by field group, a few examples."""

    pages: int = 0
    changed: int = 0
    written: int = 0
    failed: int = 0  # pages that could not be read back or cleaned
    unreadable: int = 0  # of which: not read back from their WARC
    no_page: int = 0
    seconds: float = 0.0
    by_group: Counter[str] = field(default_factory=Counter)
    examples: list[tuple[dict[str, Any], dict[str, Any], list[str]]] = field(
        default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> int:
        """Pages cleaned to the same record."""
        return self.pages - self.changed - (self.failed - self.unreadable)


def changed_groups(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The ``FIELD_GROUPS`` names (and "artefacts removed") in which two records differ."""
    groups = [name for name, fields in FIELD_GROUPS
              if any(old.get(f) != new.get(f) for f in fields)]
    old_c, new_c = old.get("cleaning") or {}, new.get("cleaning") or {}
    if groups and any(old_c.get(k) != new_c.get(k) for k in ARTEFACT_COUNTS):
        groups.append("artefacts removed")
    return groups


def next_revision(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The new record: cleaner output, the old record's identity and provenance, revision + 1."""
    record = dict(new)
    for key in KEPT_FIELDS:
        if key in old:
            record[key] = old[key]
    record["revision"] = int(old["revision"]) + 1
    record["content_hash"] = content_hash(record["title"], record["text"])
    record["cleaner_version"] = cleaner_version()
    return record


class SeenJournal:
    """Intent lines for the crawl's seen-store: one per new revision, before it is written."""

    def __init__(self, root: Path) -> None:
        folder = root / SEEN_DIR
        folder.mkdir(parents=True, exist_ok=True)
        self._fh = open(folder / f"journal-{os.getpid()}.jsonl", "a", encoding="utf-8")  # noqa: SIM115

    def add(self, record: dict[str, Any]) -> None:
        """Journal a revision about to be written (key: canonical URL, as the crawler keys)."""
        from w3lib.url import canonicalize_url

        if not record.get("url"):
            return  # not from a crawl: nothing in the seen-store to update
        key = canonicalize_url(record.get("canonical_url") or record["url"])
        aliases = [a for a in {canonicalize_url(record["url"])} if a != key]
        self._fh.write(json.dumps({"key": key, "hash": record["content_hash"],
                                   "revision": record["revision"], "site": record["site"],
                                   "date": record.get("date"), "aliases": aliases}) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        """Close the journal (it stays for the next crawl to finish)."""
        self._fh.close()


def reclean_task(task: PageTask) -> tuple[dict[str, Any] | None, dict[str, Any] | None, Any]:
    """Clean one archived page, compare: ``(old, new revision, groups)``; ``(None, None, [])``
    when unchanged (nothing big goes back to the parent), or ``({id, url}, None, reason)`` when
    cleaning failed. Runs in workers."""
    old = task.key
    _, new, error = clean_page_task(task)
    if new is None:
        return {"id": old["id"], "url": old.get("url")}, None, error
    if not any(old.get(f) != new.get(f) for f in COMPARED_FIELDS):
        return None, None, []
    return old, next_revision(old, new), changed_groups(old, new)


def _tasks(root: Path, records: Iterator[dict[str, Any]], report: RecleanReport
           ) -> Iterator[PageTask]:
    done: set[int] = set()  # ids handled in this run (never twice, even if read twice)
    for record in records:
        key = int(record["id"], 16)
        if key in done:
            continue
        done.add(key)
        if "warc" not in record:
            report.no_page += 1
            continue
        try:
            page = read_page(root, record["warc"])
        except WarcError as exc:
            report.failed += 1
            report.unreadable += 1
            report.errors.append(f"{record['id']} ({record.get('url')}): {exc}")
            print(f"newsclean reclean: {record['id']}: {exc}", file=sys.stderr, flush=True)
            continue
        hints = page.meta.get("hints")
        yield PageTask(url=record.get("url") or page.url, body=page.body,
                       fetched_at=record["fetched_at"], encoding=page.charset,
                       site=record.get("site"), spider=record.get("spider"),
                       source=record.get("source"),
                       hints=hints if isinstance(hints, dict) else {}, key=record)


def estimate_pages(root: Path, site: str | None, since: str | None, until: str | None) -> int:
    """Lines naming a WARC in the selected day files: the progress bar's total (an upper
    bound: older revisions count too)."""
    sites = [site] if site else None
    total = 0
    for f in list_day_files(root, sites, since=since, until=until):
        with open(f.path, "rb") as fh:
            total += sum(1 for line in fh if b'"warc":' in line)
    return total


def reclean(root: Path, *, site: str | None = None, since: str | None = None,
            until: str | None = None, jobs: int = 1, dry_run: bool = False,
            progress: bool = False, writer: Any = None) -> RecleanReport:
    """Re-clean the archive under ``root``; write new revisions unless ``dry_run``."""
    report = RecleanReport()
    start = time.monotonic()
    records = read_records(root, site=site, since=since, until=until, latest=True)
    results: Any = bounded_map(reclean_task, _tasks(root, records, report), jobs)
    if progress:
        from tqdm import tqdm

        results = tqdm(results, total=estimate_pages(root, site, since, until), unit="page",
                       file=sys.stderr, desc="reclean")
    own_writer = writer is None and not dry_run  # opened at the first change: none, no run
    journal: SeenJournal | None = None
    status = "failed"
    try:
        for old, new, info in results:
            report.pages += 1
            if new is None or old is None:
                if isinstance(info, str) and old is not None:
                    report.failed += 1
                    report.errors.append(f"{old['id']} ({old.get('url')}): {info}")
                    print(f"newsclean reclean: {old['id']} ({old.get('url')}): {info}",
                          file=sys.stderr, flush=True)
                continue
            report.changed += 1
            report.by_group.update(info)
            if len(report.examples) < EXAMPLES:
                report.examples.append((old, new, info))
            if not dry_run:
                if writer is None:
                    from cleaners.archive.writer import DatedJsonlWriter

                    writer = DatedJsonlWriter(root, spider=RECLEAN_SPIDER, on_locked="suffix")
                    journal = SeenJournal(root)
                journal.add(new)  # type: ignore[union-attr]
                writer.write(new)
                report.written += 1
        status = "finished"
    finally:
        if own_writer and writer is not None:
            writer.close(status)
        if journal is not None:
            journal.close()
        report.seconds = time.monotonic() - start
    return report
