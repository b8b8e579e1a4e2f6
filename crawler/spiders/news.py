"""The ``news`` spider: discover a site's articles and yield fetched pages for the pipelines.

    scrapy crawl news -a site=NAME                 # sites/NAME.toml
    scrapy crawl news -a url=https://example.org/  # no profile: robots.txt, sitemaps, feeds, links
    ... -a since=2025-09-01                        # skip older sitemap/feed entries before fetching
    ... -a site=demo -a url=http://127.0.0.1:8000/ # a profile with relative URLs, based on url
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.response import get_base_url
from twisted.python.failure import Failure
from w3lib.encoding import http_content_type_encoding
from w3lib.url import canonicalize_url

from crawler.discovery.dates import is_older, parse_since
from crawler.discovery.feeds import feed_links, parse_feed
from crawler.discovery.pagination import listing_days, next_page_urls, page_number
from crawler.discovery.sitemaps import SitemapEntry, parse_sitemap, robots_sitemaps, sitemap_body
from crawler.discovery.urlrules import ALLOWED_SCHEMES, UrlRules
from crawler.distributed.run import run_started
from crawler.exceptions import DiscoveryError, ProfileError
from crawler.items import FetchedPage
from crawler.middlewares.credentials import Credentials, take_credentials, without_credentials
from crawler.profiles import SiteProfile, load_profile, profile_for_url

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import Settings

PRIORITY_DISCOVERY = 30  # robots, sitemaps, feeds first: their hints beat bare links
PRIORITY_ARTICLE = 10
PRIORITY_LISTING = 0
HTML_TYPES = (b"text/html", b"application/xhtml+xml")
HINTS_META = "news_hints"  # request meta key carrying discovery hints to parse_article
ARTICLE_META = "news_article"  # meta flag of article requests (SkipSeenMiddleware may skip them)
LASTMOD_META = "news_lastmod"  # meta: the sitemap <lastmod> of an article request, if any
# meta of a listing's next-page request (value: the chain's first page): SkipSeenMiddleware
# drops it when every article the listing page linked to is known and an earlier run that
# ended cleanly walked this chain to its end (an incremental run has reached known ground).
NEXT_PAGE_META = "news_next_page"
CHAIN_KEY_PREFIX = "newsclean-listing-chain:"  # seen-store key of a chain walked to its end
# Failure kind of an ignored or cancelled download, by a phrase of Scrapy's message.
IGNORE_REASONS = (("DOWNLOAD_MAXSIZE", "too_large"), ("max size", "too_large"),
                  ("max redirections", "redirect_loop"), ("robots.txt", "robots_forbidden"))


class NewsSpider(scrapy.Spider):
    """Discovery from robots.txt, sitemaps, Google-News sitemaps, feeds and listing pages."""

    name = "news"

    def __init__(self, site: str | None = None, url: str | None = None,
                 since: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not site and not url:
            raise ProfileError("give -a site=NAME or -a url=START_URL", "news spider")
        self.site_name = site
        self.base_url = url
        self.since: date | None = parse_since(since) if since else None
        self.profile: SiteProfile = profile_for_url(url) if url else SiteProfile(name=site or "")
        self.rules = UrlRules.build()
        self.listing_depth = 2
        self.listing_max_pages = 50
        self.sitemap_depth = 3
        self._hints: dict[str, dict[str, Any]] = {}  # article URL -> hints, until fetched
        self._discovered: set[str] = set()  # discovery pages already requested in this run
        self.chains_walked: set[str] = set()  # listing chains followed to their end this run
        self._links = LinkExtractor(unique=True)
        self.url_credentials: dict[str, Credentials] = {}  # origin -> Basic auth (start URLs)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        """Create the spider, load its profile and apply per-site politeness settings."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.configure(crawler.settings)
        crawler.signals.connect(spider.new_run, signal=run_started)
        return spider

    def new_run(self) -> None:
        """A distributed worker that stays up starts another run: re-read every discovery page.

        One process is one run on a single machine, so this never happens there.
        """
        self._discovered.clear()
        self._hints.clear()  # hints of articles found but never fetched (skipped as seen)

    def configure(self, settings: Settings) -> None:
        """Load the site profile named by ``-a site`` and derive rules and limits."""
        if self.site_name:
            self.profile = load_profile(self.site_name, settings.get("NEWS_SITES_DIR", "sites"))
        self.profile = self._take_credentials(self.profile.with_base(self.base_url))
        p = self.profile
        urls = (*p.start_urls, *p.sitemaps, *p.feeds)
        if not urls:
            raise ProfileError("profile has no start_urls, sitemaps or feeds", p.name)
        relative = [u for u in urls if urlsplit(u).scheme not in ALLOWED_SCHEMES]
        if relative:
            raise ProfileError(f"{relative[0]!r} is not an absolute http(s) URL; relative URLs "
                               "need -a url=BASE", p.name)
        self.rules = UrlRules.build(p.article_patterns, p.listing_patterns, p.deny_patterns)
        self.allowed_domains = list(p.domains())
        self.listing_depth = p.listing_depth if p.listing_depth is not None \
            else settings.getint("NEWS_LISTING_DEPTH", 2)
        self.listing_max_pages = p.listing_max_pages if p.listing_max_pages is not None \
            else settings.getint("NEWS_LISTING_MAX_PAGES", 50)
        self.sitemap_depth = settings.getint("NEWS_SITEMAP_DEPTH", 3)
        self._apply_politeness(settings)

    def _take_credentials(self, profile: SiteProfile) -> SiteProfile:
        """Profile URLs without ``user:password@``; what they carried -> ``url_credentials``."""
        starts, found = take_credentials(profile.start_urls)
        sitemaps, more = take_credentials(profile.sitemaps)
        feeds, rest = take_credentials(profile.feeds)
        self.url_credentials = {**rest, **more, **found}
        return replace(profile, start_urls=starts, sitemaps=sitemaps, feeds=feeds)

    def _apply_politeness(self, settings: Settings) -> None:
        """Profile politeness as per-domain download slots; ``-s`` on the command line wins."""
        def explicit(name: str) -> bool:
            return (settings.getpriority(name) or 0) > 30  # cmdline (40) beats the profile

        polite = self.profile.politeness
        slot: dict[str, Any] = {}
        if polite.download_delay is not None and not explicit("DOWNLOAD_DELAY"):
            slot["delay"] = float(polite.download_delay)
        if polite.concurrency is not None and not explicit("CONCURRENT_REQUESTS_PER_DOMAIN"):
            slot["concurrency"] = int(polite.concurrency)
        if slot and not explicit("DOWNLOAD_SLOTS") and not settings.frozen:
            settings.set("DOWNLOAD_SLOTS", {d: dict(slot) for d in self.allowed_domains},
                         priority="spider")

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """Robots.txt of each site host, profile sitemaps and feeds, then the start pages."""
        p = self.profile
        hosts = dict.fromkeys(f"{s.scheme}://{s.netloc}" for s in map(urlsplit, (
            *p.start_urls, *p.sitemaps, *p.feeds)) if s.scheme in ALLOWED_SCHEMES)
        pending: list[scrapy.Request] = []
        for origin in hosts:
            pending += self._request(f"{origin}/robots.txt", self.parse_robots, PRIORITY_DISCOVERY)
        for url in p.sitemaps:
            pending += self._request(url, self.parse_sitemap, PRIORITY_DISCOVERY, depth=0)
        for url in p.feeds:
            pending += self._request(url, self.parse_feed, PRIORITY_DISCOVERY)
        for url in p.start_urls:
            pending += self._request(url, self.parse_listing, PRIORITY_LISTING, depth=0)
        for request in pending:
            yield request

    def _request(self, url: str, callback: Any, priority: int,
                 **cb_kwargs: Any) -> Iterator[scrapy.Request]:
        """A discovery page, once per run; dont_filter so persisted dupefilters never hide it."""
        url = without_credentials(url)
        key = canonicalize_url(url)
        if key in self._discovered:
            return
        self._discovered.add(key)
        yield scrapy.Request(url, callback=callback, errback=self.on_error, priority=priority,
                             dont_filter=True, cb_kwargs=cb_kwargs)

    def _article(self, url: str, hints: dict[str, Any] | None = None,
                 lastmod: str | None = None) -> scrapy.Request:
        """An article request; hints are remembered per URL so any discovery path can add them."""
        url = without_credentials(url)
        known = self._hints.setdefault(url, {})
        for key, value in (hints or {}).items():
            known.setdefault(key, value)
        # In meta too: with a shared (Redis) queue another worker may fetch the article.
        meta: dict[str, Any] = {HINTS_META: dict(hints or {}), ARTICLE_META: True}
        if lastmod:
            meta[LASTMOD_META] = lastmod
        return scrapy.Request(url, callback=self.parse_article, errback=self.on_error,
                              priority=PRIORITY_ARTICLE, meta=meta)

    def _inc(self, key: str, count: int = 1) -> None:
        self.crawler.stats.inc_value(f"news/{key}", count)

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow the ``Sitemap:`` lines of robots.txt."""
        self._inc("pages_fetched")
        for url in robots_sitemaps(response.body, response.url):
            yield from self._request(url, self.parse_sitemap, PRIORITY_DISCOVERY, depth=0)

    def parse_sitemap(self, response: Response, depth: int = 0) -> Iterator[scrapy.Request]:
        """Follow sitemap indexes; queue article URLs with news-sitemap hints."""
        self._inc("pages_fetched")
        max_size = self.crawler.settings.getint("DOWNLOAD_MAXSIZE")
        try:
            doc = parse_sitemap(sitemap_body(response.body, response.url, max_size=max_size),
                                response.url)
        except DiscoveryError as exc:
            self.logger.warning("Bad sitemap %s: %s", response.url, exc.reason)
            self._inc("failures/bad_sitemap")
            return
        for entry in doc.entries:
            if doc.kind == "index":
                if depth < self.sitemap_depth and not self._too_old(entry.lastmod):
                    yield from self._request(entry.loc, self.parse_sitemap, PRIORITY_DISCOVERY,
                                        depth=depth + 1)
            elif self._wanted(entry):
                self._inc("discovery/sitemap")
                yield self._article(entry.loc, self._sitemap_hints(entry), entry.lastmod)

    def _wanted(self, entry: SitemapEntry) -> bool:
        is_article = self.rules.is_article(entry.loc) or (
            entry.news_date is not None and self.rules.is_fetchable(entry.loc))
        return is_article and not self._too_old(entry.news_date or entry.lastmod)

    @staticmethod
    def _sitemap_hints(entry: SitemapEntry) -> dict[str, Any]:
        hints: dict[str, Any] = {}
        if entry.news_date:
            hints.update(date=entry.news_date, date_source="sitemap")
        if entry.news_title:
            hints["title"] = entry.news_title
        if entry.news_language:
            hints["language"] = entry.news_language
        return hints

    def _too_old(self, value: str | None) -> bool:
        if is_older(value, self.since):
            self._inc("discovery/skipped_old")
            return True
        return False

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        """Queue the items of an RSS/Atom feed with their date and title as hints."""
        self._inc("pages_fetched")
        try:
            entries = parse_feed(response.body, response.url)
        except DiscoveryError as exc:
            self.logger.warning("Bad feed %s: %s", response.url, exc.reason)
            self._inc("failures/bad_feed")
            return
        for entry in entries:
            if not self.rules.is_fetchable(entry.url) or self._too_old(entry.date):
                continue
            hints: dict[str, Any] = {}
            if entry.date:
                hints.update(date=entry.date, date_source="feed")
            if entry.title:
                hints["title"] = entry.title
            self._inc("discovery/feed")
            yield self._article(entry.url, hints)

    def parse_listing(self, response: Response, depth: int = 0, page: int = 1,
                      chain: str | None = None) -> Iterator[scrapy.Request]:
        """Find feeds, article links, further listing pages (up to the depth) and the
        listing's next page (same depth, see ``_next_pages``), the next page last."""
        if _is_xml(response):  # e.g. -a url=https://site/rss.xml: a feed or sitemap as start page
            head = response.body.lstrip()[:1024]
            sitemap = b"<urlset" in head or b"<sitemapindex" in head
            yield from self.parse_sitemap(response) if sitemap else self.parse_feed(response)
            return
        self._inc("pages_fetched")
        if not isinstance(response, TextResponse):
            return
        for url in feed_links(response.text, response.url):
            yield from self._request(url, self.parse_feed, PRIORITY_DISCOVERY)
        following = [u for u in next_page_urls(response.text, response.url)
                     if self._on_site(u) and self.rules.is_fetchable(u)
                     and not self.rules.is_article(u)]
        articles: list[str] = []
        listing = page_number(response.url)[0]  # this listing's path without its page number
        for link in self._links.extract_links(response):
            url = link.url.split("#", 1)[0]
            if not self._on_site(url) or url in following:
                continue
            if page_number(url)[0] == listing and not self.rules.is_article(url):
                continue  # another page of this listing: the chain reaches it in turn
            if self.rules.is_article(url):
                self._inc("discovery/listing")
                articles.append(url)
                yield self._article(url)
            elif depth < self.listing_depth and self.rules.is_listing(url):
                yield from self._request(url, self.parse_listing, PRIORITY_LISTING,
                                         depth=depth + 1)
        yield from self._next_pages(response, following, articles, depth, page,
                                    chain or response.url)

    def _next_pages(self, response: TextResponse, following: list[str], articles: list[str],
                    depth: int, page: int, chain: str) -> Iterator[scrapy.Request]:
        """The next page of a paginated listing, at the same depth: up to the page cap,
        not once every dated item of this page is older than ``since``. A chain that ends
        here (no next page, or the cap) is remembered as walked (``chains_walked``)."""
        if not following:
            if page > 1:
                self.chains_walked.add(canonicalize_url(chain))
            return
        if page >= self.listing_max_pages:
            self._inc("discovery/listing_chain_capped")
            self.chains_walked.add(canonicalize_url(chain))
            return
        if self.since is not None:
            days = listing_days(response.text, get_base_url(response), articles)
            if days and max(days) < self.since:
                self._inc("discovery/listing_chain_older")
                return
        for url in following:
            for request in self._request(url, self.parse_listing, PRIORITY_LISTING,
                                         depth=depth, page=page + 1, chain=chain):
                request.meta[NEXT_PAGE_META] = canonicalize_url(chain)
                self._inc("discovery/listing_next_page")
                yield request

    def _on_site(self, url: str) -> bool:
        """The URL's host is an allowed domain or a subdomain of one (ports ignored)."""
        host = urlsplit(url).hostname or ""
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)

    def parse_article(self, response: Response) -> Iterator[FetchedPage]:
        """Yield the fetched page with everything discovery learnt about it."""
        self._inc("pages_fetched")
        hints = dict(response.meta.get(HINTS_META) or {})
        if response.request is not None:
            for key, value in self._hints.pop(response.request.url, {}).items():
                hints.setdefault(key, value)
        yield from article_page(self, response, hints)

    def on_error(self, failure: Failure) -> None:
        """Count failed requests by kind (HTTP status or exception name)."""
        record_failure(self, failure)


def _is_xml(response: Response) -> bool:
    """An XML document (feed, sitemap) rather than an HTML page, by its Content-Type."""
    ctype = (response.headers.get(b"Content-Type") or b"").split(b";")[0].strip().lower()
    return ctype.endswith(b"xml") and ctype not in HTML_TYPES


def article_page(spider: scrapy.Spider, response: Response,
                 hints: dict[str, Any]) -> Iterator[FetchedPage]:
    """A ``FetchedPage`` for an HTML response (other content types are counted and skipped)."""
    stats = spider.crawler.stats
    ctype = (response.headers.get(b"Content-Type") or b"text/html").split(b";")[0].strip().lower()
    if not isinstance(response, TextResponse) or ctype not in HTML_TYPES:
        stats.inc_value("news/failures/not_html")
        return
    stats.inc_value("news/articles_fetched")
    profile = getattr(spider, "profile", None)
    site = profile.name if profile else (urlsplit(response.url).hostname or "unknown")
    base_hints = profile.hints() if profile else {}
    header = response.headers.get(b"Content-Type") or b""
    url = without_credentials(response.url)
    redirects = response.request.meta.get("redirect_urls") if response.request else None
    requested = without_credentials(redirects[0]) if redirects else None
    yield FetchedPage(url=url, html=response.body, site=site, spider=spider.name,
                      encoding=http_content_type_encoding(header.decode("latin-1")),
                      hints={**base_hints, **hints},
                      requested_url=requested if requested != url else None,
                      request=response.request)


def record_failure(spider: scrapy.Spider, failure: Failure) -> None:
    """Stats ``news/failures/http_<status>`` or ``news/failures/<ExceptionName>``."""
    if failure.check(HttpError):
        kind = f"http_{failure.value.response.status}"
    elif failure.check(IgnoreRequest, DownloadCancelledError):
        message = str(failure.value)
        kind = next((k for needle, k in IGNORE_REASONS if needle in message),
                    type(failure.value).__name__)
    else:
        kind = type(failure.value).__name__
    spider.crawler.stats.inc_value(f"news/failures/{kind}")
    request = getattr(failure, "request", None)
    spider.logger.info("Failed %s: %s", request.url if request else "?", kind)
