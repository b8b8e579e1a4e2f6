"""Refuse requests whose scheme is not http or https (file:, ftp:, data:, s3: ...)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached

from crawler.discovery.urlrules import ALLOWED_SCHEMES

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler


class SchemeGuardMiddleware:
    """Drop any request that is not http(s); stat ``news/failures/scheme``."""

    def __init__(self, *, crawler: Crawler) -> None:
        self._crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build from the crawler."""
        return cls(crawler=crawler)

    def process_request(self, request: Request) -> None:
        """Raise ``IgnoreRequest`` for a non-http(s) URL."""
        scheme = urlparse_cached(request).scheme
        if scheme not in ALLOWED_SCHEMES:
            self._crawler.stats.inc_value("news/failures/scheme")
            raise IgnoreRequest(f"scheme {scheme!r} not allowed: {request.url}")
