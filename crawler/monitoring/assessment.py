"""``RunAssessment``: one run's health figures and checks, computed once from a crawler.

Thresholds: ``NEWS_MONITOR_*`` settings, overridden per site by the ``[monitoring]`` table of
its profile. History: the articles found by the site's earlier finished runs, from their
manifests under the output root.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from cleaners.health import (
    Check,
    HealthError,
    Thresholds,
    evaluate,
    health_figures,
    site_history,
)
from crawler.paths import output_root

if TYPE_CHECKING:
    from pathlib import Path

    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

RUN_ID_STAT: Final = "news/run_id"  # set by the writer pipeline when it opened its manifest
HEALTHY_STAT: Final = "news/health/healthy"
FAILED_STAT: Final = "news/health/failed"
_META_KEY: Final = "newsclean_run_assessment"
# Threshold -> setting; "", "none" or "off" as a setting value switches the check off.
THRESHOLD_SETTINGS: Final = (
    ("min_articles", "NEWS_MONITOR_MIN_ARTICLES"),
    ("max_undated", "NEWS_MONITOR_MAX_UNDATED"),
    ("max_no_sections", "NEWS_MONITOR_MAX_NO_SECTIONS"),
    ("max_drop", "NEWS_MONITOR_MAX_DROP"),
    ("history_runs", "NEWS_MONITOR_HISTORY_RUNS"),
    ("min_history", "NEWS_MONITOR_MIN_HISTORY"),
)
_INTEGERS: Final = frozenset({"min_articles", "history_runs", "min_history"})
_OFF: Final = frozenset({"", "none", "off"})


def _setting(settings: BaseSettings, key: str, name: str) -> Any:
    value = settings.get(name)
    if value is None or (isinstance(value, str) and value.strip().lower() in _OFF):
        return None
    if isinstance(value, str):
        try:
            return int(value) if key in _INTEGERS else float(value)
        except ValueError as exc:
            raise HealthError(f"setting {name}: not a number: {value!r}") from exc
    return value


def thresholds_from(settings: BaseSettings, profile_monitoring: dict[str, Any] | None,
                    *, profile_source: str = "profile") -> Thresholds:
    """The settings' thresholds, then the profile's ``[monitoring]`` over them."""
    limits = Thresholds()
    for key, name in THRESHOLD_SETTINGS:
        if settings.get(name) is not None:  # an unset setting keeps the default
            limits = limits.updated({key: _setting(settings, key, name)}, source=f"setting {name}")
    return limits.updated(profile_monitoring or {}, source=profile_source)


@dataclass(frozen=True)
class RunAssessment:
    """What the monitors judge and the actions record."""

    run_id: str | None
    root: Path
    site: str
    health: dict[str, Any]
    thresholds: Thresholds
    history: tuple[int, ...]
    checks: tuple[Check, ...]

    @property
    def failed(self) -> list[Check]:
        """The checks that did not pass."""
        return [c for c in self.checks if not c.passed]


def assess(crawler: Crawler) -> RunAssessment:
    """Figures, thresholds, history and checks of the crawler's run."""
    stats = crawler.stats.get_stats()
    spider = crawler.spider
    profile = getattr(spider, "profile", None)
    site = getattr(profile, "name", None) or getattr(spider, "name", "") or ""
    limits = thresholds_from(crawler.settings, dict(getattr(profile, "monitoring", ()) or ()),
                             profile_source=f"[monitoring] of profile {site!r}")
    root = output_root(crawler.settings)
    run_id = stats.get(RUN_ID_STAT)
    try:
        history = tuple(site_history(root, site, before=run_id))
    except OSError as exc:
        logger.warning("Run health: earlier runs under %s unreadable (%s)", root, exc)
        history = ()
    job = getattr(spider, "_job", None)  # Scrapyd's job id (-a _job=...), for scheduled runs
    distributed = bool(crawler.settings.get("REDIS_URL"))  # set by the add-on in that mode
    health = {"site": site, "job": job, "distributed": distributed, **health_figures(stats)}
    return RunAssessment(run_id=run_id, root=root, site=site, health=health, thresholds=limits,
                         history=history, checks=evaluate(health, limits, history))


def run_assessment(data: Any) -> RunAssessment:
    """The run's assessment, computed once per suite run and kept in Spidermon's data."""
    meta = data.meta
    if _META_KEY not in meta:
        meta[_META_KEY] = assess(data.crawler)
    return meta[_META_KEY]
