"""Dates step: collect candidates with provenance, pick published over modified.

Trust order: JSON-LD, meta tags, ``<time datetime>``, discovery hints (sitemap/feed), visible
date lines, the URL, and htmldate last (only when nothing else gave a published date).
``date`` is the publisher's local calendar day: a timestamp with an offset keeps its own
date, it is never converted to UTC. ``published``/``modified`` keep the full ISO form.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any, Final
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from cleaners.rules.dates import (
    CLOCK_AFTER_DATE,
    CLOCK_MINUTES,
    DATE_LINE_MAX_CHARS,
    DATE_TEXT_MARKS,
    DIGITS,
    EARLIEST_YEAR,
    HEADLINE_BODY_CHARS,
    HEADLINE_LINE_ELEMENTS,
    JSONLD_MODIFIED,
    JSONLD_PUBLISHED,
    LABEL_WINDOW,
    LABELLED_DATE_GAP,
    LABELLED_TEXT_MAX_CHARS,
    LOCAL_DAY_SHIFT_DAYS,
    MASTHEAD_MARKS,
    MAX_UTC_OFFSET,
    MODIFIED_LABEL,
    MODIFIED_MARKS,
    MODIFIED_META,
    MODIFIED_WORD,
    MONTHS,
    OFFSET_STEP_SECONDS,
    PUBLISHED_LABEL,
    PUBLISHED_LABEL_ANYWHERE,
    PUBLISHED_MARKS,
    PUBLISHED_META,
    TEASER_MARKS,
    TEXT_DATE_PATTERNS,
    URL_DATE_PATTERNS,
    UTC_LOCAL_MIDNIGHT_HOURS,
    WEAK_PUBLISHED_META,
)
from cleaners.steps.text_nodes import text_of, texts_outside

_PUBLISHED_RANK: Final = {name: i for i, name in enumerate(PUBLISHED_META)}
_MODIFIED_RANK: Final = {name: i for i, name in enumerate(MODIFIED_META)}
_COMPACT: Final = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2}):?(\d{2}):?(\d{2})?)?")
_TZ_NO_COLON: Final = re.compile(r"([+-]\d{2})(\d{2})$")
# <time datetime> and itemprop elements of the body, in document order: ``_time_elements``
# keeps the itemprop ones that count (one test per element here costs less than libxml2's).
_TIME_CANDIDATES: Final = etree.XPath(
    "//body/descendant::time[@datetime] | //body/descendant::*[@itemprop]"
)  # //body//time[...]: descendant:: makes no node-set of every node's children first
_LOWER_DP: Final = str.maketrans("DP", "dp")  # "datePublished" and "DatePublished" alike
_DATE_TEXT_TAGS: Final = ("time", "span", "div", "p", "li", "small")
_MAX_TEXT_CANDIDATES: Final = 30
# Whether a class or id holds one of the marks as a substring: one search, not one test a mark.
_DATE_TEXT_MARK: Final = re.compile("|".join(map(re.escape, DATE_TEXT_MARKS)))
TITLE_WORDS_MIN: Final = 3  # an <h1> of fewer words in a <header> is a logo, not a headline
_TEASER_TAGS: Final = frozenset({"a", "h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True)
class DateResult:
    """The record's date fields."""

    date: str | None = None
    published: str | None = None
    modified: str | None = None
    source: str | None = None
    warnings: tuple[str, ...] = ()


def _plausible(day: date) -> bool:
    """A publication date between EARLIEST_YEAR and tomorrow."""
    return day.year >= EARLIEST_YEAR and day <= date.today() + timedelta(days=1)


def parse_timestamp(value: Any) -> tuple[str, str] | None:
    """A date/time string -> (YYYY-MM-DD local day, ISO 8601 form), or None."""
    if not isinstance(value, str):
        return None
    text = value.strip().translate(DIGITS)
    if not text or not text[:1].isalnum():
        return None
    stamp: datetime | date | None = None
    iso = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d\d-\d\d \d", text) else text
    iso = _TZ_NO_COLON.sub(r"\1:\2", iso)
    try:
        stamp = datetime.fromisoformat(iso.replace("z", "Z"))
    except ValueError:
        stamp = _parse_other(text)
    if stamp is None:
        return None
    day = stamp.date() if isinstance(stamp, datetime) else stamp
    if not _plausible(day):
        return None
    if (
        isinstance(stamp, datetime)
        and (stamp.hour, stamp.minute, stamp.second) == (0, 0, 0)
        and len(text) <= 10
    ):
        return day.isoformat(), day.isoformat()
    return day.isoformat(), stamp.isoformat()


def _parse_other(text: str) -> datetime | date | None:
    """RFC 2822, compact (20250903) and visible-text forms."""
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    m = _COMPACT.match(text)
    if m and len(text) >= 8:
        try:
            return datetime(*(int(g) for g in m.groups() if g is not None))  # type: ignore[misc]
        except ValueError:
            return None
    return text_date(text)


def _ymd(match: re.Match[str]) -> date | None:
    """A date from a match with groups y, m, d (m may be a month name)."""
    month_raw = match.group("m").lower().rstrip(".")
    month = int(month_raw) if month_raw.isdigit() else MONTHS.get(month_raw)
    try:
        day = date(int(match.group("y")), month or 0, int(match.group("d")))
    except ValueError:
        return None
    return day if _plausible(day) else None


def text_date(text: str) -> date | None:
    """The date written in visible text (nl/en/de/fr forms): one labelled "published" first,
    else the first one not labelled "updated"; None when there is none."""
    found: list[tuple[int, date]] = []
    text = text.translate(DIGITS)
    for pattern in TEXT_DATE_PATTERNS:
        for match in pattern.finditer(text):
            if (day := _ymd(match)) is not None:
                found.append((match.start(), day))
    first: date | None = None
    for start, day in sorted(found):
        before = text[max(0, start - LABEL_WINDOW) : start]
        if PUBLISHED_LABEL.search(before):
            return day
        if first is None and not MODIFIED_LABEL.search(before):
            first = day
    return first


def text_modified_date(text: str) -> date | None:
    """The first date visible text labels as updated ("Updated 14 June 2024", "Bijgewerkt
    30 december 2024"), or None."""
    text = text.translate(DIGITS)
    found = sorted((m.start(), day) for pattern in TEXT_DATE_PATTERNS
                   for m in pattern.finditer(text) if (day := _ymd(m)) is not None)
    for start, day in found:
        if MODIFIED_LABEL.search(text[max(0, start - LABEL_WINDOW) : start]):
            return day
    return None


def url_date(url: str | None) -> date | None:
    """A date in the URL path (/2025/09/03/, /2025-09-03, /20250903), or None."""
    if not url:
        return None
    for pattern in URL_DATE_PATTERNS:
        match = pattern.search(url)
        if match and (day := _ymd(match)) is not None:
            return day
    return None


def _from_jsonld(
    jsonld: tuple[dict[str, Any], ...], keys: tuple[str, ...]
) -> tuple[str, str] | None:
    """The first parseable value among the JSON-LD objects for the given keys."""
    for obj in jsonld:
        for key in keys:
            value = obj.get(key)
            for item in value if isinstance(value, list) else [value]:
                if (parsed := parse_timestamp(item)) is not None:
                    return parsed
    return None


def _meta_dates(
    tree: HtmlElement,
) -> tuple[tuple[str, str] | None, tuple[str, str] | None, bool]:
    """Best (published, modified) from <meta> tags, ranked by PUBLISHED_META / MODIFIED_META,
    and whether the published one came from a generic name (WEAK_PUBLISHED_META)."""
    best_pub: tuple[int, tuple[str, str]] | None = None
    best_mod: tuple[int, tuple[str, str]] | None = None
    head = tree.find("head")
    metas = tree.iter("meta") if head is None else head.iter("meta")
    for meta in metas:
        name = (
            (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        )
        if not name or name not in _PUBLISHED_RANK and name not in _MODIFIED_RANK:
            continue
        parsed = parse_timestamp(meta.get("content"))
        if parsed is None:
            continue
        if name in _PUBLISHED_RANK and (best_pub is None or _PUBLISHED_RANK[name] < best_pub[0]):
            best_pub = (_PUBLISHED_RANK[name], parsed)
        elif name in _MODIFIED_RANK and (best_mod is None or _MODIFIED_RANK[name] < best_mod[0]):
            best_mod = (_MODIFIED_RANK[name], parsed)
    weak = best_pub is not None and PUBLISHED_META[best_pub[0]] in WEAK_PUBLISHED_META
    return (best_pub[1] if best_pub else None), (best_mod[1] if best_mod else None), weak


def _marks(el: HtmlElement) -> str:
    """Lower-cased class, id and itemprop of an element."""
    return f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}".lower()


def _marked(
    el: HtmlElement, marks: tuple[str, ...], *, without_headline: bool = False
) -> bool:
    """Whether the element or one of its ancestors carries one of the class/id marks
    (``without_headline``: only an ancestor that holds no <h1>, so not a page wrapper
    named "with-sidebar" around the article)."""
    for node in (el, *el.iterancestors()):
        if node.tag in ("body", "html"):
            return False
        found = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if found.strip() and any(m in found for m in marks):
            return not (without_headline and node.find(".//h1") is not None)
    return False


def _own_paths(*urls: str | None) -> frozenset[str]:
    """The paths of the page's own URL and canonical link, for telling permalinks apart."""
    return frozenset(urlsplit(u).path.rstrip("/") for u in urls if u and urlsplit(u).path)


def _links_elsewhere(link: HtmlElement, own: frozenset[str]) -> bool:
    """Whether a link leads to another page (not a permalink to this one, not an anchor)."""
    href = (link.get("href") or "").strip()
    if not href or href.startswith("#") or "bookmark" in (link.get("rel") or "").lower():
        return False
    path = urlsplit(href).path.rstrip("/")
    return not (
        path and any(p == path or p.endswith(path) or path.startswith(p + "/") for p in own)
    )


def _headed_links_box(box: HtmlElement, own: frozenset[str]) -> bool:
    """An <aside> with a sub-heading ("Mehr zum Thema") and links to two other pages."""
    if box.tag != "aside" or box.find(".//h1") is not None:
        return False
    if next(box.iter("h2", "h3", "h4", "h5", "h6"), None) is None:
        return False
    return sum(_links_elsewhere(link, own) for link in box.iter("a")) >= 2


def _in_teaser(el: HtmlElement, own: frozenset[str] = frozenset()) -> bool:
    """Inside a link to another page, a sub-heading or a teaser/related box: the date of
    another article."""
    for a in el.iterancestors():
        if a.tag == "a" and _links_elsewhere(a, own) or a.tag in _TEASER_TAGS and a.tag != "a":
            return True
        if a.tag == "li" and any(_links_elsewhere(link, own) for link in a.iter("a")):
            return True  # an item of a list of links: another article's date
        if _headed_links_box(a, own):
            return True  # a headed box of links elsewhere: related, most read
    return _marked(el, TEASER_MARKS, without_headline=True)


def _in_masthead(el: HtmlElement) -> bool:
    """The site's "today" date or a weather widget's: a masthead or navigation date outside
    the article, or one marked as such."""
    if _marked(el, MASTHEAD_MARKS):
        return True
    for a in el.iterancestors():
        if a.tag in ("article", "main"):
            return False
        if a.tag == "nav":
            return True
        if a.tag == "header":
            # an article's header holds its headline; the site's holds a logo
            h1 = a.find(".//h1")
            return h1 is None or len(text_of(h1).split()) < TITLE_WORDS_MIN
    return False


def _label_before(el: HtmlElement) -> str:
    """The text just before an element inside its parent ("Aktualisiert am " <time>)."""
    parent = el.getparent()
    if parent is None:
        return ""
    before = [parent.text or ""]
    for child in parent:
        if child is el:
            break
        before.append(text_of(child))
        before.append(child.tail or "")
    return " ".join("".join(before).split())[-LABEL_WINDOW:]


@dataclass(frozen=True)
class _TimeDates:
    """<time>/itemprop dates: the best published one, how strong it is, and modified."""

    published: tuple[str, str] | None = None
    strong: bool = False  # marked as published, or inside the article
    modified: tuple[str, str] | None = None
    local_days: tuple[str, ...] = ()  # days of stamps written with a non-UTC offset
    shown: date | None = None  # the day the published <time> itself shows as text


def _time_dates(tree: HtmlElement, own: frozenset[str] = frozenset()) -> _TimeDates:
    """(published, modified) from <time datetime> / itemprop elements, article ones first;
    teasers, links to other articles and masthead dates never count."""
    published: list[tuple[int, tuple[str, str], HtmlElement]] = []
    modified: tuple[str, str] | None = None
    local: list[str] = []
    for el in _time_elements(tree):
        parsed = parse_timestamp(el.get("datetime") or el.get("content") or _shown_day(el))
        if parsed is None or _in_teaser(el, own) or _in_masthead(el):
            continue
        if _offset(parsed[1]) not in (None, timedelta(0)):
            local.append(parsed[1])
        marks = (
            _marks(el) + " " + _marks(el.getparent()) if el.getparent() is not None else _marks(el)
        )
        label = _label_before(el)
        if any(m in marks for m in MODIFIED_MARKS) or MODIFIED_LABEL.search(label + " "):
            modified = modified or parsed
            continue
        if PUBLISHED_LABEL.search(label + " "):
            marks += " publish"
        if el.get("itemprop") and "datepublished" not in marks and el.tag != "time":
            continue
        in_article = any(a.tag in ("article", "main", "header") for a in el.iterancestors())
        score = 0 if any(m in marks for m in PUBLISHED_MARKS) else (1 if in_article else 2)
        published.append((score, parsed, el))
    if not published:
        return _TimeDates(None, False, modified, tuple(local))
    score, best, el = min(published, key=lambda p: p[0])
    shown = text_date(" ".join(text_of(el).split())[:200])
    return _TimeDates(best, score < 2, modified, tuple(local), shown)


def _time_elements(tree: HtmlElement) -> list[HtmlElement]:
    """<time datetime>, itemprop elements with a machine-readable value (``datetime`` or
    ``content``), and microdata ``itemprop="datePublished"`` elements that only show the
    date as text (many page builders), in document order."""
    return [  # every candidate is a <time datetime> or has an itemprop
        el for el in _TIME_CANDIDATES(tree)
        if el.get("datetime") is not None or el.get("content") is not None
        or (el.get("itemprop") or "").translate(_LOWER_DP) == "datepublished"
    ]


def _shown_day(el: HtmlElement) -> str | None:
    """The day an element without a machine-readable value shows in its text (ISO)."""
    day = text_date(" ".join(text_of(el).split())[:200])
    return day.isoformat() if day else None


def _date_text_elements(tree: HtmlElement) -> list[HtmlElement]:
    """The first ``_MAX_TEXT_CANDIDATES`` elements of a date tag inside <body> whose class
    or id holds a date mark, in document order (the walk stops there; each distinct
    attribute value is tested once)."""
    found: list[HtmlElement] = []
    marked: dict[str, bool] = {}
    for body in tree.getroottree().getroot().iter("body"):
        for el in body.iterdescendants(*_DATE_TEXT_TAGS):
            for value in (el.get("class"), el.get("id")):
                if value is None:
                    continue
                hit = marked.get(value)
                if hit is None:
                    hit = marked[value] = _DATE_TEXT_MARK.search(value) is not None
                if hit:
                    found.append(el)
                    if len(found) >= _MAX_TEXT_CANDIDATES:
                        return found
                    break
    return found


class _PageReads:
    """What several date sources read from one tree, each read once per page: the usable
    date/byline candidates and the page text (up to three sources ask for each)."""

    def __init__(self, tree: HtmlElement, own: frozenset[str]) -> None:
        self.tree = tree
        self.own = own
        self._candidates: list[tuple[date, frozenset[str]]] | None = None
        self._updated: date | None = None  # the first update note's day, read with them
        self._text: str | None = None

    def candidates(self) -> list[tuple[date, frozenset[str]]]:
        """(day, ancestor tags) of each date/byline element that is no modified date, no
        teaser's and no masthead's and whose text holds a date, in document order."""
        if self._candidates is None:
            found = []
            for el in _date_text_elements(self.tree):
                if _in_teaser(el, self.own) or _in_masthead(el):
                    continue
                day = None
                text = " ".join(text_of(el).split())[:200]
                if self._updated is None and text:
                    self._updated = text_modified_date(text)
                if not any(m in _marks(el) for m in MODIFIED_MARKS):
                    day = text_date(text) if text else None
                if day is None:
                    day = _line_date(el)  # a byline's or an update note's line
                if day is not None:
                    found.append((day, frozenset(a.tag for a in el.iterancestors())))
            self._candidates = found
        return self._candidates

    def updated(self) -> date | None:
        """The day the first update note of the date/byline elements shows, if any."""
        self.candidates()
        return self._updated

    def text(self) -> str:
        """The page's text outside links and scripts (see ``_page_text``)."""
        if self._text is None:
            self._text = _page_text(self.tree)
        return self._text


def _visible_date(
    page: _PageReads, *, article_only: bool = False, outside_lists: bool = False
) -> date | None:
    """The first date in a date/byline element of the page, else in the page title
    (``article_only``: of the article only, no title; ``outside_lists``: none in a list
    item, where lists of dated items are listings, and no title)."""
    for day, ancestors in page.candidates():
        if (
            article_only and not ancestors & {"article", "main"}
            or outside_lists and "li" in ancestors
        ):
            continue
        return day
    tree = page.tree
    for title in () if article_only or outside_lists else (
        *tree.xpath("//head/meta[@property='og:title']/@content"),
        tree.findtext(".//title"),
    ):
        if title and (day := text_date(title)) is not None:
            return day
    return None


_TEXT_OUTSIDE_LINKS: Final = etree.XPath(".//text()[not(ancestor::a)]")
_AFTER_HEADLINE: Final = etree.XPath(
    "following::*[self::p or self::div or self::span or self::time or self::small"
    " or self::li][position() <= $n]"
)


def _headline_line_date(page: _PageReads) -> date | None:
    """The date of a short line right under the article's headline (its first <h1> of a
    headline's length outside teasers and mastheads), before the first body paragraph: the
    byline of markup whose classes mark nothing ("<p class='tw-text-14'>1. Februar 2022,
    Daniel D.</p>"). Dates inside links (teasers) do not count."""
    h1 = next((h for h in page.tree.iter("h1")
               if len(text_of(h).split()) >= TITLE_WORDS_MIN
               and not _in_teaser(h, page.own) and not _in_masthead(h)), None)
    if h1 is None:
        return None
    for el in _AFTER_HEADLINE(h1, n=HEADLINE_LINE_ELEMENTS):
        text = " ".join(text_of(el).split())
        if el.tag == "p" and len(text) >= HEADLINE_BODY_CHARS:
            return None  # the body began: no byline line above it
        if not 0 < len(text) <= DATE_LINE_MAX_CHARS or any(
                a.tag == "a" for a in el.iterancestors()):
            continue
        if (day := text_date(" ".join(_TEXT_OUTSIDE_LINKS(el)))) is not None:
            return day
    return None


def _line_date(el: HtmlElement) -> date | None:
    """The date of the short line a byline or an update note stands in, the element's own
    text left out, where the element itself gives none ("<span class=byline>By A. Writer
    </span> <span>12 June 2024</span>", "<span class=meta>Updated 14 June 2024</span>
    <span>12 June 2024</span>")."""
    parent = el.getparent()
    if parent is None or parent.tag in ("body", "html"):
        return None
    parts = [parent.text or ""]
    for child in parent:
        if child is not el:  # the element's own date (an update's) is not the line's
            parts.append(text_of(child))
        parts.append(child.tail or "")
    text = " ".join("".join(parts).split())
    if len(text) > DATE_LINE_MAX_CHARS:
        return None
    return text_date(text)


# The page text of ``_page_text`` is that of
# ``//body//text()[not(ancestor::a or ancestor::script or ... or ancestor::template)]``.
_NOT_PAGE_TEXT: Final = frozenset({"a", "script", "style", "noscript", "template"})


# A digit of another script (a key of DIGITS): where a page's text holds none, translating
# it changes nothing, and one scan for them costs a fraction of the translation.
_OTHER_DIGITS: Final = re.compile("[{}]".format("".join(map(chr, DIGITS))))


def _ascii_digits(text: str) -> str:
    return text.translate(DIGITS) if _OTHER_DIGITS.search(text) else text


def _page_text(tree: HtmlElement) -> str:
    """The page's text outside links and scripts, whitespace-normalised, ASCII digits; at
    most about LABELLED_TEXT_MAX_CHARS of it (whole text nodes, the one passing it last)."""
    bodies = tree.getroottree().getroot().iter("body")
    texts = [t for body in bodies for t in texts_outside(body, _NOT_PAGE_TEXT)]
    if sum(map(len, texts)) + len(texts) <= LABELLED_TEXT_MAX_CHARS:
        # no cut: normalising the whole text at once gives the same words, one space apart
        return _ascii_digits(" ".join(" ".join(texts).split()))
    parts: list[str] = []
    size = 0
    for text in texts:
        piece = " ".join(text.split())
        if piece:
            parts.append(piece)
            size += len(piece) + 1
            if size > LABELLED_TEXT_MAX_CHARS:
                break
    return _ascii_digits(" ".join(parts))


def _labelled_date(page: _PageReads) -> date | None:
    """A date the page's own text labels as published ("Erschienen am: 01.11.2023",
    "Published on 3 March 2025", "Datum: 18.10.2021"), wherever it stands outside links."""
    text = page.text()
    for match in PUBLISHED_LABEL_ANYWHERE.finditer(text):
        window = text[match.end() : match.end() + LABELLED_DATE_GAP + 30]
        if MODIFIED_WORD.search(window[:LABELLED_DATE_GAP]):
            continue
        found = [
            (m.start(), day)
            for pattern in TEXT_DATE_PATTERNS
            if (m := pattern.search(window)) and m.start() <= LABELLED_DATE_GAP
            and (day := _ymd(m)) is not None
        ]
        if found:
            return min(found)[1]
    return None


def _offset(stamp: str) -> timedelta | None:
    """The UTC offset of an ISO timestamp with a time part; None when naive or date-only."""
    try:
        parsed = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return parsed.utcoffset() if "T" in stamp else None


def _written(page: _PageReads, day: str) -> bool:
    """Whether the page's text writes this day as a full date (any of the text forms)."""
    text = page.text()
    return any(
        (found := _ymd(m)) is not None and found.isoformat() == day
        for pattern in TEXT_DATE_PATTERNS
        for m in pattern.finditer(text)
    )


def _htmldate(page: _PageReads, url: str | None) -> str | None:
    """htmldate's guess, used only when no other source dated the page. A first of January
    the page never writes is a copyright or archive year made into a day: no date."""
    from htmldate import find_date

    from cleaners.steps.htmldate_scans import lead_first_scans

    try:
        with lead_first_scans():
            found = find_date(page.tree, url=url, original_date=True, extensive_search=True)
    except (ValueError, TypeError, AttributeError):
        return None
    if not found or not (parsed := parse_timestamp(found)) or parsed[0] != found:
        return None
    if found.endswith("-01-01") and not _written(page, found):
        return None
    return found


_Stamp = tuple[str, str]  # (YYYY-MM-DD as the publisher dates it, full ISO timestamp)


def _markup_dates(
    page: _PageReads | None,
    jsonld: tuple[dict[str, Any], ...],
    times: _TimeDates,
) -> tuple[tuple[_Stamp, str] | None, _Stamp | None]:
    """(published with its source, modified) from JSON-LD, then meta tags, then <time>; a
    generic meta date loses to the article's byline date where the two disagree."""
    published = (p, "jsonld") if (p := _from_jsonld(jsonld, JSONLD_PUBLISHED)) else None
    modified = _from_jsonld(jsonld, JSONLD_MODIFIED)
    if page is None:
        return published, modified
    meta_pub, meta_mod, weak = _meta_dates(page.tree)
    modified = modified or meta_mod or times.modified
    if published is None and meta_pub is not None:
        published = (meta_pub, "meta")
        shown = (
            _visible_date(page, outside_lists=True) or _labelled_date(page) if weak else None
        )
        if shown is not None and shown.isoformat() != meta_pub[0]:
            published = ((shown.isoformat(), shown.isoformat()), "text")
        elif weak and shown is None and times.strong and times.published:
            published = (times.published, "time")
    if published is None and times.published is not None:
        published = (times.published, "time")
    return published, modified


def _day_stamp(day: date | None) -> _Stamp | None:
    return (day.isoformat(), day.isoformat()) if day is not None else None


def _htmldate_stamp(page: _PageReads, url: str | None) -> _Stamp | None:
    found = _htmldate(page, url)
    return (found, found) if found else None


def _fallback_published(
    page: _PageReads | None,
    url: str | None,
    url_day: date | None,
    hints: dict[str, Any],
    use_htmldate: bool,
) -> tuple[_Stamp, str] | None:
    """When the markup names no date: the sitemap/feed hint, a date/byline element, a date
    the text labels as published, a short line under the headline, the URL, then htmldate,
    in that order (each tried only when the ones before found nothing)."""
    sources = (
        (lambda: parse_timestamp(hints.get("date")), hints.get("date_source") or "sitemap"),
        (lambda: _day_stamp(_visible_date(page)) if page is not None else None, "text"),
        (lambda: _day_stamp(_labelled_date(page)) if page is not None else None, "text"),
        (lambda: _day_stamp(_headline_line_date(page)) if page is not None else None, "text"),
        (lambda: _day_stamp(url_day), "url"),
        (
            lambda: _htmldate_stamp(page, url) if page is not None and use_htmldate else None,
            "htmldate",
        ),
    )
    for read, source in sources:
        if (stamp := read()) is not None:
            return stamp, source
    return None


# Offsets are whole steps of whole minutes, and an hour holds whole steps: a clock time
# (whole minutes) is an instant at such an offset only when the instant has no seconds and
# its minute equals the clock's modulo the step. (Other steps: any clock may be it.)
_WHOLE_MINUTE_STEPS: Final = OFFSET_STEP_SECONDS % 60 == 0 and 3600 % OFFSET_STEP_SECONDS == 0
_MINUTE_STEP: Final = OFFSET_STEP_SECONDS // 60 if _WHOLE_MINUTE_STEPS else 1


def _clock_may_match(text: str | Callable[[], str], utc: datetime) -> bool:
    """Whether a clock time in ``text`` (or the text a call gives, asked for only when
    needed) can be ``utc`` at a UTC offset of whole steps: a necessary condition of
    ``_written_instant``'s test, read in one scan of the text."""
    if _WHOLE_MINUTE_STEPS and (utc.second or utc.microsecond):
        return False
    text = text if isinstance(text, str) else text()
    want = utc.minute % _MINUTE_STEP
    return any(int(m) % _MINUTE_STEP == want for m in CLOCK_MINUTES.findall(text))


def _written_instant(page: _PageReads, instant: datetime) -> date | None:
    """The day of a date and clock time the page writes that is the same instant as the
    timestamp at some UTC offset ("March 30, 2023, 19:21" for 2023-03-31T00:21Z: UTC-5):
    the publisher's own local day."""
    utc = instant.astimezone(UTC).replace(tzinfo=None)
    if not _clock_may_match(page.text, utc):  # one quick scan instead of one per date pattern
        return None
    text = page.text()
    for pattern in TEXT_DATE_PATTERNS:
        for match in pattern.finditer(text):
            clock = CLOCK_AFTER_DATE.match(text, match.end())
            if clock is None or (day := _ymd(match)) is None:
                continue
            hour, minute = int(clock.group("h")), int(clock.group("min"))
            if hour > 23 or minute > 59:
                continue
            gap = datetime(day.year, day.month, day.day, hour, minute) - utc
            if abs(gap) <= MAX_UTC_OFFSET and gap.total_seconds() % OFFSET_STEP_SECONDS == 0:
                return day
    return None


def _local_day(
    day: str,
    stamp: str,
    page: _PageReads | None,
    times: _TimeDates,
    url_day: date | None,
) -> str:
    """The publisher's local day of a UTC (or zone-less) timestamp: the day of the same
    instant written with the publisher's offset elsewhere on the page, else the page's text
    writing the same instant with a clock time, else the URL's, the published ``<time>``'s
    shown day, the byline's or a labelled date where it is one day off, else, for a
    whole-hour stamp at a
    UTC_LOCAL_MIDNIGHT_HOURS hour, the next day (a local midnight stored as UTC)."""
    if "T" not in stamp:
        return day
    offset = _offset(stamp)
    if offset not in (None, timedelta(0)):
        return day
    try:
        instant = datetime.fromisoformat(stamp)
    except ValueError:
        return day
    instant = instant if instant.tzinfo else instant.replace(tzinfo=UTC)
    for other in times.local_days:
        there = datetime.fromisoformat(other)
        if abs((there - instant).total_seconds()) <= 60:
            return there.date().isoformat()
    if page is not None and (written := _written_instant(page, instant)) is not None:
        return written.isoformat()
    utc_day = instant.date()
    shift = timedelta(days=LOCAL_DAY_SHIFT_DAYS)
    byline = _visible_date(page, article_only=True) if page is not None else None
    labelled = _labelled_date(page) if page is not None and byline is None else None
    for evidence in (url_day, times.shown, byline, labelled):
        if evidence is not None and evidence != utc_day and abs(evidence - utc_day) <= shift:
            return evidence.isoformat()
        if evidence == utc_day:
            return day
    if (
        offset == timedelta(0)
        and instant.hour in UTC_LOCAL_MIDNIGHT_HOURS
        and (instant.minute, instant.second, instant.microsecond) == (0, 0, 0)
    ):
        return (utc_day + timedelta(days=1)).isoformat()
    return day


def find_dates(
    tree: HtmlElement | None,
    *,
    url: str | None = None,
    canonical: str | None = None,
    jsonld: tuple[dict[str, Any], ...] = (),
    hints: dict[str, Any] | None = None,
    use_htmldate: bool = True,
) -> DateResult:
    """The page's publication date with its source, and the full timestamps where known.

    Evidence ranked: JSON-LD / meta published, a byline ``<time>``, a date/byline element, a
    date the text labels as published, the URL's date (page URL, else canonical), htmldate.
    Dates of teasers, links to other articles and mastheads never count; a ``<time>``
    outside the article and unmarked loses to the URL's date. A UTC timestamp is read as the
    publisher's local day where the page shows it. A date far from the URL's is warned of.
    """
    hints = hints or {}
    url_day = url_date(url) or url_date(canonical)
    own = _own_paths(url, canonical)
    times = _time_dates(tree, own) if tree is not None else _TimeDates()
    page = _PageReads(tree, own) if tree is not None else None
    published, modified = _markup_dates(page, jsonld, times)
    if (
        published is not None
        and published[1] == "time"
        and not times.strong
        and url_day is not None
        and published[0][0] != url_day.isoformat()
    ):
        published = None
    if published is None:
        published = _fallback_published(page, url or canonical, url_day, hints, use_htmldate)
    if published is not None:
        (day_str, stamp), source = published
        day_str = _local_day(day_str, stamp, page, times, url_day)
        warnings: tuple[str, ...] = ()
        if url_day is not None and abs(date.fromisoformat(day_str) - url_day) > timedelta(
            days=LOCAL_DAY_SHIFT_DAYS
        ):
            warnings = (f"date {day_str} ({source}) disagrees with the URL's {url_day}",)
        shown = page.updated() if modified is None and page is not None else None
        if shown is not None and shown.isoformat() > day_str:  # an update after publication
            modified = (shown.isoformat(), shown.isoformat())
        return DateResult(day_str, stamp, modified[1] if modified else None, source, warnings)
    if modified is not None:
        return DateResult(modified[0], None, modified[1], "meta")
    return DateResult()


def now_utc() -> str:
    """The current time as a UTC ISO 8601 string (seconds precision)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()
