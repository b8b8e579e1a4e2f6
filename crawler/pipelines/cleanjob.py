"""The cleaning job run in worker processes: no Scrapy import, results as plain picklable tuples."""

from __future__ import annotations

import os
import threading
import time
from typing import Any

from cleaners.exceptions import BadInput

Outcome = tuple[str, Any]  # ("ok", record) | ("bad_input", reason) | ("error", message)
WATCH_INTERVAL = 1.0  # seconds between checks that the crawler process is still alive


def _exit_when_gone(pid: int) -> None:
    while True:
        time.sleep(WATCH_INTERVAL)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(0)  # the crawler was killed (kill -9): do not linger as an orphan
        except PermissionError:
            pass


def watch_crawler(pid: int) -> None:
    """Pool initializer: exit this worker soon after the crawler process ``pid`` dies."""
    threading.Thread(target=_exit_when_gone, args=(pid,), daemon=True,
                     name="watch-crawler").start()


def clean_page(html: str | bytes, url: str, hints: dict[str, Any], site: str, spider: str,
               encoding: str | None = None) -> Outcome:
    """Clean one page; failures come back as values so their reason survives pickling."""
    from cleaners.clean import clean_html

    try:
        return "ok", clean_html(html, url=url, hints=hints, site=site, spider=spider,
                                encoding=encoding)
    except BadInput as exc:
        return "bad_input", exc.reason
    except Exception as exc:  # noqa: BLE001 - no error, a cleaner bug included, kills the crawl
        return "error", f"{type(exc).__name__}: {exc}"
