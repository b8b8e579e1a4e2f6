"""``scrapy scrape URL [URL ...] [-o FILE]``: fetch and clean given article pages, print JSONL.

No seen-store and no archive are touched unless asked: ``--seen`` skips unchanged articles and
raises revisions using the crawl's seen-store (marking each URL after its line is written).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.discovery.urlrules import ALLOWED_SCHEMES
from crawler.extensions.runsummary import FAILURE_PREFIX

if TYPE_CHECKING:
    import argparse

STREAM = "crawler.pipelines.stream.JsonlStreamPipeline"
CLEAN = "crawler.pipelines.clean.CleanPipeline"
SEEN = "crawler.pipelines.seen.SeenStorePipeline"
MARK = "crawler.pipelines.seen.MarkSeenPipeline"
WARC = "crawler.warc.pipeline.WarcWriterPipeline"
# Above the project settings (20), below -s on the command line (40).
PRIORITY = 30


class Command(ScrapyCommand):
    """One-off fetch-and-clean of article URLs with the ``article`` spider."""

    requires_project = True

    def syntax(self) -> str:
        """Usage line."""
        return "[options] URL [URL ...]"

    def short_desc(self) -> str:
        """One line for ``scrapy -h``."""
        return "Fetch and clean article URLs; print one JSON record per line"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        """``-o FILE``, ``--site NAME``, ``--seen``."""
        super().add_options(parser)
        parser.add_argument("-o", "--output", metavar="FILE", default="-",
                            help="append JSONL records to FILE (default: stdout)")
        parser.add_argument("--site", metavar="NAME", help="site name for the records "
                            "(default: the host of each URL)")
        parser.add_argument("--seen", action="store_true", help="use the seen-store: skip "
                            "unchanged articles, raise revisions of changed ones")

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        """Wire the pipelines: clean -> [seen check] -> JSONL stream -> [mark seen]."""
        super().process_options(args, opts)
        assert self.settings is not None
        pipelines = {CLEAN: 300, WARC: 450, STREAM: 500}  # WARC: NEWS_WARC, off = not loaded
        if opts.seen:
            pipelines.update({SEEN: 400, MARK: 600})
        for name, value in (("ITEM_PIPELINES", pipelines), ("NEWS_SEEN_ENABLED", bool(opts.seen)),
                            ("NEWS_STREAM_OUTPUT", opts.output), ("LOG_LEVEL", "WARNING"),
                            ("NEWS_SKIP_SEEN", False),  # one-off fetches always fetch
                            ("NEWS_MONITOR_ENABLED", False)):  # no run to judge: own exit status
            self.settings.set(name, value, priority=PRIORITY)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Crawl the URLs; exit status 1 when any page failed or nothing was written."""
        if not args:
            raise UsageError("give at least one URL")
        bad = [u for u in args if urlsplit(u).scheme not in ALLOWED_SCHEMES]
        if bad:
            raise UsageError(f"not an http(s) URL: {', '.join(bad)}")
        assert self.crawler_process is not None
        crawler = self.crawler_process.create_crawler("article")
        self.crawler_process.crawl(crawler, urls=args, site=opts.site)
        self.crawler_process.start()
        stats = crawler.stats.get_stats() if crawler.stats else {}
        failed = sum(v for k, v in stats.items() if k.startswith(FAILURE_PREFIX))
        dropped_unchanged = stats.get("news/duplicates_skipped", 0)
        if failed:
            kinds = ", ".join(f"{k.removeprefix(FAILURE_PREFIX)}={v}"
                              for k, v in sorted(stats.items()) if k.startswith(FAILURE_PREFIX))
            print(f"scrape: {failed} page(s) failed ({kinds})", file=sys.stderr)
        if failed or (not stats.get("news/articles_written") and not dropped_unchanged):
            self.exitcode = 1
