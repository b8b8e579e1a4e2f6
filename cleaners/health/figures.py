"""Run-health figures: what one record counts towards, and a run's figures from its stats.

The crawler counts each written record's flags into the crawl stats (``record_flags``); at the
end ``health_figures`` turns the stats dict into the ``health`` object of the run manifest::

    {"pages": {"article": 12, "listing": 3, ...}, "pages_fetched": 17,
     "articles_found": 12, "articles_written": 10, "articles_unchanged": 1,
     "articles_known": 1, "records": 10, "shares": {"undated": 0.1, "weak_date": 0.0, ...},
     "sections_per_article": 3.2, "subheadings_per_article": 2.2,
     "http_errors": 2, "http_status": {"404": 2}, "retries": 1, "retries_gave_up": 0,
     "download_errors": 0, "robots_forbidden": 1}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cleaners.health import rules


def record_flags(record: Mapping[str, Any], *, short_words: int = rules.SHORT_ARTICLE_WORDS,
                 ) -> dict[str, bool]:
    """Which of ``rules.RECORD_FLAGS`` a record raises."""
    cleaning = record.get("cleaning") or {}
    sections = record.get("sections") or ()
    removed = (cleaning.get("template_blocks_removed", 0) or 0) + (
        cleaning.get("template_tokens_removed", 0) or 0)
    dated = bool(record.get("date"))
    return {
        "undated": not dated,
        "weak_date": dated and record.get("date_source") in rules.WEAK_DATE_SOURCES,
        "no_subheading": not any(s.get("heading") for s in sections),
        "short": (record.get("word_count") or 0) < short_words,
        "warnings": bool(cleaning.get("warnings")),
        "artefacts": removed > 0,
    }


def subheadings(record: Mapping[str, Any]) -> int:
    """Headed sections of a record."""
    return sum(1 for s in record.get("sections") or () if s.get("heading"))


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _per(part: int, whole: int) -> float | None:
    return round(part / whole, 2) if whole else None


def health_figures(stats: Mapping[str, Any]) -> dict[str, Any]:
    """The ``health`` figures of a run from its crawl stats (missing stats count as 0)."""
    def get(key: str) -> int:
        value = stats.get(key, 0)
        return int(value) if isinstance(value, (int, float)) else 0

    pages = {key.removeprefix(rules.PAGES_PREFIX): get(key) for key in sorted(stats)
             if key.startswith(rules.PAGES_PREFIX)}
    status = {key.removeprefix(rules.STATUS_PREFIX): get(key) for key in sorted(stats)
              if key.startswith(rules.STATUS_PREFIX)}
    errors = {code: n for code, n in status.items() if code[:1] in ("4", "5")}
    records = get(rules.RECORDS_KEY)
    written, unchanged, known = (get(rules.WRITTEN_KEY), get(rules.UNCHANGED_KEY),
                                 get(rules.KNOWN_KEY))
    return {
        "pages": pages,
        "pages_fetched": sum(pages.values()),
        "articles_found": written + unchanged + known,
        "articles_written": written,
        "articles_unchanged": unchanged,
        "articles_known": known,
        "records": records,
        "shares": {flag: _share(get(f"{rules.RECORDS_KEY}/{flag}"), records)
                   for flag in rules.RECORD_FLAGS},
        "sections_per_article": _per(get(rules.SECTIONS_KEY), records),
        "subheadings_per_article": _per(get(rules.SUBHEADINGS_KEY), records),
        "http_errors": sum(errors.values()),
        "http_status": errors,
        "retries": get(rules.RETRY_KEY),
        "retries_gave_up": get(rules.RETRY_GAVE_UP_KEY),
        "download_errors": get(rules.EXCEPTIONS_KEY),
        "robots_forbidden": get(rules.ROBOTS_FORBIDDEN_KEY),
    }
