"""Errors the crawler raises on purpose; each names what was wrong and where."""

from __future__ import annotations


class ProfileError(ValueError):
    """A site profile is missing, unreadable or has a bad field."""

    def __init__(self, reason: str, source: str) -> None:
        self.reason = reason
        self.source = source
        super().__init__(f"{source}: {reason}")


class DiscoveryError(ValueError):
    """A sitemap or feed document cannot be parsed."""

    def __init__(self, reason: str, url: str) -> None:
        self.reason = reason
        self.url = url
        super().__init__(f"{url}: {reason}")
