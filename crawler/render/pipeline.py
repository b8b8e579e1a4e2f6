"""``RenderShellsPipeline``: a cleaned shell is fetched again through the browser (render = auto).

Runs right after ``CleanPipeline``. A record of a rendered page gets ``rendered: true``. In
``auto`` mode a record the cleaner found to be a script-rendered shell (``shells.shell_reason``)
is dropped before the seen-store and writer see it, and its request goes back to the scheduler
marked for the browser (same callback, hints and redirect origin; a Redis queue in distributed
mode), so only shell pages pay for the browser and the rendered page becomes the record. With
no browser found, shells stay title-only records, as without rendering; once the browser failed
in a run, shells are dropped unwritten (and so not marked seen: the next run renders them).
Stats: ``news/render/shells/<reason>``, ``news/render/off``, ``news/failures/render_failed``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Self

from scrapy.exceptions import DropItem

from crawler.items import Record
from crawler.render.browser import BrowserNotFound, find_chromium
from crawler.render.modes import AUTO, NEVER, check_mode, render_mode
from crawler.render.requests import is_render_request, render_request
from crawler.render.shells import shell_reason

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class RenderShellsPipeline:
    """Mark rendered records; send shells back through the browser in ``auto`` mode."""

    def __init__(self, *, crawler: Crawler) -> None:
        self._crawler = crawler
        self._mode = NEVER
        self._wait: str | None = None
        self._available = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build from the crawler; a bad ``NEWS_RENDER`` fails here, before the crawl starts.
        The mode itself is read when the spider opens (it needs the profile)."""
        value = crawler.settings.get("NEWS_RENDER")
        if value not in (None, ""):
            check_mode(value, "NEWS_RENDER")
        return cls(crawler=crawler)

    def open_spider(self) -> None:
        """Read the render mode and look for the browser once."""
        spider = self._crawler.spider
        self._mode = render_mode(self._crawler.settings, spider)
        profile = getattr(spider, "profile", None)
        self._wait = getattr(profile, "render_wait", None)
        if self._mode == NEVER:
            return
        try:
            find_chromium(self._crawler.settings)
        except BrowserNotFound as exc:
            logger.warning("Rendering off (render = %s): %s", self._mode, exc)
            self._crawler.stats.set_value("news/render/off", str(exc))
            return
        self._available = True
        logger.info("Rendering: %s", "script-rendered shells only (auto)" if self._mode == AUTO
                    else "every article page (always)")


    async def process_item(self, item: Any) -> Any:
        """Records of rendered pages: ``rendered`` true; shells in auto mode: fetched again."""
        if not isinstance(item, Record):
            return item
        request = item.source_request
        if request is not None and is_render_request(request):
            item["rendered"] = True
            return item
        if self._mode != AUTO or request is None or not self._available:
            return item
        reason = shell_reason(item)
        if reason is None:
            return item
        stats = self._crawler.stats
        if stats.get_value("news/render/browser_failed"):
            # Not written, so not marked seen either: the next run renders it.
            stats.inc_value("news/failures/render_failed")
            raise DropItem(f"script-rendered shell {item.get('url')} ({reason}) not rendered: "
                           "the browser failed in this run; left for the next run")
        stats.inc_value(f"news/render/shells/{reason}")
        engine = self._crawler.engine
        assert engine is not None  # items only flow while the engine runs
        engine.crawl(render_request(request, wait=self._wait, reason=reason))
        raise DropItem(f"script-rendered shell {item.get('url')} ({reason}): fetching it again "
                       "through the browser", log_level="INFO")
