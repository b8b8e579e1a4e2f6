"""Listing chains walked to their end, shared by the workers of a distributed crawl.

A worker that reads the last page of a paginated listing (no next page, or the page cap)
adds the chain (its first page's URL) to the run's set at once, before that page's request is
acked. When the run ends (queue empty, no leases: every page and article of the run was
processed) ``RUN_STATE`` moves the run's set into the walked set, so the next run may stop
such a chain at a page of known articles only. A run that never ends (every worker killed
mid-chain and the queue dropped) leaves its chains unwalked: the next run walks them again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy_redis import connection

from crawler.distributed.keys import DEFAULT_PREFIX, RedisKeys

if TYPE_CHECKING:
    from collections.abc import Iterable

    from redis import Redis
    from scrapy import Spider
    from scrapy.settings import BaseSettings


class RedisChainLog:
    """The run's chain ends and the walked chains of one spider's crawl, in Redis."""

    def __init__(self, server: Redis, prefix_template: str = DEFAULT_PREFIX) -> None:
        self.server = server
        self.prefix_template = prefix_template
        self.keys: RedisKeys | None = None

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> RedisChainLog:
        """On the crawl's Redis (``REDIS_URL``), with the scheduler's key prefix."""
        return cls(connection.from_settings(settings),
                   settings.get("NEWS_REDIS_PREFIX", DEFAULT_PREFIX))

    def open(self, spider: Spider) -> None:
        """Use the keys of ``spider``'s crawl (as the scheduler does)."""
        self.keys = RedisKeys.for_spider(self.prefix_template, spider)

    def add(self, chains: Iterable[str]) -> None:
        """Chains whose end a worker read in this run."""
        members = sorted(chains)
        if members and self.keys is not None:
            self.server.sadd(self.keys.chains_run, *members)

    def walked(self, chain: str) -> bool:
        """Whether a run that ended walked ``chain`` to its end."""
        return self.keys is not None and bool(
            self.server.sismember(self.keys.chains_walked, chain))
