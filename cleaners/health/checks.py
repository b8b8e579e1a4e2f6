"""Checks of one run's health figures against thresholds and the site's earlier runs.

Each check is a pure function of the figures, the thresholds and the articles found by the
site's earlier runs (oldest first); ``CHECKS`` lists them in the order they are reported.
A check whose threshold is ``None`` is left out; one with nothing to judge (no records for a
share, fewer than ``min_history`` earlier runs for the drop) passes and says so. A worker of a
distributed run (``health["distributed"]``) does only its share of the work, so the two count
checks pass it unjudged, saying why.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from cleaners.health.thresholds import Thresholds


@dataclass(frozen=True)
class Check:
    """One check of a run: its name, outcome, measured value, limit and a readable reason."""

    name: str
    passed: bool
    value: float | int | None
    threshold: float | int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """The manifest form: ``{name, passed, value, threshold, reason}``."""
        return {"name": self.name, "passed": self.passed, "value": self.value,
                "threshold": self.threshold, "reason": self.reason}


DISTRIBUTED_REASON: Final = "a worker of a distributed run: its share of the articles varies"


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def article_count(health: Mapping[str, Any], limits: Thresholds,
                  history: Sequence[int]) -> Check | None:
    """At least ``min_articles`` articles found (written, unchanged or known)."""
    if limits.min_articles is None:
        return None
    if health.get("distributed"):
        return Check("article_count", True, None, limits.min_articles, DISTRIBUTED_REASON)
    found = int(health.get("articles_found", 0))
    passed = found >= limits.min_articles
    return Check("article_count", passed, found, limits.min_articles,
                 f"{found} articles found, {'at least' if passed else 'fewer than'} "
                 f"{limits.min_articles}")


def _share_check(name: str, flag: str, label: str, limit: float | None,
                 health: Mapping[str, Any]) -> Check | None:
    if limit is None:
        return None
    share = (health.get("shares") or {}).get(flag)
    records = int(health.get("records", 0))
    if share is None:
        return Check(name, True, None, limit, f"no records written, nothing to judge ({label})")
    passed = share <= limit
    return Check(name, passed, share, limit,
                 f"{_pct(share)} of {records} records {label}, "
                 f"{'at most' if passed else 'more than'} {_pct(limit)}")


def undated_share(health: Mapping[str, Any], limits: Thresholds,
                  history: Sequence[int]) -> Check | None:
    """At most ``max_undated`` of the records written have no date."""
    return _share_check("undated_share", "undated", "without a date", limits.max_undated, health)


def no_sections_share(health: Mapping[str, Any], limits: Thresholds,
                      history: Sequence[int]) -> Check | None:
    """At most ``max_no_sections`` of the records written have no sub-heading."""
    return _share_check("no_sections_share", "no_subheading", "without a sub-heading",
                        limits.max_no_sections, health)


def drop_against_median(health: Mapping[str, Any], limits: Thresholds,
                        history: Sequence[int]) -> Check | None:
    """Articles found fell by at most ``max_drop`` against the median of earlier runs."""
    if limits.max_drop is None:
        return None
    if health.get("distributed"):
        return Check("drop_against_median", True, None, limits.max_drop, DISTRIBUTED_REASON)
    found = int(health.get("articles_found", 0))
    recent = list(history)[-limits.history_runs:]
    if len(recent) < limits.min_history:
        return Check("drop_against_median", True, None, limits.max_drop,
                     f"{len(recent)} earlier runs of the site, {limits.min_history} needed "
                     "to compare with")
    median = statistics.median(recent)
    drop = round(max(0.0, 1 - found / median), 4) if median else 0.0
    passed = drop <= limits.max_drop
    return Check("drop_against_median", passed, drop, limits.max_drop,
                 f"{found} articles found against a median of {median:g} over the last "
                 f"{len(recent)} runs: a drop of {_pct(drop)}, "
                 f"{'at most' if passed else 'more than'} {_pct(limits.max_drop)}")


CheckFunction = Callable[[Mapping[str, Any], Thresholds, Sequence[int]], "Check | None"]
CHECKS: Final[tuple[CheckFunction, ...]] = (article_count, undated_share, no_sections_share,
                                            drop_against_median)


def evaluate(health: Mapping[str, Any], limits: Thresholds,
             history: Sequence[int] = ()) -> tuple[Check, ...]:
    """Every check that applies, in ``CHECKS`` order."""
    return tuple(c for check in CHECKS if (c := check(health, limits, history)) is not None)


def failed(checks: Sequence[Check]) -> list[Check]:
    """The checks that did not pass."""
    return [c for c in checks if not c.passed]
