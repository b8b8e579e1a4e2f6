"""The ``article`` spider: fetch the given URLs only (no discovery); used by ``scrapy scrape``.

    scrapy crawl article -a urls=https://a.example/x.html,https://a.example/y.html [-a site=NAME]
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.items import FetchedPage
from crawler.middlewares.credentials import take_credentials
from crawler.spiders.news import article_page, record_failure


class ArticleSpider(scrapy.Spider):
    """Fetch each given URL once and yield it as an article page."""

    name = "article"

    def __init__(self, urls: str | Iterable[str] = (), site: str | None = None,
                 *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if isinstance(urls, str):
            urls = [u for u in urls.split(",") if u.strip()]
        bare, self.url_credentials = take_credentials(u.strip() for u in urls)
        self.urls = list(bare)  # without user:password@ (UrlCredentialsMiddleware sends them)
        if not self.urls:
            raise ValueError("give -a urls=URL[,URL...]")
        self.site = site

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """One request per given URL (duplicates fetched once)."""
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.on_error)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[FetchedPage]:
        """Yield the page; its site is ``-a site`` or the host."""
        self.crawler.stats.inc_value("news/pages_fetched")
        for page in article_page(self, response, {}):
            if self.site:
                page.site = self.site
            yield page

    def on_error(self, failure: Failure) -> None:
        """Count the failure by kind."""
        record_failure(self, failure)
