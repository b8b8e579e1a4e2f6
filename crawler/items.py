"""What spiders yield (a fetched article page) and what cleaning makes of it (a record)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass
class FetchedPage:
    """One fetched article page, before cleaning."""

    url: str  # where the page came from (after redirects), without user:password@
    html: str | bytes  # the body as received; the cleaner decodes it (labels checked against bytes)
    site: str
    spider: str
    hints: dict[str, Any] = field(default_factory=dict)
    encoding: str | None = None  # charset from the HTTP Content-Type header, if any
    requested_url: str | None = None  # the URL asked for, when a redirect led to ``url``
    exchange: Any = None  # the raw HTTP exchange for the WARC archive (crawler.warc), if kept
    # the Scrapy request that fetched the page (crawler.render fetches a shell again from it)
    request: Any = field(default=None, repr=False, compare=False)


class Record(dict[str, Any]):
    """A cleaned record (the fields the writer writes) plus URLs it was requested as.

    ``requested_urls`` is not written: the seen-store files the record under each of them too,
    so that a later crawl that finds the article by such a URL (the start of a redirect) knows
    it before fetching. ``source_request`` (not written either) is the request that fetched
    the page. Pipelines pass the same object on, so the attributes survive.
    """

    def __init__(self, fields: Mapping[str, Any], *, requested_urls: Iterable[str] = (),
                 exchange: Any = None, source_request: Any = None) -> None:
        super().__init__(fields)
        self.requested_urls: tuple[str, ...] = tuple(requested_urls)
        self.exchange = exchange  # the page's HTTP exchange, for the WARC pipeline
        self.source_request = source_request  # the Scrapy request of the page, if known
