"""``scrapy seed SPIDER -a site=NAME | -a url=URL``: push a spider's start requests into Redis.

Runs the spider's own ``start()`` (robots.txt, sitemaps, feeds, start pages) in seed-only mode:
the requests go into the shared queue and nothing is fetched here. Workers already running
(``MAX_IDLE_TIME_BEFORE_CLOSE=0``) pick them up at once; workers started later drain them.
Needs distributed mode: ``-s REDIS_URL=...`` or ``NEWSCLEAN_REDIS_URL`` / ``REDIS_URL``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as CrawlCommand
from scrapy.exceptions import UsageError

from crawler.distributed.addon import redis_url

if TYPE_CHECKING:
    import argparse


class Command(CrawlCommand):
    """Seed the shared Redis queue of a distributed crawl with a spider's start requests."""

    requires_project = True

    def syntax(self) -> str:
        """Usage line."""
        return "[options] <spider> -a site=NAME | -a url=URL"

    def short_desc(self) -> str:
        """One line for ``scrapy -h``."""
        return "Push a spider's start requests into the shared Redis queue (distributed mode)"

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        """Seed-only crawl: no item pipelines, no feeds, nothing fetched."""
        super().process_options(args, opts)
        assert self.settings is not None
        if not redis_url(self.settings):
            raise UsageError("scrapy seed needs REDIS_URL (-s REDIS_URL=redis://host:6379/0 "
                             "or env NEWSCLEAN_REDIS_URL)", print_help=False)
        self.settings.set("NEWS_REDIS_SEED_ONLY", True, priority="cmdline")
        self.settings.set("ITEM_PIPELINES", {}, priority="cmdline")
        self.settings.set("FEEDS", {}, priority="cmdline")
        self.settings.set("MAX_IDLE_TIME_BEFORE_CLOSE", 1, priority="cmdline")
