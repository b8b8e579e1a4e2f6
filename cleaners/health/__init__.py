"""Run health: figures of one crawl run, checks against thresholds and earlier runs, trends.

Pure functions over stats dicts, records and run manifests; no Scrapy import. The crawler's
``crawler.monitoring`` counts and checks each run with them; ``newsclean health`` reads them back.
"""

from cleaners.health.checks import Check, evaluate, failed
from cleaners.health.errors import HealthError
from cleaners.health.figures import health_figures, record_flags, subheadings
from cleaners.health.runs import RunHealth, iter_run_health, record_health, site_history
from cleaners.health.thresholds import Thresholds

__all__ = ["Check", "HealthError", "RunHealth", "Thresholds", "evaluate", "failed",
           "health_figures", "iter_run_health", "record_flags", "record_health", "site_history",
           "subheadings"]
