"""``newsclean clean FILE.warc.gz ...``: the HTML 200 responses of any WARC, cleaned to records.

Each record's ``url`` is the response's WARC-Target-URI, ``fetched_at`` its WARC-Date,
``source`` the WARC file. Files are streamed (one page per worker batch in memory), pages go
to ``--jobs`` processes and come back in file order. A file that cannot be read is reported
(``newsclean: FILE: reason``) and the next one goes on; so does a page that fails to clean.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import IO, Any, Final

from cleaners.io import dumps_record
from cleaners.warc.clean_pages import PageFilter, clean_page_task, tasks_of
from cleaners.warc.errors import WarcError
from cleaners.warc.pool import bounded_map
from cleaners.warc.reader import ArchivedPage, iter_pages

WARC_SUFFIXES: Final = (".warc", ".warc.gz")


def is_warc(path: str) -> bool:
    """A WARC input by its name (``.warc`` or ``.warc.gz``)."""
    return path.lower().endswith(WARC_SUFFIXES)


class _Pages:
    """``(path, page)`` of every file in turn; unreadable files are counted and reported."""

    def __init__(self, paths: list[str], flt: PageFilter) -> None:
        self.paths = paths
        self.flt = flt
        self.failed_files = 0

    def __iter__(self) -> Iterator[tuple[str, ArchivedPage]]:
        for path in self.paths:
            try:
                for page in iter_pages(path, self.flt.accepts_head):
                    yield path, page
            except WarcError as exc:
                self.failed_files += 1
                print(f"newsclean: {exc}", file=sys.stderr, flush=True)


def clean_warcs(paths: list[str], out: IO[str], *, jobs: int, flt: PageFilter,
                site: str | None, progress: bool) -> tuple[int, int]:
    """Clean the accepted pages of ``paths`` into ``out``; return (cleaned, failed)."""
    pages = _Pages(paths, flt)
    results: Any = bounded_map(clean_page_task, tasks_of(pages, flt, site), jobs)
    if progress:
        from tqdm import tqdm

        results = tqdm(results, unit="page", file=sys.stderr)
    cleaned = failed = 0
    for key, record, error in results:
        if record is None:
            failed += 1
            path, offset, url = key
            print(f"newsclean: {path}: offset {offset} ({url}): {error}", file=sys.stderr,
                  flush=True)
            continue
        out.write(dumps_record(record) + "\n")
        out.flush()
        cleaned += 1
    return cleaned, failed + pages.failed_files
