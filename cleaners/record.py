"""Build the schema-1 record from the outputs of the cleaning steps."""

from __future__ import annotations

import hashlib
from typing import Any

from w3lib.url import canonicalize_url

from cleaners import SCHEMA_VERSION
from cleaners.config import ID_HEX_CHARS
from cleaners.report import CleaningReport
from cleaners.steps.find_dates import DateResult, now_utc
from cleaners.steps.read_metadata import Metadata
from cleaners.steps.split_sections import ArticleBody
from cleaners.version import cleaner_version


def _sha(text: str) -> str:
    """The first ID_HEX_CHARS hex digits of sha256 of the text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:ID_HEX_CHARS]


def record_id(url: str | None, text: str) -> str:
    """Stable id: hash of the canonicalised URL; of the text when there is no URL."""
    if url:
        try:
            return _sha("url:" + canonicalize_url(url))
        except ValueError:
            return _sha("url:" + url)
    return _sha("text:" + text)


def body_text(body: ArticleBody) -> str:
    """Lead, then each section's heading and paragraphs, joined by blank lines."""
    parts: list[str] = [body.lead] if body.lead else []
    for section in body.sections:
        if section.heading:
            parts.append(section.heading)
        parts.extend(section.paragraphs)
    return "\n\n".join(parts)


def content_hash(title: str, text: str) -> str:
    """Hash of title and text: changes exactly when the article's words change."""
    return _sha(title + "\n\n" + text)


def build_record(
    *,
    body: ArticleBody,
    meta: Metadata,
    dates: DateResult,
    report: CleaningReport,
    url: str | None = None,
    spider: str | None = None,
    source: str | None = None,
) -> dict[str, Any]:
    """A complete schema-1 record (revision 1, fetched now)."""
    text = body_text(body)
    return {
        "schema_version": SCHEMA_VERSION,
        "id": record_id(meta.canonical_url or url, text),
        "url": url,
        "canonical_url": meta.canonical_url,
        "site": meta.site,
        "title": meta.title,
        "date": dates.date,
        "published": dates.published,
        "modified": dates.modified,
        "date_source": dates.source,
        "authors": list(meta.authors),
        "language": meta.language,
        "lead": body.lead,
        "sections": [s.to_dict() for s in body.sections],
        "text": text,
        "word_count": len(text.split()),
        "tags": list(meta.tags),
        "fetched_at": now_utc(),
        "spider": spider,
        "source": source,
        "content_hash": content_hash(meta.title, text),
        "revision": 1,
        "cleaner_version": cleaner_version(),
        "cleaning": report.to_dict(),
    }
