"""htmldate's page-wide date scans with the same matches, tried only where one can start.

When nothing else dates a page, htmldate's last resort (``search_page``) runs about ten
regular expressions over the whole serialised page, a few hundred kilobytes each time. Most
of them begin with ``\\D`` (a character that is not a digit), and the ``re`` engine can skip
ahead only to where a pattern's first item can match: for ``\\D`` that is almost every
character of the page, and a match is tried at each one. On trafilatura-eval-dev those
scans were a third of htmldate's time, for 35 of 487 pages.

Each such pattern gets a *lead* here: a regular expression that begins with one digit class
(so the engine skips to the page's digits) and matches wherever the pattern's part after
its leading non-digit does. A pattern ``P`` matches at ``i`` only if the lead matches at
``i + 1`` (the lead's language contains that part's; the table says why for each). So the
leftmost match of ``P`` at or after ``pos`` is found by searching the lead from ``pos + 1``
and confirming each place with ``P.match(string, place - 1)``: where that fails (the
character before is a digit, a lookbehind of ``P`` refuses, or the lead, being wider,
matched what ``P`` does not, such as a month 13), no match of ``P`` starts before it, and
the lead is searched again one character on. ``findall`` and ``finditer`` then step on from
each match's end, as ``re`` does (no pattern here matches the empty string). The matches
are ``P``'s own, with the same spans and groups (only ``Match.pos``, the place searching
started, differs), so ``findall``'s lists are equal, not similar
(``tests/cleaners/test_htmldate_scans.py`` compares them on made strings,
``tests/bench/test_htmldate_scans_pages.py`` on the benchmark pages' serialised trees).

A lead is written for one pattern source; when htmldate's pattern has another source (a
new htmldate), it is left as it is. The faster patterns are swapped into htmldate's module
only while one of our calls runs (``lead_first_scans``), so a caller's own use of htmldate in
the same process (the benchmark's peer run) is untouched.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any, Final

import htmldate.core


@dataclass(frozen=True)
class Lead:
    """The lead of one of htmldate's module patterns (see the module docstring)."""

    name: str  # the pattern's name in htmldate.core
    source: str  # the pattern's source, as the lead was written for it
    lead: str  # matches at i + 1 wherever the pattern matches at i


# For each, the pattern's part after its first \D (or after "(?<!w3.org)\D", a lookbehind
# P.match checks) and the lead, item by item: every string the part matches, the lead does.
LEADS: Final = (
    # [0-9]{4} [/.-] [0-9]{2} [/.-] [0-9]{2} \D: the same items, the first digit on its own
    Lead("THREE_LOOSE_PATTERN",
         r"\D([0-9]{4}[/.-][0-9]{2}[/.-][0-9]{2})\D",
         r"[0-9][0-9]{3}[/.-][0-9]{2}[/.-][0-9]{2}\D"),
    # [0-3]?[0-9] (one or two digits) [/.-] [0-1]?[0-9] [/.-] [0-9]{4} \D
    Lead("SELECT_YMD_PATTERN",
         r"\D([0-3]?[0-9][/.-][0-1]?[0-9][/.-][0-9]{4})\D",
         r"[0-9][0-9]?[/.-][0-1]?[0-9][/.-][0-9]{4}\D"),
    # either branch after its \D: 19 or 20, then the same items
    Lead("DATESTRINGS_PATTERN",
         r"(\D19[0-9]{2}[01][0-9][0-3][0-9]\D|\D20[0-9]{2}[01][0-9][0-3][0-9]\D)",
         r"[12][09][0-9]{2}[01][0-9][0-3][0-9]\D"),
    # D/M/YY (one or two digits each for D and M) or DD.MM.YY: [/.] covers both separators
    Lead("SLASHES_PATTERN",
         r"\D([0-3]?[0-9]/[0-1]?[0-9]/[0129][0-9]|[0-3][0-9]\.[01][0-9]\.[0129][0-9])\D",
         r"[0-9][0-9]?[/.][0-9][0-9]?[/.][0129][0-9]\D"),
    # [12][0-9]{3} [/.-] then 1[0-2] or 0[1-9] (two digits, the first 0 or 1) \D
    Lead("YYYYMM_PATTERN",
         r"\D([12][0-9]{3}[/.-](?:1[0-2]|0[1-9]))\D",
         r"[12][0-9]{3}[/.-][01][0-9]\D"),
    # [0-1]?[0-9] (one or two digits) [/.-] [12][0-9]{3} \D
    Lead("MMYYYY_PATTERN",
         r"\D([0-1]?[0-9][/.-][12][0-9]{3})\D",
         r"[0-9][0-9]?[/.-][12][0-9]{3}\D"),
    # 199[0-9] or 20[0-3][0-9] (1 or 2, 9 or 0, two digits) \D
    Lead("SIMPLE_PATTERN",
         r"(?<!w3.org)\D((?:199[0-9]|20[0-3][0-9]))\D",
         r"[12][09][0-9]{2}\D"),
)
# Tuples of htmldate.core that hold one of the patterns above.
PATTERN_TUPLES: Final = ("THREE_COMP_PATTERNS",)
LEAD_OFFSET: Final = 1  # a lead matches one character after the pattern (its \D)


class LeadFirstPattern:
    """A compiled pattern whose ``findall``, ``finditer`` and ``search`` look for its lead
    first; other attributes (``pattern``, ``groups``, ``sub``...) are read from the pattern
    itself. It stands in for the pattern where htmldate calls those; it is no ``re.Pattern``."""

    def __init__(self, pattern: re.Pattern[str], lead: str) -> None:
        if sre_parse.parse(pattern.pattern, pattern.flags).getwidth()[0] == 0:
            raise ValueError(f"{pattern.pattern!r} matches the empty string")
        self.original = pattern
        self.lead = re.compile(lead, pattern.flags)

    def __getattr__(self, name: str) -> Any:
        if name == "original":  # not set yet (a copy being made): no recursion
            raise AttributeError(name)
        return getattr(self.original, name)

    def __repr__(self) -> str:
        return f"LeadFirstPattern({self.original.pattern!r}, lead={self.lead.pattern!r})"

    def search(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        pos = max(pos, 0)
        lead, match = self.lead.search, self.original.match
        while (found := lead(string, pos + LEAD_OFFSET, endpos)) is not None:
            place = found.start() - LEAD_OFFSET
            if (m := match(string, place, endpos)) is not None:
                return m
            pos = place + 1
        return None

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        while (m := self.search(string, pos, endpos)) is not None:
            yield m
            pos = m.end()  # never empty (checked when built)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        matches = self.finditer(string, pos, endpos)
        groups = self.original.groups
        if groups == 0:
            return [m.group() for m in matches]
        if groups == 1:
            return [m.group(1) or "" for m in matches]
        return [m.groups("") for m in matches]


@lru_cache(maxsize=1)
def _swaps() -> tuple[tuple[str, Any, Any], ...]:
    """(name, htmldate's object, ours) for each pattern whose source its lead was written
    for, and for the tuples that hold them."""
    faster: dict[int, LeadFirstPattern] = {}
    swaps: list[tuple[str, Any, Any]] = []
    for entry in LEADS:
        own = getattr(htmldate.core, entry.name, None)
        if isinstance(own, re.Pattern) and own.pattern == entry.source:
            ours = LeadFirstPattern(own, entry.lead)
            faster[id(own)] = ours
            swaps.append((entry.name, own, ours))
    for name in PATTERN_TUPLES:
        own = getattr(htmldate.core, name, None)
        if isinstance(own, tuple) and any(id(p) in faster for p in own):
            swaps.append((name, own, tuple(faster.get(id(p), p) for p in own)))
    return tuple(swaps)


@contextmanager
def lead_first_scans() -> Iterator[None]:
    """htmldate's page scans use the lead-first patterns inside the block; what htmldate's
    module held when the block began is given back after it, also when it raises (so an
    inner block leaves an outer one's patterns in place). Results are equal either way."""
    swaps = _swaps()
    held = [(name, getattr(htmldate.core, name)) for name, _own, _ours in swaps]
    for name, _own, ours in swaps:
        setattr(htmldate.core, name, ours)
    try:
        yield
    finally:
        for name, value in held:
            setattr(htmldate.core, name, value)
