"""Date rules as data: meta names, month names and the text/URL patterns built from them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta
from typing import Final

# <meta name|property|itemprop=...> names, lower-cased, in order of trust.
PUBLISHED_META: Final = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "og:published_time",
    "published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "originalpublicationdate",
    "article.published",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "og:pubdate",
    "citation_publication_date",
    "bt:pubdate",
    "ptime",
    "release_date",
    "uploaddate",
    "displaydate",
    "dateline",
    "created",
    "creation_date",
    "article:post_date",
    "rnews:datepublished",
)
# Generic names many CMSs fill with the record's creation or last-save time: below the
# article's own byline (a <time> in it, a date/byline element) when the two disagree.
WEAK_PUBLISHED_META: Final = frozenset(
    {"date", "dc.date", "dcterms.date", "dc.date.created", "dcterms.created", "created",
     "creation_date"}
)
MODIFIED_META: Final = (
    "article:modified_time",
    "og:updated_time",
    "article:modified",
    "og:article:modified_time",
    "modified_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "utime",
    "updated_time",
    "article:updated_time",
    "revised",
)
# JSON-LD keys of an article object.
JSONLD_PUBLISHED: Final = ("datePublished", "dateCreated", "uploadDate")
JSONLD_MODIFIED: Final = ("dateModified",)
# class/id/itemprop substrings marking a <time> or text element as published / modified.
PUBLISHED_MARKS: Final = (
    "publish",
    "pubdate",
    "datepublished",
    "created",
    "posted",
    "date-time",
    "dateline",
)
MODIFIED_MARKS: Final = ("modif", "update", "aktualisiert", "bijgewerkt", "edited", "revised")
# Elements whose visible text may carry the date line (class/id substrings).
DATE_TEXT_MARKS: Final = (
    "date",
    "time",
    "byline",
    "published",
    "dateline",
    "meta",
    "datum",
    "posted",
)

MONTHS: Final = {
    # en
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    # nl
    "januari": 1,
    "februari": 2,
    "maart": 3,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "augustus": 8,
    "oktober": 10,
    "mrt": 3,
    "okt": 10,
    # de
    "januar": 1,
    "jänner": 1,
    "februar": 2,
    "märz": 3,
    "maerz": 3,
    "dezember": 12,
    "dez": 12,
    "mär": 3,
    # fr
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
    "janv": 1,
    "févr": 2,
    "avr": 4,
    "juil": 7,
    # es / it / pt (shared names such as "abril", "agosto" once)
    "enero": 1,
    "febrero": 2,
    "marzo": 3,
    "abril": 4,
    "mayo": 5,
    "junio": 6,
    "julio": 7,
    "agosto": 8,
    "septiembre": 9,
    "setiembre": 9,
    "octubre": 10,
    "noviembre": 11,
    "diciembre": 12,
    "gennaio": 1,
    "febbraio": 2,
    "aprile": 4,
    "maggio": 5,
    "giugno": 6,
    "luglio": 7,
    "settembre": 9,
    "ottobre": 10,
    "dicembre": 12,
    "janeiro": 1,
    "fevereiro": 2,
    "março": 3,
    "maio": 5,
    "junho": 6,
    "julho": 7,
    "setembro": 9,
    "outubro": 10,
    "dezembro": 12,
}
# Digits of other scripts read as ASCII before any date pattern (Arabic-Indic, Persian,
# full-width).
DIGITS: Final = str.maketrans(
    "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"
    "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19",
    "0123456789" * 3,
)


def _prefix_tree(words: Iterable[str]) -> str:
    """An alternation of ``words`` as a prefix tree ("sep(?:t(?:ember)?)?"): the regex engine
    follows one branch per letter instead of trying every word at every word boundary (five
    times faster on a page's text). It matches what the longest-first alternation of the
    same words matches: at a position the words that fit are prefixes of one another (no two
    letters of a branch are one letter ignoring case), and both try them longest first."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branch(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(root)


_MONTH_ALT: Final = _prefix_tree(MONTHS)
_YEAR: Final = r"(?P<y>(?:19|20)\d\d)"
_DAY: Final = r"(?P<d>[0-3]?\d)"

# Visible-text patterns, each with named groups y, m (number or month name), d.
TEXT_DATE_PATTERNS: Final = (
    # 2025-09-03, 2025/09/03
    re.compile(rf"\b{_YEAR}[-/.](?P<m>[01]?\d)[-/.]{_DAY}\b"),
    # 3 september 2025, 3. September 2025, 3 septembre 2025, woensdag 3 september 2025, 1er mai
    # 2025, 11 de mayo de 2022, 1º de março de 2024
    re.compile(
        rf"\b{_DAY}(?:\.|er|º|st|nd|rd|th)?\s+(?:de\s+)?(?P<m>{_MONTH_ALT})\.?,?\s+"
        rf"(?:de\s+|del\s+)?{_YEAR}\b",
        re.I,
    ),
    # September 3, 2025 / Sept. 3, 2025
    re.compile(rf"\b(?P<m>{_MONTH_ALT})\.?\s+{_DAY}(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.I),
    # 03.09.2025, 3-9-2025, 03/09/2025, 4. 2. 2022 (day first, as in nl/de/fr)
    re.compile(rf"\b{_DAY}(?:[/-]|\.\s?)(?P<m>[01]?\d)(?:[/-]|\.\s?){_YEAR}\b"),
    # 2025年9月3日 (zh/ja), 2025년 9월 3일 (ko): no word boundary between CJK and digits
    re.compile(rf"(?<!\d){_YEAR}\s*[年년]\s*(?P<m>[01]?\d)\s*[月월]\s*{_DAY}\s*[日일]"),
)
# URL patterns: /2025/09/03/, /2025-09-03, /20250903
URL_DATE_PATTERNS: Final = (
    re.compile(rf"/{_YEAR}/(?P<m>[01]?\d)/{_DAY}(?:/|$|[^0-9])"),
    re.compile(rf"[/_-]{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[/_.-]|$)"),
    re.compile(rf"[/_-]{_YEAR}(?P<m>[01]\d)(?P<d>[0-3]\d)(?:[/_.-]|$)"),
)
# Labels right before a visible date: which date it is.
_ON: Final = r"\W*(?:on|am|op|le|el|il)?\W*$"
PUBLISHED_LABEL: Final = re.compile(
    r"(?:published|posted|veröffentlicht|erschienen|erstellt|gepubliceerd|geplaatst|publié"
    r"|publicado|pubblicato|\b(?:datum|date|fecha|data)\s*:)" + _ON,  # not "update:"
    re.I,
)
MODIFIED_WORD: Final = re.compile(
    r"(?:updated?|modified|last edited|aktualisiert|geändert|gewijzigd|bijgewerkt|mise? à jour"
    r"|actualisée?|actualizad[oa]|actualización|atualizad[oa]|atualização|aggiornat[oa]"
    r"|aggiornamento|letzte änderung|stand\s*:)",
    re.I,
)
MODIFIED_LABEL: Final = re.compile(MODIFIED_WORD.pattern + _ON, re.I)
LABEL_WINDOW: Final = 30  # characters before a date searched for a label
DATE_LINE_MAX_CHARS: Final = 160  # a byline's line ("By A. Writer · 12 June 2024 · Updated ...")
# The byline under the headline when no class marks it (utility-class markup): a short line
# among the first elements after the article's <h1>, before its first body paragraph.
HEADLINE_LINE_ELEMENTS: Final = 12  # elements after the <h1> looked at
HEADLINE_BODY_CHARS: Final = 300  # a <p> this long is the body: the byline came before it
# The same labels searched in running text, a date following within LABELLED_DATE_GAP chars.
PUBLISHED_LABEL_ANYWHERE: Final = re.compile(
    r"\b(?:(?:published|posted|veröffentlicht|erschienen|erstellt|gepubliceerd|geplaatst|publié"
    r"|publicado|pubblicato)\b|(?:datum|date|fecha)\s*:)",
    re.I,
)
LABELLED_DATE_GAP: Final = 20
# A labelled date may stand anywhere in the page's text ("Erschienen am: 01.11.2023" in a
# footer): at most this many characters of text outside links are searched for one.
LABELLED_TEXT_MAX_CHARS: Final = 200_000
# Elements holding other articles or readers' comments (class/id substrings): their dates
# are not this page's.
TEASER_MARKS: Final = (
    "comment",
    "teaser",
    "related",
    "recommend",
    "read-also",
    "readalso",
    "read-more",
    "readmore",
    "more-articles",
    "more-stories",
    "promo",
    "sidebar",
)
# Elements holding the site's own "today" date or a weather widget's: not the article's.
MASTHEAD_MARKS: Final = ("masthead", "today", "current-date", "currentdate", "weather", "clock")
# A UTC timestamp at this whole hour (minutes and seconds zero) with nothing else naming the
# day is a local midnight stored as UTC (a date-only field in UTC+1..+2, as CMSs of central
# Europe write it): its local day is the next day.
UTC_LOCAL_MIDNIGHT_HOURS: Final = (22, 23)
# A clock time written right after a visible date ("March 30, 2023, 19:21", "9. Dezember
# 2023 um 00:10 Uhr", "26 août 2023 à 01h01"): with a UTC stamp, the page's local instant.
CLOCK_AFTER_DATE: Final = re.compile(
    r"\s*[,·|–—-]?\s*(?:om|um|at|à|a las|alle|às|kl\.?)?\s*(?P<h>[0-2]?\d)[:.h](?P<min>[0-5]\d)\b",
    re.I,
)
# The minutes of every clock time a CLOCK_AFTER_DATE match holds: its separator and two
# digits after an hour digit. Two of them never overlap (each starts with a separator, then
# digits), so ``findall`` reads them all.
CLOCK_MINUTES: Final = re.compile(r"(?<=\d)[:.h](?P<min>[0-5]\d)\b", re.I)
MAX_UTC_OFFSET: Final = timedelta(hours=14)
OFFSET_STEP_SECONDS: Final = 15 * 60  # offsets are whole quarter hours (+05:45, -03:30)
# Dates that another source's day may correct by this many days (time-zone shifts only).
LOCAL_DAY_SHIFT_DAYS: Final = 1
EARLIEST_YEAR: Final = 1995  # no news page in scope is older
