"""The lead-first date scans give htmldate's own matches, and are swapped in only inside
the block."""

from __future__ import annotations

import copy
import random
import re

import htmldate.core
import pytest
from htmldate import find_date

from cleaners.steps.htmldate_scans import (
    LEAD_OFFSET,
    LEADS,
    LeadFirstPattern,
    _swaps,
    lead_first_scans,
)

# Pieces a page's dates and near-dates are made of, so that made strings hold many matches,
# near misses (a digit before, a third digit, a wrong separator) and overlapping candidates.
_PIECES = ("0", "1", "2", "3", "9", "19", "20", "199", "203", "2021", "1999", "12", "31",
           "/", ".", "-", "_", " ", "x", "é", "\n", "w3.org", "©", "Copyright ", "<p>", "</p>",
           "\u0663", "\uff12", "\u00b2")  # digits [0-9] does not read and \D does not take


# Digit counts of the date forms the patterns read (and of near misses around them).
_SHAPES = ((4, 2, 2), (2, 2, 4), (1, 1, 4), (1, 2, 2), (2, 2, 2), (4, 2), (1, 4), (2, 4),
           (4,), (8,), (3, 2, 2), (4, 3))


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0120123912") for _ in range(n))


def _made(rng: random.Random, pieces: int) -> str:
    """Pieces of pages and date-shaped digit runs with any separators between them."""
    out = []
    for _ in range(pieces):
        if rng.random() < 0.6:
            out.append(rng.choice(_PIECES))
        else:
            sep = rng.choice("/.-/.-_ ")
            out.append(sep.join(_digits(rng, n) for n in rng.choice(_SHAPES)))
    return "".join(out)


def _pairs() -> list[tuple[re.Pattern[str], LeadFirstPattern]]:
    return [(own, ours) for _name, own, ours in _swaps() if isinstance(own, re.Pattern)]


def test_every_lead_is_in_force_with_the_pinned_htmldate() -> None:
    """A new htmldate with another pattern source leaves that pattern as it is; this says
    so, instead of a silent loss of speed."""
    swapped = {name for name, _own, _ours in _swaps()}
    assert swapped == {entry.name for entry in LEADS} | {"THREE_COMP_PATTERNS"}


@pytest.mark.parametrize("seed", range(4))
def test_same_matches_as_htmldate_on_made_strings(seed: int) -> None:
    rng = random.Random(seed)
    for own, ours in _pairs():
        for _ in range(1500):
            text = _made(rng, rng.randrange(1, 40))
            assert ours.findall(text) == own.findall(text), (own.pattern, text)
            pos = rng.randrange(-2, len(text) + 2)
            endpos = rng.choice((len(text), rng.randrange(0, len(text) + 2)))
            want = own.search(text, pos, endpos)
            got = ours.search(text, pos, endpos)
            assert (got is None) == (want is None), (own.pattern, text, pos, endpos)
            if want is not None:
                assert (got.span(), got.groups()) == (want.span(), want.groups())
            spans = [(m.span(), m.groups()) for m in own.finditer(text, pos, endpos)]
            assert [(m.span(), m.groups()) for m in ours.finditer(text, pos, endpos)] == spans
            assert ours.findall(text, pos, endpos) == own.findall(text, pos, endpos)


def test_every_match_of_a_pattern_is_a_match_of_its_lead() -> None:
    """The premise the scan rests on, on strings made to match: wherever the pattern
    matches at i, the lead matches at i + 1."""
    rng = random.Random(7)
    for own, ours in _pairs():
        checked = 0
        for _ in range(3000):
            text = _made(rng, rng.randrange(1, 25))
            for i in range(len(text)):
                if own.match(text, i) is not None:
                    assert ours.lead.match(text, i + LEAD_OFFSET) is not None, (own.pattern, text)
                    checked += 1
        assert checked > 20, own.pattern


def test_the_match_after_a_match_starts_where_htmldate_starts_it() -> None:
    """Non-overlapping: the second date's leading non-digit was the first match's last
    character, so neither htmldate nor the lead-first scan finds it."""
    own = htmldate.core.THREE_LOOSE_PATTERN
    ours = LeadFirstPattern(own, LEADS[0].lead)
    text = "x2020-01-01x2020-01-02x 2020-01-03 "
    assert ours.findall(text) == own.findall(text) == ["2020-01-01", "2020-01-03"]


def test_a_lookbehind_of_the_pattern_is_kept() -> None:
    own = htmldate.core.SIMPLE_PATTERN
    ours = LeadFirstPattern(own, next(e.lead for e in LEADS if e.name == "SIMPLE_PATTERN"))
    text = "see w3.org/2001 and (2019) then 12019 "
    assert ours.findall(text) == own.findall(text) == ["2019"]


def test_a_pattern_that_can_match_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="empty string"):
        LeadFirstPattern(re.compile(r"\D?"), r"[0-9]")


def test_other_pattern_attributes_are_the_patterns_own() -> None:
    own = htmldate.core.SLASHES_PATTERN
    ours = LeadFirstPattern(own, r"[0-9]")
    assert (ours.pattern, ours.groups, ours.flags) == (own.pattern, own.groups, own.flags)
    assert ours.sub("", "a 1/2/21 b") == own.sub("", "a 1/2/21 b")
    copied = copy.copy(ours)  # no recursion through __getattr__ while the copy is made
    assert copied.findall(" 1/2/21 ") == own.findall(" 1/2/21 ")


def test_swapped_only_inside_the_block_and_given_back_after_an_error() -> None:
    own = htmldate.core.SIMPLE_PATTERN
    with lead_first_scans():
        assert isinstance(htmldate.core.SIMPLE_PATTERN, LeadFirstPattern)
        assert isinstance(htmldate.core.THREE_COMP_PATTERNS[1], LeadFirstPattern)
    assert htmldate.core.SIMPLE_PATTERN is own
    with pytest.raises(RuntimeError), lead_first_scans():
        raise RuntimeError("inside")
    assert htmldate.core.SIMPLE_PATTERN is own
    assert all(isinstance(p, re.Pattern) for p in htmldate.core.THREE_COMP_PATTERNS)


def test_an_inner_block_leaves_the_outer_ones_patterns() -> None:
    own = htmldate.core.SIMPLE_PATTERN
    with lead_first_scans():
        with lead_first_scans():
            pass
        assert isinstance(htmldate.core.SIMPLE_PATTERN, LeadFirstPattern)
    assert htmldate.core.SIMPLE_PATTERN is own


# Pages dated only by their text, so that htmldate reaches its page-wide scans; each date
# form of the table, with a copyright year and near-dates around it.
_PAGES = (
    "<p>Filed 2021/03/04 under news</p>",
    "<p>Posted on 04.03.2021 by staff</p>",
    "<p>ref 20210304 and 19991231x</p>",
    "<p>seen 4/3/21 or 04.03.21 here</p>",
    "<p>issue 2021-03 of the review</p>",
    "<p>issue 03/2021 of the review</p>",
    "<p>since 2019, w3.org/1999/xhtml</p>",
    "<p>12345 67 2021-13-45 99/99/99</p>",
)


@pytest.mark.parametrize("body", _PAGES)
def test_find_date_gives_the_same_answer_with_the_scans(body: str) -> None:
    html = (f"<html><head><title>A page</title></head><body><div>{body}</div>"
            f"<footer>© 2018-2023 A publisher</footer></body></html>")
    want = find_date(html, original_date=True, extensive_search=True)
    with lead_first_scans():
        got = find_date(html, original_date=True, extensive_search=True)
    assert got == want
