"""Redis key names shared by the distributed scheduler, dupefilter, run coordinator and seeder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from scrapy import Spider

# NEWS_REDIS_PREFIX: %(spider)s = spider name, %(site)s = its site profile (or host) name. The
# site is part of the default so that crawls of different sites never share a queue: a worker
# only follows the rules and allowed domains of its own profile.
DEFAULT_PREFIX: Final = "newsclean:%(spider)s:%(site)s"


@dataclass(frozen=True)
class RedisKeys:
    """All keys of one spider's distributed crawl, derived from one prefix."""

    prefix: str

    @classmethod
    def for_spider(cls, template: str, spider: Spider) -> RedisKeys:
        """Keys for ``spider`` from a ``%(spider)s``/``%(site)s`` prefix template."""
        return cls(prefix=template % {"spider": spider.name, "site": site_of(spider)})

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
    def chains_run(self) -> str:
        """Set of listing chains (first page URLs) whose end a worker read in the current run."""
        return f"{self.prefix}:chains:run"

    @property
    def chains_walked(self) -> str:
        """Set of listing chains walked to their end in a run that ended (distributed.chains)."""
        return f"{self.prefix}:chains:walked"

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


def site_of(spider: Spider) -> str:
    """The site a spider crawls: its profile name, else ``all``."""
    profile = getattr(spider, "profile", None)
    return str(getattr(profile, "name", "") or getattr(spider, "site_name", "") or "all")
