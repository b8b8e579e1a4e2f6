"""``scrapy crawl``, plus an exit status for a run that failed a health check.

Scrapy's own ``crawl`` exits 0 whatever the monitors say. This one keeps its behaviour and
exits with ``NEWS_MONITOR_FAIL_EXIT`` (3) when the run's health check failed
(stat ``news/health/healthy`` is False, set by ``crawler.monitoring.actions.RecordRunHealth``).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from crawler.monitoring.assessment import FAILED_STAT, HEALTHY_STAT

if TYPE_CHECKING:
    import argparse


class Command(ScrapyCrawlCommand):
    """Run a spider; a failed health check makes the exit status non-zero."""

    def short_desc(self) -> str:
        """One line for ``scrapy -h``."""
        return "Run a spider of the current project, by name (non-zero exit if unhealthy)"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """As Scrapy's ``crawl``; then read the run's health from its stats."""
        if len(args) != 1:
            raise UsageError("give exactly one spider name")
        assert self.crawler_process
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        if crawler.stats.get_value(HEALTHY_STAT) is False:
            code = crawler.settings.getint("NEWS_MONITOR_FAIL_EXIT", 3)
            failed = crawler.stats.get_value(FAILED_STAT) or "a monitor"
            print(f"scrapy crawl: run unhealthy ({failed}): exit status {code}",  # noqa: T201
                  file=sys.stderr, flush=True)
            self.exitcode = code or self.exitcode
