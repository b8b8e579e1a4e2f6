"""``RunDupeFilter``: scrapy-redis's Redis set dupefilter, scoped to one run.

A fingerprint means "queued in this run", not "done forever": with leases a queued request
cannot be lost, so marking it at enqueue only stops two workers from fetching the same article
twice in one run. The set is deleted when the run ends (``RunCoordinator``), and it is never
consulted for index, sitemap and feed pages (``dont_filter=True``). Whether an article is new
across runs is the seen-store's decision, which is written only after the record is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from scrapy_redis import connection
from scrapy_redis.dupefilter import RFPDupeFilter

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.utils.request import RequestFingerprinterProtocol


class RunDupeFilter(RFPDupeFilter):
    """Redis set of request fingerprints (Scrapy's fingerprinter) for the current run."""

    def __init__(
        self, server: object, key: str, *, fingerprinter: RequestFingerprinterProtocol,
        debug: bool = False,
    ) -> None:
        super().__init__(server, key=key, debug=debug)
        self.fingerprinter = fingerprinter

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build with the crawler's REQUEST_FINGERPRINTER_CLASS; the scheduler sets the key."""
        return cls(
            connection.from_settings(crawler.settings), key="",
            fingerprinter=crawler.request_fingerprinter,
            debug=crawler.settings.getbool("DUPEFILTER_DEBUG"),
        )

    def request_fingerprint(self, request: Request) -> str:
        """Scrapy's own request fingerprint (hex), so -s REQUEST_FINGERPRINTER_CLASS applies."""
        return self.fingerprinter.fingerprint(request).hex()

    def close(self, reason: str = "") -> None:
        """Keep the set: other workers of the run still use it; the run end deletes it."""
