"""Metadata rules as data: meta names for title, authors, tags and language; title separators."""

from __future__ import annotations

import re
from typing import Final

TITLE_META: Final = ("og:title", "twitter:title", "dc.title", "parsely-title", "sailthru.title")
# Where a page names its section ("Politik", "정치"); a title part equal to it is no headline.
SECTION_META: Final = (
    "article:section",
    "articlesection",
    "content_category",
    "category",
    "section",
    "parsely-section",
    "sailthru.section",
)
SITE_NAME_META: Final = (
    "og:site_name",
    "application-name",
    "apple-mobile-web-app-title",
    "publisher",
)
AUTHOR_META: Final = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "citation_author",
    "cxenseparse:author",
    "twitter:creator",
)
TAG_META: Final = (
    "article:tag",
    "news_keywords",
    "parsely-tags",
    "sailthru.tags",
    "og:article:tag",
)
LANGUAGE_META: Final = ("content-language", "language", "dc.language", "og:locale", "inlanguage")
CANONICAL_META: Final = ("og:url", "twitter:url")
BYLINE_CLASS_TOKENS: Final = (
    "byline",
    "author-name",
    "authorname",
    "article-author",
    "author__name",
    "autor",
    "author",
    "auteur",
)
BYLINE_MAX_CHARS: Final = 120  # a longer "byline" element is an author box or a bio

# " | Site", " - Site", " — Site" ... between a headline and the site name.
TITLE_SEPARATORS: Final = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|‹|/)\s+|\s*[｜：ㅣ|]\s*")
# A section name glued on with a bare hyphen ("Headline-정치"): only when it equals the section.
SECTION_SUFFIX_JOINERS: Final = ("-", "–", "—", "_")
# Invisible format characters (soft hyphen, zero-width spaces and joiners, BOM) that pages put
# into headlines for line breaking; a title is one searchable line without them.
INVISIBLE_CHARS: Final = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
# A trailing title part that is only a date ("| 28.04.2023") is no part of the headline.
# The page's <h1> replaces a meta title that is its words plus a shorter site or branding
# tail ("X von jesusfreak", "X : Muffin Rezepte") when it has at least this many words, and
# a meta title cut short with one of these ellipses.
TITLE_H1_MIN_WORDS: Final = 3
TITLE_ELLIPSES: Final = ("...", "…")
# An <h1> whose letters hold the host's name (at least this long) is the site's logo.
SITE_LABEL_MIN_CHARS: Final = 4
# A separator left at the end once an empty site part is gone ("Headline -").
TITLE_DANGLING_SEPARATOR: Final = re.compile(r"\s+(?:\||-|–|—|::|·|•|/)+\s*$")
TITLE_DATE_PART: Final = re.compile(r"^[\d\s./-]{6,12}$")
SITE_SUFFIX_MAX_WORDS: Final = 3  # unknown site name: a longer trailing part is headline
SITE_SUFFIX_MAX_CHARS: Final = 30

AUTHOR_PREFIXES: Final = re.compile(
    r"^\s*(?:by|door|von|par|por|di|af|av|written by"
    r"|text\s*:|tekst\s*:|texte\s*:|autor(?:in)?\s*:|author\s*:)\s+",
    re.I,
)
AUTHOR_SPLIT: Final = re.compile(
    r"\s*(?:,|;|&|\band\b|\ben\b|\bund\b|\bet\b|\by\b|\be\b|\bog\b|\boch\b)\s*", re.I
)
# A "name" holding one of these words is a job title or a desk, not a person.
AUTHOR_ROLES: Final = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|editors|contributor|columnist|journalist|staff|"
    r"redactie|redaktion|redakteur|redakteurin|redacteur|rédaction|agencies|newsroom|desk)\b",
    re.I,
)
AUTHOR_MAX_WORDS: Final = 5  # longer "names" are sentences caught by accident
