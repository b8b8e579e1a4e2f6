"""Metadata step: title, authors, language, tags, canonical URL and site, read from the tree."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, Final
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from cleaners.rules.languages import MIN_HITS, MIN_LEAD, SAMPLE_CHARS, STOPWORDS
from cleaners.rules.metadata import (
    AUTHOR_MAX_WORDS,
    AUTHOR_META,
    AUTHOR_PREFIXES,
    AUTHOR_ROLES,
    AUTHOR_SPLIT,
    BYLINE_CLASS_TOKENS,
    BYLINE_MAX_CHARS,
    CANONICAL_META,
    INVISIBLE_CHARS,
    LANGUAGE_META,
    SECTION_META,
    SECTION_SUFFIX_JOINERS,
    SITE_LABEL_MIN_CHARS,
    SITE_NAME_META,
    SITE_SUFFIX_MAX_CHARS,
    SITE_SUFFIX_MAX_WORDS,
    TAG_META,
    TITLE_DANGLING_SEPARATOR,
    TITLE_DATE_PART,
    TITLE_ELLIPSES,
    TITLE_H1_MIN_WORDS,
    TITLE_META,
    TITLE_SEPARATORS,
)
from cleaners.steps.jsonld import first_value
from cleaners.steps.text_nodes import text_of

_WORD: Final = re.compile(r"[^\W\d_]+")
_LANG: Final = re.compile(r"^([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*$")
_BODIES: Final = etree.XPath("//body[not(ancestor::body)]")  # each element below one once
# A class holds a byline token when it holds one of the tokens no other token is part of.
_BYLINE_TOKENS: Final = tuple(
    t for t in BYLINE_CLASS_TOKENS if not any(o != t and o in t for o in BYLINE_CLASS_TOKENS)
)


def _byline_elements(tree: HtmlElement) -> Iterator[HtmlElement]:
    """Body elements whose class contains a byline token, in document order, found as they
    are asked for (each distinct class tested once)."""
    hits: dict[str, bool] = {}
    for body in _BODIES(tree):
        for el in body.iterdescendants():
            classes = el.get("class")
            if classes is None:
                continue
            hit = hits.get(classes)
            if hit is None:
                hit = hits[classes] = any(t in classes for t in _BYLINE_TOKENS)
            if hit:
                yield el


@dataclass(frozen=True)
class Metadata:
    """What the page says about itself."""

    title: str = ""
    authors: tuple[str, ...] = ()
    language: str | None = None
    tags: tuple[str, ...] = ()
    canonical_url: str | None = None
    site: str = "local"


def _clean(text: Any) -> str:
    """Whitespace-collapsed string form of a value ('' for non-strings)."""
    return " ".join(text.split()) if isinstance(text, str) else ""


def _unescape(text: str) -> str:
    """Undo HTML entities left in metadata values (``&quot;``, ``&#039;``)."""
    return " ".join(html.unescape(text).split()) if "&" in text else text


def _meta_map(tree: HtmlElement) -> dict[str, list[str]]:
    """All <meta> name/property/itemprop/http-equiv values, lower-cased keys, in order."""
    found: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        content = _clean(meta.get("content"))
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attr) or "").strip().lower()
            if key:
                found.setdefault(key, []).append(content)
    return found


def _first(meta: dict[str, list[str]], names: tuple[str, ...]) -> str:
    """The first value of the first name present."""
    for name in names:
        if meta.get(name):
            return meta[name][0]
    return ""


def _norm(text: str) -> str:
    """Case-folded words only, for title comparisons."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _is_site(part: str, site: str) -> bool:
    """Whether a title part names the site (or is just a date)."""
    key = _norm(part)
    if TITLE_DATE_PART.match(part.strip()):
        return True
    return bool(site and key and (key == site or key in site or site in key))


def _short_suffix(head: str, tail: str) -> bool:
    """With no site name known: a short tail after a long head is taken for the site name."""
    return (
        len(tail.split()) <= SITE_SUFFIX_MAX_WORDS
        and len(tail) <= SITE_SUFFIX_MAX_CHARS
        and len(head) >= 2 * len(tail) + 10
    )


def _strip_glued_section(title: str, sections: frozenset[str]) -> str:
    """'Headline-정치' -> 'Headline' when '정치' is the page's section and a headline of two
    or more words is left."""
    folded = title.casefold()
    for section in sections:
        for joiner in SECTION_SUFFIX_JOINERS:
            suffix = f"{joiner}{section}"
            if folded.endswith(suffix):
                head = title[: _folded_suffix_start(title, suffix)].rstrip()
                if len(head.split()) >= 2:
                    return head
    return title


def _folded_suffix_start(title: str, suffix: str) -> int:
    """Where the part of ``title`` whose case-folding is ``suffix`` starts. Folding may
    lengthen a part ('Fußball' -> 'fussball'), so the folded length is an upper bound."""
    for n in range(1, len(suffix) + 1):
        if title[-n:].casefold() == suffix:
            return len(title) - n
    return len(title) - len(suffix)


def strip_site_name(title: str, site_name: str = "", sections: frozenset[str] = frozenset()) -> str:
    """Remove trailing (or a leading) " | Site" and " | Section" parts from a page title.

    ``sections`` are the page's own section names, case-folded (``article:section``,
    JSON-LD ``articleSection``): a trailing part equal to one of them goes too."""
    site = _norm(site_name)
    section_keys = {_norm(s) for s in sections}
    for _ in range(3):
        title = _strip_glued_section(title, sections)
        seps = list(TITLE_SEPARATORS.finditer(title))
        if not seps:
            break
        first, last = seps[0], seps[-1]
        head, tail = title[: last.start()], title[last.end() :]
        if site and _is_site(title[: first.start()], site):
            title = title[first.end() :]
        elif (
            _is_site(tail, site)
            or _norm(tail) in section_keys
            or (not site and _short_suffix(head, tail))
        ):
            title = head
        else:
            break
    return title.strip()


def _sections(meta: dict[str, list[str]], jsonld: tuple[dict[str, Any], ...]) -> frozenset[str]:
    """The page's section names, case-folded: section meta tags and JSON-LD articleSection."""
    value = first_value(jsonld, "articleSection")
    names = [
        *(v for name in SECTION_META for v in meta.get(name, ())),
        *(value if isinstance(value, list) else [value]),
    ]
    return frozenset(n.strip().casefold() for n in names if isinstance(n, str) and n.strip())


def _compact(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _is_logo(h1: str, site_name: str, host: str | None) -> bool:
    """An <h1> that names the site (its logo or name, on every page), not the headline:
    it is the site name, or its letters hold the host's name ("DimidoBlog" on dimido.de)."""
    if site_name and _compact(h1) == _compact(site_name):
        return True
    labels = (host or "").removeprefix("www.").split(".")
    label = _compact(labels[-2] if len(labels) >= 2 else labels[0])
    return len(label) >= SITE_LABEL_MIN_CHARS and label in _compact(h1)


def _trim_with_h1(candidate: str, h1: str) -> str:
    """The page's own <h1> where the candidate claims the same headline with a site or
    branding part around it, or cut short: a part split off by a title separator; a tail
    after the <h1>'s words that is the smaller part ("Muffin Grundrezept : Muffin Rezepte",
    "X von jesusfreak"); a candidate ending in an ellipsis that starts the <h1>. A kicker
    before the headline ("Kenia: Nairobi von unten") stays: publishers count it in. Any
    other disagreement keeps the candidate (an <h1> may be a logo or a section name)."""
    if not h1 or candidate == h1:
        return candidate
    cand, head = _norm(candidate).split(), _norm(h1).split()
    if not cand or not head or cand == head:
        return candidate
    n, m = len(head), len(cand)
    for match in TITLE_SEPARATORS.finditer(candidate):
        if head in (_norm(candidate[: match.start()]).split(),
                    _norm(candidate[match.end() :]).split()):
            return h1
    if TITLE_H1_MIN_WORDS <= n < m and m - n < n and cand[:n] == head:
        return h1
    if candidate.rstrip().endswith(TITLE_ELLIPSES) and n > m and head[: m - 1] == cand[:-1]:
        return h1
    return candidate


def _h1(tree: HtmlElement) -> str:
    """Text of the article's <h1> (one inside <article>/<main> first)."""
    h1s = list(tree.iter("h1"))
    inside = [h for h in h1s if any(a.tag in ("article", "main") for a in h.iterancestors())]
    for h in inside + h1s:
        text = _clean(text_of(h))
        if text:
            return text
    return ""


def read_title(
    tree: HtmlElement,
    meta: dict[str, list[str]],
    jsonld: tuple[dict[str, Any], ...],
    hint: str = "",
    host: str | None = None,
) -> str:
    """The headline: JSON-LD headline, og:title, twitter:title, <title>, <h1>, site name cut.

    Site and section parts are cut, and invisible format characters (soft hyphens,
    zero-width spaces) dropped: a title is one searchable line."""
    site_name = _first(meta, SITE_NAME_META)
    sections = _sections(meta, jsonld)
    title_el = tree.find(".//title")
    page_h1 = _h1(tree)
    logo = page_h1 if page_h1 and _is_logo(page_h1, site_name, host) else ""
    h1 = "" if logo else page_h1
    candidates = (
        _clean(first_value(jsonld, "headline")),
        *(_first(meta, (name,)) for name in TITLE_META),
        _clean(text_of(title_el)) if title_el is not None else "",
    )
    for candidate in candidates:
        candidate = TITLE_DANGLING_SEPARATOR.sub("", strip_site_name(
            _unescape(candidate), site_name or logo, sections))
        if candidate:
            return _visible(_trim_with_h1(candidate, h1))
    return _visible(page_h1 or _clean(hint))


def _visible(text: str) -> str:
    """``text`` without invisible format characters, whitespace collapsed."""
    return " ".join(INVISIBLE_CHARS.sub("", text).split())


def _split_names(value: str) -> list[str]:
    """'By A and B' -> ['A', 'B']."""
    value = AUTHOR_PREFIXES.sub("", _clean(value))
    if not value or "http" in value or "@" in value:
        return []
    names = [AUTHOR_PREFIXES.sub("", n).strip(" .,|") for n in AUTHOR_SPLIT.split(value)]
    return [
        n
        for n in names
        if n
        and len(n.split()) <= AUTHOR_MAX_WORDS
        and not any(c.isdigit() for c in n)
        and not AUTHOR_ROLES.search(n)
    ]


def _jsonld_authors(jsonld: tuple[dict[str, Any], ...]) -> list[str]:
    """Author names from JSON-LD ``author`` (objects, lists or strings)."""
    value = first_value(jsonld, "author")
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, list):
            name = name[0] if name else ""
        names.extend(_split_names(name) if isinstance(name, str) else [])
    return names


def _byline_texts(tree: HtmlElement) -> list[str]:
    """Texts of the first few short byline elements."""
    texts = (_clean(text_of(el)) for el in _byline_elements(tree))
    return list(islice((t for t in texts if 0 < len(t) <= BYLINE_MAX_CHARS), 3))


def _unique(names: list[str]) -> tuple[str, ...]:
    """Names without case-insensitive repeats, in order."""
    seen: dict[str, str] = {}
    for n in names:
        seen.setdefault(n.casefold(), n)
    return tuple(seen.values())


def read_authors(
    tree: HtmlElement, meta: dict[str, list[str]], jsonld: tuple[dict[str, Any], ...]
) -> tuple[str, ...]:
    """Authors from JSON-LD, else meta tags, else rel=author links, else byline elements.

    A byline naming the one JSON-LD author and more besides wins (JSON-LD often lists the
    first author only)."""
    byline = lambda: [n for text in _byline_texts(tree) for n in _split_names(text)]  # noqa: E731
    sources = (
        lambda: _jsonld_authors(jsonld),
        lambda: [n for name in AUTHOR_META for v in meta.get(name, ()) for n in _split_names(v)],
        lambda: [
            n
            for a in tree.xpath("//body//a[@rel='author']")
            for n in _split_names(text_of(a))
        ],
        byline,
    )
    for source in sources:
        names = _unique(source())
        if len(names) == 1 and source is not byline:
            more = _unique(byline())
            if len(more) > 1 and names[0].casefold() in {n.casefold() for n in more}:
                return more
        if names:
            return names
    return ()


def read_language(tree: HtmlElement, meta: dict[str, list[str]]) -> str | None:
    """ISO 639-1 code from <html lang>, else content-language meta, else None."""
    for raw in (
        tree.get("lang"),
        tree.get("xml:lang"),
        *(meta.get(n, [""])[0] for n in LANGUAGE_META),
    ):
        match = _LANG.match((raw or "").strip())
        if match:
            return match.group(1).lower()
    return None


def guess_language(text: str) -> str | None:
    """ISO 639-1 code guessed from function words (nl/en/de/fr/es/it/pt), None when unsure."""
    words = _WORD.findall(text[:SAMPLE_CHARS].lower())
    hits = sorted(
        ((sum(w in stop for w in words), code) for code, stop in STOPWORDS.items()), reverse=True
    )
    (best, code), (second, _) = hits[0], hits[1]
    return code if best >= MIN_HITS and best >= MIN_LEAD * second else None


def read_tags(meta: dict[str, list[str]], jsonld: tuple[dict[str, Any], ...]) -> tuple[str, ...]:
    """Tags from article:tag / news_keywords metas and JSON-LD keywords, de-duplicated."""
    raw: list[str] = [v for name in TAG_META for v in meta.get(name, ())]
    keywords = first_value(jsonld, "keywords")
    raw.extend(
        keywords if isinstance(keywords, list) else [keywords] if isinstance(keywords, str) else []
    )
    tags: dict[str, str] = {}
    for value in raw:
        for tag in value.split(",") if isinstance(value, str) else []:
            tag = _clean(tag)
            if tag and len(tag) <= 100:
                tags.setdefault(tag.casefold(), tag)
    return tuple(tags.values())


def read_canonical(tree: HtmlElement, meta: dict[str, list[str]], url: str | None) -> str | None:
    """The canonical URL (link rel=canonical, else og:url), absolute, without fragment."""
    href = ""
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            href = link.get("href", "").strip()
            break
    href = href or _first(meta, CANONICAL_META)
    if not href:
        return None
    absolute = urljoin(url, href) if url else href
    if not absolute.startswith(("http://", "https://")):
        return None
    return absolute.split("#", 1)[0]


def site_of(url: str | None, site: str | None = None) -> str:
    """The given site name, else the URL's host without www., else 'local'."""
    if site:
        return site
    host = urlsplit(url).hostname if url else None
    if not host:
        return "local"
    return host[4:] if host.startswith("www.") else host


def read_metadata(
    tree: HtmlElement,
    *,
    url: str | None = None,
    site: str | None = None,
    jsonld: tuple[dict[str, Any], ...] = (),
    hints: dict[str, Any] | None = None,
) -> Metadata:
    """Everything the record needs from the page besides body and dates."""
    hints = hints or {}
    meta = _meta_map(tree)
    canonical = read_canonical(tree, meta, url)
    language = hints.get("language") or read_language(tree, meta)
    return Metadata(
        title=read_title(tree, meta, jsonld, hints.get("title") or "",
                         urlsplit(canonical or url or "").hostname),
        authors=read_authors(tree, meta, jsonld),
        language=language,
        tags=read_tags(meta, jsonld),
        canonical_url=canonical,
        site=site_of(url or canonical, site),
    )
