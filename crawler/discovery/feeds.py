"""RSS 2.0 / RSS 1.0 (RDF) / Atom feeds and ``<link rel=alternate>`` feed discovery."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from urllib.parse import urljoin

from parsel import Selector

from crawler.discovery.dates import iso_timestamp
from crawler.discovery.xmldoc import child_text, local, parse_xml
from crawler.exceptions import DiscoveryError

FEED_TYPES: Final = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml",
})
_DATE_TAGS: Final = ("pubdate", "published", "date", "issued", "created", "updated", "modified")


@dataclass(frozen=True)
class FeedEntry:
    """One feed item: its link, publication timestamp and title."""

    url: str
    date: str | None = None
    title: str | None = None


def _atom_link(entry: object) -> str | None:
    fallback = None
    for child in entry:  # type: ignore[attr-defined]
        if local(child) != "link":
            continue
        href = child.get("href") or (child.text or "").strip()
        if not href:
            continue
        if child.get("rel", "alternate") == "alternate":
            return href
        fallback = fallback or href
    return fallback


def _entry_date(entry: object) -> str | None:
    found = {local(c): (c.text or "").strip() for c in entry if local(c) in _DATE_TAGS}  # type: ignore[attr-defined]
    for tag in _DATE_TAGS:
        value = iso_timestamp(found.get(tag))
        if value:
            return value
    return None


def parse_feed(body: bytes, url: str) -> list[FeedEntry]:
    """Entries of an RSS or Atom feed, links resolved against ``url``."""
    root = parse_xml(body, url)
    kind = local(root)
    if kind not in ("rss", "feed", "rdf"):
        raise DiscoveryError(f"root element <{kind}> is not a feed", url)
    items = [el for el in root.iter() if local(el) in ("item", "entry")]
    entries = []
    for item in items:
        link = _atom_link(item) if kind == "feed" else (child_text(item, "link") or item.get(
            "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"))
        if kind != "feed" and not link:
            guid = next((c for c in item if local(c) == "guid"), None)
            if guid is not None and guid.get("isPermaLink", "true") != "false":
                link = (guid.text or "").strip() or None
        if link:
            entries.append(FeedEntry(urljoin(url, link), _entry_date(item),
                                     child_text(item, "title")))
    return entries


def feed_links(html: str, url: str) -> list[str]:
    """Feed URLs announced by ``<link rel="alternate" type="application/rss+xml">`` and the like."""
    selector = Selector(text=html)
    out = []
    for link in selector.css("link[href]"):
        rel = (link.attrib.get("rel") or "").lower().split()
        kind = (link.attrib.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in FEED_TYPES:
            out.append(urljoin(url, link.attrib["href"].strip()))
    return list(dict.fromkeys(out))
