"""A loopback news site that changes between crawl runs, for the run-health tests.

    site = HealthSite(LocalHTTPServer().start())
    site.publish(10)                      # ten new articles in the full template
    site.publish(10, template="bare")     # ten more after a redesign: no date, no sub-headings
    site.remove_sitemap()                 # robots.txt no longer names a sitemap, which is gone

Articles are found only through the sitemap (robots.txt ``Sitemap:`` line); URLs and sitemap
entries carry no date, so an article's date comes from its page or nowhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape

from tests.support.httpserver import LocalHTTPServer, robots_txt

TOPICS = ("harbour", "council", "budget", "river", "bridge", "school", "election", "market")
TEMPLATES = ("full", "bare")


def article_html(number: int, template: str) -> str:
    """An article page: ``full`` has JSON-LD date, a <time> and two sub-headings; ``bare`` none."""
    if template not in TEMPLATES:
        raise ValueError(f"template must be one of {TEMPLATES}, got {template!r}")
    topic = TOPICS[number % len(TOPICS)]
    title = f"Story {number} about the {topic}"
    para = (f"The {topic} story number {number} goes on with plain reporting about the {topic} "
            "and the people who live near it. Officials met residents on Tuesday and promised a "
            "decision before the end of the month, although many of them doubted it. ")
    day = f"2025-08-{10 + number % 18:02d}"
    if template == "full":
        data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                "datePublished": f"{day}T09:00:00+00:00"}
        head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
        body = (f'<p><time datetime="{day}">{day}</time></p><p>{para * 2}</p>'
                f"<h2>What the residents said</h2><p>{para}</p>"
                f"<h2>What comes next</h2><p>{para}</p>")
    else:
        head = ""
        body = f"<p>{para * 2}</p><p>{para}</p><p>{para}</p>"
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title>{head}</head><body><nav><a href=\"/\">Home</a></nav>"
            f"<article><h1>{escape(title)}</h1>{body}</article>"
            "<footer>Copyright Test Gazette</footer></body></html>")


@dataclass
class HealthSite:
    """The site's articles so far and its routes on ``server``."""

    server: LocalHTTPServer
    paths: list[str] = field(default_factory=list)
    has_sitemap: bool = True

    def __post_init__(self) -> None:
        self.server.set_route("/", "<html><body><h1>Test Gazette</h1></body></html>")
        self._update()

    def publish(self, count: int, *, template: str = "full") -> list[str]:
        """Add ``count`` articles in ``template``; returns their paths."""
        new = []
        for number in range(len(self.paths), len(self.paths) + count):
            path = f"/news/story-{number}.html"
            self.server.set_route(path, article_html(number, template))
            new.append(path)
        self.paths += new
        self._update()
        return new

    def remove_sitemap(self) -> None:
        """The sitemap moves away: robots.txt names none and /sitemap.xml is 404."""
        self.has_sitemap = False
        self._update()

    def _update(self) -> None:
        url = self.server.url
        if not self.has_sitemap:
            self.server.set_route("/robots.txt", robots_txt())
            self.server.set_route("/sitemap.xml", "not found", status=404)
            return
        self.server.set_route("/robots.txt", robots_txt(sitemaps=(f"{url}/sitemap.xml",)))
        entries = "".join(f"<url><loc>{url}{p}</loc></url>" for p in self.paths)
        self.server.set_route("/sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?>'
                              '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                              f"{entries}</urlset>")
