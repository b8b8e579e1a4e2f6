"""The one ``WarcArchiveWriter`` of a crawler, shared by the capture middleware and the pipeline."""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from scrapy import signals

from cleaners.warc.writer import MAX_SIZE, WarcArchiveWriter
from crawler.paths import output_root

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

_WRITERS: WeakKeyDictionary[Crawler, WarcArchiveWriter] = WeakKeyDictionary()
_CLOSERS: WeakKeyDictionary[Crawler, object] = WeakKeyDictionary()  # strong refs to handlers


def warc_writer_for(crawler: Crawler) -> WarcArchiveWriter:
    """Built on first use (torn tails of killed runs repaired then); closed with the spider."""
    writer = _WRITERS.get(crawler)
    if writer is None:
        settings = crawler.settings
        writer = WarcArchiveWriter(
            output_root(settings), worker=settings.get("NEWS_WORKER") or None,
            max_size=settings.getint("NEWS_WARC_MAX_SIZE", MAX_SIZE))
        _WRITERS[crawler] = writer

        def close(**_: object) -> None:
            writer.close()

        _CLOSERS[crawler] = close
        crawler.signals.connect(close, signal=signals.spider_closed)
    return writer
