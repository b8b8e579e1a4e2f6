"""Errors of the WARC package; each names the file and what is wrong."""

from __future__ import annotations

from cleaners.exceptions import CleanError


class WarcError(CleanError):
    """A WARC file or a record's ``warc`` pointer is missing, unreadable or not what it says."""
