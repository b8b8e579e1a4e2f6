"""``Thresholds``: the limits one run of a site is checked against, from settings and profile."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from cleaners.health import rules
from cleaners.health.errors import HealthError


@dataclass(frozen=True)
class Thresholds:
    """Limits for one run; shares are 0..1, ``None`` switches a check off.

    ``history_runs`` and ``min_history`` shape the drop check: the median is taken over the
    last ``history_runs`` earlier runs, and only once there are ``min_history`` of them.
    """

    min_articles: int | None = rules.DEFAULT_MIN_ARTICLES
    max_undated: float | None = rules.DEFAULT_MAX_UNDATED
    max_no_sections: float | None = rules.DEFAULT_MAX_NO_SECTIONS
    max_drop: float | None = rules.DEFAULT_MAX_DROP
    history_runs: int = rules.DEFAULT_HISTORY_RUNS
    min_history: int = rules.DEFAULT_MIN_HISTORY

    def to_dict(self) -> dict[str, Any]:
        """The thresholds as a plain dict (for the manifest)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def updated(self, values: Mapping[str, Any], *, source: str) -> Thresholds:
        """A copy with ``values`` (e.g. a profile's ``[monitoring]``) checked and applied."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise HealthError(f"{source}: unknown monitoring key(s): {', '.join(unknown)} "
                              f"(known: {', '.join(sorted(known))})")
        return replace(self, **{k: check_threshold(k, v, source=source)
                                for k, v in values.items()})


def check_threshold(name: str, value: Any, *, source: str) -> Any:
    """``value`` if it is valid for threshold ``name``; else ``HealthError`` naming both."""
    counts = ("min_articles", "history_runs", "min_history")  # integers; the rest are shares
    if value is None and name not in ("history_runs", "min_history"):
        return None  # that check switched off
    if name in counts:
        least = 0 if name == "min_articles" else 1
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise HealthError(f"{source}: {name} must be a non-negative integer"
                              f"{' (at least 1)' if least else ''}, got {value!r}")
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise HealthError(f"{source}: {name} must be a share between 0 and 1, got {value!r}")
    return float(value)
