"""Errors of the archive layer; each names the file or run it concerns."""

from __future__ import annotations

from cleaners.exceptions import CleanError


class ArchiveError(CleanError):
    """Base class for archive failures (locking, manifests, cursors)."""


class ArchiveLocked(ArchiveError):
    """Another process holds the append lock of an archive file."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"{path}: another process is appending to this file; give each writing process "
            "its own worker id (file <date>.<worker>.jsonl) or pass on_locked='suffix'"
        )


class UnknownRun(ArchiveError):
    """No run manifest with that id under the archive root."""
