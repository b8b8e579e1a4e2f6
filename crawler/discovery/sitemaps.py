"""Sitemaps: indexes, url sets and Google-News sitemaps (news:publication_date, news:title kept).

Scrapy's own ``Sitemap`` class drops the ``news:`` extension, so this parser keeps it and
returns typed entries; the spider turns them into requests with discovery hints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin

from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import sitemap_urls_from_robots

from crawler.discovery.dates import iso_timestamp
from crawler.discovery.xmldoc import child_text, local, parse_xml
from crawler.exceptions import DiscoveryError


@dataclass(frozen=True)
class SitemapEntry:
    """One ``<url>`` or ``<sitemap>`` entry; news fields only in Google-News sitemaps."""

    loc: str
    lastmod: str | None = None
    news_date: str | None = None
    news_title: str | None = None
    news_language: str | None = None


@dataclass(frozen=True)
class Sitemap:
    """A parsed sitemap document: an index of sitemaps or a set of page URLs."""

    kind: Literal["index", "urlset"]
    entries: tuple[SitemapEntry, ...]


def _news(url_element: object) -> tuple[str | None, str | None, str | None]:
    for child in url_element:  # type: ignore[attr-defined]
        if local(child) != "news":
            continue
        language = None
        for pub in child:
            if local(pub) == "publication":
                language = child_text(pub, "language")
        return (iso_timestamp(child_text(child, "publication_date")),
                child_text(child, "title"), language)
    return None, None, None


def parse_sitemap(body: bytes, url: str) -> Sitemap:
    """Parse a sitemap or sitemap index; relative ``<loc>`` values are resolved against ``url``."""
    root = parse_xml(body, url)
    kind = local(root)
    if kind not in ("sitemapindex", "urlset"):
        raise DiscoveryError(f"root element <{kind}> is not a sitemap", url)
    item_tag = "sitemap" if kind == "sitemapindex" else "url"
    entries = []
    for element in root:
        if local(element) != item_tag:
            continue
        loc = child_text(element, "loc")
        if not loc:
            continue
        news_date, news_title, news_language = _news(element) if item_tag == "url" else (None,) * 3
        entries.append(SitemapEntry(
            loc=urljoin(url, loc), lastmod=iso_timestamp(child_text(element, "lastmod")),
            news_date=news_date, news_title=news_title, news_language=news_language,
        ))
    return Sitemap("index" if kind == "sitemapindex" else "urlset", tuple(entries))


def sitemap_body(body: bytes, url: str, *, max_size: int) -> bytes:
    """The XML of a sitemap response, gunzipped when compressed (bounded by ``max_size``)."""
    if body[:2] == b"\x1f\x8b":
        try:
            return gunzip(body, max_size=max_size)
        except (OSError, ValueError) as exc:
            raise DiscoveryError(f"bad gzip sitemap ({exc})", url) from exc
    return body


def robots_sitemaps(body: bytes, url: str) -> list[str]:
    """The ``Sitemap:`` URLs of a robots.txt (relative ones resolved against its URL)."""
    return [urljoin(url, u) for u in sitemap_urls_from_robots(body, base_url=url)]
