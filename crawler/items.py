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


class Record(dict[str, Any]):
    """A cleaned record (the fields the writer writes) plus URLs it was requested as.

    ``requested_urls`` is not written: the seen-store files the record under each of them too,
    so that a later crawl that finds the article by such a URL (the start of a redirect) knows
    it before fetching. Pipelines pass the same object on, so the attribute survives.
    """

    def __init__(self, fields: Mapping[str, Any], *, requested_urls: Iterable[str] = (),
                 exchange: Any = None) -> None:
        super().__init__(fields)
        self.requested_urls: tuple[str, ...] = tuple(requested_urls)
        self.exchange = exchange  # the page's HTTP exchange, for the WARC pipeline
