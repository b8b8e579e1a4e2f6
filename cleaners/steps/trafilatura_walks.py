"""trafilatura's prune lists that run back to back on one tree, read by one walk of it.

Each prefiltered prune expression (``prefiltered_xpaths``) walks the tree it is given to find
its candidates, and trafilatura prunes one tree with several lists one after another, with
nothing between them but the deletions the lists make (read in trafilatura 2.3.1):

- ``trafilatura_sequence``, on the raw tree: ``RAW_TREE_PRUNE_XPATH``, then
  ``REMOVE_COMMENTS_AND_LISTS_XPATH`` (when comments are off);
- ``prune_unwanted_sections``, on each main-content subtree it tries:
  ``OVERALL_DISCARD_XPATH``, ``DISCARD_IMAGE_ELEMENTS``, ``TEASER_DISCARD_XPATH``,
  ``PRECISION_DISCARD_XPATH`` (each where the options ask for it).

Whether an element is a candidate reads only its own tag and attributes, and a deletion
changes neither, so one walk at the first list of such a run (``BACK_TO_BACK``) finds the
candidates of every expression of the run. At its turn each expression keeps those of them
still inside the tree (the ones before it may have deleted some) and decides on them with its
own exact check, as before: the same elements in the same order, from one walk instead of
five to seven. An expression that is not prefiltered runs as it is. A list outside these runs,
a list out of its run's order or another tree ends the walk, and the list is pruned the usual
way.

As with ``fewer_copies``, trafilatura's ``prune_unwanted_nodes`` is swapped, in the modules
that prune these runs, only while one of our calls runs (``fewer_walks``); any other list gets
trafilatura's own function, and the swap is process-wide like theirs (our cleaning runs one
page at a time per process).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Final

from lxml import etree
from lxml.etree import _Element
from trafilatura import core as trafilatura_core
from trafilatura import htmlprocessing
from trafilatura import main_extractor as trafilatura_main
from trafilatura import xpaths as trafilatura_xpaths

from cleaners.steps.prefiltered_xpaths import VALUE_MEMO_MAX, PrefilteredXPath, prefiltered_lists

# The runs of prune lists (names in trafilatura.xpaths) one tree gets back to back.
BACK_TO_BACK: Final = (
    ("RAW_TREE_PRUNE_XPATH", "REMOVE_COMMENTS_AND_LISTS_XPATH"),
    ("OVERALL_DISCARD_XPATH", "DISCARD_IMAGE_ELEMENTS", "TEASER_DISCARD_XPATH",
     "PRECISION_DISCARD_XPATH"),
)
# The modules whose ``prune_unwanted_nodes`` prunes those runs.
_PRUNING_MODULES: Final = (trafilatura_core, trafilatura_main)
_OWN_PRUNE: Final = htmlprocessing.prune_unwanted_nodes


class _Plan:
    """What one walk reads for a run of lists: the tags to visit, each tag's expressions (as
    bits) and each attribute's tests, with the bits of the expressions whose test a value
    passes (remembered by value: pages repeat their class names, a site its pages')."""

    def __init__(self, lists: Sequence[list[Any]], items: Sequence[Sequence[Any]]) -> None:
        self.lists = tuple(lists)  # trafilatura's list objects, as its code passes them
        self.expressions = tuple(  # their prefiltered items, as prefiltered_prunes fills them
            x for row in items for x in row if isinstance(x, PrefilteredXPath))
        self.bit = {id(x): i for i, x in enumerate(self.expressions)}
        every = [i for i, x in enumerate(self.expressions) if not x.tags]
        self.every_tag = sum(1 << i for i in every)  # expressions that read any element
        self.tag_bits: dict[str, int] = {}
        for i, x in enumerate(self.expressions):
            for tag in x.tags:
                self.tag_bits[tag] = self.tag_bits.get(tag, 0) | 1 << i
        self.tags: tuple[Any, ...] = (etree.Element,) if every else tuple(self.tag_bits)
        tests: dict[str, list[tuple[int, Any]]] = {}
        for i, x in enumerate(self.expressions):
            for name, regex in x.checks:
                tests.setdefault(name, []).append((1 << i, regex))
        # attribute -> (tests, its memo); read from each element's attribute list
        self.tests = {name: (tuple(pairs), {}) for name, pairs in tests.items()}

    def position(self, nodelist: list[Any]) -> int | None:
        return next((i for i, items in enumerate(self.lists) if items is nodelist), None)


@lru_cache(maxsize=1)
def _plans() -> tuple[_Plan, ...]:
    """One plan per run of ``BACK_TO_BACK`` whose lists trafilatura has."""
    ours = {id(items): faster for items, _own, faster in prefiltered_lists()}
    plans = []
    for names in BACK_TO_BACK:
        lists = [getattr(trafilatura_xpaths, name, None) for name in names]
        if all(isinstance(items, list) for items in lists):
            plans.append(_Plan(lists, [ours.get(id(items), ()) for items in lists]))
    return tuple(plans)


def _value_bits(value: str, pairs: tuple[tuple[int, Any], ...]) -> int:
    return sum(b for b, regex in pairs if regex is None or regex.search(value) is not None)


def _inside(el: _Element, root: _Element) -> bool:
    """Whether ``el`` (a descendant of ``root`` once) still is one."""
    return any(a is root for a in el.iterancestors())


class _Walk:
    """The candidates of every expression of a plan below one tree, found by one walk, and
    the place of the last list pruned with them."""

    def __init__(self, tree: _Element, plan: _Plan, first: int) -> None:
        self.tree, self.plan, self.last = tree, plan, first - 1
        self.deleted = False  # whether an expression has returned anything since the walk
        found: list[list[_Element]] = [[] for _ in plan.expressions]
        tag_bits, every_tag, tests = plan.tag_bits, plan.every_tag, plan.tests
        for el in tree.iter(*plan.tags):
            hit = 0
            for name, value in el.items():  # one call, faster than a get() per attribute
                read = tests.get(name)
                if read is None:
                    continue
                pairs, memo = read
                bits = memo.get(value)
                if bits is None:
                    if len(memo) >= VALUE_MEMO_MAX:
                        memo.clear()
                    bits = memo[value] = _value_bits(value, pairs)
                hit |= bits
            if hit:
                hit &= tag_bits.get(el.tag, 0) | every_tag
            if hit and el is not tree:  # ".//*" is below the context, iter() starts at it
                i = 0
                while hit:
                    if hit & 1:
                        found[i].append(el)
                    hit >>= 1
                    i += 1
        self.found = found

    def takes(self, tree: _Element, nodelist: list[Any]) -> int | None:
        """The place of ``nodelist`` in the plan when it comes later than the last list
        pruned, on the same tree (else None: the walk is over)."""
        if tree is not self.tree:
            return None
        at = self.plan.position(nodelist)
        return at if at is not None and at > self.last else None

    def expressions(self, nodelist: list[Any]) -> list[Callable[[_Element], list[_Element]]]:
        return [self._bound(x) for x in nodelist]

    def _bound(self, expression: Any) -> Callable[[_Element], list[_Element]]:
        i = self.plan.bit.get(id(expression))

        def from_walk(tree: _Element) -> list[_Element]:
            if tree is not self.tree:
                return as_it_is(tree)
            candidates = self.found[i]
            if self.deleted:
                candidates = [el for el in candidates if _inside(el, tree)]
            result = expression.select(candidates)
            self.deleted = self.deleted or bool(result)
            return result

        def as_it_is(tree: _Element) -> list[_Element]:
            result = expression(tree)
            self.deleted = self.deleted or len(result) > 0
            return result

        return from_walk if i is not None else as_it_is


class _Pruner:
    """``prune_unwanted_nodes`` reading each run of lists by one walk (one per block)."""

    def __init__(self) -> None:
        self.walk: _Walk | None = None

    def __call__(
        self, tree: _Element, nodelist: list[Any], with_backup: bool = False
    ) -> _Element:
        walk = self.walk
        at = walk.takes(tree, nodelist) if walk is not None else None
        if walk is None or at is None:
            walk = self.walk = self._start(tree, nodelist)
            at = 0
        if walk is None:
            return _OWN_PRUNE(tree, nodelist, with_backup)
        walk.last = at
        return _OWN_PRUNE(tree, walk.expressions(nodelist), with_backup)

    @staticmethod
    def _start(tree: _Element, nodelist: list[Any]) -> _Walk | None:
        """A walk when ``nodelist`` starts a run of ``BACK_TO_BACK``."""
        for plan in _plans():
            if plan.lists[0] is nodelist and plan.expressions:
                return _Walk(tree, plan, 0)
        return None


@contextmanager
def fewer_walks() -> Iterator[None]:
    """trafilatura prunes each run of ``BACK_TO_BACK`` by one walk inside the block (its own
    function given back after it, also when it raises). Use it inside ``prefiltered_prunes``:
    only prefiltered expressions are read by the walk."""
    pruner = _Pruner()
    for module in _PRUNING_MODULES:
        module.prune_unwanted_nodes = pruner
    try:
        yield
    finally:
        for module in _PRUNING_MODULES:
            module.prune_unwanted_nodes = _OWN_PRUNE
