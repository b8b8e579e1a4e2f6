"""``DistributedAddon``: one setting, ``REDIS_URL``, switches the project to distributed mode.

``REDIS_URL`` comes from the settings (``-s REDIS_URL=...``) or else from the environment
(``NEWSCLEAN_REDIS_URL``, then ``REDIS_URL``); ``-s REDIS_URL=`` (empty) keeps a command local
even when the environment names a Redis. Without it the add-on does nothing and the project
crawls alone with its SQLite seen-store. With it, the add-on sets:

* ``SCHEDULER`` = ``LeaseScheduler`` (scrapy-redis queue with leases), ``DUPEFILTER_CLASS`` =
  ``RunDupeFilter``, ``SCHEDULER_PERSIST`` = True (the queue outlives a worker);
* the ``DistributedStartMiddleware`` (seeding lock, immediate start, idle close);
* ``NEWS_SEEN_STORE`` = ``RedisSeenStore``; ``NEWS_WORKER`` = ``<host>-<pid>`` unless given, so
  every worker appends to its own ``<date>.<worker>.jsonl``;
* ``MAX_IDLE_TIME_BEFORE_CLOSE`` = 10 s unless given (0 = a long-lived worker).

Settings given on the command line or by the spider win over these; project defaults do not.
"""

from __future__ import annotations

import os
import re
import socket
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from scrapy.exceptions import ScrapyDeprecationWarning
from scrapy.settings import SETTINGS_PRIORITIES

from crawler.distributed.start import DistributedStartMiddleware

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

ENV_VARS: Final = ("NEWSCLEAN_REDIS_URL", "REDIS_URL")  # looked up in this order
START_MIDDLEWARE_ORDER: Final = 20
DISTRIBUTED_SETTINGS: Final = (
    ("SCHEDULER", "crawler.distributed.scheduler.LeaseScheduler"),
    ("DUPEFILTER_CLASS", "crawler.distributed.dupefilter.RunDupeFilter"),
    ("SCHEDULER_PERSIST", True),
    ("NEWS_SEEN_STORE", "crawler.distributed.seen_redis.RedisSeenStore"),
    ("MAX_IDLE_TIME_BEFORE_CLOSE", 10),  # seconds the whole crawl must stay empty
)


def redis_url(settings: BaseSettings, environ: Mapping[str, str] = os.environ) -> str | None:
    """The Redis URL that turns distributed mode on, or None (``-s REDIS_URL=`` forces off)."""
    if url := settings.get("REDIS_URL"):
        return str(url)
    if (settings.getpriority("REDIS_URL") or 0) > SETTINGS_PRIORITIES["project"]:
        return None  # emptied on the command line: stay local whatever the environment says
    return next((environ[name] for name in ENV_VARS if environ.get(name)), None)


def default_worker_id() -> str:
    """``<host>-<pid>``, reduced to the characters a file name part may hold."""
    host = re.sub(r"[^A-Za-z0-9_-]+", "-", socket.gethostname().split(".")[0]) or "worker"
    return f"{host[:40]}-{os.getpid()}"


def silence_scrapy_redis_warnings() -> None:
    """Hide scrapy-redis 0.9.1 deprecation warnings we cannot fix by subclassing."""
    warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module="scrapy_redis")


class DistributedAddon:
    """Scrapy add-on: distributed mode when a Redis URL is configured."""

    def update_settings(self, settings: BaseSettings) -> None:
        """Apply distributed settings when REDIS_URL is set (settings or environment)."""
        url = redis_url(settings)
        if not url:
            return
        silence_scrapy_redis_warnings()
        _set_default(settings, "REDIS_URL", url)
        for name, value in DISTRIBUTED_SETTINGS:
            _set_default(settings, name, value)
        if not settings.get("NEWS_WORKER"):
            _set_default(settings, "NEWS_WORKER", default_worker_id())
        settings.set_in_component_priority_dict(
            "SPIDER_MIDDLEWARES", DistributedStartMiddleware, START_MIDDLEWARE_ORDER
        )


def _set_default(settings: BaseSettings, name: str, value: Any) -> None:
    """Set unless the command line or the spider chose a value (project defaults are ours)."""
    if (settings.getpriority(name) or 0) <= SETTINGS_PRIORITIES["project"]:
        settings.set(name, value, priority="project")
