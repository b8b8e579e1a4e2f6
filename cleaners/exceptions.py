"""Errors raised by the cleaning toolkit; each carries the reason and the input it concerns."""

from __future__ import annotations


class CleanError(Exception):
    """Base class for every error ``cleaners`` raises on purpose."""


class BadInput(CleanError):
    """The input cannot be cleaned: empty, binary, undecodable, too large or too deeply nested."""

    def __init__(self, reason: str, source: str | None = None) -> None:
        self.reason = reason
        self.source = source
        super().__init__(f"{source}: {reason}" if source else reason)


class InvalidRecord(CleanError):
    """A record does not satisfy the record schema."""

    def __init__(self, message: str, where: str | None = None) -> None:
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)
