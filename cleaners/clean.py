"""The cleaning pipeline: one parsed tree through small steps, out comes a schema-1 record.

Order: limits -> parse (once) -> strip template artefacts -> read-only steps (JSON-LD, lead,
metadata, dates) -> main content (prunes the tree in place, trafilatura on its own copy) ->
lost sub-headings recovered -> boilerplate blocks dropped -> sections -> record. Dates and
metadata are read before the main-content step because that step prunes the tree.

Decisions a reader of the record should know:

- ``lead`` is the standfirst only when the page marks it apart (class/id like "lead",
  "intro", "standfirst"; before the body; not a caption). It is then taken out of the
  sections (never duplicated) and ``text`` starts with it: ``text`` = lead, then each
  section's heading and paragraphs, joined by blank lines.
- Template artefacts are removed on the tree (the step knows ``<pre>``/``<code>``); HTML
  blocks are not re-stripped as text afterwards. Plain text goes through the text variant.
- ``language``: ``<html lang>``/meta first; when the page says nothing (and for text input)
  a guess from function words, or None when unsure.
- Text input: the title is the first line when it reads as a heading, else "" (never made
  up from the body); a leading ``date YYYY-MM-DD`` gives ``date_source`` "input".
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Final

from cleaners.config import DEFAULT_CONFIG, CleanConfig
from cleaners.exceptions import BadInput
from cleaners.record import build_record
from cleaners.report import CleaningReport
from cleaners.steps.extract_main import drop_boilerplate_blocks, extract_main
from cleaners.steps.find_dates import DateResult, find_dates, parse_timestamp
from cleaners.steps.jsonld import read_jsonld
from cleaners.steps.limits import check_markup_limits, check_tree_limits
from cleaners.steps.live_elements import live_elements
from cleaners.steps.parse import check_text, parse_html, too_deeply_nested
from cleaners.steps.paused_collector import paused_collector
from cleaners.steps.read_metadata import Metadata, guess_language, read_metadata, site_of
from cleaners.steps.recover_headings import recover_headings
from cleaners.steps.split_sections import (
    ArticleBody,
    find_lead_element,
    split_sections,
    text_blocks,
)
from cleaners.steps.strip_templates import (
    has_template_syntax,
    strip_template_artefacts,
    strip_template_text,
)

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# "date 2025-09-03" (or "date: ...") at the very start of a text input.
_DATE_PREFIX: Final = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.I)


def _clean_line(text: str | None, report: CleaningReport) -> str | None:
    """A title or lead with template tokens cut (None when nothing real is left)."""
    if text and has_template_syntax(text):
        return strip_template_text(text, report)
    return text


def clean_html(
    html: str | bytes,
    *,
    url: str | None = None,
    hints: dict[str, Any] | None = None,
    site: str | None = None,
    source: str | None = None,
    spider: str | None = None,
    encoding: str | None = None,
    cfg: CleanConfig = DEFAULT_CONFIG,
) -> dict[str, Any]:
    """Clean one HTML page into a schema-1 record; raises BadInput on unusable input. The
    garbage collector is paused during the call (``cfg.pause_gc``; see paused_collector)."""
    hints = hints or {}
    report = CleaningReport()
    with paused_collector(cfg.pause_gc):
        check_markup_limits(html, source=source or url, cfg=cfg)
        tree = parse_html(html, source=source or url, encoding=encoding, cfg=cfg, report=report)
        check_tree_limits(tree, source=source or url, cfg=cfg)  # before an object per element
        with live_elements(tree):  # every walk below finds the elements' proxies made
            return _clean_tree(tree, url, hints, site, spider, source, cfg, report)


def _clean_tree(
    tree: HtmlElement,
    url: str | None,
    hints: dict[str, Any],
    site: str | None,
    spider: str | None,
    source: str | None,
    cfg: CleanConfig,
    report: CleaningReport,
) -> dict[str, Any]:
    """The steps after parsing, on the page's one tree."""
    strip_template_artefacts(tree, report)
    jsonld = read_jsonld(tree)
    lead_found = find_lead_element(tree, cfg)
    lead = _clean_line(lead_found[1], report) if lead_found else None
    lead_el = lead_found[0] if lead_found and lead else None
    meta = read_metadata(tree, url=url, site=site, jsonld=jsonld, hints=hints)
    title = _clean_line(meta.title, report) or ""
    if title != meta.title:
        meta = replace(meta, title=title)
    dates = find_dates(
        tree, url=url, canonical=meta.canonical_url, jsonld=jsonld, hints=hints
    )
    for warning in dates.warnings:
        report.warn(warning)
    blocks = extract_main(tree, report, url=url, hints=hints, jsonld=jsonld, cfg=cfg)
    blocks = drop_boilerplate_blocks(recover_headings(tree, list(blocks), title, lead_el), report)
    body = split_sections(
        blocks, lead=lead, title=title, authors=meta.authors, leading_headings=False
    )
    if not _has_text(body, cfg.min_body_chars):
        if report.deep_cuts:  # the article itself sat deeper than the parser reads
            raise too_deeply_nested(source or url, cfg)
        # A page rendered by scripts: the record still says what and when, without text.
        if not title:
            raise BadInput("no article text found", source or url)
        report.warn("no article text found")
        body = ArticleBody(None, ())
    if meta.language is None:
        meta = replace(meta, language=guess_language(_sample(body)))
    return build_record(
        body=body, meta=meta, dates=dates, report=report, url=url, spider=spider, source=source
    )


def _has_text(body: ArticleBody, min_chars: int) -> bool:
    """Whether an article is left (not a menu-only page, not a bare date)."""
    size = len(body.lead or "") + sum(len(p) for s in body.sections for p in s.paragraphs)
    return size >= min_chars


def _sample(body: ArticleBody) -> str:
    """The first paragraphs of a body, for guessing its language."""
    return " ".join(p for s in body.sections[:3] for p in s.paragraphs[:3])


def _text_dates(text: str, url: str | None) -> tuple[DateResult, str]:
    """The ``date YYYY-MM-DD`` prefix of a text input (else a URL date) and the rest."""
    match = _DATE_PREFIX.match(text)
    if match and (parsed := parse_timestamp(match.group(1))) is not None:
        return DateResult(parsed[0], parsed[1], None, "input"), text[match.end() :]
    return find_dates(None, url=url, use_htmldate=False), text


def clean_text(
    text: str,
    *,
    url: str | None = None,
    source: str | None = None,
    site: str | None = None,
    spider: str | None = None,
    cfg: CleanConfig = DEFAULT_CONFIG,
) -> dict[str, Any]:
    """Clean plain text (paragraphs split by blank lines, optional ``date`` prefix) into a record.

    The title is the first line when it reads as a heading (short, no final punctuation),
    else "" (never made up from the body).
    """
    report = CleaningReport()
    check_text(text, source=source or url, cfg=cfg)
    dates, rest = _text_dates(text, url)
    blocks = drop_boilerplate_blocks(text_blocks(rest, cfg), report, templates=True)
    title = ""
    if blocks and blocks[0].kind == "heading":
        title = blocks[0].text
        blocks = blocks[1:]
    body = split_sections(blocks)
    if not _has_text(body, 1):
        raise BadInput("no article text found", source or url)
    language = guess_language(_sample(body))
    meta = Metadata(title=title, site=site_of(url, site), canonical_url=None, language=language)
    return build_record(
        body=body, meta=meta, dates=dates, report=report, url=url, spider=spider, source=source
    )
