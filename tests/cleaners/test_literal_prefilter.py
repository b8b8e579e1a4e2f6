"""``literal_prefilter``: the words a regex cannot match without, and a prefilter that answers
exactly as the regex does (every boilerplate rule, on texts made to meet their words)."""

from __future__ import annotations

import random
import re
import re._constants as sre_constants
import re._parser as sre_parse

import pytest

from cleaners.rules.boilerplate import BOILERPLATE_HEADINGS, BOILERPLATE_PARAGRAPHS
from cleaners.steps.literal_prefilter import (
    CASE_SAFE_BELOW,
    Prefilter,
    lowered_case_safe,
    required_literals,
    scans,
)

RULES = tuple(rx for _, rx in BOILERPLATE_PARAGRAPHS + BOILERPLATE_HEADINGS)


def test_below_the_gate_case_is_what_lower_says() -> None:
    """The ground the prefilter stands on: for characters below CASE_SAFE_BELOW, matching
    case-insensitively is equal lower case, and lower case is one character."""
    chars = [chr(c) for c in range(ord(CASE_SAFE_BELOW))]
    for a in chars:
        assert len(a.lower()) == 1, repr(a)
        pattern = re.compile(re.escape(a), re.I)
        matching = {b for b in chars if pattern.fullmatch(b)}
        assert matching == {b for b in chars if b.lower() == a.lower()}, repr(a)
    # and the characters that would break it lie above the gate
    for odd, plain in (("ſ", "s"), ("\u212a", "k"), ("ı", "i"), ("İ", "i")):
        assert odd >= CASE_SAFE_BELOW
        assert re.fullmatch(plain, odd, re.I) or len(odd.lower()) > 1


def test_words_are_read_from_the_pattern() -> None:
    def words(pattern: str, flags: int = re.I) -> frozenset[str] | None:
        return required_literals(re.compile(pattern, flags))

    assert words(r"^\W*Newsletter\b") == {"newsletter"}
    assert words(r"contributed to this report|\bmay earn (?:a )?commission") == {
        "contributed to this report", "commission"}
    # a lookahead that must hold gives its words; the longest sure word wins
    assert words(r"^(?=.{0,250}+$)(?=.*?\b(?:facebook|twitter)\b)(?=.*\bfollow)") == {
        "facebook", "twitter"}
    assert words(r"^(?:ab|cd)x") == {"ab", "cd"}
    assert words(r"^(?:ab|c)x") in ({"ab", "c"}, {"x"})
    assert words(r"(?:read )?more") == {"more"}  # an optional group gives nothing
    assert words(r"^[^\W\d_]{2,6}(?:/[^\W\d_]{2,8})+$") == {"/"}
    assert words(r"^[\W_]*$") is None
    assert words(r"^(?:a|\w+)z") == {"z"}
    assert words(r"^(?:a|\w+)") is None  # one alternative needs no word
    assert words(r"(?!newsletter)\w+") is None  # a negative lookahead needs nothing
    assert words(r"^über uns") == {"über uns"}
    assert words(r"^ſubscribe") == {"ubscribe"}  # a character above the gate ends a word


def test_only_scanning_rules_get_a_prefilter() -> None:
    assert scans(re.compile(r"contributed to this report", re.I))
    assert scans(re.compile(r"^(?=.{0,200}+$).*\ball rights reserved\b", re.I))
    assert scans(re.compile(r"^(?=.{0,250}+$)(?=.*?\bfacebook)", re.I))
    assert scans(re.compile(r"^(?:please bookmark|(?=.{0,9}+$).*\bbookmark)", re.I))
    assert not scans(re.compile(r"^\W*(?:advertisement|anzeige)\W*$", re.I))
    assert not scans(re.compile(r"^(?=.{0,160}+$)\W*(?:subscribe|sign up)\b", re.I))
    assert Prefilter.of(re.compile(r"^\W*anzeige\W*$", re.I)).finder is None


def test_the_gate() -> None:
    assert lowered_case_safe("Follow US on X") == "follow us on x"
    assert lowered_case_safe("Café Société") == "café société"
    assert lowered_case_safe("It’s here") is None  # U+2019
    assert lowered_case_safe("ſubscribe") is None


def _all_runs(items: object) -> set[str]:
    """Every run of literal characters anywhere in a parsed pattern."""
    runs: set[str] = set()
    run: list[str] = []
    for op, arg in items:  # type: ignore[attr-defined]
        if op is sre_constants.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            runs.add("".join(run))
            run = []
        for part in arg if isinstance(arg, (list, tuple)) else ():
            if isinstance(part, sre_parse.SubPattern):
                runs |= _all_runs(part)
            elif isinstance(part, list):
                for seq in part:
                    if isinstance(seq, sre_parse.SubPattern):
                        runs |= _all_runs(seq)
        if isinstance(arg, sre_parse.SubPattern):
            runs |= _all_runs(arg)
    if run:
        runs.add("".join(run))
    return runs


def _texts(rx: re.Pattern[str], rng: random.Random, count: int) -> list[str]:
    """Texts made to meet the rule's words: every literal run of the pattern (any case)
    among ordinary words, short and long, with and without characters above the gate."""
    runs = _all_runs(sre_parse.parse(rx.pattern, rx.flags))
    words = sorted(w.strip() for w in runs if w.strip()) or ["x"]
    filler = ["the", "council", "voted", "on", "Monday", "us", "our", "a", "more", "and",
              "to", "in", ":", "|", "-", "©", "2024", "@", "x.com", "(c)", "é", "ß", "’"]
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(0, 12)):
            word = rng.choice(words) if rng.random() < 0.5 else rng.choice(filler)
            case = rng.random()
            parts.append(word.upper() if case < 0.2 else word.title() if case < 0.4 else word)
        text = " ".join(parts)
        if rng.random() < 0.1:
            text = text.replace("s", "ſ", 1)  # above the gate: the regex alone decides
        if rng.random() < 0.2:
            text = " ".join([text] * rng.randint(2, 30))  # past the length tests
        out.append(text)
    return out


@pytest.mark.parametrize("index", range(len(RULES)))
def test_the_prefilter_answers_as_the_rule_does(index: int) -> None:
    rx = RULES[index]
    rule = Prefilter.of(rx)
    rng = random.Random(index)
    matched = 0
    for text in _texts(rx, rng, 3000):
        expected = rx.search(text) is not None
        matched += expected
        assert rule.search(text, lowered_case_safe(text)) == expected, (rx.pattern[:60], text)
    if rule.finder is not None:
        assert matched, f"no made text matched {rx.pattern[:60]!r}: the test proves nothing"
