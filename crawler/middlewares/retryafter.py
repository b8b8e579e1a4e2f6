"""Honour ``Retry-After`` on 429 and 503 answers before Scrapy's RetryMiddleware retries them.

Scrapy retries 429/503 at once, which a rate-limited site answers with another 429. This
middleware sits just outside RetryMiddleware (its ``process_response`` runs first) and waits the
number of seconds (or until the HTTP date) the server asked for, then hands the response on, so
the retry goes out after the wait. Waits longer than ``NEWS_RETRY_AFTER_MAX`` are not honoured
(the retry then follows Scrapy's rules), and nothing waits when no retry is left.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Final, Self

from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

RETRY_AFTER_STATUSES: Final = frozenset({429, 503})


def retry_after_seconds(value: bytes | str | None, *, now: datetime | None = None) -> float | None:
    """Seconds asked for by a Retry-After value (delta-seconds or HTTP-date); None if unusable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)


class RetryAfterMiddleware:
    """Wait out a 429/503 ``Retry-After`` (up to NEWS_RETRY_AFTER_MAX s) before the retry."""

    def __init__(self, *, crawler: Crawler, max_wait: float, retry_times: int) -> None:
        self._crawler = crawler
        self._max_wait = max_wait
        self._retry_times = retry_times

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """NotConfigured when NEWS_RETRY_AFTER_ENABLED or RETRY_ENABLED is off."""
        settings = crawler.settings
        if not settings.getbool("NEWS_RETRY_AFTER_ENABLED", True) or not settings.getbool(
                "RETRY_ENABLED"):
            raise NotConfigured
        return cls(crawler=crawler, max_wait=settings.getfloat("NEWS_RETRY_AFTER_MAX", 60.0),
                   retry_times=settings.getint("RETRY_TIMES"))

    async def process_response(self, request: Request, response: Response) -> Response:
        """Sleep for the server's Retry-After when a retry will follow; pass the response on."""
        if response.status not in RETRY_AFTER_STATUSES or request.meta.get("dont_retry"):
            return response
        retries_left = request.meta.get("max_retry_times", self._retry_times) - request.meta.get(
            "retry_times", 0)
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is None or retries_left <= 0 or wait > self._max_wait:
            return response
        stats = self._crawler.stats
        stats.inc_value("news/retry_after/waits")
        stats.inc_value("news/retry_after/seconds", round(wait, 3))
        logger.info("%s answered %d with Retry-After %.1f s: waiting before the retry",
                    request.url, response.status, wait)
        await asyncio.sleep(wait)
        return response
