"""Spidermon actions of ``RunHealthSuite``: record, report and announce a run's health.

* ``RecordRunHealth`` (always): ``health``, ``checks``, ``healthy`` into the run manifest, the
  closing ``Run health:`` log line, stats ``news/health/healthy`` and ``news/health/failed``
  (read by ``scrapy crawl`` for its exit status).
* ``RunHealthReport`` (``NEWS_MONITOR_REPORT``): an HTML report, written atomically; by default
  ``<OUTPUT_DIR>/_runs/<run_id>.html``.
* ``SendRunHealthWebhook`` (in ``NEWS_MONITOR_FAILED_ACTIONS``): POST the health as JSON to
  ``NEWS_MONITOR_WEBHOOK_URL``.
"""

from __future__ import annotations

import json
import logging
import urllib.request
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from spidermon.core.actions import Action
from spidermon.exceptions import NotConfigured, SkipAction

from cleaners.archive.layout import RUNS_DIR
from cleaners.archive.manifest import write_bytes_atomic
from cleaners.health import HealthError, record_health
from cleaners.health.text import checks_line, figures_line, pct
from crawler.monitoring.assessment import (
    FAILED_STAT,
    HEALTHY_STAT,
    RunAssessment,
    run_assessment,
)
from crawler.paths import output_root

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def _assessment(action: Action) -> RunAssessment:
    """The run's assessment; skip the action when monitoring is off."""
    if not action.data.crawler.settings.getbool("NEWS_MONITOR_ENABLED"):
        raise SkipAction("NEWS_MONITOR_ENABLED is off")
    return run_assessment(action.data)


def _healthy(assessment: RunAssessment, result: Any) -> bool:
    """Every check passed and no monitor of the suite failed or raised."""
    return not assessment.failed and bool(result.all_monitors_passed)


def health_payload(assessment: RunAssessment, healthy: bool) -> dict[str, Any]:
    """The run's health as one JSON object (webhook body, report data)."""
    return {"run_id": assessment.run_id, "site": assessment.site, "healthy": healthy,
            "failed": [c.name for c in assessment.failed],
            "checks": [c.to_dict() for c in assessment.checks], "health": assessment.health,
            "thresholds": assessment.thresholds.to_dict()}


class RecordRunHealth(Action):
    """Write the run's health into its manifest, log it, and set the health stats."""

    def __init__(self, *, crawler: Crawler) -> None:
        super().__init__()
        self._crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Keep the crawler for its stats."""
        return cls(crawler=crawler)

    def run_action(self) -> None:
        """Record and log."""
        run = _assessment(self)
        healthy = _healthy(run, self.result)
        stats = self._crawler.stats
        stats.set_value(HEALTHY_STAT, healthy)
        stats.set_value(FAILED_STAT, ",".join(c.name for c in run.failed))
        checks = [c.to_dict() for c in run.checks]
        log = logger.info if healthy else logger.error
        log("Run health: %s (%s), site %s, run %s: %s", "healthy" if healthy else "UNHEALTHY",
            checks_line(checks), run.site, run.run_id or "-", figures_line(run.health))
        if run.run_id is None:
            raise SkipAction("no run manifest (no records writer in this crawl)")
        try:
            record_health(run.root, run.run_id, health=run.health, checks=run.checks,
                          healthy=healthy, thresholds=run.thresholds)
        except HealthError as exc:
            logger.error("Run health not recorded: %s", exc)
            raise


_YES = frozenset({"1", "true", "yes", "on"})  # -s NEWS_MONITOR_REPORT=... as a flag
_NO = frozenset({"", "0", "false", "no", "off", "none"})
REPORT_STYLE = ("body{font-family:sans-serif;margin:2em}td,th{padding:.3em .8em;"
                "border-bottom:1px solid #ddd;text-align:left}.fail{color:#b00}.ok{color:#070}")


def render_report(payload: dict[str, Any]) -> str:
    """A self-contained HTML page: verdict, checks, figures."""
    verdict = "healthy" if payload["healthy"] else "UNHEALTHY"
    rows = "".join(
        f"<tr class=\"{'ok' if c['passed'] else 'fail'}\"><td>{escape(c['name'])}</td>"
        f"<td>{'passed' if c['passed'] else 'FAILED'}</td><td>{escape(str(c['value']))}</td>"
        f"<td>{escape(str(c['threshold']))}</td><td>{escape(c['reason'])}</td></tr>"
        for c in payload["checks"])
    health = payload["health"]
    figures = {k: v for k, v in health.items() if not isinstance(v, dict)}
    figures.update({f"pages/{k}": v for k, v in (health.get("pages") or {}).items()})
    figures.update({f"share/{k}": pct(v) for k, v in (health.get("shares") or {}).items()})
    figure_rows = "".join(f"<tr><th>{escape(str(k))}</th><td>{escape(str(v))}</td></tr>"
                          for k, v in figures.items())
    title = f"Run health of {payload['site']}: {verdict}"
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{escape(title)}</title>"
            f"<style>{REPORT_STYLE}</style></head><body><h1 class=\""
            f"{'ok' if payload['healthy'] else 'fail'}\">{escape(title)}</h1>"
            f"<p>Run {escape(str(payload['run_id']))}</p><h2>Checks</h2><table><tr><th>check"
            f"</th><th>result</th><th>value</th><th>threshold</th><th>why</th></tr>{rows}"
            f"</table><h2>Figures</h2><table>{figure_rows}</table></body></html>\n")


class RunHealthReport(Action):
    """Write an HTML report of the run's health (``NEWS_MONITOR_REPORT``)."""

    def __init__(self, *, path: str | None, root: Path) -> None:
        super().__init__()
        self._path = path
        self._root = root

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """``NEWS_MONITOR_REPORT``: False/None off, True the default path, or a path template."""
        value = crawler.settings.get("NEWS_MONITOR_REPORT")
        word = value.strip().lower() if isinstance(value, str) else None
        if value is True or word in _YES:
            path: str | None = ""  # the default path
        elif not value or word in _NO:
            path = None
        else:
            path = str(value)
        return cls(path=path, root=output_root(crawler.settings))

    def run_action(self) -> None:
        """Render and write the report."""
        if self._path is None:
            raise SkipAction("NEWS_MONITOR_REPORT is off")
        run = _assessment(self)
        payload = health_payload(run, _healthy(run, self.result))
        run_id = run.run_id or "no-manifest"
        target = (Path(self._path.replace("{run_id}", run_id).replace("{site}", run.site))
                  if self._path else self._root / RUNS_DIR / f"{run_id}.html")
        write_bytes_atomic(target, render_report(payload).encode("utf-8"))
        logger.info("Run health report: %s", target)


class SendRunHealthWebhook(Action):
    """POST the run's health as JSON to ``NEWS_MONITOR_WEBHOOK_URL``."""

    def __init__(self, *, url: str | None, timeout: float) -> None:
        super().__init__()
        if not url:
            raise NotConfigured("NEWS_MONITOR_WEBHOOK_URL is not set")
        self._url = url
        self._timeout = timeout

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """URL and timeout from the settings."""
        return cls(url=crawler.settings.get("NEWS_MONITOR_WEBHOOK_URL"),
                   timeout=crawler.settings.getfloat("NEWS_MONITOR_WEBHOOK_TIMEOUT", 10.0))

    def run_action(self) -> None:
        """Send the payload; an answer other than 2xx is an action error in Spidermon's log."""
        run = _assessment(self)
        body = json.dumps(health_payload(run, _healthy(run, self.result)),
                          ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(self._url, data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=self._timeout) as response:  # noqa: S310
            logger.info("Run health webhook %s answered %s", self._url, response.status)
