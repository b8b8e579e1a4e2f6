"""The two extractors under test, each reduced to one comparable output dict.

Both get exactly the same input: the page's decoded HTML string and its URL.

- ``ours``: ``cleaners.clean.clean_html(html, url=url)``, no hints, no site profile.
- ``trafilatura``: ``trafilatura.bare_extraction(html, url=url, include_comments=False,
  with_metadata=True, output_format="python")`` with every other option at its default.
  Its ``.text`` is exactly ``extract()``'s plain-text output (the call the AEB upstream
  runner makes), its ``.title``/``.date`` are its metadata, and the ``<head>`` elements of
  its XML body tree are its sub-headings.

Output keys: ``text`` (full plain text, headings included), ``text_no_headings``,
``lines`` (the text split on every newline, for both tools, as fundus-evaluation split
trafilatura's output; headings included), ``headings``, ``title``, ``date`` (YYYY-MM-DD or
None), ``lead`` (ours only), ``error`` (str or None).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

TOOLS = ("ours", "trafilatura")
Extraction = dict


def empty_extraction(error: str | None = None) -> Extraction:
    """The output of a tool that produced nothing."""
    return {"text": "", "text_no_headings": "", "lines": [], "headings": [], "title": None,
            "date": None, "lead": None, "error": error}


def run_trafilatura(html: str, url: str | None) -> Extraction:
    """trafilatura 2.3.1, comments off, metadata on; see the module docstring."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url or None, include_comments=False,
                                      with_metadata=True, output_format="python")
    if doc is None:
        return empty_extraction("no result")
    text = doc.text or ""
    headings = []
    if doc.body is not None:
        headings = [" ".join(h.itertext()).strip() for h in doc.body.iter("head")]
        headings = [" ".join(h.split()) for h in headings if h]
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    heading_set = set(headings)
    body_lines = [ln for ln in lines if " ".join(ln.split()) not in heading_set]
    return {
        "text": text,
        "text_no_headings": "\n".join(body_lines),
        "lines": lines,
        "headings": headings,
        "title": doc.title,
        "date": (doc.date or None) and doc.date[:10],
        "lead": None,
        "error": None,
    }


def run_ours(html: str, url: str | None) -> Extraction:
    """newsclean's ``clean_html`` record; see the module docstring."""
    from cleaners.clean import clean_html

    record = clean_html(html, url=url or None)
    return record_to_extraction(record)


def record_to_extraction(record: dict) -> Extraction:
    """Reduce a schema-1 record to the comparable output dict."""
    text = record.get("text") or ""
    lead = (record.get("lead") or "").strip()
    sections = record.get("sections") or []
    headings = [s["heading"].strip() for s in sections if (s.get("heading") or "").strip()]
    paragraphs = [p for s in sections for p in s.get("paragraphs") or [] if p.strip()]
    lines = [p.strip() for p in text.split("\n") if p.strip()]  # same split as trafilatura
    if lead and lead not in text:
        # the lead is a body paragraph for every scorer here
        lines.insert(0, lead)
        text = f"{lead}\n\n{text}" if text else lead
        paragraphs.insert(0, lead)
    elif lead and lead not in paragraphs:
        paragraphs.insert(0, lead)
    return {
        "text": text,
        "text_no_headings": "\n\n".join(paragraphs),
        "lines": lines,
        "headings": headings,
        "title": record.get("title"),
        "date": (record.get("date") or None) and record["date"][:10],
        "lead": lead or None,
        "error": None,
    }


RUNNERS: dict[str, Callable[[str, str | None], Extraction]] = {
    "ours": run_ours,
    "trafilatura": run_trafilatura,
}


def run_tool(tool: str, html: str, url: str | None) -> Extraction:
    """Run one tool; any exception becomes an empty extraction with the error text."""
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        return RUNNERS[tool](html, url)
    except Exception as exc:  # noqa: BLE001 - a crash is a scored failure, not a bench abort
        return empty_extraction(f"{type(exc).__name__}: {exc}"[:300])


def ours_available() -> str | None:
    """None when ``cleaners.clean.clean_html`` can be imported, else the reason."""
    try:
        from cleaners.clean import clean_html  # noqa: F401
    except Exception as exc:  # noqa: BLE001
        return f"{type(exc).__name__}: {exc}"
    return None
