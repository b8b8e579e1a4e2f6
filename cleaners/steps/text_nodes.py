"""Text nodes of a subtree outside some elements, read by one walk, and an element's text
(helpers of the steps).

``texts_outside(el, {"script", "style"})`` is the text of the XPath
``descendant-or-self::text()[not(ancestor::script or ancestor::style)]`` in document order,
for an ``el`` that is itself none of them: the walk never enters a skipped element, where
the XPath tests the ancestors of every text node (two to three times the cost on long pages,
and a Python string made per node either way). A skipped element's tail stands outside it
and is read; a comment's or processing instruction's content is no text node, its tail is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.html import HtmlElement

__all__ = ["text_of", "texts_outside"]


def text_of(el: HtmlElement) -> str:
    """``el.text_content()``: the text of every text node below ``el``, in document order,
    without its tail. Both read libxml2's node content; this one asks the serialiser for it
    and skips the XPath evaluation ``text_content`` sets up on every call (about half the
    cost on the short elements most steps read). A comment or processing instruction shows
    no text: "" (``text_content`` refuses one). An element whose only child nodes are text
    (no element, comment, processing instruction or entity inside: most of the elements
    steps read, links, short paragraphs, list items) has ``el.text`` as its content, the
    same string without a serialiser set up."""
    if not isinstance(el.tag, str):
        return ""
    if len(el) == 0:  # no element, comment, processing instruction or entity inside
        return el.text or ""
    return etree.tostring(el, method="text", encoding=str, with_tail=False)


def texts_outside(el: HtmlElement, skipped: frozenset[str]) -> Iterator[str]:
    """The text nodes below ``el`` in no element whose tag is in ``skipped``, in document
    order. A stack, not recursion: no depth limit of Python's applies."""
    if el.text is not None:
        yield el.text
    stack: list[tuple[Iterator[HtmlElement], HtmlElement | None]] = [(iter(el), None)]
    while stack:
        children, owner = stack[-1]
        for child in children:
            if isinstance(child.tag, str) and child.tag not in skipped:
                if child.text is not None:
                    yield child.text
                stack.append((iter(child), child))
                break
            if child.tail is not None:
                yield child.tail
        else:
            stack.pop()
            if owner is not None and owner.tail is not None:
                yield owner.tail
