"""``HealthTally``: count pages by kind and each written record's health flags into the stats.

Stats keys (``cleaners.health.rules``): ``news/health/pages/<kind>`` per response handed to a
spider callback, ``news/health/records`` and ``news/health/records/<flag>`` per record that
passed every pipeline (was written), ``news/health/sections`` and ``news/health/subheadings``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.http.request import NO_CALLBACK

from cleaners.health import record_flags, rules, subheadings
from crawler.monitoring.assessment import thresholds_from

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

_KINDS = dict(rules.PAGE_KINDS)


class HealthTally:
    """Count the run's pages and records for the health figures."""

    def __init__(self, *, crawler: Crawler, short_words: int) -> None:
        self._stats = crawler.stats
        self._short_words = short_words

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """On unless ``NEWS_MONITOR_ENABLED`` is off."""
        if not crawler.settings.getbool("NEWS_MONITOR_ENABLED"):
            raise NotConfigured
        thresholds_from(crawler.settings, None)  # a bad NEWS_MONITOR_* fails the crawl at once
        ext = cls(crawler=crawler, short_words=crawler.settings.getint(
            "NEWS_MONITOR_SHORT_WORDS", rules.SHORT_ARTICLE_WORDS))
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        return ext

    def response_received(self, response: Response, request: Request) -> None:
        """Count a page by the kind of callback it goes to (error answers are not pages).

        Downloads a component makes for itself (``NO_CALLBACK``: Scrapy's robots.txt download,
        which the spider's robots.txt request then shares) are not counted twice.
        """
        if response.status >= 400 or request.callback is NO_CALLBACK:
            return
        callback = getattr(request.callback, "__name__", "")
        self._stats.inc_value(rules.PAGES_PREFIX + _KINDS.get(callback, "other"))

    def item_scraped(self, item: Any) -> None:
        """Count a written record's flags, sections and sub-headings."""
        if not isinstance(item, dict) or "sections" not in item:
            return
        self._stats.inc_value(rules.RECORDS_KEY)
        for flag, raised in record_flags(item, short_words=self._short_words).items():
            self._stats.inc_value(f"{rules.RECORDS_KEY}/{flag}", int(raised))
        self._stats.inc_value(rules.SECTIONS_KEY, len(item.get("sections") or ()))
        self._stats.inc_value(rules.SUBHEADINGS_KEY, subheadings(item))
