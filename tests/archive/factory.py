"""Schema-valid record dicts for archive tests, built without the cleaning pipeline."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cleaners.io import dumps_record


def article_id(n: int | str) -> str:
    """A stable 16-hex id for article ``n``."""
    return hashlib.sha256(f"article-{n}".encode()).hexdigest()[:16]


def make_record(
    n: int | str,
    *,
    site: str = "demo",
    date: str | None = "2025-09-03",
    revision: int = 1,
    words: int = 12,
    sections: int = 2,
    blocks: int = 0,
    tokens: int = 0,
    body: str = "",
) -> dict[str, Any]:
    """A schema-1 record for article ``n`` at ``revision`` (title and text change with it)."""
    title = f"Article {n} revision {revision}"
    paragraphs = [" ".join(["word"] * words) + (f" {body}" if body else "")]
    secs = [{"heading": None, "level": None, "paragraphs": paragraphs}]
    secs += [
        {"heading": f"Heading {i}", "level": 2, "paragraphs": [f"Paragraph {i} of {n}."]}
        for i in range(1, sections)
    ]
    text = "\n\n".join(
        part for s in secs for part in ([s["heading"]] if s["heading"] else []) + s["paragraphs"]
    )
    url = f"https://{site}.example/news/{n}"
    return {
        "schema_version": 1,
        "id": article_id(n),
        "url": url,
        "canonical_url": url,
        "site": site,
        "title": title,
        "date": date,
        "published": f"{date}T08:00:00+00:00" if date else None,
        "modified": None,
        "date_source": "meta" if date else None,
        "authors": ["A. Writer"],
        "language": "nl",
        "lead": None,
        "sections": secs,
        "text": text,
        "word_count": len(text.split()),
        "tags": [],
        "fetched_at": "2026-01-01T00:00:00Z",
        "spider": "news",
        "source": None,
        "content_hash": hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()[:32],
        "revision": revision,
        "cleaning": {
            "template_blocks_removed": blocks,
            "template_tokens_removed": tokens,
            "syntaxes": ["mustache"] if blocks or tokens else [],
            "samples": [],
            "boilerplate_removed": 0,
            "warnings": [],
        },
    }


def put(root: Path, records: Iterable[dict[str, Any]], name: str | None = None) -> None:
    """Append records to their day files under ``root`` with plain writes (or to file ``name``)."""
    for record in records:
        fname = name or f"{record['date'] or 'undated'}.jsonl"
        path = root / record["site"] / fname
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(dumps_record(record) + "\n")
