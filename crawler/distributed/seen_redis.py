"""The Redis seen-store of distributed crawls: ``cleaners.seen.redis_store.RedisSeenStore`` built
from the crawler's settings (``REDIS_URL``, ``NEWS_SEEN_REDIS_KEY``). See that module for the
contract and the stored format.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from scrapy.exceptions import NotConfigured

from cleaners.seen.redis_store import CHECKED_SUFFIX, DEFAULT_KEY, MARK, TOUCH
from cleaners.seen.redis_store import RedisSeenStore as _RedisSeenStore

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

__all__ = ["CHECKED_SUFFIX", "DEFAULT_KEY", "MARK", "TOUCH", "RedisSeenStore"]


class RedisSeenStore(_RedisSeenStore):
    """``cleaners.seen.redis_store.RedisSeenStore`` with a ``from_crawler`` constructor."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Use REDIS_URL and NEWS_SEEN_REDIS_KEY."""
        url = crawler.settings.get("REDIS_URL")
        if not url:
            raise NotConfigured("RedisSeenStore needs REDIS_URL")
        return cls.from_url(url, key=crawler.settings.get("NEWS_SEEN_REDIS_KEY", DEFAULT_KEY))
