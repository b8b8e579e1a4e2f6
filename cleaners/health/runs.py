"""Run health in the run manifests: ``<root>/_runs/<run_id>.json`` gains three keys at the end
of a crawl (written atomically into the manifest the writer finished)::

    "health": {"site": "demo", ...figures (``cleaners.health.figures``)...},
    "checks": [{"name": "undated_share", "passed": false, "value": 1.0, "threshold": 0.2,
                "reason": "100% of 10 records without a date, more than 20%"}, ...],
    "healthy": false,
    "thresholds": {"min_articles": 1, ...}

``site_history`` reads the articles found by a site's earlier runs for the drop check;
``iter_run_health`` reads every run with health for ``newsclean health``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaners.archive.layout import RUNS_DIR
from cleaners.archive.manifest import manifest_path, write_json_atomic
from cleaners.health.checks import Check
from cleaners.health.errors import HealthError
from cleaners.health.thresholds import Thresholds

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunHealth:
    """One run's health as read back from its manifest."""

    run_id: str
    started_at: str
    status: str
    site: str
    health: dict[str, Any]
    checks: tuple[dict[str, Any], ...]
    healthy: bool

    @property
    def failed_checks(self) -> list[str]:
        """Names of the checks the run failed."""
        return [c.get("name", "?") for c in self.checks if not c.get("passed")]


def record_health(root: Path, run_id: str, *, health: dict[str, Any], checks: Sequence[Check],
                  healthy: bool, thresholds: Thresholds) -> Path:
    """Add health, checks, healthy and thresholds to a run's manifest (atomic rewrite)."""
    path = manifest_path(root, run_id)
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise HealthError(f"{path}: no manifest of run {run_id!r} to add the health to") from exc
    except (OSError, json.JSONDecodeError) as exc:
        raise HealthError(f"{path}: unreadable run manifest ({exc})") from exc
    data.update(health=health, checks=[c.to_dict() for c in checks], healthy=healthy,
                thresholds=thresholds.to_dict())
    write_json_atomic(path, data)
    return path


def _load(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        logger.warning("%s: unreadable run manifest skipped (%s)", path, exc)
        return None
    if not isinstance(data, dict):
        logger.warning("%s: run manifest is not a JSON object, skipped", path)
        return None
    return data


def _from_manifest(path: Path, data: dict[str, Any]) -> RunHealth | None:
    health = data.get("health")
    if not isinstance(health, dict):
        return None  # a run from before health figures, or one still going
    checks = data.get("checks") or []
    if not isinstance(checks, list) or not all(isinstance(c, dict) for c in checks):
        logger.warning("%s: 'checks' is not a list of objects, run skipped", path)
        return None
    return RunHealth(run_id=str(data.get("run_id", path.stem)),
                     started_at=str(data.get("started_at", "")),
                     status=str(data.get("status", "")), site=str(health.get("site", "")),
                     health=health, checks=tuple(checks), healthy=bool(data.get("healthy")))


def iter_run_health(root: Path, site: str | None = None) -> Iterator[RunHealth]:
    """Every run under ``root`` that has health figures (of ``site``), oldest first."""
    runs_dir = Path(root) / RUNS_DIR
    if not runs_dir.is_dir():
        return
    found = []
    for path in runs_dir.glob("*.json"):
        if path.name.startswith("."):
            continue
        data = _load(path)
        run = _from_manifest(path, data) if data is not None else None
        if run is not None and (site is None or run.site == site):
            found.append(run)
    yield from sorted(found, key=lambda r: (r.started_at, r.run_id))


def site_history(root: Path, site: str, *, before: str | None = None) -> list[int]:
    """Articles found by the site's earlier finished runs, oldest first (``before`` excluded)."""
    return [int(r.health.get("articles_found", 0)) for r in iter_run_health(root, site)
            if r.run_id != before and r.status == "finished"]
