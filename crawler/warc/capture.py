"""WarcCaptureMiddleware: keep each response's HTTP exchange for the WARC archive.

A spider middleware sees every response a callback handled and what the callback made of it.
An article page (``FetchedPage``) gets its exchange attached; the WARC pipeline writes it once
its record exists (so the metadata record names the record's id). With ``NEWS_WARC=all``, a
response that yielded no article page (listing, feed, sitemap, robots.txt) is written here.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured

from cleaners.warc.exchange import HttpExchange
from crawler.items import FetchedPage
from crawler.middlewares.credentials import without_credentials
from crawler.warc.modes import ALL, OFF, warc_mode
from crawler.warc.store import warc_writer_for

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)


def _headers(headers: Any) -> tuple[tuple[str, str], ...]:
    out = []
    for name, values in headers.items():
        key = name.decode("latin-1") if isinstance(name, bytes) else str(name)
        for value in values:
            out.append((key, value.decode("latin-1") if isinstance(value, bytes) else str(value)))
    return tuple(out)


def exchange_of(response: Response, meta: dict[str, Any] | None = None) -> HttpExchange:
    """The HTTP exchange of a Scrapy response (request headers as they were sent)."""
    request = response.request
    protocol = (response.protocol or "HTTP/1.1").upper() if response.protocol else "HTTP/1.1"
    if not protocol.startswith("HTTP/"):
        protocol = "HTTP/1.1"
    ip = str(response.ip_address) if response.ip_address is not None else None
    return HttpExchange(
        url=without_credentials(response.url), status=response.status, body=response.body,
        fetched_at=datetime.now(UTC).isoformat(),
        response_headers=_headers(response.headers),
        request_headers=_headers(request.headers) if request is not None else (),
        method=request.method if request is not None else "GET", protocol=protocol,
        ip_address=ip, meta=meta or {})


class WarcCaptureMiddleware:
    """Attach exchanges to article pages; with ``all``, write the other responses too."""

    def __init__(self, *, crawler: Crawler) -> None:
        self._crawler = crawler
        self._setting = crawler.settings.get("NEWS_WARC")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """NotConfigured when ``NEWS_WARC`` is off and no profile can turn it on."""
        if warc_mode(crawler.settings.get("NEWS_WARC")) == OFF:
            raise NotConfigured("NEWS_WARC is off")
        return cls(crawler=crawler)

    async def process_spider_output(self, response: Response, result: AsyncIterator[Any]
                                    ) -> AsyncIterator[Any]:
        """Pass everything on; article pages leave with their exchange attached."""
        mode = warc_mode(self._setting, self._crawler.spider)
        articles = 0
        async for item in result:
            if mode != OFF and isinstance(item, FetchedPage):
                articles += 1
                item.exchange = exchange_of(response, {"site": item.site, "spider": item.spider,
                                                       "hints": item.hints,
                                                       "requested_url": item.requested_url})
            yield item
        if mode == ALL and not articles:
            await self._write_other(response)

    async def _write_other(self, response: Response) -> None:
        spider = self._crawler.spider
        profile = getattr(spider, "profile", None)
        site = profile.name if profile else (urlsplit(response.url).hostname or "unknown")
        exchange = exchange_of(response, {"site": site, "spider": spider.name, "kind": "other"})
        writer = warc_writer_for(self._crawler)
        await asyncio.to_thread(writer.write, site, exchange)
        self._crawler.stats.inc_value("news/warc/other_pages")
