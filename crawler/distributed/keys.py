"""Redis key names shared by the distributed scheduler, dupefilter, run coordinator and seeder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

DEFAULT_PREFIX: Final = "newsclean:%(spider)s"  # NEWS_REDIS_PREFIX; %(spider)s = spider name


@dataclass(frozen=True)
class RedisKeys:
    """All keys of one spider's distributed crawl, derived from one prefix."""

    prefix: str

    @classmethod
    def for_spider(cls, template: str, spider_name: str) -> RedisKeys:
        """Keys for ``spider_name`` from a ``%(spider)s`` prefix template."""
        return cls(prefix=template % {"spider": spider_name})

    @property
    def queue(self) -> str:
        """Sorted set of pickled requests (score = -priority), shared by all workers."""
        return f"{self.prefix}:requests"

    @property
    def dupefilter(self) -> str:
        """Set of request fingerprints enqueued in the current run (cleared when the run ends)."""
        return f"{self.prefix}:dupefilter"

    @property
    def run(self) -> str:
        """The run marker: set once by the seeding worker (SET NX), deleted when the run ends."""
        return f"{self.prefix}:run"

    @property
    def seeding(self) -> str:
        """Present (with a TTL) while a worker is still pushing its start requests."""
        return f"{self.prefix}:seeding"

    @property
    def workers(self) -> str:
        """Set of worker instance ids that may hold leases."""
        return f"{self.prefix}:workers"

    @property
    def lease_prefix(self) -> str:
        """Prefix of the per-instance lease hashes (member -> score)."""
        return f"{self.prefix}:lease:"

    @property
    def heartbeat_prefix(self) -> str:
        """Prefix of the per-instance heartbeat keys (expire when the worker stops beating)."""
        return f"{self.prefix}:heartbeat:"

    def lease(self, instance: str) -> str:
        """Hash of the requests ``instance`` has taken and not yet finished."""
        return self.lease_prefix + instance

    def heartbeat(self, instance: str) -> str:
        """Heartbeat key of ``instance``."""
        return self.heartbeat_prefix + instance
