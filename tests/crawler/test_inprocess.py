"""In-process crawl (AsyncCrawlerProcess + item_scraped): what discovery hands the pipelines."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.crawler.sitegen import discovery_site
from tests.support.httpserver import LocalHTTPServer
from tests.support.scrapyproc import REPO, scrapy_env


def test_discovery_hints_travel_with_fetched_pages(server: LocalHTTPServer) -> None:
    """News-sitemap and feed dates/titles arrive as hints; listing links carry none."""
    site = discovery_site(server.url)
    server.set_routes(site.routes)
    proc = subprocess.run([sys.executable, "-m", "tests.crawler.inprocess", server.url + "/"],
                          cwd=REPO, env=scrapy_env(), capture_output=True, text=True, timeout=90)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout)
    hints = {item["url"]: item["hints"] for item in result["items"]}
    assert set(hints) == {site.url(a) for a in site.articles}
    news = hints[site.url(site.articles[0])]
    assert news == {"date": "2025-08-10T08:00:00+00:00", "date_source": "sitemap",
                    "title": site.articles[0].title, "language": "en"}
    rss = hints[site.url(site.articles[8])]
    assert rss["date_source"] == "feed" and rss["date"].startswith("2025-08-")
    atom = hints[site.url(site.articles[9])]  # relative Atom link resolved against the feed
    assert atom == {"date": "2025-08-10T08:00:00+00:00", "date_source": "feed",
                    "title": site.articles[9].title}
    assert hints[site.url(site.articles[5])] == {}  # plain sitemap: lastmod is no publication date
    assert hints[site.url(site.articles[12])] == {}
    assert {item["site"] for item in result["items"]} == {"127.0.0.1"}
    stats = result["stats"]
    assert stats["finish_reason"] == "finished"
    assert "news/articles_written" not in stats  # cleaning (and writing) off
    assert stats["news/discovery/sitemap"] == 7 and stats["news/discovery/feed"] == 3
