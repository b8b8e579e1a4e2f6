"""The CC-NEWS run loop: for each WARC file the queue hands out, stream it, clean the selected
pages in parallel, and write their records to the dated archive through the seen-store.

Per page, in file order: cleaned record -> language kept? -> ``SeenRevisions.check`` (unchanged
dropped, changed revision + 1, intent journalled) -> ``DatedJsonlWriter.write`` (one whole
line, fsynced) -> ``SeenRevisions.mark`` -> the queue's ledger learns the page's offset
(saved every ``LEDGER_EVERY`` seconds or ``LEDGER_PAGES`` pages, and at the end of the file).
``kill -9`` at any moment: the archive holds whole lines, the journal finishes marking on the
next run, and pages after the last saved offset are cleaned again and dropped as unchanged.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaners.archive.writer import DatedJsonlWriter
from cleaners.ccnews.defaults import LEDGER_EVERY, LEDGER_PAGES, SOURCE, SPIDER
from cleaners.ccnews.errors import CcnewsError
from cleaners.ccnews.remote import open_warc, url_of
from cleaners.ccnews.select import HostSelection
from cleaners.seen.revisions import SeenRevisions
from cleaners.seen.store import SqliteSeenStore, default_seen_path
from cleaners.warc.clean_pages import PageTask, clean_page_task
from cleaners.warc.errors import WarcError
from cleaners.warc.pool import bounded_map
from cleaners.warc.reader import iter_stream_pages


@dataclass
class RunReport:
    """What a run did."""

    files: int = 0
    files_failed: int = 0
    pages: int = 0  # selected pages cleaned (or failed to clean)
    written: int = 0
    revisions: int = 0
    unchanged: int = 0
    other_language: int = 0
    failed: int = 0
    recovered: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Pages per second."""
        return self.pages / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        """The line printed at the end."""
        return (f"newsclean ccnews: {self.files} WARC files ({self.files_failed} failed), "
                f"{self.pages} pages cleaned in {self.seconds:.1f} s ({self.rate:.1f} pages/s): "
                f"{self.written} records written ({self.revisions} new revisions), "
                f"{self.unchanged} unchanged, {self.other_language} other languages, "
                f"{self.failed} failed to clean")


class _FilePages:
    """The selected pages of one file after ``handled``; a break-off is kept, not raised, so
    every page before it is still cleaned and written."""

    def __init__(self, base: str, path: str, handled: int | None,
                 selection: HostSelection) -> None:
        self.base, self.path, self.handled, self.selection = base, path, handled, selection
        self.error: str | None = None

    def __iter__(self) -> Iterator[PageTask]:
        start = self.handled or 0
        name = url_of(self.base, self.path)
        try:
            stream = open_warc(self.base, self.path, start)
        except CcnewsError as exc:
            self.error = str(exc)
            return
        try:
            for page in iter_stream_pages(stream, name, self.selection.accepts_head, start=start):
                if self.handled is not None and page.offset <= self.handled:
                    continue
                site = self.selection.site_of(page.url)
                yield PageTask(url=page.url, body=page.body, fetched_at=page.fetched_at,
                               encoding=page.charset, site=site.name, source=SOURCE,
                               hints=dict(site.hints), key=page.offset)
        except (CcnewsError, WarcError) as exc:
            self.error = str(exc)
        finally:
            stream.close()


class CcnewsRun:
    """One run over the files a queue hands out, writing to the archive under ``root``."""

    def __init__(self, *, base: str, root: Path, selection: HostSelection, queue: Any,
                 jobs: int = 1, worker: str | None = None, progress: bool = False,
                 total_files: int | None = None, seen_store: Any = None) -> None:
        self.base, self.root, self.selection, self.queue = base, root, selection, queue
        self.seen_store = seen_store  # default: the SQLite store under root
        self.jobs, self.worker, self.total_files = jobs, worker, total_files
        self.report = RunReport()
        self._bar: Any = None
        if progress:
            from tqdm import tqdm

            self._bar = tqdm(unit="page", file=sys.stderr, desc="ccnews", dynamic_ncols=True)

    def run(self) -> RunReport:
        """Work through the queue; return the report."""
        start = time.monotonic()
        store = self.seen_store
        if store is None:  # (not ``or``: an empty store has len 0)
            store = SqliteSeenStore(default_seen_path(self.root))
        seen = SeenRevisions(store, self.root)
        seen.open()
        self.report.recovered = seen.recovered
        writer = DatedJsonlWriter(self.root, spider=SPIDER, worker=self.worker,
                                  on_locked="suffix")
        status = "failed"
        try:
            for path, handled in self.queue:
                self._file(path, handled, seen, writer)
            status = "finished"
        finally:
            writer.close(status)
            seen.close()
            self.queue.close()
            if self._bar is not None:
                self._bar.close()
            self.report.seconds = time.monotonic() - start
        return self.report

    def _file(self, path: str, handled: int | None, seen: SeenRevisions,
              writer: DatedJsonlWriter) -> None:
        pages = _FilePages(self.base, path, handled, self.selection)
        self.report.recovered += seen.recover()  # a dead worker's unmarked records (takeover)
        last_save, unsaved = time.monotonic(), 0
        last: int | None = None
        for offset, record, error in bounded_map(clean_page_task, pages, self.jobs):
            if getattr(self.queue, "lost", False):
                print(f"newsclean ccnews: {path}: lease lost to another worker; leaving it",
                      file=sys.stderr, flush=True)
                return
            self.report.pages += 1
            if record is None:
                self.report.failed += 1
                print(f"newsclean ccnews: {path}: offset {offset}: {error}", file=sys.stderr,
                      flush=True)
            else:
                self._write(record, path, offset, seen, writer)
            last, unsaved = offset, unsaved + 1
            if unsaved >= LEDGER_PAGES or time.monotonic() - last_save >= LEDGER_EVERY:
                self.queue.advance(path, last)
                last_save, unsaved = time.monotonic(), 0
            self._tick()
        if last is not None:
            self.queue.advance(path, last)
        self.report.files += 1
        if pages.error is not None:
            self.report.files_failed += 1
            self.report.errors.append(pages.error)
            self.queue.fail(path, pages.error)
            print(f"newsclean ccnews: {pages.error}", file=sys.stderr, flush=True)
        else:
            self.queue.finish(path)
        self._tick(files=True)

    def _write(self, record: dict[str, Any], path: str, offset: int, seen: SeenRevisions,
               writer: DatedJsonlWriter) -> None:
        if not self.selection.keeps_language(record):
            self.report.other_language += 1
            return
        record["source"] = SOURCE
        record["warc"] = {"file": path, "offset": offset}
        checked = seen.check(record)
        if checked is None:
            self.report.unchanged += 1
            return
        writer.write(checked)
        seen.mark(checked)
        self.report.written += 1
        if checked["revision"] > 1:
            self.report.revisions += 1

    def _tick(self, *, files: bool = False) -> None:
        if self._bar is None:
            if files:
                r = self.report
                print(f"newsclean ccnews: {r.files} files done, {r.pages} pages, "
                      f"{r.written} kept", file=sys.stderr, flush=True)
            return
        if not files:
            self._bar.update(1)
        total = f"/{self.total_files}" if self.total_files is not None else ""
        self._bar.set_postfix(files=f"{self.report.files}{total}", kept=self.report.written,
                              refresh=False)
