"""HTML and XML renderers for the demo site generator (string building, no template engine)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from email.utils import format_datetime
from html import escape
from typing import TYPE_CHECKING

from crawler.demo_site import content as C

if TYPE_CHECKING:
    from crawler.demo_site.generate import Article

Sections = list[tuple[str | None, list[str]]]
PER_PAGE = 4  # articles per section listing page
# The public address the articles name as canonical: stable whichever port the demo serves on,
# so the seen-store (keyed by canonical URL) recognises articles across demo runs.
PUBLIC_ORIGIN = "https://demo.newsclean.invalid"
NAV = ("binnenland", "buitenland", "economie", "world", "tech", "business")


def _head(title: str, lang: str, extra: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(title)} | Demo Nieuws</title>\n"
            '<link rel="alternate" type="application/rss+xml" title="Demo Nieuws (NL)" '
            'href="/feeds/rss.xml">\n'
            '<link rel="alternate" type="application/atom+xml" title="Demo News (EN)" '
            'href="/feeds/atom.xml">\n'
            f"{extra}</head>\n<body>\n")


def _header() -> str:
    links = " ".join(f'<a href="/{s}/">{s.capitalize()}</a>' for s in NAV)
    return (f'<header class="site-header"><a class="logo" href="/">Demo Nieuws</a>'
            f'<nav class="main-nav">{links}</nav></header>\n')


FOOTER = ('<footer class="site-footer"><p>© 2025 Demo Nieuws · '
          '<a href="/over-ons.html">Over ons</a>'
          " · Alle rechten voorbehouden</p></footer>\n</body>\n</html>\n")


def _human_date(article: Article) -> str:
    day = int(article.day[-2:])
    if article.lang == "nl":
        return f"{day} {C.MONTHS['nl']} {article.day[:4]}"
    return f"{day} {C.MONTHS['en']} {article.day[:4]}"


def _date_head(article: Article) -> str:
    if article.date_markup == "jsonld":
        data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
                "datePublished": article.iso, "inLanguage": article.lang,
                "author": {"@type": "Person", "name": "Redactie"}}
        payload = json.dumps(data, ensure_ascii=False)
        return f'<script type="application/ld+json">{payload}</script>\n'
    if article.date_markup == "meta":
        return f'<meta property="article:published_time" content="{article.iso}">\n'
    return ""


def _byline(article: Article) -> str:
    words = C.BOILERPLATE[article.lang]
    when = ""
    if article.date_markup == "time":
        when = f' · <time datetime="{article.iso}">{_human_date(article)}</time>'
    elif article.date_markup == "text":
        when = f" · {words['published']} {_human_date(article)}, {article.time}"
    return f'<div class="byline">Redactie{when}</div>\n'


def _heading(text: str, kind: str) -> str:
    if kind == "bold":
        return f"<p><strong>{escape(text)}</strong></p>\n"
    return f"<{kind}>{escape(text)}</{kind}>\n"


def _seed_widget() -> str:
    """The Vue/Laravel newsletter widget of the seed article, inside a neutral div."""
    return ('<div class="mt-4 block-17">\n<div class="row"><p>'
            "{{ trans('customs.newsletter_signup.responsemsg') }}</p>"
            "<h4>{{ title }}</h4><p>{{ subTitle }}</p></div>\n"
            "<form><p>{{ trans('customs.newsletter_signup.header') }}</p>"
            '<input type="email" name="email">'
            "<button>{{ trans('customs.buttons.signup') }}</button>"
            '<span class="help">Vul een geldig emailadres in.</span>'
            "<span>{{ errors . email[0] }}</span></form>\n</div>\n")


def _body(article: Article, sections: Sections) -> str:
    parts: list[str] = []
    is_seed = article.widget[0] == "seed"
    for number, (heading, paragraphs) in enumerate(sections):
        if heading:
            parts.append(_heading(heading, article.heading_markup))
        for k, text in enumerate(paragraphs):
            if is_seed and text.startswith("{{"):
                parts.append(_seed_widget())
                continue
            if not is_seed and number == 1 and k == 1:
                parts.append(article.widget[1] + "\n")
            parts.append(f"<p>{escape(text)}</p>\n")
    return "".join(parts)


def _related(article: Article, others: Sequence[Article]) -> str:
    words = C.BOILERPLATE[article.lang]
    same = [a for a in others if a.lang == article.lang and a.path != article.path][:2]
    items = "".join(f'<li><a href="{a.path}">{escape(a.title)}</a></li>' for a in same)
    return f'<aside class="read-also"><h3>{words["read_also"]}</h3><ul>{items}</ul></aside>\n'


def _newsletter(lang: str) -> str:
    head, text, button = C.BOILERPLATE[lang]["newsletter"]
    return (f'<div class="newsletter-box"><h3>{head}</h3><p>{text}</p>'
            f'<form><input type="email"><button>{button}</button></form></div>\n')


def article_page(article: Article, sections: Sections, others: Sequence[Article]) -> str:
    """A full article page with byline, share bar, figure, body, and boilerplate around it."""
    words = C.BOILERPLATE[article.lang]
    share = "".join(f'<a class="share" href="#">{s}</a>' for s in words["share"])
    extra = f'<link rel="canonical" href="{PUBLIC_ORIGIN}{article.path}">\n' + _date_head(article)
    extra += f'<meta property="og:title" content="{escape(article.title)}">\n'
    return "".join((
        _head(article.title, article.lang, extra), _header(), "<main>\n<article>\n",
        f"<h1>{escape(article.title)}</h1>\n", _byline(article),
        f'<div class="share-bar">{share}</div>\n',
        f'<figure><img src="/img/{article.section}.jpg" alt=""><figcaption>{words["credit"]}'
        "</figcaption></figure>\n",
        f'<div class="article-body">\n{_body(article, sections)}</div>\n</article>\n',
        f'<div class="ad-label">{words["ad"]}</div>\n',
        _related(article, others), _newsletter(article.lang) if article.index % 2 == 0 else "",
        "</main>\n", FOOTER,
    ))


def _teasers(articles: Iterable[Article]) -> str:
    return "".join(f'<li><a href="{a.path}">{escape(a.title)}</a></li>\n' for a in articles)


def front_page(articles: Sequence[Article]) -> str:
    """Home page: latest twelve articles, links to sections, the embargo page, about."""
    latest = list(articles)[::-1][:12]
    return "".join((
        _head("Voorpagina", "nl"), _header(),
        '<main>\n<h1>Laatste nieuws</h1>\n<ul class="teasers">\n',
        _teasers(latest), "</ul>\n",
        '<p><a href="/private/2025/09/04/embargo-artikel.html">Embargo (intern)</a></p>\n',
        "</main>\n", FOOTER,
    ))


def section_pages(section: str, articles: Sequence[Article]) -> list[tuple[int, str]]:
    """Paginated listing pages of one section, newest first, with next-page links."""
    chunks = [articles[i:i + PER_PAGE] for i in range(0, len(articles), PER_PAGE)]
    out: list[tuple[int, str]] = []
    for number, chunk in enumerate(chunks, 1):
        more = f'<a class="next" href="/{section}/page-{number + 1}.html">Meer</a>' \
            if number < len(chunks) else ""
        lang = chunk[0].lang
        out.append((number, "".join((
            _head(section.capitalize(), lang), _header(),
            f'<main>\n<h1>{section.capitalize()}</h1>\n<ul class="teasers">\n', _teasers(chunk),
            f"</ul>\n{more}\n</main>\n", FOOTER,
        ))))
    return out


def plain_page(title: str, text: str) -> str:
    """A simple non-article page."""
    return "".join((_head(title, "nl"), _header(),
                    f"<main><h1>{escape(title)}</h1><p>{escape(text)}"
                    "</p></main>\n", FOOTER))


XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def sitemap_index(locs: Iterable[str]) -> str:
    """A sitemap index pointing at child sitemaps."""
    items = "".join(f"  <sitemap><loc>{loc}</loc><lastmod>2025-09-04</lastmod></sitemap>\n"
                    for loc in locs)
    return (XML_HEAD + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + items + "</sitemapindex>\n")


def urlset(articles: Iterable[Article]) -> str:
    """A plain sitemap with lastmod per article."""
    items = "".join(f"  <url><loc>{a.path}</loc><lastmod>{a.iso}</lastmod></url>\n"
                    for a in articles)
    return (XML_HEAD + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + items + "</urlset>\n")


def news_urlset(articles: Iterable[Article]) -> str:
    """A Google-News sitemap: publication name/language, publication date and title per article."""
    items = "".join(
        f"  <url><loc>{a.path}</loc><news:news><news:publication><news:name>Demo Nieuws"
        f"</news:name><news:language>{a.lang}</news:language></news:publication>"
        f"<news:publication_date>{a.iso}</news:publication_date>"
        f"<news:title>{escape(a.title)}</news:title></news:news></url>\n" for a in articles)
    return (XML_HEAD + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
            + items + "</urlset>\n")


def rss(articles: Iterable[Article]) -> str:
    """An RSS 2.0 feed with RFC 822 pubDate per item."""
    items = "".join(
        f"<item><title>{escape(a.title)}</title><link>{a.path}</link><guid>{a.path}</guid>"
        f"<pubDate>{format_datetime(datetime.fromisoformat(a.iso))}</pubDate></item>\n"
        for a in articles)
    return (XML_HEAD + '<rss version="2.0"><channel><title>Demo Nieuws</title><link>/</link>'
            "<description>Het laatste nieuws</description><language>nl</language>\n"
            + items + "</channel></rss>\n")


def atom(articles: Iterable[Article]) -> str:
    """An Atom feed with published/updated per entry."""
    items = "".join(
        f'<entry><title>{escape(a.title)}</title><link rel="alternate" href="{a.path}"/>'
        f"<id>tag:demo.newsclean,2025:{a.path}</id><published>{a.iso}</published>"
        f"<updated>{a.iso}</updated></entry>\n" for a in articles)
    return (XML_HEAD + '<feed xmlns="http://www.w3.org/2005/Atom"><title>Demo News</title>'
            '<link href="/"/><id>tag:demo.newsclean,2025:feed</id>'
            "<updated>2025-09-04T20:00:00+02:00"
            "</updated>\n" + items + "</feed>\n")
