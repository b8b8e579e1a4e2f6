"""Downloader middlewares: scheme guard and robots.txt Crawl-delay bookkeeping."""

from __future__ import annotations

import asyncio
import time

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.robotstxt import ProtegoRobotParser
from scrapy.utils.test import get_crawler

from crawler.middlewares.crawldelay import CrawlDelayMiddleware
from crawler.middlewares.schemes import SchemeGuardMiddleware


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://h.example/x", "data:,hello"])
def test_scheme_guard_refuses_non_http(url: str) -> None:
    """Only http(s) passes; the refusal is counted."""
    crawler = get_crawler()
    crawler.stats.open_spider()
    guard = SchemeGuardMiddleware.from_crawler(crawler)
    with pytest.raises(IgnoreRequest, match="not allowed"):
        guard.process_request(Request(url))
    assert guard.process_request(Request("https://h.example/")) is None
    assert crawler.stats.get_value("news/failures/scheme") == 1


def test_crawl_delay_read_from_robots_and_capped() -> None:
    """The delay for our agent group is used, capped by NEWS_CRAWL_DELAY_MAX; requests wait."""
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True,
                                         "ROBOTSTXT_USER_AGENT": "newsclean",
                                         "NEWS_CRAWL_DELAY_MAX": 0.3})
    crawler.stats.open_spider()
    mw = CrawlDelayMiddleware.from_crawler(crawler)
    robots = b"User-agent: other\nCrawl-delay: 1\n\nUser-agent: newsclean\nCrawl-delay: 5\n"
    mw.robots_parsed(ProtegoRobotParser(robots, None), Request("http://h.example:8080/a"))
    assert crawler.stats.get_value("news/crawl_delay/h.example:8080") == 0.3

    async def three() -> float:
        started = time.monotonic()
        await asyncio.gather(*(mw.process_request(Request(f"http://h.example:8080/{i}"))
                               for i in range(3)))
        await mw.process_request(Request("http://other.example/"))  # no delay known: no wait
        return time.monotonic() - started
    assert 0.55 <= asyncio.run(three()) < 1.5


def test_crawl_delay_lifted_when_robots_txt_is_read_again_without_one() -> None:
    """A long-lived worker reads robots.txt again each run: a dropped Crawl-delay is lifted."""
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True,
                                         "ROBOTSTXT_USER_AGENT": "newsclean"})
    crawler.stats.open_spider()
    mw = CrawlDelayMiddleware.from_crawler(crawler)
    mw.robots_parsed(ProtegoRobotParser(b"User-agent: *\nCrawl-delay: 5\n", None),
                     Request("http://h.example/robots.txt"))
    mw.robots_parsed(ProtegoRobotParser(b"User-agent: *\nDisallow: /x\n", None),
                     Request("http://h.example/robots.txt"))

    async def two() -> float:
        started = time.monotonic()
        for i in range(2):
            await mw.process_request(Request(f"http://h.example/{i}"))
        return time.monotonic() - started
    assert asyncio.run(two()) < 1.0


def test_crawl_delay_off_without_robots() -> None:
    """Not configured when robots.txt is not obeyed or the feature is off."""
    with pytest.raises(NotConfigured):
        CrawlDelayMiddleware.from_crawler(get_crawler(settings_dict={"ROBOTSTXT_OBEY": False}))
    with pytest.raises(NotConfigured):
        CrawlDelayMiddleware.from_crawler(get_crawler(settings_dict={
            "ROBOTSTXT_OBEY": True, "NEWS_CRAWL_DELAY_ENABLED": False}))
