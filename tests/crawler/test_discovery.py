"""Discovery parsers: sitemaps (incl. Google News), feeds, feed links, URL rules, dates."""

from __future__ import annotations

import gzip
from datetime import date

import pytest

from crawler.discovery.dates import day_of, is_older, iso_timestamp, parse_since
from crawler.discovery.feeds import feed_links, parse_feed
from crawler.discovery.sitemaps import parse_sitemap, robots_sitemaps, sitemap_body
from crawler.discovery.urlrules import UrlRules
from crawler.exceptions import DiscoveryError

BASE = "https://news.example/"
NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://news.example/a/2025/09/03/summit.html</loc>
    <news:news><news:publication><news:name>Example</news:name><news:language>nl</news:language>
      </news:publication><news:publication_date>2025-09-03T14:20:00+02:00</news:publication_date>
      <news:title>Top in Peking</news:title></news:news></url>
  <url><loc>/relative/page.html</loc><lastmod>2025-08-01</lastmod></url>
</urlset>"""
INDEX = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example/s1.xml.gz</loc><lastmod>2025-09-01</lastmod></sitemap>
</sitemapindex>"""
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>X</title>
<item><title>One</title><link>https://news.example/one</link>
<pubDate>Tue, 02 Sep 2025 10:00:00 +0200</pubDate></item>
<item><title>Two</title><guid>https://news.example/two</guid></item>
</channel></rss>"""
ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>X</title>
<entry><title>Three</title><link rel="self" href="/self"/><link href="/three"/>
<published>2025-09-01T08:00:00Z</published><updated>2025-09-05T08:00:00Z</updated></entry>
</feed>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&x;</title><link>https://news.example/x</link></item>
</channel></rss>"""


def test_news_sitemap_keeps_publication_date_title_language() -> None:
    """Scrapy's parser drops news:*; ours keeps them and resolves relative locs."""
    doc = parse_sitemap(NEWS_SITEMAP, BASE + "news.xml")
    assert doc.kind == "urlset"
    first, second = doc.entries
    assert first.news_date == "2025-09-03T14:20:00+02:00"
    assert (first.news_title, first.news_language) == ("Top in Peking", "nl")
    assert second.loc == "https://news.example/relative/page.html"
    assert second.lastmod == "2025-08-01T00:00:00" and second.news_date is None


def test_sitemap_index_and_gzip() -> None:
    """An index lists child sitemaps; gzipped bodies are unpacked within the size limit."""
    body = sitemap_body(gzip.compress(INDEX), BASE, max_size=10_000)
    doc = parse_sitemap(body, BASE + "index.xml")
    assert doc.kind == "index" and doc.entries[0].loc.endswith("s1.xml.gz")
    with pytest.raises(DiscoveryError):
        sitemap_body(gzip.compress(b"x" * 50_000), BASE, max_size=1_000)


def test_not_a_sitemap_raises() -> None:
    """HTML or empty bodies are DiscoveryErrors, never crashes."""
    with pytest.raises(DiscoveryError):
        parse_sitemap(b"<html><body>hi</body></html>", BASE)
    with pytest.raises(DiscoveryError):
        parse_sitemap(b"   ", BASE)


def test_robots_sitemap_lines() -> None:
    """Absolute and relative Sitemap: lines."""
    body = b"User-agent: *\nDisallow: /x\nSitemap: https://news.example/a.xml\nSitemap: /b.xml\n"
    assert robots_sitemaps(body, BASE + "robots.txt") == [BASE + "a.xml", BASE + "b.xml"]


def test_rss_and_atom_entries() -> None:
    """RSS pubDate (RFC 822) and Atom published become ISO timestamps; permalink guids count."""
    rss = parse_feed(RSS, BASE + "rss.xml")
    assert [(e.url, e.title) for e in rss] == [(BASE + "one", "One"), (BASE + "two", "Two")]
    assert rss[0].date == "2025-09-02T10:00:00+02:00" and rss[1].date is None
    (atom,) = parse_feed(ATOM, BASE + "atom.xml")
    assert (atom.url, atom.date) == (BASE + "three", "2025-09-01T08:00:00+00:00")


def test_feed_parser_resolves_no_external_entities() -> None:
    """XXE: the entity is not expanded (no file content), the item is still read."""
    (entry,) = parse_feed(XXE, BASE)
    assert "root:" not in (entry.title or "")
    assert entry.url == BASE + "x"


def test_feed_links_from_html() -> None:
    """<link rel=alternate> with RSS/Atom types, resolved and de-duplicated."""
    html = ('<html><head><link rel="alternate" type="application/rss+xml" href="/rss">'
            '<link rel="alternate" type="application/atom+xml; charset=utf-8" href="atom.xml">'
            '<link rel="alternate" hreflang="en" href="/en/"><link rel="stylesheet" href="/s.css">'
            '<link rel="alternate" type="application/rss+xml" href="/rss"></head></html>')
    assert feed_links(html, BASE + "section/") == [BASE + "rss", BASE + "section/atom.xml"]


@pytest.mark.parametrize(("url", "article"), [
    ("https://n.example/world/2025/09/03/summit", True),
    ("https://n.example/nieuws/2025-09-03-kabinet-valt", True),
    ("https://n.example/story/minister-resigns-after-vote-12", True),
    ("https://n.example/politics/minister-resigns-after-long-vote", True),
    ("https://n.example/p/1234567", True),
    ("https://n.example/politics/", False),
    ("https://n.example/about-us", False),
    ("https://n.example/img/2025/09/03/photo.jpg", False),
    ("ftp://n.example/2025/09/03/story-about-a-thing", False),
])
def test_default_article_rules(url: str, article: bool) -> None:
    """Without a profile, article URLs are recognised by date paths, long slugs and ids."""
    assert UrlRules.build().is_article(url) is article


def test_profile_rules_and_listing() -> None:
    """Profile patterns replace the defaults; listing rules limit which pages are followed."""
    rules = UrlRules.build([r"^/a/\d+$"], listing=[r"^/section/"])
    assert rules.is_article("https://n.example/a/12")
    assert not rules.is_article("https://n.example/2025/09/03/x")
    assert rules.is_listing("https://n.example/section/world")
    assert not rules.is_listing("https://n.example/tags/world")
    with pytest.raises(ValueError, match="bad article pattern"):
        UrlRules.build(["("])


def test_dates_and_since() -> None:
    """Unknown dates are never 'older'; bad since values name themselves."""
    assert iso_timestamp("Wed, 03 Sep 2025 12:00:00 GMT") == "2025-09-03T12:00:00+00:00"
    assert iso_timestamp("not a date") is None
    assert day_of("2025-09-03T23:30:00-05:00") == date(2025, 9, 3)  # the publisher's day
    since = parse_since("2025-09-02")
    assert is_older("2025-09-01", since) and not is_older("2025-09-02T00:00:00Z", since)
    assert not is_older(None, since) and not is_older("2025-01-01", None)
    with pytest.raises(ValueError, match="since='yesterday'"):
        parse_since("yesterday")
