"""Dates step: collect candidates with provenance, pick published over modified.

Trust order: JSON-LD, meta tags, ``<time datetime>``, discovery hints (sitemap/feed), visible
date lines, the URL, and htmldate last (only when nothing else gave a published date).
``date`` is the publisher's local calendar day: a timestamp with an offset keeps its own
date, it is never converted to UTC. ``published``/``modified`` keep the full ISO form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any, Final

from lxml import etree
from lxml.html import HtmlElement

from cleaners.rules.dates import (
    DATE_TEXT_MARKS,
    EARLIEST_YEAR,
    JSONLD_MODIFIED,
    JSONLD_PUBLISHED,
    LABEL_WINDOW,
    MODIFIED_LABEL,
    MODIFIED_MARKS,
    MODIFIED_META,
    MONTHS,
    PUBLISHED_LABEL,
    PUBLISHED_MARKS,
    PUBLISHED_META,
    TEXT_DATE_PATTERNS,
    URL_DATE_PATTERNS,
)

_PUBLISHED_RANK: Final = {name: i for i, name in enumerate(PUBLISHED_META)}
_MODIFIED_RANK: Final = {name: i for i, name in enumerate(MODIFIED_META)}
_COMPACT: Final = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2}):?(\d{2}):?(\d{2})?)?")
_TZ_NO_COLON: Final = re.compile(r"([+-]\d{2})(\d{2})$")
_TIME_XPATH: Final = etree.XPath(
    "//body//time[@datetime] | //body//*[@itemprop][@datetime or @content]"
)
_DATE_TEXT_XPATH: Final = etree.XPath(
    "//body//*[self::time or self::span or self::div or self::p or self::li or self::small]"
    "[{}]".format(
        " or ".join(f"contains(@class,'{t}') or contains(@id,'{t}')" for t in DATE_TEXT_MARKS)
    )
)
_MAX_TEXT_CANDIDATES: Final = 30
_TEASER_TAGS: Final = frozenset({"a", "h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True)
class DateResult:
    """The record's date fields."""

    date: str | None = None
    published: str | None = None
    modified: str | None = None
    source: str | None = None


def _plausible(day: date) -> bool:
    """A publication date between EARLIEST_YEAR and tomorrow."""
    return day.year >= EARLIEST_YEAR and day <= date.today() + timedelta(days=1)


def parse_timestamp(value: Any) -> tuple[str, str] | None:
    """A date/time string -> (YYYY-MM-DD local day, ISO 8601 form), or None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
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


def _meta_dates(tree: HtmlElement) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """Best (published, modified) from <meta> tags, ranked by PUBLISHED_META / MODIFIED_META."""
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
    return (best_pub[1] if best_pub else None), (best_mod[1] if best_mod else None)


def _marks(el: HtmlElement) -> str:
    """Lower-cased class, id and itemprop of an element."""
    return f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}".lower()


def _time_dates(tree: HtmlElement) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """(published, modified) from <time datetime> / itemprop elements, article ones first."""
    published: list[tuple[int, tuple[str, str]]] = []
    modified: tuple[str, str] | None = None
    for el in _TIME_XPATH(tree):
        parsed = parse_timestamp(el.get("datetime") or el.get("content"))
        if parsed is None:
            continue
        marks = (
            _marks(el) + " " + _marks(el.getparent()) if el.getparent() is not None else _marks(el)
        )
        if any(m in marks for m in MODIFIED_MARKS):
            modified = modified or parsed
            continue
        if el.get("itemprop") and "datepublished" not in marks and el.tag != "time":
            continue
        in_article = any(a.tag in ("article", "main", "header") for a in el.iterancestors())
        score = 0 if any(m in marks for m in PUBLISHED_MARKS) else (1 if in_article else 2)
        published.append((score, parsed))
    best = min(published, key=lambda p: p[0])[1] if published else None
    return best, modified


def _in_teaser(el: HtmlElement) -> bool:
    """Inside a link or a sub-heading: the date of another article (a teaser), not this one."""
    return any(a.tag in _TEASER_TAGS for a in el.iterancestors())


def _visible_date(tree: HtmlElement) -> date | None:
    """The first date in a date/byline element of the page, else in the page title."""
    for i, el in enumerate(_DATE_TEXT_XPATH(tree)):
        if i >= _MAX_TEXT_CANDIDATES:
            break
        if any(m in _marks(el) for m in MODIFIED_MARKS) or _in_teaser(el):
            continue
        text = " ".join(el.text_content().split())[:200]
        if text and (day := text_date(text)) is not None:
            return day
    for title in (
        *tree.xpath("//head/meta[@property='og:title']/@content"),
        tree.findtext(".//title"),
    ):
        if title and (day := text_date(title)) is not None:
            return day
    return None


def _htmldate(tree: HtmlElement, url: str | None) -> str | None:
    """htmldate's guess, used only when no other source dated the page."""
    from htmldate import find_date

    try:
        found = find_date(tree, url=url, original_date=True, extensive_search=True)
    except (ValueError, TypeError, AttributeError):
        return None
    return found if found and (parsed := parse_timestamp(found)) and parsed[0] == found else None


_Stamp = tuple[str, str]  # (YYYY-MM-DD as the publisher dates it, full ISO timestamp)


def _markup_dates(
    tree: HtmlElement | None, jsonld: tuple[dict[str, Any], ...]
) -> tuple[tuple[_Stamp, str] | None, _Stamp | None]:
    """(published with its source, modified) from JSON-LD, then meta tags, then <time>."""
    published = (p, "jsonld") if (p := _from_jsonld(jsonld, JSONLD_PUBLISHED)) else None
    modified = _from_jsonld(jsonld, JSONLD_MODIFIED)
    if tree is None:
        return published, modified
    meta_pub, meta_mod = _meta_dates(tree)
    modified = modified or meta_mod
    if published is None and meta_pub is not None:
        published = (meta_pub, "meta")
    if published is None or modified is None:
        time_pub, time_mod = _time_dates(tree)
        modified = modified or time_mod
        if published is None and time_pub is not None:
            published = (time_pub, "time")
    return published, modified


def _day_stamp(day: date | None) -> _Stamp | None:
    return (day.isoformat(), day.isoformat()) if day is not None else None


def _htmldate_stamp(tree: HtmlElement, url: str | None) -> _Stamp | None:
    found = _htmldate(tree, url)
    return (found, found) if found else None


def _fallback_published(
    tree: HtmlElement | None, url: str | None, hints: dict[str, Any], use_htmldate: bool
) -> tuple[_Stamp, str] | None:
    """When the markup names no date: the sitemap/feed hint, a visible date line, the URL,
    then htmldate, in that order (each tried only when the ones before found nothing)."""
    sources = (
        (lambda: parse_timestamp(hints.get("date")), hints.get("date_source") or "sitemap"),
        (lambda: _day_stamp(_visible_date(tree)) if tree is not None else None, "text"),
        (lambda: _day_stamp(url_date(url)), "url"),
        (
            lambda: _htmldate_stamp(tree, url) if tree is not None and use_htmldate else None,
            "htmldate",
        ),
    )
    for read, source in sources:
        if (stamp := read()) is not None:
            return stamp, source
    return None


def find_dates(
    tree: HtmlElement | None,
    *,
    url: str | None = None,
    jsonld: tuple[dict[str, Any], ...] = (),
    hints: dict[str, Any] | None = None,
    use_htmldate: bool = True,
) -> DateResult:
    """The page's publication date with its source, and the full timestamps where known."""
    published, modified = _markup_dates(tree, jsonld)
    if published is None:
        published = _fallback_published(tree, url, hints or {}, use_htmldate)
    if published is not None:
        (day_str, stamp), source = published
        return DateResult(day_str, stamp, modified[1] if modified else None, source)
    if modified is not None:
        return DateResult(modified[0], None, modified[1], "meta")
    return DateResult()


def now_utc() -> str:
    """The current time as a UTC ISO 8601 string (seconds precision)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()
