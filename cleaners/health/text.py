"""Run health as text: the figures and the failed checks on one line each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def pct(share: float | None) -> str:
    """A share as a whole percentage, ``-`` when there was nothing to count."""
    return "-" if share is None else f"{share * 100:.0f}%"


def figures_line(health: Mapping[str, Any]) -> str:
    """Pages by kind, articles, record shares, HTTP errors, retries, robots on one line."""
    pages = ", ".join(f"{kind} {n}" for kind, n in (health.get("pages") or {}).items())
    shares = health.get("shares") or {}
    share_text = ", ".join(f"{flag.replace('_', ' ')} {pct(shares.get(flag))}"
                           for flag in shares)
    return (f"{health.get('pages_fetched', 0)} pages ({pages or 'none'}); "
            f"{health.get('articles_found', 0)} articles found: "
            f"{health.get('articles_written', 0)} written, "
            f"{health.get('articles_unchanged', 0)} unchanged, "
            f"{health.get('articles_known', 0)} known not fetched; "
            f"of {health.get('records', 0)} records: {share_text}; "
            f"{health.get('sections_per_article') or 0:g} sections per article; "
            f"{health.get('http_errors', 0)} HTTP errors, {health.get('retries', 0)} retries, "
            f"{health.get('robots_forbidden', 0)} forbidden by robots.txt")


def checks_line(checks: Sequence[Mapping[str, Any]]) -> str:
    """``failed: name (reason); ...`` or ``all N checks passed``."""
    bad = [c for c in checks if not c.get("passed")]
    if not bad:
        return f"all {len(checks)} checks passed"
    return "failed: " + "; ".join(f"{c.get('name')} ({c.get('reason', '')})" for c in bad)
