"""``RunDupeFilter``: scrapy-redis's Redis set dupefilter, scoped to one run, plus the seen-store.

For a request that may be filtered (articles; index, sitemap and feed pages are
``dont_filter=True`` and always re-fetched) one Lua call decides:

* its canonical URL is in the seen-store (a record was written for it, in any earlier run,
  or was requested under it: the start of a redirect, a page naming another canonical URL):
  filtered, the article is not fetched again (``distributed/skipped_seen``;
  ``NEWS_REDIS_SKIP_SEEN = False`` re-fetches them so changes get new revisions);
* its fingerprint is already in the run's set: filtered, another worker has it;
* else it is added to the run's set and queued.

A fingerprint in the run's set means "queued in this run", not "done": with leases a queued
request cannot be lost, so this only stops two workers from fetching one article twice in one
run. The set is deleted when the run ends (``RunCoordinator``). An article counts as seen only
once the pipelines wrote its record and marked the seen-store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Self

from scrapy_redis import connection
from scrapy_redis.dupefilter import RFPDupeFilter
from w3lib.url import canonicalize_url

from crawler.distributed.seen_redis import DEFAULT_KEY as SEEN_KEY

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.utils.request import RequestFingerprinterProtocol

NEW, QUEUED, WRITTEN = 0, 1, 2

# KEYS: run set, seen-store hash ('' = do not consult). ARGV: fingerprint, canonical URL.
CHECK: Final = """
if KEYS[2] ~= '' and redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then return 2 end
return 1 - redis.call('SADD', KEYS[1], ARGV[1])
"""


class RunDupeFilter(RFPDupeFilter):
    """Redis set of request fingerprints for the current run, in front of the seen-store."""

    def __init__(
        self, server: object, key: str, *, fingerprinter: RequestFingerprinterProtocol,
        seen_key: str | None, stats: object | None = None, debug: bool = False,
    ) -> None:
        super().__init__(server, key=key, debug=debug)
        self.fingerprinter = fingerprinter
        self.seen_key = seen_key
        self.stats = stats
        self._check = self.server.register_script(CHECK)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build with the crawler's REQUEST_FINGERPRINTER_CLASS; the scheduler sets the key."""
        settings = crawler.settings
        skip_seen = settings.getbool("NEWS_REDIS_SKIP_SEEN", True)
        return cls(
            connection.from_settings(settings), key="",
            fingerprinter=crawler.request_fingerprinter,
            seen_key=settings.get("NEWS_SEEN_REDIS_KEY", SEEN_KEY) if skip_seen else None,
            stats=crawler.stats, debug=settings.getbool("DUPEFILTER_DEBUG"),
        )

    def request_seen(self, request: Request) -> bool:
        """True when the request must not be queued (written before, or queued in this run)."""
        verdict = self._check(
            keys=[self.key, self.seen_key or ""],
            args=[self.request_fingerprint(request), canonicalize_url(request.url)],
        )
        if verdict == WRITTEN and self.stats is not None:
            self.stats.inc_value("distributed/skipped_seen")  # type: ignore[attr-defined]
        return verdict != NEW

    def request_fingerprint(self, request: Request) -> str:
        """Scrapy's own request fingerprint (hex), so -s REQUEST_FINGERPRINTER_CLASS applies."""
        return self.fingerprinter.fingerprint(request).hex()

    def close(self, reason: str = "") -> None:
        """Keep the set: other workers of the run still use it; the run end deletes it."""
