"""Fixture pairs: saved news pages and what a correct cleaner must return for each.

Every ``tests/fixtures/<site>/<case>/page.html`` sits beside an ``expected.json`` written by
hand (never generated from the cleaner's output). Each present field is checked:

- ``title``, ``lead`` (whitespace-normalised), ``date``, ``date_source``, ``language``,
  ``authors``, ``canonical_url`` exactly; ``tags`` as a set;
- ``section_headings`` against ``[s["heading"] for s in record["sections"]]`` (null = intro),
  ``section_levels`` against their levels (2-6 for h2-h6; null for intro and bold-only headings);
- ``must_contain``: each string is in ``record["text"]``;
- ``must_not_contain``: no string is in the text, title, lead, headings or paragraphs;
- ``traps``: each string survives verbatim in ``record["text"]``.

``scripts/check_fixtures.py`` prints the same comparison as a per-case report.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import lxml.html
import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CASES = tuple(sorted(FIXTURES.glob("*/*/page.html")))

# case name -> reason (the cleaner bug that makes the case fail). Marked xfail(strict=True), so a
# fix in the cleaner turns the case red until the entry goes; the totals test leaves them out.
KNOWN_FAILURES: dict[str, str] = {}

EXACT_FIELDS = ("date", "date_source", "language", "canonical_url")
REQUIRED_KEYS = (
    "url",
    "title",
    "date",
    "language",
    "section_headings",
    "must_contain",
    "must_not_contain",
    "traps",
)


def norm(text: Any) -> str:
    """Collapse all whitespace runs to one space and strip the ends."""
    return " ".join(str(text).split())


def case_name(page: Path) -> str:
    """``<site>/<case>`` for a fixture's page.html."""
    return f"{page.parent.parent.name}/{page.parent.name}"


def load_expected(page: Path) -> dict[str, Any]:
    """The hand-written expectations beside a page."""
    return json.loads(page.with_name("expected.json").read_text(encoding="utf-8"))


@cache
def clean_fixture(page: Path) -> dict[str, Any]:
    """The cleaner's record for one fixture page (cached per process)."""
    from cleaners.clean import clean_html

    return clean_html(page.read_text(encoding="utf-8"), url=load_expected(page)["url"])


@dataclass
class Comparison:
    """What one record got wrong against its expectations, grouped by kind."""

    case: str
    fields: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    traps_damaged: list[str] = field(default_factory=list)
    paragraphs_checked: int = 0
    negatives_checked: int = 0
    traps_checked: int = 0

    @property
    def ok(self) -> bool:
        """True when nothing mismatched."""
        return not (self.fields or self.missing or self.leaks or self.traps_damaged)

    def content_problems(self) -> list[str]:
        """Missing paragraphs, leaks and damaged traps, one line each, naming the case."""
        lines = [f"[{self.case}] must_contain: missing from text: {s!r}" for s in self.missing]
        lines += [f"[{self.case}] must_not_contain: leaked: {s}" for s in self.leaks]
        lines += [f"[{self.case}] traps: not verbatim in text: {s!r}" for s in self.traps_damaged]
        return lines

    def problems(self) -> list[str]:
        """One readable line per mismatch, each naming the case and the field."""
        return [f"[{self.case}] {line}" for line in self.fields] + self.content_problems()


def _compare_fields(expected: dict[str, Any], record: dict[str, Any], out: Comparison) -> None:
    """Exact and near-exact field checks (title, dates, language, headings, ...)."""
    if "title" in expected and norm(record.get("title") or "") != norm(expected["title"]):
        out.fields.append(f"title: expected {expected['title']!r}, got {record.get('title')!r}")
    if "lead" in expected and norm(record.get("lead") or "") != norm(expected["lead"] or ""):
        out.fields.append(f"lead: expected {expected['lead']!r}, got {record.get('lead')!r}")
    for key in EXACT_FIELDS:
        if key in expected and record.get(key) != expected[key]:
            out.fields.append(f"{key}: expected {expected[key]!r}, got {record.get(key)!r}")
    if "authors" in expected:
        got = [norm(a) for a in record.get("authors") or []]
        if got != [norm(a) for a in expected["authors"]]:
            out.fields.append(f"authors: expected {expected['authors']!r}, got {got!r}")
    if "tags" in expected:
        got_tags = {norm(t) for t in record.get("tags") or []}
        if got_tags != {norm(t) for t in expected["tags"]}:
            want_tags = sorted(expected["tags"])
            out.fields.append(f"tags: expected {want_tags!r}, got {sorted(got_tags)!r}")
    if "section_headings" in expected:
        got_h = [None if s["heading"] is None else norm(s["heading"]) for s in record["sections"]]
        want = [None if h is None else norm(h) for h in expected["section_headings"]]
        if got_h != want:
            out.fields.append(f"section_headings: expected {want!r}, got {got_h!r}")
    if "section_levels" in expected:
        got_levels = [s["level"] for s in record["sections"]]
        if got_levels != expected["section_levels"]:
            want_levels = expected["section_levels"]
            out.fields.append(f"section_levels: expected {want_levels!r}, got {got_levels!r}")


def _places(record: dict[str, Any]) -> dict[str, str]:
    """Every visible output string of a record, by where it sits."""
    places = {"text": norm(record.get("text") or ""), "title": norm(record.get("title") or "")}
    if record.get("lead"):
        places["lead"] = norm(record["lead"])
    for i, section in enumerate(record.get("sections") or []):
        if section.get("heading"):
            places[f"sections[{i}].heading"] = norm(section["heading"])
        for j, paragraph in enumerate(section.get("paragraphs") or []):
            places[f"sections[{i}].paragraphs[{j}]"] = norm(paragraph)
    return places


def compare(case: str, expected: dict[str, Any], record: dict[str, Any]) -> Comparison:
    """Compare one record with its hand-written expectations."""
    out = Comparison(case)
    _compare_fields(expected, record, out)
    text = norm(record.get("text") or "")
    for wanted in expected.get("must_contain", []):
        out.paragraphs_checked += 1
        if norm(wanted) not in text:
            out.missing.append(wanted)
    places = _places(record)
    for banned in expected.get("must_not_contain", []):
        out.negatives_checked += 1
        where = [name for name, value in places.items() if norm(banned) in value]
        if where:
            out.leaks.append(f"{banned!r} in {', '.join(where[:3])}")
    for trap in expected.get("traps", []):
        out.traps_checked += 1
        if norm(trap) not in text:
            out.traps_damaged.append(trap)
    return out


def compare_fixture(page: Path) -> tuple[Comparison, dict[str, Any]]:
    """Clean one fixture page and compare the record with its expectations."""
    record = clean_fixture(page)
    return compare(case_name(page), load_expected(page), record), record


def _params() -> list[Any]:
    """One pytest param per case; known failures carry a strict xfail with their reason."""
    params = []
    for page in CASES:
        reason = KNOWN_FAILURES.get(case_name(page))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(page, id=case_name(page), marks=marks))
    return params


def test_fixture_set_is_complete() -> None:
    """Enough cases, and every page has its expectations beside it."""
    assert len(CASES) >= 32, f"only {len(CASES)} fixture cases under {FIXTURES}"
    for page in CASES:
        expected = load_expected(page)
        for key in REQUIRED_KEYS:
            assert key in expected, f"[{case_name(page)}] expected.json lacks {key!r}"


def _page_text(page: Path) -> tuple[str, str]:
    """A page's source with entities decoded, and its visible text (scripts and styles dropped)."""
    raw = page.read_text(encoding="utf-8")
    tree = lxml.html.fromstring(raw)
    for element in tree.xpath("//script|//style"):
        element.drop_tree()
    return norm(html.unescape(raw)), norm(tree.text_content())


def test_expectations_match_their_pages() -> None:
    """No vacuous checks: every expected string is on its page, no banned string is expected."""
    for page in CASES:
        expected, name = load_expected(page), case_name(page)
        source, visible = _page_text(page)
        wanted = [*expected["must_contain"], *expected["traps"]]
        wanted += [h for h in expected["section_headings"] if h]
        for text in wanted:
            assert norm(text) in visible, f"[{name}] expected text not on the page: {text!r}"
        for banned in expected["must_not_contain"]:
            assert norm(banned) in source, f"[{name}] must_not_contain not on the page: {banned!r}"
            clash = [t for t in (*wanted, expected["title"]) if norm(banned) in norm(t)]
            assert not clash, f"[{name}] {banned!r} is banned but inside expected {clash[0]!r}"


@pytest.mark.parametrize("page", _params())
def test_fixture(page: Path) -> None:
    """The record for one saved page matches its expected.json and the schema."""
    from cleaners.validate import validate_record

    comparison, record = compare_fixture(page)
    validate_record(record)
    assert comparison.ok, "\n".join(comparison.problems())


def test_fixture_totals(capsys: pytest.CaptureFixture[str]) -> None:
    """Across the whole set: zero leaks, zero traps damaged, every expected paragraph present."""
    results = [compare_fixture(p)[0] for p in CASES if case_name(p) not in KNOWN_FAILURES]
    totals = {
        "cases": len(results),
        "known_failures_left_out": len(KNOWN_FAILURES),
        "cases_passing": sum(r.ok for r in results),
        "paragraphs_checked": sum(r.paragraphs_checked for r in results),
        "paragraphs_missing": sum(len(r.missing) for r in results),
        "negatives_checked": sum(r.negatives_checked for r in results),
        "leaks": sum(len(r.leaks) for r in results),
        "traps_checked": sum(r.traps_checked for r in results),
        "traps_damaged": sum(len(r.traps_damaged) for r in results),
        "field_mismatches": sum(len(r.fields) for r in results),
    }
    with capsys.disabled():
        print("\nfixture totals: " + ", ".join(f"{k}={v}" for k, v in totals.items()))
    detail = "\n".join(line for r in results for line in r.content_problems())
    assert (totals["leaks"], totals["traps_damaged"], totals["paragraphs_missing"]) == (0, 0, 0), (
        f"leaks={totals['leaks']} traps_damaged={totals['traps_damaged']} "
        f"paragraphs_missing={totals['paragraphs_missing']}\n{detail}"
    )
