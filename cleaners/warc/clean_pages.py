"""Cleaning archived pages: which responses of a WARC count as articles, and the cleaning job.

``newsclean clean FILE.warc.gz`` and ``newsclean reclean`` both hand ``PageTask`` values to
``clean_page_task`` in worker processes (picklable in, plain tuples out).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from cleaners.exceptions import CleanError
from cleaners.warc.reader import HTML_TYPES, ArchivedPage


@dataclass(frozen=True)
class PageTask:
    """One archived page to clean, with what the record should say about where it came from."""

    url: str
    body: bytes
    fetched_at: str
    encoding: str | None
    site: str | None
    spider: str | None = None
    source: str | None = None
    hints: dict[str, Any] = field(default_factory=dict)
    key: Any = None  # the caller's handle (file and offset, the old record ...), passed back


@dataclass(frozen=True)
class PageFilter:
    """Which responses to clean: HTTP 200 HTML, optionally of one site (host) and URL pattern."""

    site: str | None = None
    url_pattern: re.Pattern[str] | None = None

    def accepts_head(self, url: str, status: int | None, content_type: str) -> bool:
        """Whether a response may be one to clean, before its body is read."""
        ctype = content_type.split(";")[0].strip().lower()
        return status == 200 and bool(url) and ctype in HTML_TYPES

    def accepts(self, page: ArchivedPage) -> bool:
        """Whether ``page`` is one to clean."""
        if not self.accepts_head(page.url, page.status, page.content_type):
            return False
        if self.site is not None:
            host = (urlsplit(page.url).hostname or "").lower()
            meta_site = page.meta.get("site")
            site = self.site.lower()
            if meta_site != self.site and host != site and not host.endswith("." + site):
                return False
        return self.url_pattern is None or bool(self.url_pattern.search(page.url))


def tasks_of(pages: Iterable[tuple[str, ArchivedPage]], flt: PageFilter,
             site: str | None) -> Iterator[PageTask]:
    """A task per accepted page of ``(path, page)`` pairs; ``site`` names the records' site."""
    for path, page in pages:
        if not flt.accepts(page):
            continue
        hints = page.meta.get("hints")
        yield PageTask(url=page.url, body=page.body, fetched_at=page.fetched_at,
                       encoding=page.charset, site=site or page.meta.get("site"),
                       spider=page.meta.get("spider"), source=path,
                       hints=hints if isinstance(hints, dict) else {},
                       key=(path, page.offset, page.url))


def clean_page_task(task: PageTask) -> tuple[Any, dict[str, Any] | None, str | None]:
    """Clean one page: ``(key, record, None)`` or ``(key, None, reason)``. Runs in workers."""
    from cleaners.clean import clean_html

    try:
        record = clean_html(task.body, url=task.url, hints=task.hints, site=task.site,
                            spider=task.spider, source=task.source, encoding=task.encoding)
    except CleanError as exc:
        return task.key, None, getattr(exc, "reason", None) or str(exc)
    except RecursionError:
        return task.key, None, "too deeply nested"
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop a batch
        return task.key, None, f"internal error: {type(exc).__name__}: {exc}"
    record["fetched_at"] = task.fetched_at
    return task.key, record, None
