"""trafilatura's prune expressions with the same results at a fraction of the cost.

trafilatura prunes its tree with XPath expressions of the form ``.//*[self::div or
...][@class='x' or contains(@id, 'y') or re:test(@class, 'a|b') ...]``, several times per
page and on copies of it. libxml2 builds node-sets for every ``self::`` and ``@attr`` test
of every element it visits, and lxml runs each ``re:test`` as a call back into Python:
on news pages that was a fifth of a record's CPU time. Each such expression is evaluated
here in two passes instead:

1. a prefilter in Python over ``tree.iter(tags)``: an element stays a candidate when one
   of the attributes the expression's tests read holds a value that the test's own regex
   (or literal) finds. Every test of one predicate is read this way (``_attribute_test``),
   so an element the expression keeps always passes; an attribute union such as
   ``@id|@class`` is read as any of them (XPath reads the first), which passes more;
2. the original expression's predicates on each candidate, which decide: read in Python
   (``_decider``) when every test of them is one of the forms read exactly here (a tag,
   ``@a``, ``@a='x'``, ``contains``/``starts-with``/``re:test`` of an attribute or the first
   of a union in the element's attribute order, ``contains(translate(@a, ...), ...)``,
   ``not(self::a or ...)``, ``not(.//a)``), or
   else evaluated by libxml2 as ``self::*[...]`` (an XPath evaluation per candidate, with
   the calls back into Python for ``re:test``: several times the cost).

The result is the original expression's list, element for element and in document order
(``tests/bench/test_prefiltered_xpaths_pages.py`` checks it on benchmark pages), on the trees
these expressions meet during our calls: pages of our HTML parser and trafilatura's copies of
them, whose attribute values are plain text (an XML tree whose attributes hold unresolved
entity references reads differently to libxml2's ``=``). An expression of another form (a
positional predicate, no predicate of those tests, a test this does not read) stays as it is.

The faster expressions are swapped into trafilatura's module lists only while one of our
calls runs (``prefiltered_prunes``), so a caller's own use of trafilatura in the same
process (the benchmark's peer run) is untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Final

from lxml import etree
from lxml.etree import XPath, _Element
from trafilatura import xpaths as trafilatura_xpaths

REGEXP_NS: Final = "http://exslt.org/regular-expressions"
# The module lists trafilatura prunes with (htmlprocessing.prune_unwanted_nodes) and picks
# the main-content element with (main_extractor._extract).
PRUNE_LISTS: Final = (
    "BODY_XPATH",
    "RAW_TREE_PRUNE_XPATH",
    "REMOVE_COMMENTS_XPATH",
    "REMOVE_COMMENTS_AND_LISTS_XPATH",
    "OVERALL_DISCARD_XPATH",
    "PRECISION_DISCARD_XPATH",
    "TEASER_DISCARD_XPATH",
    "DISCARD_IMAGE_ELEMENTS",
    "COMMENTS_DISCARD_XPATH",
)

_DESCENDANTS: Final = re.compile(r"^\s*\.//\*(?=\[)")  # ".//*[...]": elements below the context
_POSITIONAL: Final = re.compile(r"position\(\)|last\(\)|\[\s*\d")
_ARG: Final = r"(@[\w-]+(?:\s*\|\s*@[\w-]+)*)"  # an attribute, or a union of them
_LIT: Final = r"'([^']*)'"
_TAG_TEST: Final = re.compile(r"self::([\w-]+)")
_EXISTS: Final = re.compile(r"@([\w-]+)")
_EQUALS: Final = re.compile(rf"@([\w-]+)\s*=\s*{_LIT}")
_CONTAINS: Final = re.compile(rf"(?:contains|starts-with)\(\s*{_ARG}\s*,\s*{_LIT}\s*\)")
_TRANSLATED: Final = re.compile(
    rf"contains\(\s*translate\(\s*@([\w-]+)\s*,\s*{_LIT}\s*,\s*{_LIT}\s*\)\s*,\s*{_LIT}\s*\)"
)
_RE_TEST: Final = re.compile(rf"re:test\(\s*{_ARG}\s*,\s*{_LIT}\s*(?:,\s*'([gi]*)'\s*)?\)")
_NOT_TAGS: Final = re.compile(r"not\(\s*(self::[\w-]+(?:\s+or\s+self::[\w-]+)*)\s*\)")
_NOT_BELOW: Final = re.compile(r"not\(\s*\.//([\w-]+)\s*\)")  # no such element inside
_STRING_TEST: Final = re.compile(rf"(contains|starts-with)\(\s*{_ARG}\s*,\s*{_LIT}\s*\)")


_WHITESPACE: Final = re.compile(r"\s+")


def _collapsed(predicate: str) -> str:
    """The predicate with each run of whitespace outside its quoted literals made one space
    (the literals as they are: XPath compares them character for character)."""
    parts = predicate.split("'")  # even places outside quotes, odd places inside
    return "'".join(
        _WHITESPACE.sub(" ", part) if i % 2 == 0 else part for i, part in enumerate(parts)
    ).strip()


def _predicates(path: str) -> list[str] | None:
    """The bracketed predicates after ``.//*`` (None when the path has another shape)."""
    match = _DESCENDANTS.match(path)
    if not match or _POSITIONAL.search(path) or '"' in path:
        return None  # not of that shape, positional, or a "..." literal this does not read
    found, depth, quoted, start = [], 0, False, 0
    rest = path[match.end():].strip()
    for i, ch in enumerate(rest):
        if ch == "'":
            quoted = not quoted
        elif quoted:
            continue
        elif ch == "[":
            depth += 1
            start = i + 1 if depth == 1 else start
        elif ch == "]":
            depth -= 1
            if depth == 0:
                found.append(_collapsed(rest[start:i]))
        elif depth == 0 and not ch.isspace():
            return None  # something after the predicates (a union, a step)
    return found if depth == 0 and not quoted else None


def _clauses(predicate: str) -> list[str]:
    """The predicate split on its top-level ``or``."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(predicate):
        if ch == "'":
            quoted = not quoted
        elif not quoted and ch in "([":
            depth += 1
        elif not quoted and ch in ")]":
            depth -= 1
        elif not quoted and depth == 0 and predicate.startswith(" or ", i):
            parts.append(predicate[start:i].strip())
            start = i + 4
    parts.append(predicate[start:].strip())
    return parts


def _names(arg: str) -> list[str]:
    return [a.strip().lstrip("@") for a in arg.split("|")]


def _translated(frm: str, to: str, literal: str) -> str | None:
    """A regex that a value must match for ``translate(value, frm, to)`` to hold literal."""
    if len(to) < len(frm):
        return None  # translate() also deletes characters: not read here
    classes = []
    for ch in literal:
        sources = {ch} | {f for f, t in zip(frm, to[:len(frm)], strict=True) if t == ch}
        if ch in frm and frm.index(ch) < len(to) and to[frm.index(ch)] != ch:
            sources.discard(ch)  # that character itself is changed into another
        classes.append("[" + "".join(re.escape(s) for s in sorted(sources)) + "]")
    return "".join(classes) if classes else None


def _attribute_test(clause: str) -> list[tuple[str, str | None]] | None:
    """(attribute, regex its value must match, or None: only be there) pairs, one of which
    holds whenever ``clause`` does; None for a clause of a form not read here, or one that
    an element without the attribute can meet (its value is then read as "")."""
    if match := _EQUALS.fullmatch(clause):
        return [(match[1], "^" + re.escape(match[2]) + r"\Z")]
    if match := _EXISTS.fullmatch(clause):
        return [(match[1], None)]
    regex, names = None, []
    if match := _CONTAINS.fullmatch(clause):
        regex, names = re.escape(match[2]), _names(match[1])
    elif match := _TRANSLATED.fullmatch(clause):
        regex, names = _translated(match[2], match[3], match[4]), [match[1]]
    elif match := _RE_TEST.fullmatch(clause):  # EXSLT flags: "i" ignores case, "g" no test
        regex = f"(?i:{match[2]})" if "i" in (match[3] or "") else match[2]
        names = _names(match[1])
    if regex is None or re.search(regex, ""):
        return None
    return [(name, regex) for name in names]


_Attributes = dict[str, str]  # an element's attributes
_Order = list[tuple[str, str]]  # the same as items(), in the element's attribute order
_Clause = Callable[[_Attributes, _Order, _Element], bool]


def _value(names: tuple[str, ...]) -> Callable[[_Attributes, _Order], str]:
    """The string value XPath reads of ``@a`` or ``@a|@b``: the first of those attributes in
    the element's attribute order (a node-set in document order), "" when it has none."""
    if len(names) == 1:
        (only,) = names
        return lambda attrs, _order: attrs.get(only, "")
    wanted = frozenset(names)

    def first(_attrs: _Attributes, order: _Order) -> str:
        for name, value in order:
            if name in wanted:
                return value
        return ""
    return first


def _translation(frm: str, to: str) -> dict[int, str | None]:
    """XPath ``translate``'s map: a character's first place in ``frm`` says what it becomes
    (the character of ``to`` there, or nothing past its end)."""
    table: dict[int, str | None] = {}
    for i, ch in enumerate(frm):
        table.setdefault(ord(ch), to[i] if i < len(to) else None)
    return table


def _exact_clause(clause: str) -> _Clause | None:
    """A function of an element's attributes (and, for ``not(.//x)``, its descendants) that is
    ``clause``'s value, for the forms read exactly (None for another)."""
    if match := _EQUALS.fullmatch(clause):
        name, literal = match[1], match[2]
        return lambda attrs, _order, _el: attrs.get(name) == literal
    if match := _EXISTS.fullmatch(clause):
        name = match[1]
        return lambda attrs, _order, _el: name in attrs
    if match := _STRING_TEST.fullmatch(clause):
        value, literal = _value(tuple(_names(match[2]))), match[3]
        if match[1] == "contains":
            return lambda attrs, order, _el: literal in value(attrs, order)
        return lambda attrs, order, _el: value(attrs, order).startswith(literal)
    if match := _TRANSLATED.fullmatch(clause):
        value, table, literal = _value((match[1],)), _translation(match[2], match[3]), match[4]
        return lambda attrs, order, _el: literal in value(attrs, order).translate(table)
    if match := _NOT_TAGS.fullmatch(clause):
        tags = frozenset(_TAG_TEST.findall(match[1]))
        return lambda _attrs, _order, el: el.tag not in tags
    if match := _NOT_BELOW.fullmatch(clause):
        below = f".//{match[1]}"
        return lambda _attrs, _order, el: el.find(below) is None
    if match := _RE_TEST.fullmatch(clause):  # lxml's EXSLT re:test: a search, "i" ignores case
        value = _value(tuple(_names(match[1])))
        try:  # compiled as lxml does (a pattern it refuses is left to it)
            search = re.compile(match[2], re.U | (re.I if "i" in (match[3] or "") else 0)).search
        except (re.error, ValueError):
            return None
        return lambda attrs, order, _el: search(value(attrs, order)) is not None
    return None


def _decider(predicates: list[str]) -> Callable[[_Element], bool] | None:
    """Whether an element meets every predicate (each an ``or`` of tests), read in Python
    from its tag, attributes and (``not(.//x)``) descendants; None when a test is of a form
    not read exactly here."""
    tags: frozenset[str] | None = None
    tests: list[tuple[_Clause, ...]] = []
    for predicate in predicates:
        clauses = _clauses(predicate)
        tag_tests = [_TAG_TEST.fullmatch(c) for c in clauses]
        if all(tag_tests):
            named = frozenset(m[1] for m in tag_tests if m)
            tags = named if tags is None else tags & named
            continue
        exact = [_exact_clause(c) for c in clauses]
        if any(f is None for f in exact):
            return None
        tests.append(tuple(f for f in exact if f is not None))

    def decide(el: _Element) -> bool:
        if tags is not None and el.tag not in tags:
            return False
        order = el.items()
        attrs = dict(order)
        for alternatives in tests:
            for test in alternatives:
                if test(attrs, order, el):
                    break
            else:
                return False
        return True
    return decide


Checks = tuple[tuple[str, "re.Pattern[str] | None"], ...]  # (attribute, regex or None: there)


def _prefilter(path: str) -> tuple[tuple[str, ...], Checks] | None:
    """(tags, attribute checks) that every element ``path`` selects passes; None when
    ``path`` has no predicate read here."""
    predicates = _predicates(path)
    if not predicates:
        return None
    tags: tuple[str, ...] = ()
    for predicate in predicates:
        clauses = _clauses(predicate)
        tag_tests = [_TAG_TEST.fullmatch(c) for c in clauses]
        if all(tag_tests):
            tags = tuple(m[1] for m in tag_tests if m)
            continue
        tests = [_attribute_test(c) for c in clauses]
        if all(t is not None for t in tests):
            by_name: dict[str, list[str | None]] = {}
            for test in tests:
                for name, regex in test or ():
                    by_name.setdefault(name, []).append(regex)
            checks = tuple(
                (name, None if None in regexes
                 else re.compile("|".join(f"(?:{r})" for r in regexes)))
                for name, regexes in by_name.items()
            )
            return tags, checks
    return None


VALUE_MEMO_MAX: Final = 4096  # attribute values remembered per check
_FIRST_OF_ALL: Final = re.compile(r"^\s*\((.*)\)\s*\[\s*1\s*\]\s*$", re.S)  # "(.//*[...])[1]"
_FIRST_OF_SIBLINGS: Final = re.compile(r"^(.*\])\s*\[\s*1\s*\]\s*$", re.S)  # ".//*[...][1]"


class PrefilteredXPath:
    """An ``XPath`` of the form ``.//*[...]``: the prefilter, then the exact check.

    ``first`` is "all" for ``(.//*[...])[1]`` (the first such element in the document),
    "siblings" for ``.//*[...][1]`` (each parent's first such child), else None.
    """

    def __init__(self, original: XPath, inner: str, first: str | None,
                 tags: tuple[str, ...], checks: Checks) -> None:
        self.original = original
        self.path = original.path
        self._first = first
        self._tags = tags or (etree.Element,)
        # each check's answers by attribute value: pages repeat their class names, and a
        # site its pages' (a pure function of the value; emptied at VALUE_MEMO_MAX)
        self._checks = {name: (regex, {}) for name, regex in checks}
        exact = XPath(_DESCENDANTS.sub("self::*", inner, count=1), namespaces={"re": REGEXP_NS})
        predicates = _predicates(inner)
        decider = _decider(predicates) if predicates else None
        self._exact: Callable[[_Element], object] = decider or exact
        self.decided_in_python = decider is not None

    def candidates(self, tree: _Element) -> Iterator[_Element]:
        """The elements below ``tree`` that pass the prefilter, in document order."""
        checks = self._checks
        for el in tree.iter(*self._tags):
            for name, value in el.items():  # one call: faster than a get() per check
                check = checks.get(name)
                if check is None:
                    continue
                regex, memo = check
                if regex is not None:
                    hit = memo.get(value)
                    if hit is None:
                        if len(memo) >= VALUE_MEMO_MAX:
                            memo.clear()
                        hit = memo[value] = regex.search(value) is not None
                    if not hit:
                        continue
                if el is not tree:  # ".//*" is below the context, iter() starts at it
                    yield el
                break

    @property
    def tags(self) -> tuple[str, ...]:
        """The tags the prefilter walks (empty: every element)."""
        return () if self._tags == (etree.Element,) else self._tags

    @property
    def checks(self) -> Checks:
        """(attribute, regex its value must match, or None: only be there) pairs: an element
        is a candidate when one of them holds."""
        return tuple((name, regex) for name, (regex, _memo) in self._checks.items())

    def __call__(self, tree: _Element) -> list[_Element]:
        return self.select(self.candidates(tree))

    def select(self, candidates: Iterable[_Element]) -> list[_Element]:
        """The expression's result from its candidates (in document order): the exact check
        on each, then the ``[1]`` of the path."""
        exact = self._exact
        found = (el for el in candidates if exact(el))
        if self._first == "all":
            return next(([el] for el in found), [])
        if self._first == "siblings":
            parents: set[_Element] = set()
            kept = []
            for el in found:
                parent = el.getparent()
                if parent not in parents:
                    parents.add(parent)
                    kept.append(el)
            return kept
        return list(found)


def prefiltered(expression: XPath) -> XPath | PrefilteredXPath:
    """The faster equal of ``expression``, or ``expression`` itself for another form."""
    if not isinstance(expression, XPath):
        return expression
    inner, first = expression.path, None
    if match := _FIRST_OF_ALL.match(inner):
        inner, first = match[1], "all"
    elif match := _FIRST_OF_SIBLINGS.match(inner):
        inner, first = match[1], "siblings"
    found = _prefilter(inner)
    return expression if found is None else PrefilteredXPath(expression, inner, first, *found)


@lru_cache(maxsize=1)
def prefiltered_lists() -> tuple[tuple[list, tuple, tuple], ...]:
    """(trafilatura's list, its own items, our items) for each list that gains anything."""
    swaps = []
    for name in PRUNE_LISTS:
        items = getattr(trafilatura_xpaths, name, None)
        if not isinstance(items, list):
            continue
        faster = tuple(prefiltered(x) for x in items)
        if any(a is not b for a, b in zip(faster, items, strict=True)):
            swaps.append((items, tuple(items), faster))
    return tuple(swaps)


@contextmanager
def prefiltered_prunes() -> Iterator[None]:
    """trafilatura's prune lists hold the prefiltered expressions inside the block.

    The lists are changed in place (trafilatura's modules import the list objects) and
    given back their own items after the block, also when it raises. Results are equal
    either way, so a thread that sees the swapped lists gets the same answers.
    """
    swaps = prefiltered_lists()
    for items, _own, faster in swaps:
        items[:] = faster
    try:
        yield
    finally:
        for items, own, _faster in swaps:
            items[:] = own
