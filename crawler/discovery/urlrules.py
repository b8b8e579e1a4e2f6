"""Which URLs are articles: profile regexes, or default rules for sites without a profile."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

# Default article-URL rules (searched in the URL path) for sites without a profile.
DEFAULT_ARTICLE_PATTERNS: Final = (
    r"/(?:19|20)\d{2}/[01]?\d/[0-3]?\d/[^/]+",  # /2025/09/03/slug
    r"/(?:19|20)\d{2}-[01]\d-[0-3]\d[-/][^/]+",  # /2025-09-03-slug
    # /news/slug-123
    r"/(?:article|articles|artikel|story|stories|nieuws|news)/[^/]*[a-z][^/]*\d[^/]*$",
    r"[/-]\d{5,}(?:\.html?)?$",  # numeric article id
    r"/[a-z0-9]+(?:-[a-z0-9]+){3,}(?:\.html?)?/?$",  # slug of four or more words
)
# Paths never fetched as pages (assets, feeds handled elsewhere, account pages).
DEFAULT_DENY_PATTERNS: Final = (
    r"\.(?:jpe?g|png|gif|webp|svg|ico|css|js|pdf|zip|gz|mp[34]|mov|woff2?)$",
    r"/(?:login|logout|account|cart|search|zoeken)(?:/|$)",
)
ALLOWED_SCHEMES: Final = frozenset({"http", "https"})


def _compile(patterns: Iterable[str], label: str) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise ValueError(f"bad {label} pattern {pattern!r}: {exc}") from exc
    return tuple(compiled)


@dataclass(frozen=True)
class UrlRules:
    """Compiled article, listing and deny rules, searched in the URL path (with query)."""

    article: tuple[re.Pattern[str], ...]
    listing: tuple[re.Pattern[str], ...]
    deny: tuple[re.Pattern[str], ...]

    @classmethod
    def build(
        cls, article: Iterable[str] = (), listing: Iterable[str] = (), deny: Iterable[str] = (),
    ) -> UrlRules:
        """Compile rules once; empty ``article`` means the defaults."""
        article = tuple(article) or DEFAULT_ARTICLE_PATTERNS
        return cls(_compile(article, "article"), _compile(listing, "listing"),
                   _compile((*DEFAULT_DENY_PATTERNS, *deny), "deny"))

    @staticmethod
    def _target(url: str) -> str:
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def is_fetchable(self, url: str) -> bool:
        """http(s) and not denied."""
        if urlsplit(url).scheme not in ALLOWED_SCHEMES:
            return False
        target = self._target(url)
        return not any(p.search(target) for p in self.deny)

    def is_article(self, url: str) -> bool:
        """Fetchable and matching an article rule."""
        target = self._target(url)
        return self.is_fetchable(url) and any(p.search(target) for p in self.article)

    def is_listing(self, url: str) -> bool:
        """Fetchable, not an article, and matching a listing rule (any page when none given)."""
        if not self.is_fetchable(url) or self.is_article(url):
            return False
        target = self._target(url)
        return not self.listing or any(p.search(target) for p in self.listing)
