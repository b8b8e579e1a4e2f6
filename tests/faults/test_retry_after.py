"""Parsing Retry-After (delta-seconds and HTTP-date) for RetryAfterMiddleware."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawler.middlewares.retryafter import retry_after_seconds

NOW = datetime(2025, 9, 3, 8, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(("value", "seconds"), [
    (b"1", 1.0),
    ("120", 120.0),
    (b" 7 ", 7.0),
    ("Wed, 03 Sep 2025 08:00:30 GMT", 30.0),
    ("Wed, 03 Sep 2025 07:59:00 GMT", 0.0),  # a date in the past: retry now
    (b"soon", None),
    (b"-5", None),
    ("", None),
    (None, None),
])
def test_retry_after_seconds(value: bytes | str | None, seconds: float | None) -> None:
    """Seconds to wait, or None when the header is unusable."""
    assert retry_after_seconds(value, now=NOW) == seconds
