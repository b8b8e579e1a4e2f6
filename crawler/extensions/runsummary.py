"""``RunSummary``: at the end of a crawl, log (and optionally save) what was written and failed.

Failures are counted by kind from the stats the spiders and pipelines keep
(``news/failures/<kind>``), plus Scrapy's own off-site and robots.txt filters.
``NEWS_SUMMARY_FILE`` (a path) also writes the summary as JSON.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Self

from scrapy import signals

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

FAILURE_PREFIX: Final = "news/failures/"
# Scrapy's own filters, reported as failure kinds too.
SCRAPY_FAILURES: Final = (
    ("offsite/filtered", "offsite"),
    ("robotstxt/forbidden", "robots_forbidden"),
)


def summarize(stats: dict[str, Any], reason: str) -> dict[str, Any]:
    """The run summary from a stats dict: records written, retries, failures by kind."""
    failures = {k.removeprefix(FAILURE_PREFIX): v for k, v in stats.items()
                if k.startswith(FAILURE_PREFIX)}
    failures.update({kind: stats[key] for key, kind in SCRAPY_FAILURES if stats.get(key)})
    return {
        "finish_reason": reason,
        "pages_fetched": stats.get("news/pages_fetched", 0),
        "records_written": stats.get("news/articles_written", 0),
        "retries": stats.get("retry/count", 0),
        "failures": dict(sorted(failures.items())),
        "failures_total": sum(failures.values()),
    }


class RunSummary:
    """Log the run summary when the spider closes; write it to ``NEWS_SUMMARY_FILE`` if set."""

    def __init__(self, *, crawler: Crawler, path: Path | None) -> None:
        self._crawler = crawler
        self._path = path

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Connect to ``spider_closed``."""
        path = crawler.settings.get("NEWS_SUMMARY_FILE")
        ext = cls(crawler=crawler, path=Path(path) if path else None)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Build, log and save the summary."""
        summary = summarize(self._crawler.stats.get_stats(), reason)
        kinds = ", ".join(f"{k}={v}" for k, v in summary["failures"].items()) or "none"
        logger.info("Run summary: %d records written, %d pages fetched, %d retries, "
                    "%d failures (%s), finish reason %s", summary["records_written"],
                    summary["pages_fetched"], summary["retries"], summary["failures_total"],
                    kinds, reason)
        if self._path is not None:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            self._path.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", "utf-8")
