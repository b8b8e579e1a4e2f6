"""A listing's "next page" links and the dates its items show, for following paginated
section listings beyond ``NEWS_LISTING_DEPTH``.

A section listing that pages (``rel=next``, "Volgende pagina", ``?page=3``, ``/pagina/3``) is
one listing, not one more level per page: the spider follows its chain at the same depth,
bounded by a page cap, by ``since`` and, on incremental runs, by a page with no unknown
article. The rules are data, at the top of this module.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final
from urllib.parse import urljoin, urlsplit

from parsel import Selector
from w3lib.url import canonicalize_url

from cleaners.steps.find_dates import url_date
from crawler.discovery.dates import day_of

# Link texts (whole, lower-cased, arrows and spaces stripped) that name the next page.
NEXT_PAGE_TEXTS: Final = frozenset({
    "next", "next page", "older", "older posts", "older entries", "older articles",
    "more stories", "load more", "volgende", "volgende pagina", "oudere berichten",
    "oudere artikelen", "meer artikelen", "nächste", "nächste seite", "weiter", "ältere beiträge",
    "ältere artikel", "suivant", "suivante", "page suivante", "articles précédents",
    "siguiente", "página siguiente", "successiva", "pagina successiva", "avanti", "próxima",
    "próxima página", "następna", "nästa", "neste", "næste", "seuraava",
})
# Link texts made only of these characters are a "next" arrow.
NEXT_ARROWS: Final = frozenset("›»>→⟩⇢")
NEXT_CLASS: Final = re.compile(r"(?:^|[\s_-])next(?:$|[\s_-])", re.I)
_STRIP: Final = " \t\r\n›»>→⟩⇢<‹«←:|"
# A page number in a listing URL: ?page=3, &p=3, /page/3, /pagina/3, /seite/3, page-3.html.
PAGE_NUMBER: Final = re.compile(
    r"(?P<pre>[?&](?:page|p|pg|pagina|seite|paged|strona)=)(?P<n>\d{1,5})(?=&|$)"
    r"|(?P<pre2>/(?:page|pagina|pagine|seite|p|strona|sivu)/)(?P<n2>\d{1,5})(?=/|$)"
    r"|(?P<pre3>[/_-]page[-_]?)(?P<n3>\d{1,5})(?=\.html?$|/|$)",
    re.I,
)
# A listing item is the smallest element around an article link holding no other article's
# link, at most this many levels up from the link; a ``<time datetime>`` in it dates the item.
ITEM_LEVELS: Final = 4
_TIME_XPATH: Final = ".//time/@datetime"


def page_number(url: str) -> tuple[str, int]:
    """The URL with its page number taken out, and that number (1 when it has none)."""
    target = _target(url)
    matches = list(PAGE_NUMBER.finditer(target))
    match = matches[-1] if matches else None  # the last number: /2025/page/3
    if match is None:
        return target.rstrip("/"), 1
    number = next(g for g in (match["n"], match["n2"], match["n3"]) if g)
    stripped = target[: match.start()] + target[match.end():]
    return stripped.rstrip("/?&"), int(number)


def _target(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _is_next_text(text: str) -> bool:
    words = " ".join(text.split()).strip(_STRIP).casefold()
    if words in NEXT_PAGE_TEXTS:
        return True
    squeezed = "".join(text.split())
    return bool(squeezed) and len(squeezed) <= 2 and set(squeezed) <= NEXT_ARROWS


def next_page_urls(html: str, url: str) -> list[str]:
    """Absolute URLs of the listing page that follows ``url`` (usually one): ``rel=next``
    links, links whose text or class says "next", and links to page number n + 1 of the
    same listing. Fragments dropped, document order, no duplicates."""
    sel = Selector(text=html)
    found: list[str] = []

    def add(href: str | None) -> None:
        if href and not href.strip().startswith(("#", "javascript:", "mailto:")):
            absolute = urljoin(url, href.strip()).split("#", 1)[0]
            if absolute != url and absolute not in found:
                found.append(absolute)

    for href in sel.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]"
                          "/@href").getall():
        add(href)
    base, current = page_number(url)
    for link in sel.xpath("//a[@href]"):
        href = link.attrib.get("href", "")
        rel = f" {link.attrib.get('rel', '')} ".lower()
        text = " ".join(link.xpath(".//text()").getall()) or link.attrib.get("aria-label", "")
        label = link.attrib.get("aria-label", "") or link.attrib.get("title", "")
        parent = link.xpath("..")
        classes = f"{link.attrib.get('class', '')} " + (parent[0].attrib.get("class", "")
                                                        if parent else "")
        absolute = urljoin(url, href.strip())
        if " next " in rel or _is_next_text(text) or _is_next_text(label) or (
            NEXT_CLASS.search(classes) and "prev" not in classes.lower()
        ):
            if urlsplit(absolute).netloc == urlsplit(url).netloc:
                add(href)
            continue
        other_base, number = page_number(absolute)
        if number == current + 1 and other_base == base:
            add(href)
    return found


def listing_days(html: str, base_url: str, article_urls: list[str]) -> list[date]:
    """The days the listing's items show: dates in their URLs and the ``<time datetime>``
    of each item (see ``ITEM_LEVELS``). Times outside the items (a masthead's today, a
    sidebar's) do not count: a page whose items show no date has no days."""
    wanted = {canonicalize_url(u) for u in article_urls}
    days = [d for u in article_urls if (d := url_date(u)) is not None]
    if not wanted:
        return days

    def articles_in(node: Selector) -> int:
        return len({canonicalize_url(urljoin(base_url, h.strip())).split("#", 1)[0]
                    for h in node.xpath(".//a/@href").getall()} & wanted)

    for link in Selector(text=html).xpath("//body//a[@href]"):
        href = canonicalize_url(urljoin(base_url, link.attrib["href"].strip()))
        if href.split("#", 1)[0] not in wanted:
            continue
        node = link
        for _ in range(ITEM_LEVELS + 1):
            if stamps := node.xpath(_TIME_XPATH).getall():
                days.extend(d for v in stamps if (d := day_of(v)) is not None)
                break
            parent = node.xpath("..")
            if not parent or parent[0].root.tag in ("body", "html") \
                    or articles_in(parent[0]) > 1:
                break
            node = parent[0]
    return days
