"""``UrlCredentialsMiddleware``: ``https://user:password@host/`` start URLs log in with Basic auth.

Scrapy cannot download a URL that carries ``user:password@`` (the download handler rejects the
host), and such a URL would end up in records and logs. So spiders take credentials out of the
URLs they are given (``split_credentials``), request the bare URLs and publish what they took
as ``url_credentials`` (origin -> user, password). This downloader middleware adds the
``Authorization: Basic`` header to every request to such an origin (same scheme, host and
port), robots.txt included, unless the request has one. Records and logs only ever see the
bare URLs; ``without_credentials`` is also applied to the URLs written to records.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self
from urllib.parse import unquote, urlsplit, urlunsplit

from scrapy import signals
from w3lib.http import basic_auth_header

if TYPE_CHECKING:
    from collections.abc import Iterable

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

Credentials = tuple[str, str]  # (user, password), percent-decoded
DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url: str) -> str:
    """``scheme://host:port`` of a URL (default port filled in), the key of its credentials."""
    parts = urlsplit(url)
    port = parts.port or DEFAULT_PORTS.get(parts.scheme, 0)
    return f"{parts.scheme}://{parts.hostname or ''}:{port}"


def split_credentials(url: str) -> tuple[str, Credentials | None]:
    """The URL without ``user:password@``, and the (user, password) it carried, if any."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url, None
    bare = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
    return bare, (unquote(parts.username or ""), unquote(parts.password or ""))


def take_credentials(urls: Iterable[str]) -> tuple[tuple[str, ...], dict[str, Credentials]]:
    """The URLs without credentials, and the credentials they carried by origin (first wins)."""
    bare_urls: list[str] = []
    found: dict[str, Credentials] = {}
    for url in urls:
        bare, credentials = split_credentials(url)
        if credentials is not None:
            found.setdefault(origin(bare), credentials)
        bare_urls.append(bare)
    return tuple(bare_urls), found


def without_credentials(url: str) -> str:
    """The URL without ``user:password@`` (unchanged when it has none)."""
    return split_credentials(url)[0]


class UrlCredentialsMiddleware:
    """Basic auth for the origins whose URLs the spider was given with credentials."""

    def __init__(self) -> None:
        self._headers: dict[str, bytes] = {}  # origin -> Authorization header value

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Read the spider's ``url_credentials`` when it opens."""
        mw = cls()
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        return mw

    def spider_opened(self, spider: Spider) -> None:
        """Build one header per origin from ``spider.url_credentials``."""
        credentials: dict[str, Credentials] = getattr(spider, "url_credentials", {}) or {}
        self._headers = {key: basic_auth_header(user, password)
                         for key, (user, password) in credentials.items()}

    def process_request(self, request: Request) -> None:
        """Add the origin's Authorization header unless the request has one."""
        if not self._headers or b"Authorization" in request.headers:
            return
        header = self._headers.get(origin(request.url))
        if header is not None:
            request.headers[b"Authorization"] = header
