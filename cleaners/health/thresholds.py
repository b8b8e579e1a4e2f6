"""``Thresholds``: the limits one run of a site is checked against, from settings and profile."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from cleaners.health import rules
from cleaners.health.errors import HealthError


@dataclass(frozen=True)
class Thresholds:
    """Limits for one run; shares are 0..1, ``None`` switches a check off."""

    min_articles: int | None = rules.DEFAULT_MIN_ARTICLES
    max_undated: float | None = rules.DEFAULT_MAX_UNDATED
    max_no_sections: float | None = rules.DEFAULT_MAX_NO_SECTIONS
    max_drop: float | None = rules.DEFAULT_MAX_DROP
    history_runs: int = rules.DEFAULT_HISTORY_RUNS

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
    if value is None and name != "history_runs":
        return None
    if name in ("min_articles", "history_runs"):
        least = 1 if name == "history_runs" else 0
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise HealthError(f"{source}: {name} must be a non-negative integer"
                              f"{' (at least 1)' if name == 'history_runs' else ''}, got {value!r}")
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise HealthError(f"{source}: {name} must be a share between 0 and 1, got {value!r}")
    return float(value)
