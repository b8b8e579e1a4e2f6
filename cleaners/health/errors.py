"""Errors of ``cleaners.health``."""

from __future__ import annotations


class HealthError(ValueError):
    """A threshold, manifest or argument of the run-health tools is wrong; the message says."""
