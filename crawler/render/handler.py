"""``RenderDownloadHandler``: requests marked for rendering go through Chromium, others plainly.

scrapy-playwright's download handler with the crawl's guarantees kept inside the browser:

* only requests carrying ``RENDER_META`` reach the browser; every other request is Scrapy's
  plain HTTP/1.1 download, unchanged (so a site without shells pays nothing: Playwright and
  the browser start on the first marked request, not at engine start);
* the system's Chromium (``browser.find_chromium``), never Playwright's browser download;
* at most ``NEWS_RENDER_MAX_PAGES`` pages at once (one browser context);
* every browser request goes through ``guard.blocked_reason``: off-site hosts, other schemes,
  images, media and fonts are aborted, and so are URLs the site's robots.txt (as the plain
  download read it) forbids (stats ``news/render/blocked/<reason>``);
* the page waits for the profile's ``render_wait`` selector, else for network idle, at most
  ``NEWS_RENDER_WAIT`` seconds, then its DOM is taken as it is;
* ``NEWS_RENDER_TIMEOUT`` ends a page that takes longer (the page fails, the crawl goes on);
* ``DOWNLOAD_MAXSIZE`` caps the rendered document and every response the page receives;
* a browser that fails to launch or disconnects (crashes) is logged, counted
  (``news/render/browser_failed``) and ends the run with finish reason ``browser_failed``;
  the pages it was rendering and any later marked request fail at once (no relaunch).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any, Final

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page
from playwright.async_api import Request as PlaywrightRequest
from playwright.async_api import Response as PlaywrightResponse
from scrapy import signals
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler
from scrapy_playwright.page import PageMethod

from crawler.middlewares.robotstxt import SharedRobotsTxtMiddleware
from crawler.render.browser import BrowserNotFound, find_chromium, launch_options
from crawler.render.guard import BLOCKED_TYPES, blocked_reason
from crawler.render.requests import RENDER_META, is_render_request

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

FINISH_REASON: Final = "browser_failed"
STATS: Final = "news/render"
ABORT_WAIT: Final = 5.0  # seconds scrapy-playwright waits for a "download" after an abort
LAUNCH_CAP: Final = 30.0  # seconds for starting the browser and opening a page (Playwright's)


class RenderFailed(IgnoreRequest):
    """The browser could not render a page (no browser, launch failure, crash)."""


class RenderDownloadHandler(ScrapyPlaywrightDownloadHandler):
    """HTTP(S) download handler: plain downloads, and the browser for marked requests."""

    lazy = True

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        settings = crawler.settings
        self._crawler = crawler
        self._max_size = settings.getint("DOWNLOAD_MAXSIZE")
        self._timeout = settings.getfloat("NEWS_RENDER_TIMEOUT", 30.0)
        self._wait = settings.getfloat("NEWS_RENDER_WAIT", 10.0)
        self._blocked_types = frozenset(settings.getlist("NEWS_RENDER_BLOCK_TYPES",
                                                         list(BLOCKED_TYPES)))
        pages = max(1, settings.getint("NEWS_RENDER_MAX_PAGES", 2))
        self._slots = asyncio.Semaphore(pages)
        self._in_flight: set[asyncio.Future[Response]] = set()
        # our slots bound the pages; scrapy-playwright's own count never makes one wait
        self.config.max_pages_per_context = pages + 1
        # Playwright's own navigation cap, just past ours (ours names the setting)
        self.config.navigation_timeout_ms = (self._timeout + 1) * 1000
        self.config.download_timeout_secs = min(self.config.download_timeout_secs, ABORT_WAIT)
        self.abort_request = self._abort
        self.browser_error: str | None = None  # why the browser cannot be used (not found)
        self.failure: str | None = None  # a launch failure or crash during this run
        self._started = False
        self._start_lock = asyncio.Lock()
        self._closing = False
        self._close_requested = False
        self._robots: SharedRobotsTxtMiddleware | bool | None = None  # found on first use
        self._hosts: dict[int, tuple[str, ...]] = {}  # id(page) -> hosts it may load from
        self._oversize: dict[int, str] = {}  # id(page) -> the response that was too large
        try:
            executable = find_chromium(settings)
        except BrowserNotFound as exc:
            self.browser_error = str(exc)
        else:
            self.config.launch_options = {**launch_options(executable),
                                          **self.config.launch_options}
        crawler.signals.connect(self._spider_idle, signal=signals.spider_idle)

    # -- plain or browser ----------------------------------------------------------------------

    async def download_request(self, request: Request) -> Response:  # type: ignore[override]
        """Marked requests through the browser, every other one as Scrapy would."""
        if not is_render_request(request):
            return await HTTP11DownloadHandler.download_request(self, request)
        if self.browser_error is not None or self.failure is not None:
            raise RenderFailed(f"not rendering {request.url}: "
                               f"{self.browser_error or self.failure}")
        async with self._slots:  # NEWS_RENDER_MAX_PAGES pages at once; waiting is not capped
            await self._start()
            self._prepare(request)
            task = asyncio.ensure_future(self._download_request(request))
            self._in_flight.add(task)
            try:
                # The page's own time is capped inside (NEWS_RENDER_TIMEOUT); this cap also
                # covers the launch and a page that never opens.
                response = await asyncio.wait_for(task, self._timeout + LAUNCH_CAP)
            except PlaywrightError as exc:
                self._crawler.stats.inc_value(f"{STATS}/failed")
                raise RenderFailed(f"rendering {request.url} failed: {exc.message}") from exc
            except TimeoutError as exc:
                if self.failure is not None:
                    raise RenderFailed(f"not rendered {request.url}: {self.failure}") from exc
                raise
            except asyncio.CancelledError:
                if task.cancelled() and self.failure is not None:  # cancelled by _failed
                    raise RenderFailed(f"not rendered {request.url}: {self.failure}") from None
                raise
            finally:
                self._in_flight.discard(task)
        self._crawler.stats.inc_value(f"{STATS}/pages")
        return response

    def _prepare(self, request: Request) -> None:
        """scrapy-playwright's meta from our plain ``RENDER_META``."""
        wait = request.meta[RENDER_META].get("wait")
        request.meta["playwright"] = True
        request.meta["playwright_page_goto_kwargs"] = {"wait_until": "load"}
        request.meta["playwright_page_methods"] = [
            PageMethod(wait_for_article, wait, self._wait * 1000)]

    async def _start(self) -> None:
        """Start Playwright (not the browser yet) on the first marked request."""
        async with self._start_lock:
            if not self._started:
                await self._launch()
                self._started = True

    async def _maybe_launch_in_thread(self) -> None:
        """Nothing at engine start: Playwright starts with the first marked request."""

    # -- the browser ---------------------------------------------------------------------------

    async def _maybe_launch_browser(self) -> None:
        if self.failure is not None:  # launched and failed once this run: not again
            raise RenderFailed(self.failure)
        try:
            await super()._maybe_launch_browser()
        except Exception as exc:
            first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            executable = self.config.launch_options.get("executable_path")
            self._failed(f"browser {executable} failed to launch: {first_line}")
            raise RenderFailed(f"browser failed to launch: {exc}") from exc

    async def _browser_disconnected_callback(self) -> None:
        if not self._closing:
            self._failed("browser disconnected during the crawl (crashed or killed)")
        await super()._browser_disconnected_callback()

    def _failed(self, message: str) -> None:
        logger.error("Rendering: %s; the run will end with finish reason %r", message,
                     FINISH_REASON)
        self._crawler.stats.inc_value(f"{STATS}/browser_failed")
        self.failure = self.failure or message
        for task in list(self._in_flight):  # pages of a dead browser may never answer
            task.cancel()

    def _spider_idle(self) -> None:
        """End a run whose browser failed with finish reason ``browser_failed``."""
        if self.failure is None or self._crawler.engine is None or self._close_requested:
            return
        self._close_requested = True
        logger.error("Closing: %s", self.failure)
        asyncio.ensure_future(self._crawler.engine.close_spider_async(reason=FINISH_REASON))
        raise DontCloseSpider

    async def _download_request_with_retry(self, request: Request, spider: Spider) -> Response:
        """Fail fast once the browser failed this run (no relaunch of a crashing browser)."""
        if self.failure is not None:
            raise RenderFailed(f"not rendering {request.url}: {self.failure}")
        return await super()._download_request_with_retry(request, spider)

    async def _close(self) -> None:
        self._closing = True
        if self._started:
            await super()._close()

    # -- pages ---------------------------------------------------------------------------------

    async def _create_page(self, request: Request, spider: Spider) -> Page:
        page = await super()._create_page(request, spider)
        self._hosts[id(page)] = page_hosts(request, spider)
        page.on("response", self._check_size)
        return page

    async def _download_request_with_page(self, request: Request, page: Page,
                                          spider: Spider) -> Response:
        """The page's own time (not the wait for a page slot or the browser's launch) is
        capped by ``NEWS_RENDER_TIMEOUT``; its DOM and responses by ``DOWNLOAD_MAXSIZE``."""
        stats = self._crawler.stats
        try:
            response = await asyncio.wait_for(
                super()._download_request_with_page(request, page, spider), self._timeout)
        except TimeoutError as exc:
            stats.inc_value(f"{STATS}/timeout")
            raise TimeoutError(f"rendering {request.url} took longer than "
                               f"NEWS_RENDER_TIMEOUT={self._timeout:g} s") from exc
        finally:
            self._hosts.pop(id(page), None)
            oversize = self._oversize.pop(id(page), None)
        if oversize or len(response.body) > self._max_size > 0:
            stats.inc_value(f"{STATS}/too_large")
            raise IgnoreRequest(f"Cancelling rendered {request.url}: "
                                f"{oversize or f'{len(response.body)} bytes'} larger than "
                                f"DOWNLOAD_MAXSIZE ({self._max_size} bytes)")
        return response

    async def _abort(self, playwright_request: PlaywrightRequest) -> bool:
        """The route check of every browser request (``guard.blocked_reason``, robots.txt)."""
        page = playwright_request.frame.page
        url = playwright_request.url
        reason = blocked_reason(url, playwright_request.resource_type,
                                hosts=self._hosts.get(id(page), ()),
                                blocked_types=self._blocked_types)
        if reason is None and not self._robots_allow(url):
            reason = "robots"
        if reason is not None:
            self._crawler.stats.inc_value(f"{STATS}/blocked/{reason}")
            logger.debug("Rendering: blocked %s (%s)", playwright_request.url, reason)
        return reason is not None

    def _robots_allow(self, url: str) -> bool:
        """robots.txt, as the plain download obeyed it (the page's host rules, already read)."""
        if self._robots is None:
            engine = self._crawler.engine
            managers = engine.downloader.middleware.middlewares if engine else ()
            self._robots = next((m for m in managers if isinstance(m, SharedRobotsTxtMiddleware)),
                                False)
        return self._robots is False or self._robots.allows(url)

    async def _check_size(self, response: PlaywrightResponse) -> None:
        """Remember a response whose Content-Length is over ``DOWNLOAD_MAXSIZE``."""
        length = (response.headers or {}).get("content-length", "")
        if self._max_size > 0 and length.isdigit() and int(length) > self._max_size:
            self._oversize.setdefault(id(response.frame.page), f"{response.url} ({length} bytes)")


def page_hosts(request: Request, spider: Any) -> tuple[str, ...]:
    """Hosts a page may load from: its own and the spider's allowed domains."""
    from scrapy.utils.httpobj import urlparse_cached

    own = (urlparse_cached(request).hostname or "").lower()
    return (own, *(d.lower() for d in getattr(spider, "allowed_domains", None) or ()))


async def wait_for_article(page: Page, selector: str | None, timeout_ms: float) -> None:
    """Wait until ``selector`` is in the page, else until the network is idle, at most
    ``timeout_ms``; then the page is taken as it is (the cleaner judges what came)."""
    try:
        if selector:
            await page.wait_for_selector(selector, state="attached", timeout=timeout_ms)
        else:
            await page.wait_for_load_state("networkidle", timeout=timeout_ms)
    except PlaywrightError as exc:  # TimeoutError is a PlaywrightError
        logger.debug("Rendering %s: stopped waiting (%s)", page.url, exc.message.splitlines()[0])
