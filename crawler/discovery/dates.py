"""Dates seen during discovery (lastmod, news and feed dates) and the ``since`` filter."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Final

_ISO_DAY: Final = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_since(value: str) -> date:
    """Parse the ``-a since=YYYY-MM-DD`` argument; ``ValueError`` names the bad value."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValueError(f"since={value!r} is not a YYYY-MM-DD date") from exc


def iso_timestamp(value: str | None) -> str | None:
    """Normalise a W3C/ISO or RFC 822 date string to ISO 8601; None when unparseable."""
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.isoformat()


def day_of(value: str | None) -> date | None:
    """The calendar day (as the publisher wrote it) of an ISO timestamp, or None."""
    if not value:
        return None
    match = _ISO_DAY.match(value)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def is_older(value: str | None, since: date | None) -> bool:
    """True when ``value`` is a known date strictly before ``since`` (unknown dates are kept)."""
    if since is None:
        return False
    day = day_of(value)
    return day is not None and day < since
