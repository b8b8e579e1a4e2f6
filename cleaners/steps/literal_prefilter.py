"""A cheap necessary condition of a text rule: the words a regex cannot match without.

A boilerplate rule such as ``^(?=.{0,250}+$)(?=.*?\\b(?:facebook|twitter|...)\\b.*?...)``
is tried on every paragraph, and the regex engine walks the whole text to find that a
paragraph names no platform: the rules that scan so were two thirds of the boilerplate step's time.
``required_literals`` reads a compiled regex's parse (the standard library's ``re._parser``,
Python 3.11+) and returns words of which every text the regex matches holds one (a literal
run of the pattern, or the alternatives of a group or lookaround it cannot match without:
the words of a lookahead lie in the text, not always in the match), lower-cased;
``Prefilter`` looks for them in the lower-cased text with one alternation of plain words, and
runs the rule only when one occurs. Rules anchored at the start that read their words there
(``^\\W*(?:advertisement|...)``) fail at once and get no prefilter (``scans``).

Exact by construction, not by tuning: the words are read from the pattern, and the test is
used only on a text whose characters all lie below U+0130 (ASCII, Latin-1 and the start of
Latin Extended-A; three paragraphs in four on the benchmark pages). There, and for words
made of such characters, two characters match each other case-insensitively exactly when
their ``lower()`` are equal, and ``lower()`` keeps the text's length (a test checks every
pair); the characters that break this (``ſ`` for s, the Kelvin sign for k, dotless ``ı``,
``İ``, whose lower case is two characters) lie above it. On any other text the regex runs
as before.
"""

from __future__ import annotations

import re
import re._constants as sre_constants
import re._parser as sre_parse
from dataclasses import dataclass
from typing import Final

__all__ = ["CASE_SAFE_BELOW", "Prefilter", "lowered_case_safe", "required_literals", "scans"]

CASE_SAFE_BELOW: Final = "\u0130"  # texts and words of characters below this: see above
_BEYOND_CASE_SAFE: Final = re.compile(f"[^\\x00-{chr(ord(CASE_SAFE_BELOW) - 1)}]")

_Words = frozenset[str]
_REPEATS: Final = (
    sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT
)


def _best(candidates: list[_Words]) -> _Words | None:
    """The most selective of several conditions (each alone is necessary): the one whose
    shortest word is longest, then the one with fewest words."""
    if not candidates:
        return None
    return max(candidates, key=lambda words: (min(map(len, words)), -len(words)))


def _of_sequence(items: sre_parse.SubPattern | list) -> _Words | None:
    candidates: list[_Words] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            candidates.append(frozenset({"".join(run).lower()}))
            run.clear()

    for op, arg in items:
        if op is sre_constants.LITERAL and chr(arg) < CASE_SAFE_BELOW:
            run.append(chr(arg))
            continue
        end_run()
        words = _of_item(op, arg)
        if words is not None:
            candidates.append(words)
    end_run()
    return _best(candidates)


def _of_item(op: object, arg: object) -> _Words | None:
    """What a match of one item of a sequence must contain (None: nothing known)."""
    if op is sre_constants.BRANCH:
        alternatives = [_of_sequence(seq) for seq in arg[1]]
        if any(words is None for words in alternatives):
            return None
        return frozenset().union(*alternatives)
    if op is sre_constants.IN:
        chars = [chr(c) for kind, c in arg if kind is sre_constants.LITERAL]
        if len(chars) != len(arg) or any(c >= CASE_SAFE_BELOW for c in chars):
            return None  # a negated set, a range, a category
        return frozenset(c.lower() for c in chars)
    if op is sre_constants.SUBPATTERN:
        return _of_sequence(arg[-1])
    if op is sre_constants.ATOMIC_GROUP:
        return _of_sequence(arg)
    if op is sre_constants.ASSERT:  # a lookahead or lookbehind that must hold
        return _of_sequence(arg[1])
    if op in _REPEATS and arg[0] >= 1:
        return _of_sequence(arg[2])
    return None


def _is_any_run(op: object, arg: object) -> bool:
    """``.*``, ``.*?``, ``.{0,N}+`` and the like: a run of any characters."""
    return op in _REPEATS and len(arg[2]) == 1 and arg[2][0][0] is sre_constants.ANY


def _length_test(op: object, arg: object) -> bool:
    """``(?=.{0,N}+$)``: a lookahead on the text's length, which reads no words."""
    return (
        op is sre_constants.ASSERT and arg[0] == 1 and len(arg[1]) == 2
        and _is_any_run(*arg[1][0]) and arg[1][1] == (sre_constants.AT, sre_constants.AT_END)
    )


def _starts_with_scan(items: sre_parse.SubPattern | list) -> bool:
    """Whether matching ``items`` at one position reads on over a run of any characters
    before its first word (``.*\\bword``, ``(?=.*?word)``), length tests aside."""
    for op, arg in items:
        if _length_test(op, arg):
            continue
        if _is_any_run(op, arg):
            return True
        if op is sre_constants.ASSERT and arg[0] == 1:
            if _starts_with_scan(arg[1]):
                return True
            continue  # a lookahead that reads words at once; the match goes on here
        if op is sre_constants.BRANCH:
            return any(_starts_with_scan(seq) for seq in arg[1])
        if op is sre_constants.SUBPATTERN:
            return _starts_with_scan(arg[-1])
        return False
    return False


def scans(rx: re.Pattern[str]) -> bool:
    """Whether ``rx.search`` looks for its words all over a text: an unanchored pattern, or
    one anchored at the start that runs over any characters first. An anchored pattern that
    reads its words at the start fails at once and gains nothing from a prefilter."""
    items = sre_parse.parse(rx.pattern, rx.flags)
    if not items or items[0] != (sre_constants.AT, sre_constants.AT_BEGINNING):
        return True
    return _starts_with_scan(items[1:])


def required_literals(rx: re.Pattern[str]) -> _Words | None:
    """Lower-cased words of which every text below ``CASE_SAFE_BELOW`` that ``rx`` matches
    contains one, case aside (None when the pattern gives none)."""
    words = _of_sequence(sre_parse.parse(rx.pattern, rx.flags))
    return None if words is None or "" in words else words


@dataclass(frozen=True)
class Prefilter:
    """``rx`` with the words it needs: ``search`` answers as ``rx.search`` does, as a bool.
    The words are found by one alternation of them, case-sensitive, on the lower-cased text
    (of plain words: the engine tries its branches only where a text character is the first
    of some word, a test made in C; a word may start with a space, which measured no slower
    than the same words trimmed)."""

    rx: re.Pattern[str]
    words: _Words | None
    finder: re.Pattern[str] | None

    @classmethod
    def of(cls, rx: re.Pattern[str]) -> Prefilter:
        """The prefilter of ``rx``: its words where it scans the text, else none."""
        words = required_literals(rx) if scans(rx) else None
        if words is None:
            return cls(rx, None, None)
        longest_first = sorted(words, key=lambda word: (-len(word), word))
        return cls(rx, words, re.compile("|".join(map(re.escape, longest_first))))

    def search(self, text: str, lowered: str | None) -> bool:
        """Whether ``rx`` matches ``text``; ``lowered`` is ``lowered_case_safe(text)``."""
        if self.finder is not None and lowered is not None and not self.finder.search(lowered):
            return False
        return self.rx.search(text) is not None


def lowered_case_safe(text: str) -> str | None:
    """``text.lower()`` when every character of ``text`` is below ``CASE_SAFE_BELOW``, else
    None (the words must not be tested on it)."""
    if text.isascii() or _BEYOND_CASE_SAFE.search(text) is None:
        return text.lower()
    return None
