"""``SharedRobotsTxtMiddleware``: one robots.txt download per host serves both of its readers.

Scrapy's ``RobotsTxtMiddleware`` downloads a host's robots.txt to obey its rules; the news
spider requests the same file for its ``Sitemap:`` lines. Without this subclass each host's
robots.txt was downloaded twice. Here a request for the host's robots.txt itself (the URL the
middleware fetched, ``<scheme>://<host>/robots.txt``) waits for the middleware's download and
gets its outcome instead of a second download: the response, whatever its status, after
redirects and retries, or the download error. The spider's callback or errback then runs as if
it had fetched the file itself; ``dont_retry`` is set on it because the shared download was
already retried. A robots.txt is never forbidden by its own rules.

Everything else is Scrapy's middleware unchanged (``ROBOTSTXT_OBEY``, ``ROBOTSTXT_PARSER``,
``robotstxt/*`` stats, the ``robots_parsed`` signal). One process downloads each host's
robots.txt once; in distributed mode that is once per run in each worker that fetches from the
host: a worker that stays up across runs forgets every robots.txt when the next run starts
(signal ``run_started``), so the rules it obeys and the ``Sitemap:`` lines are read afresh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from crawler.distributed.run import run_started

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.robotstxt import RobotParser

ROBOTS_PATH = "/robots.txt"


class SharedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware that answers requests for robots.txt from its own download."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._robots_urls: dict[str, str] = {}  # netloc -> the robots.txt URL downloaded for it
        self._outcomes: dict[str, Response | Exception] = {}  # netloc -> what that download gave
        crawler.signals.connect(self.new_run, signal=run_started)

    def new_run(self) -> None:
        """Download each host's robots.txt again (once) in the next distributed run."""
        pending = {netloc for netloc, parser in self._parsers.items()
                   if isinstance(parser, Deferred)}  # none between runs; never cut one short
        for cache in (self._parsers, self._robots_urls, self._outcomes):
            for netloc in set(cache) - pending:
                del cache[netloc]

    async def process_request(self, request: Request) -> Response | None:
        """A request for a host's robots.txt gets the shared download; others are checked."""
        if request.meta.get("dont_obey_robotstxt") or not _is_robots_request(request):
            await super().process_request(request)
            return None
        netloc = urlparse_cached(request).netloc
        await self.robot_parser(request)
        outcome = self._outcomes.get(netloc)
        if outcome is None or self._robots_urls.get(netloc) != request.url:
            return None  # e.g. http:// asked after https:// was downloaded: download it
        request.meta["dont_retry"] = True  # the shared download was retried already
        if isinstance(outcome, Exception):
            raise outcome
        return outcome.replace(request=request)

    def allows(self, url: str) -> bool:
        """Whether the rules already read for ``url``'s host allow it (True when none were read
        yet: a browser's sub-request is judged by the rules its page's download fetched)."""
        parser = self._parsers.get(urlsplit(url).netloc)
        if parser is None or isinstance(parser, Deferred):
            return True
        return bool(parser.allowed(url, self._robotstxt_useragent or self._default_useragent))

    async def robot_parser(self, request: Request) -> RobotParser | None:
        """Remember which robots.txt URL the first request of a host makes Scrapy download."""
        url = urlparse_cached(request)
        self._robots_urls.setdefault(url.netloc, f"{url.scheme}://{url.netloc}{ROBOTS_PATH}")
        return await super().robot_parser(request)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        self._outcomes[netloc] = response
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        self._outcomes.setdefault(netloc, exc)  # a response already kept wins over a parse error
        super()._robots_error(exc, netloc)


def _is_robots_request(request: Request) -> bool:
    """A plain GET of ``/robots.txt`` at the root of a host."""
    url = urlparse_cached(request)
    return request.method == "GET" and url.path == ROBOTS_PATH and not url.query
