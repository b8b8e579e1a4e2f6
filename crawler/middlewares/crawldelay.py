"""Honour ``Crawl-delay`` from robots.txt: requests to one host are spaced by at least that delay.

Scrapy parses robots.txt (RobotsTxtMiddleware, Protego) but does not apply ``Crawl-delay``.
This middleware listens to the ``robots_parsed`` signal, reads the delay for our user agent and
makes each later request to that host wait for its turn (a per-host lock and the time the
previous request left, so concurrent requests are spaced too). It runs after
RobotsTxtMiddleware, so the delay is known in time.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any, Self

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.httpobj import urlparse_cached

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class CrawlDelayMiddleware:
    """Space requests per host by robots.txt ``Crawl-delay`` (capped: NEWS_CRAWL_DELAY_MAX)."""

    def __init__(self, *, crawler: Crawler, user_agent: str, max_delay: float) -> None:
        self._crawler = crawler
        self._user_agent = user_agent
        self._max_delay = max_delay
        self._delays: dict[str, float] = {}
        self._last_sent: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build and connect to ``robots_parsed``; NotConfigured when disabled."""
        settings = crawler.settings
        if not settings.getbool("NEWS_CRAWL_DELAY_ENABLED", True) or not settings.getbool(
                "ROBOTSTXT_OBEY"):
            raise NotConfigured
        agent = settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT")
        mw = cls(crawler=crawler, user_agent=agent,
                 max_delay=settings.getfloat("NEWS_CRAWL_DELAY_MAX", 60.0))
        crawler.signals.connect(mw.robots_parsed, signal=signals.robots_parsed)
        return mw

    def robots_parsed(self, robotparser: Any, request: Request) -> None:
        """Remember the Crawl-delay of the host the robots.txt belongs to; a robots.txt read
        again without one (a long-lived distributed worker's next run) clears it."""
        reader = getattr(robotparser, "crawl_delay", None)
        delay = reader(self._user_agent) if callable(reader) else None
        netloc = urlparse_cached(request).netloc
        if not delay or delay <= 0:
            if self._delays.pop(netloc, None) is not None:
                logger.info("Crawl-delay for %s lifted (robots.txt)", netloc)
            return
        self._delays[netloc] = min(float(delay), self._max_delay)
        self._crawler.stats.set_value(f"news/crawl_delay/{netloc}", self._delays[netloc])
        logger.info("Crawl-delay %.2fs for %s (robots.txt)", self._delays[netloc], netloc)

    async def process_request(self, request: Request) -> None:
        """Wait until the host's next slot; robots.txt requests themselves never wait."""
        if request.meta.get("dont_obey_robotstxt"):
            return
        netloc = urlparse_cached(request).netloc
        delay = self._delays.get(netloc)
        if not delay:
            return
        lock = self._locks.setdefault(netloc, asyncio.Lock())
        async with lock:  # one request per host passes at a time, spaced from the previous one
            wait = self._last_sent.get(netloc, float("-inf")) + delay - time.monotonic()
            if wait > 0:
                self._crawler.stats.inc_value("news/crawl_delay/waits")
                await asyncio.sleep(wait)
            self._last_sent[netloc] = time.monotonic()
