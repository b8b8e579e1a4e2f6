"""``RenderAlwaysMiddleware``: with render = always, article requests go through the browser."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from crawler.render.modes import ALWAYS, render_mode
from crawler.render.requests import is_render_request, mark_for_rendering
from crawler.spiders.news import ARTICLE_META

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

ARTICLE_ONLY_SPIDERS = ("article",)  # spiders whose every request is an article (scrape)


class RenderAlwaysMiddleware:
    """Downloader middleware: mark article requests for the browser when render = always."""

    def __init__(self, *, crawler: Crawler) -> None:
        self._crawler = crawler
        self._always: bool | None = None  # known once the spider is open

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build from the crawler."""
        return cls(crawler=crawler)

    def process_request(self, request: Request) -> None:
        """Mark an article request (not robots.txt, sitemaps, feeds or listings)."""
        spider = self._crawler.spider
        if self._always is None:
            self._always = render_mode(self._crawler.settings, spider) == ALWAYS
        if not self._always or is_render_request(request):
            return
        article = request.meta.get(ARTICLE_META) or (
            getattr(spider, "name", None) in ARTICLE_ONLY_SPIDERS
            and not request.url.endswith("/robots.txt"))
        if article:
            wait = getattr(getattr(spider, "profile", None), "render_wait", None)
            mark_for_rendering(request, wait=wait, reason="always")
