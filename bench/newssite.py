"""A generated news site of N dated articles, for ``bench/scale.py`` and the distributed tests.

Layout: ``/robots.txt`` (names the sitemap), ``/sitemap.xml`` (every article), ``/`` linking the
listing pages ``/list/page-K.html`` (50 articles each) and the articles
``/YYYY/MM/DD/story-number-NNNNN-about-the-city.html``. Each article carries its date in
JSON-LD, a headline and ``paragraphs`` paragraphs; ``padding`` adds navigation, sidebar and
comment boilerplate around it (``bench/scale.py`` uses it to reach ~33 KB pages).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Final

PER_LISTING: Final = 50
DAYS: Final = 5  # articles are spread over this many publication dates

SENTENCES: Final = (
    "The city council met again on Tuesday to discuss the budget for the new bridge.",
    "Residents of the northern districts asked for more buses in the early morning.",
    "The mayor said the plans would be published before the end of the month.",
    "Opposition parties criticised the delay and demanded an independent review.",
    "Local shops reported a busy weekend after the market square reopened.",
    "Engineers expect the first phase of the works to be finished next spring.",
)


@dataclass(frozen=True)
class SiteArticle:
    """One generated article."""

    index: int

    @property
    def day(self) -> str:
        """Publication date (YYYY-MM-DD)."""
        return f"2025-09-{1 + self.index % DAYS:02d}"

    @property
    def path(self) -> str:
        """Root-relative URL."""
        return f"/{self.day.replace('-', '/')}/story-number-{self.index:05d}-about-the-city.html"

    @property
    def title(self) -> str:
        """Headline."""
        return f"Council story number {self.index}"


def article_html(article: SiteArticle, *, paragraphs: int, padding: int, revision: int = 1) -> str:
    """The HTML of one article page."""
    body = "".join(
        f"<p>{SENTENCES[(article.index + j) % len(SENTENCES)]} "
        f"{SENTENCES[(article.index + 2 * j + 1) % len(SENTENCES)]} Item {article.index}.{j}."
        f"{' Updated.' if revision > 1 else ''}</p>"
        for j in range(paragraphs))
    nav = "".join(f'<li><a href="/list/page-0.html">Section {k}</a></li>' for k in range(padding))
    aside = "".join(f"<li>Most read: another headline about topic {k}</li>" for k in range(padding))
    comments = "".join(f'<div class="comment">Reader {k}: interesting read.</div>'
                       for k in range(padding))
    jsonld = ('{"@context":"https://schema.org","@type":"NewsArticle",'
              f'"headline":"{article.title}","datePublished":"{article.day}T08:00:00+00:00"}}')
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(article.title)} - City News</title>"
        f'<script type="application/ld+json">{jsonld}</script></head><body>'
        f"<nav><ul>{nav}</ul></nav><main><article><h1>{html.escape(article.title)}</h1>"
        f'<time datetime="{article.day}">{article.day}</time>{body}</article></main>'
        f'<aside><ul>{aside}</ul></aside><section class="comments">{comments}</section>'
        f"<footer>City News, all rights reserved.</footer></body></html>"
    )


def write_site(root: Path, count: int, *, paragraphs: int = 4, padding: int = 0) -> list[str]:
    """Write ``count`` articles, listings and index under ``root``; return the article paths."""
    articles = [SiteArticle(i) for i in range(count)]
    for article in articles:
        target = root / article.path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(article_html(article, paragraphs=paragraphs, padding=padding), "utf-8")
    pages = [articles[k:k + PER_LISTING] for k in range(0, count, PER_LISTING)]
    (root / "list").mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(pages):
        links = "".join(f'<li><a href="{a.path}">{html.escape(a.title)}</a></li>' for a in page)
        (root / "list" / f"page-{number}.html").write_text(
            f"<!doctype html><html><body><h1>Page {number}</h1><ul>{links}</ul></body></html>",
            "utf-8")
    index = "".join(f'<li><a href="/list/page-{n}.html">Page {n}</a></li>'
                    for n in range(len(pages)))
    (root / "index.html").write_text(
        f"<!doctype html><html><body><h1>City News</h1><ul>{index}</ul></body></html>", "utf-8")
    return [a.path for a in articles]


def sitemap_xml(base_url: str, paths: list[str]) -> str:
    """A sitemap listing every article under ``base_url``."""
    urls = "".join(f"<url><loc>{base_url}{path}</loc></url>" for path in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')


def robots(base_url: str) -> str:
    """robots.txt allowing everything and naming the sitemap."""
    return f"User-agent: *\nDisallow:\nSitemap: {base_url}/sitemap.xml\n"
