"""Spidermon monitors of run health: one monitor per check of ``cleaners.health.checks``.

``RunHealthSuite`` is listed in ``SPIDERMON_ENGINE_STOP_MONITORS``: it runs when the engine
stopped, after the writer finished the run manifest. Its actions: ``RecordRunHealth`` always
(manifest, log line, stats), ``RunHealthReport`` when ``NEWS_MONITOR_REPORT`` is on, and
``NEWS_MONITOR_FAILED_ACTIONS`` (the webhook, or Spidermon's Slack, e-mail, ... actions) when
a monitor failed.
"""

from __future__ import annotations

import warnings
from typing import Any, ClassVar

from scrapy.exceptions import ScrapyDeprecationWarning
from scrapy.utils.misc import load_object
from spidermon import Monitor, MonitorSuite, monitors

from crawler.monitoring.actions import RecordRunHealth, RunHealthReport
from crawler.monitoring.assessment import run_assessment


@monitors.name("Run health")
class RunHealthMonitor(Monitor):
    """Checks one crawl run against its site's thresholds and earlier runs."""

    def _judge(self, name: str) -> None:
        if not self.data.crawler.settings.getbool("NEWS_MONITOR_ENABLED"):
            self.skipTest("NEWS_MONITOR_ENABLED is off")
        found = [c for c in run_assessment(self.data).checks if c.name == name]
        if not found:
            self.skipTest(f"{name}: switched off")
        self.assertTrue(found[0].passed, f"{name}: {found[0].reason}")

    @monitors.name("article_count")
    def test_article_count(self) -> None:
        """At least NEWS_MONITOR_MIN_ARTICLES articles found."""
        self._judge("article_count")

    @monitors.name("undated_share")
    def test_undated_share(self) -> None:
        """At most NEWS_MONITOR_MAX_UNDATED of the records without a date."""
        self._judge("undated_share")

    @monitors.name("no_sections_share")
    def test_no_sections_share(self) -> None:
        """At most NEWS_MONITOR_MAX_NO_SECTIONS of the records without a sub-heading."""
        self._judge("no_sections_share")

    @monitors.name("drop_against_median")
    def test_drop_against_median(self) -> None:
        """Articles found dropped by at most NEWS_MONITOR_MAX_DROP against earlier runs."""
        self._judge("drop_against_median")


def silence_spidermon_log_warning() -> None:
    """Hide the one deprecation warning of Spidermon 1.27 (its result log calls Spider.log())."""
    warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning,
                            module=r"spidermon\.")


class RunHealthSuite(MonitorSuite):
    """The run-health monitors with newsclean's actions."""

    monitors: ClassVar[list[Any]] = [RunHealthMonitor]
    monitors_finished_actions: ClassVar[list[Any]] = [RecordRunHealth, RunHealthReport]

    def __init__(self, *args: Any, crawler: Any = None, **kwargs: Any) -> None:
        silence_spidermon_log_warning()
        if crawler is not None:
            extra = [load_object(path) if isinstance(path, str) else path
                     for path in crawler.settings.getlist("NEWS_MONITOR_FAILED_ACTIONS")]
            given = kwargs.get("monitors_failed_actions") or ()
            kwargs["monitors_failed_actions"] = [*given, *extra]
        super().__init__(*args, crawler=crawler, **kwargs)
