"""What goes wrong with a CC-NEWS run; each message names the input and what is wrong."""

from __future__ import annotations


class CcnewsError(Exception):
    """A listing or WARC file that cannot be fetched or read (the run goes on without it)."""


class UsageError(CcnewsError):
    """A bad argument (date range, host pattern, profile name): nothing is started."""
