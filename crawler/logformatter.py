"""Log lines that name items by URL instead of dumping whole pages and records into the log."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.logformatter import LogFormatter

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.http import Response
    from scrapy.logformatter import LogFormatterResult
    from twisted.python.failure import Failure


def _name(item: Any) -> str:
    url = item.get("url") if isinstance(item, dict) else getattr(item, "url", None)
    return str(url) if url else type(item).__name__


class NewsLogFormatter(LogFormatter):
    """Scrapy's log formatter, with items shown as their URL."""

    def scraped(self, item: Any, response: Response | Failure | None,
                spider: Spider) -> LogFormatterResult:
        """DEBUG: which URL became an item."""
        return {"level": logging.DEBUG, "msg": "Scraped %(item)s",
                "args": {"item": _name(item)}}

    def dropped(self, item: Any, exception: BaseException, response: Response | Failure | None,
                spider: Spider) -> LogFormatterResult:
        """The drop reason (it names the URL) at the exception's or the default drop level."""
        result = super().dropped(item, exception, response, spider)
        return {"level": result["level"], "msg": "Dropped: %(exception)s",
                "args": {"exception": exception}}
