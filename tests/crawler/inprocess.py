"""Run the news spider in-process (AsyncCrawlerProcess) and print what it yields as JSON.

Used by tests through a subprocess (one Twisted reactor per process):
    python -m tests.crawler.inprocess URL [KEY=VALUE ...]
Prints one JSON object: {"items": [{"url", "site", "hints"}, ...], "stats": {...}}.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from scrapy import signals
from scrapy.crawler import AsyncCrawlerProcess
from scrapy.utils.project import get_project_settings

from crawler.items import FetchedPage
from crawler.spiders.news import NewsSpider


def main(argv: list[str]) -> int:
    """Crawl argv[0] with cleaning off (items are fetched pages); dump items and stats."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    settings.setdict({"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "LOG_LEVEL": "WARNING",
                      "NEWS_CLEAN_ENABLED": False, "NEWS_SEEN_ENABLED": False,
                      "ITEM_PIPELINES": {}},
                     priority="cmdline")
    settings.setdict(dict(a.split("=", 1) for a in argv[1:]), priority="cmdline")
    items: list[dict[str, Any]] = []

    def on_item(item: Any) -> None:  # a named function: signal receivers are weak references
        if isinstance(item, FetchedPage):
            items.append({"url": item.url, "site": item.site, "hints": item.hints})

    process = AsyncCrawlerProcess(settings)
    crawler = process.create_crawler(NewsSpider)
    crawler.signals.connect(on_item, signal=signals.item_scraped)
    process.crawl(crawler, url=argv[0])
    process.start()
    stats = {k: v for k, v in crawler.stats.get_stats().items() if isinstance(v, (int, str))}
    print(json.dumps({"items": items, "stats": stats}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
