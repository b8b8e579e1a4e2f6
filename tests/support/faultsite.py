"""The fault site as data: every page, the fault it injects and whether a record is expected."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# A fault that hits the first request only; the retry must recover the article.
TRANSIENT: Final = "transient"
# A fault that hits every request: the article cannot be read.
PERMANENT: Final = "permanent"

BILLION_LAUGHS_DEPTH: Final = 9  # 10**9 "lol"s, about 3 GB if a parser expanded them
DEEP_NESTING: Final = 100_000  # nested <div> elements around the deep page's article
HUGE_PAGE: Final = 50 * 1024 * 1024  # bytes in the 50 MB page
GZIP_BOMB_MEMBERS: Final = 32  # gzip members of 64 MiB of spaces each: 2 GiB inflated
PASSWD_MARK: Final = "root:x:0:"  # first line of /etc/passwd: must never appear anywhere


@dataclass(frozen=True)
class Page:
    """One article URL of the fault site and the fault it injects."""

    slug: str
    kind: str  # the fault kind reported in the table ("ok" for a healthy page)
    mode: str = PERMANENT  # TRANSIENT or PERMANENT (ignored for kind "ok")
    readable: bool = False  # True when the crawl must write a record for it
    listed: bool = True  # linked from the home page, the sitemap and the feed

    @property
    def path(self) -> str:
        """URL path of the page."""
        return f"/news/2025/09/03/{self.slug}.html"

    @property
    def marker(self) -> str:
        """A token unique to this page's body text, to find its record."""
        return f"fm{self.slug.replace('-', '')}"


def _pages() -> tuple[Page, ...]:
    healthy = tuple(Page(f"ok-{n}", "ok", readable=True) for n in range(1, 6))
    transient = tuple(
        Page(f"{kind.replace('_', '-')}-transient", kind, TRANSIENT, readable=True)
        for kind in ("http_500", "http_502", "http_503", "http_429", "timeout", "reset",
                     "truncated")
    )
    permanent = tuple(
        Page(f"{kind.replace('_', '-')}-always", kind)
        for kind in ("http_500", "http_403", "http_404", "timeout", "reset", "truncated",
                     "trickle_stall")
    )
    other = (
        Page("trickle-slow", "trickle_slow", readable=True),
        Page("redirect-ok", "redirect_same_site", readable=True),
        Page("redirect-loop", "redirect_loop"),
        Page("redirect-offsite", "redirect_offsite"),
        Page("redirect-file", "redirect_file_scheme"),
        Page("redirect-ftp", "redirect_ftp_scheme"),
        Page("meta-refresh-file", "meta_refresh_file_scheme"),
        Page("meta-refresh-offsite", "meta_refresh_offsite"),
        Page("charset-cp1252-as-utf8", "charset_cp1252_labelled_utf8", readable=True),
        Page("charset-utf8-as-cp1252", "charset_utf8_labelled_cp1252", readable=True),
        Page("charset-missing", "charset_missing", readable=True),
        Page("pdf-at-article-url", "non_html_pdf"),
        Page("image-at-article-url", "non_html_image"),
        Page("empty-200", "empty_200"),
        Page("gzip-bomb", "gzip_bomb"),
        Page("huge-page", "huge_page"),
        Page("deep-nesting", "deep_nesting"),
    )
    return healthy + transient + permanent + other


PAGES: Final = _pages()
PAGE_BY_PATH: Final = {p.path: p for p in PAGES}


def page(slug: str) -> Page:
    """The fault-site page with this slug."""
    return next(p for p in PAGES if p.slug == slug)

REDIRECT_TARGET: Final = Page("redirect-target", "ok", readable=False, listed=False)
PRIVATE: Final = "/private/2025/09/03/secret.html"  # disallowed in robots.txt: never fetched

# Words with accents, to check that mislabelled charsets still decode sensibly.
ACCENTED: Final = ("café", "naïve", "über", "Eßzimmer", "garçon")

WORDS: Final = (
    "The council met on Tuesday to discuss the budget for the coming year, and members "
    "argued about the cost of repairs to the old bridge over the river. "
    "Residents who attended the meeting asked for more details about the timetable, "
    "while the mayor promised a public consultation before any decision is taken. "
    "Local shops reported that the roadworks had reduced the number of visitors, "
    "and several owners said they hoped the work would finish before the winter."
)


def article_html(page: Page, *, charset_meta: bool = True) -> str:
    """The HTML of one healthy article page (title, date, body with marker and accents)."""
    title = f"Fault site article {page.slug}"
    meta = '<meta charset="utf-8">' if charset_meta else ""
    accents = " ".join(ACCENTED)
    paragraphs = "".join(
        f"<p>{WORDS} Paragraph {n} of the report, reference {page.marker}.</p>"
        for n in range(1, 4)
    )
    return (
        f"<!DOCTYPE html><html lang=\"en\"><head>{meta}<title>{title}</title>"
        f"<meta property=\"article:published_time\" content=\"2025-09-03T08:00:00+00:00\">"
        f"</head><body><header><nav><a href=\"/\">Home</a></nav></header>"
        f"<article><h1>{title}</h1><time datetime=\"2025-09-03\">3 September 2025</time>"
        f"{paragraphs}<p>Words from abroad: {accents}. The end of {page.marker}.</p>"
        f"</article><footer>Fault site</footer></body></html>"
    )


def home_html(base: str, offsite: str) -> str:
    """The home page: links to every listed article, hostile links, a feed link."""
    links = "".join(f'<li><a href="{p.path}">{p.slug}</a></li>' for p in PAGES if p.listed)
    hostile = (
        f'<li><a href="{PRIVATE}">private</a></li>'
        '<li><a href="file:///etc/passwd">passwd</a></li>'
        f'<li><a href="ftp://{base.split("//", 1)[1]}etc/passwd">ftp</a></li>'
        f'<li><a href="{offsite}/news/2025/09/03/offsite-link.html">elsewhere</a></li>'
    )
    return (
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Fault site</title>"
        '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        '<link rel="alternate" type="application/rss+xml" href="/feed-xxe.xml">'
        f"</head><body><h1>Fault site</h1><ul>{links}{hostile}</ul></body></html>"
    )


def robots_txt(base: str) -> str:
    """robots.txt: one disallowed folder and the four sitemaps."""
    return (
        "User-agent: *\nDisallow: /private/\n"
        f"Sitemap: {base}sitemap.xml\nSitemap: {base}sitemap-bomb.xml\n"
        f"Sitemap: {base}sitemap-xxe.xml\nSitemap: {base}sitemap-bomb.xml.gz\n"
    )


def sitemap_xml(base: str) -> str:
    """A plain sitemap listing every listed article."""
    urls = "".join(
        f"<url><loc>{base}{p.path.lstrip('/')}</loc><lastmod>2025-09-03</lastmod></url>"
        for p in PAGES if p.listed
    )
    hostile = (  # other schemes in a sitemap: never fetched
        "<url><loc>file:///etc/passwd</loc></url>"
        f"<url><loc>ftp://{base.split('//', 1)[1]}etc/passwd</loc></url>"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}{hostile}</urlset>'
    )


def billion_laughs_sitemap(base: str) -> str:
    """A sitemap whose DTD expands to about 3 GB if a parser resolves entities."""
    ents = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">'
        for i in range(1, BILLION_LAUGHS_DEPTH + 1)
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<!DOCTYPE urlset [{''.join(ents)}]>"
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{base}news/2025/09/03/bomb-target.html?lol=&lol{BILLION_LAUGHS_DEPTH};</loc></url>"
        "</urlset>"
    )


def xxe_doctype(base: str, what: str) -> str:
    """A DOCTYPE with a file entity, a network entity and a network parameter entity."""
    return (
        f"<!DOCTYPE {what} ["
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">'
        f'<!ENTITY canary SYSTEM "{base}canary/{what}-entity">'
        f'<!ENTITY % remote SYSTEM "{base}canary/{what}-dtd">'
        "%remote;]>"
    )


def xxe_sitemap(base: str) -> str:
    """A sitemap whose entities would read /etc/passwd and call the canary if resolved."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>' + xxe_doctype(base, "urlset") +
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{base}news/2025/09/03/xxe-leak.html?x=&xxe;&canary;</loc>"
        "<lastmod>2025-09-03</lastmod></url></urlset>"
    )


def feed_xml(base: str, *, hostile: bool) -> str:
    """An RSS 2.0 feed of the listed articles; the hostile one carries external entities."""
    items = "".join(
        f"<item><title>Fault site article {p.slug}</title><link>{base}{p.path.lstrip('/')}</link>"
        "<pubDate>Wed, 03 Sep 2025 08:00:00 GMT</pubDate></item>"
        for p in PAGES if p.listed and not hostile
    )
    if hostile:
        items = (
            "<item><title>&xxe;&canary;</title>"
            f"<link>{base}news/2025/09/03/feed-leak.html?x=&xxe;&canary;</link>"
            "<description>&xxe;</description></item>"
        )
    doctype = xxe_doctype(base, "rss") if hostile else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<rss version="2.0"><channel>'
        f"<title>Fault site</title><link>{base}</link>{items}</channel></rss>"
    )
