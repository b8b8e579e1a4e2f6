"""``RunDupeFilter``: scrapy-redis's Redis set dupefilter, scoped to one run.

A request that may be filtered (articles; index, sitemap and feed pages are ``dont_filter=True``
and always re-fetched) is filtered when its fingerprint is already in the run's set (another
worker, or this one, queued it in this run); else it is added and queued.

A fingerprint in the run's set means "queued in this run", not "done": with leases a queued
request cannot be lost, so this only stops two workers from fetching one article twice in one
run. The set is deleted when the run ends (``RunCoordinator``). Whether an article written in
an earlier run is fetched again is not decided here but, as on a single machine, by
``SkipSeenMiddleware`` against the shared seen-store (fetched again only when a sitemap lastmod
or feed date is newer than its entry), before the request reaches the scheduler.
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
    """Redis set of the request fingerprints queued in the current run."""

    def __init__(
        self, server: object, key: str, *, fingerprinter: RequestFingerprinterProtocol,
        debug: bool = False,
    ) -> None:
        super().__init__(server, key=key, debug=debug)
        self.fingerprinter = fingerprinter

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build with the crawler's REQUEST_FINGERPRINTER_CLASS; the scheduler sets the key."""
        settings = crawler.settings
        return cls(connection.from_settings(settings), key="",
                   fingerprinter=crawler.request_fingerprinter,
                   debug=settings.getbool("DUPEFILTER_DEBUG"))

    def request_fingerprint(self, request: Request) -> str:
        """Scrapy's own request fingerprint (hex), so -s REQUEST_FINGERPRINTER_CLASS applies."""
        return self.fingerprinter.fingerprint(request).hex()

    def close(self, reason: str = "") -> None:
        """Keep the set: other workers of the run still use it; the run end deletes it."""
