"""What a page in the browser may load: the crawl's own rules, applied to every browser request.

A rendered page may fetch its scripts, styles and data from the site it belongs to (its host,
the spider's allowed domains and their subdomains) over http(s). Everything else is aborted by
the route handler before it leaves the browser: other hosts (trackers, ad servers, a redirect
off the site), other schemes, and the resource types a text extractor never reads. Pure
functions; the rules are the tuples below.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final
from urllib.parse import urlsplit

from crawler.discovery.urlrules import ALLOWED_SCHEMES

# Playwright resource types never fetched for a text extractor (NEWS_RENDER_BLOCK_TYPES).
BLOCKED_TYPES: Final = ("image", "media", "font")


def _on_hosts(host: str, hosts: Iterable[str]) -> bool:
    return any(host == h or host.endswith("." + h) for h in hosts if h)


def blocked_reason(url: str, resource_type: str, *, hosts: Iterable[str],
                   blocked_types: Iterable[str] = BLOCKED_TYPES) -> str | None:
    """Why the browser must not load ``url`` (``scheme``, ``offsite``, or the resource type),
    or None when it may."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob"):
        return None  # inline content: nothing leaves the browser
    if parts.scheme not in ALLOWED_SCHEMES:
        return "scheme"
    if not _on_hosts((parts.hostname or "").lower(), hosts):
        return "offsite"
    if resource_type in blocked_types:
        return resource_type
    return None
