"""``SkipSeenMiddleware``: don't fetch an article again that the seen-store already holds.

A spider middleware between the ``news`` spider and the scheduler, in single-machine and
distributed mode alike. Requests the spider marks as articles (``ARTICLE_META``) whose URL is in
the seen-store (SQLite, or the shared Redis one) are dropped (stat ``news/skipped_seen``)
unless discovery says the page changed since the store last confirmed it: a sitemap
``<lastmod>`` or a news-sitemap/feed date later than that moment (``known_unchanged``). Index,
sitemap and feed pages are never marked, so they are always fetched. The key is
``canonicalize_url(request.url)``; the seen pipelines file each record under the URLs it was
requested and fetched as too (``alias_keys``: the start of a redirect, the page's URL when it
names another canonical URL), so such an article is known by the URL discovery finds it under.
A date without a time counts as midnight UTC of that day; an entry the store holds without a
time (``DATE_UNKNOWN``, written by an earlier version) counts as older than any date. Every
article request is looked up, even one let through before; a URL is counted at most once per
run, and one let through earlier in the run (so fetched, not skipped) is not counted when it is
dropped on a later find. A distributed worker that stays up across runs forgets these per-URL
decisions when the next run starts (signal ``run_started``), so its memory is one run's URLs.

A listing's next-page request (``NEXT_PAGE_META``, yielded after the page's article links) is
dropped when the page linked to articles, every one of them was known, and an earlier run
walked that chain to its end and went idle (all its articles written; the chain is then
kept in the seen-store under ``CHAIN_KEY_PREFIX``): a paginated listing is followed on an
incremental run only as far as it holds new articles, while a run killed mid-chain leaves the
next run to walk it again. Distributed workers share a queue, so no worker's idleness proves
the chain's articles written: there a worker records a chain's end in Redis at once and the
chain counts as walked only once the whole run has ended (``crawler.distributed.chains``).

Off when ``NEWS_SKIP_SEEN`` is False (re-fetch known articles to find silent edits; in
distributed mode ``NEWS_REDIS_SKIP_SEEN`` instead), when ``NEWS_SEEN_ENABLED`` is False and when
the configured seen-store cannot say when it confirmed an entry (no ``checked_at``).
"""

from __future__ import annotations

import inspect
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Self

from scrapy import Request, signals
from scrapy.exceptions import NotConfigured
from w3lib.url import canonicalize_url

from crawler.discovery.dates import iso_timestamp
from crawler.distributed.chains import RedisChainLog
from crawler.distributed.run import run_started
from crawler.pipelines.seen import tracker_for
from crawler.spiders.news import (
    ARTICLE_META,
    CHAIN_KEY_PREFIX,
    HINTS_META,
    LASTMOD_META,
    NEXT_PAGE_META,
)

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector


def _moment(value: Any) -> datetime | None:
    """An aware UTC datetime from a discovery date string (naive = UTC), or None."""
    text = iso_timestamp(value) if isinstance(value, str) else None
    if text is None:
        return None
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def changed_hint(request: Request) -> datetime | None:
    """The latest date discovery gave for a request (sitemap lastmod, news/feed date), or None."""
    hints = request.meta.get(HINTS_META) or {}
    moments = [m for m in (_moment(request.meta.get(LASTMOD_META)), _moment(hints.get("date")))
               if m is not None]
    return max(moments, default=None)


def known_unchanged(checked: datetime | None, hint: datetime | None) -> bool:
    """The skip decision: in the store (``checked`` is when it was last confirmed) and no
    discovery date (``hint``) after that moment."""
    if checked is None:
        return False
    return hint is None or hint <= checked


class SkipSeenMiddleware:
    """Drop article requests the seen-store knows, unless a discovery date says they changed."""

    def __init__(self, *, checked_at: Callable[[str], Any], stats: StatsCollector,
                 mark: Callable[[str, str, int], Any] | None = None,
                 chains: RedisChainLog | None = None, crawler: Crawler | None = None) -> None:
        self._checked_at = checked_at
        self._stats = stats
        self._mark = mark  # one machine: walked chains go to the seen-store when idle
        self._chains = chains  # distributed: chain ends go to Redis at once
        self._crawler = crawler
        self._decided: dict[str, bool] = {}  # key -> skipped (True) or let through (False)

    def new_run(self) -> None:
        """Forget the last run's decisions (a distributed worker that stays up)."""
        self._decided.clear()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """NotConfigured when off or the store keeps no confirmation time."""
        settings = crawler.settings
        flag = "NEWS_REDIS_SKIP_SEEN" if settings.get("REDIS_URL") else "NEWS_SKIP_SEEN"
        if not settings.getbool(flag, True):
            raise NotConfigured(f"{flag} is off: known articles are fetched again")
        if not settings.getbool("NEWS_SEEN_ENABLED", True):
            raise NotConfigured("NEWS_SEEN_ENABLED is off")
        checked_at = getattr(tracker_for(crawler).store, "checked_at", None)
        if checked_at is None:
            raise NotConfigured(f"{settings['NEWS_SEEN_STORE']} has no checked_at()")
        assert crawler.stats is not None
        # One machine: a run that went idle wrote every article it found, so the chains it
        # walked are known ground for the next run. Distributed workers share a queue: one
        # going idle says nothing of the others' articles, so a chain is walked once the
        # whole run has ended (see crawler.distributed.chains).
        store = tracker_for(crawler).store
        if settings.get("REDIS_URL"):
            chains = RedisChainLog.from_settings(settings)
            mw = cls(checked_at=checked_at, stats=crawler.stats, chains=chains, crawler=crawler)
            crawler.signals.connect(chains.open, signal=signals.spider_opened)
        else:
            mw = cls(checked_at=checked_at, stats=crawler.stats,
                     mark=getattr(store, "mark", None))
        crawler.signals.connect(mw.new_run, signal=run_started)
        crawler.signals.connect(mw.spider_idle, signal=signals.spider_idle)
        return mw

    def spider_idle(self, spider: Any) -> None:
        """Remember the listing chains this run walked to their end (see the module doc);
        the one-machine stores mark synchronously."""
        if self._mark is None:
            return
        walked = getattr(spider, "chains_walked", set())
        for chain in sorted(walked):
            self._mark(CHAIN_KEY_PREFIX + chain, "listing-chain", 0)
        walked.clear()

    async def process_spider_output(
            self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """Pass everything but known, unchanged article requests, and the next page of a
        paginated listing whose page linked only to known articles (the spider yields that
        request last): an incremental run stops where its last run's articles begin."""
        articles = unknown = 0
        async for item in result:
            if isinstance(item, Request) and item.meta.get(NEXT_PAGE_META):
                if articles and not unknown and await self._walked(item.meta[NEXT_PAGE_META]):
                    self._stats.inc_value("news/discovery/listing_chain_known")
                    continue
            elif isinstance(item, Request) and item.meta.get(ARTICLE_META):
                articles += 1
                key = canonicalize_url(item.url)
                skip = await self.known_unchanged(key, item)
                before = self._decided.get(key)
                if skip:
                    if before is None:  # let through before: fetched since, not "skipped"
                        self._decided[key] = True
                        self._stats.inc_value("news/skipped_seen")
                    continue
                if before:  # skipped when found first, now with a newer date: fetched
                    self._stats.inc_value("news/skipped_seen", -1)
                self._decided[key] = False
                unknown += 1
            yield item
        if self._chains is not None and self._crawler is not None:
            walked = getattr(self._crawler.spider, "chains_walked", None)
            if walked:  # before this page's request is acked: the run cannot end without it
                self._chains.add(walked)
                walked.clear()

    async def _walked(self, chain: Any) -> bool:
        """Whether an earlier run on this machine walked the chain to its end and went idle
        (distributed: a run that ended)."""
        if not isinstance(chain, str):
            return False
        if self._chains is not None:
            return self._chains.walked(chain)
        if self._mark is None:
            return False
        checked = self._checked_at(CHAIN_KEY_PREFIX + chain)
        if inspect.isawaitable(checked):
            checked = await checked
        return checked is not None

    async def known_unchanged(self, key: str, request: Request) -> bool:
        """True when ``key`` is in the store and no discovery date is after its last check."""
        checked = self._checked_at(key)
        if inspect.isawaitable(checked):
            checked = await checked
        return known_unchanged(checked, changed_hint(request))
