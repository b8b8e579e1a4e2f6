"""Every element of a page kept reachable while the steps walk it (a helper of the pipeline).

lxml hands Python an element as a proxy object, made when a walk reaches the element and
freed when nothing refers to it any more. Each walk over a tree therefore makes a proxy for
every element it passes, and the next walk makes them all again: on news pages that is
about two thirds of the cost of a walk that tests a tag or an attribute. A list of all the
elements, held while the steps run, keeps their proxies alive, so every later walk finds
them made (five such walks over the trafilatura-eval-dev pages: 2.1-2.6 s of CPU without
the list, 0.6-0.8 s with it, plus 0.3-0.5 s to make it). What a step reads does not
change: the same elements, in the same tree. Two things do: an element a step removes stays
in memory until the page is done, and an element renamed while held keeps the Python class
of its old tag (a held ``<label>`` renamed ``span`` is still a ``LabelElement``; no step
reads those classes). Make the list after the size limits passed (``check_tree_limits``):
it costs an object per element.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from lxml import etree

__all__ = ["live_elements"]


@contextmanager
def live_elements(tree: etree._Element) -> Iterator[list[etree._Element]]:
    """Inside the block, every element of ``tree``'s document (and its comments) stays
    alive as a Python object; the list is given to the block and dropped after it."""
    held = list(tree.getroottree().iter())
    try:
        yield held
    finally:
        held.clear()
