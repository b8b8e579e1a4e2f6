"""Inline runs: an element's text joined with its inline children's, for the token search.

A run is what a reader sees as one stretch of text: an element's text, then the text and
tail of each inline child (``rules.INLINE_TAGS``, at any depth), in document order, up to
the next barrier: any other element (a block, ``<br>``, ``<code>``, a framework-filled
inline element), a comment or a processing instruction. A token split by markup
(``{{ <b>trans</b>('a.b') }}``) is whole in its run. A cut maps back onto the text nodes it
spans: each keeps its own part, and inline elements the cut leaves empty go.

Every element is either a run *owner* (the root and every barrier element) or a *member*
whose text belongs to the runs of its nearest owner; runs are collected for the owners that
need them. Used by ``cleaners.steps.strip_templates``; rules live in
``cleaners.rules.templates``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cleaners.steps.template_tokens import Token, cut_parts, join_all_around_cuts
from cleaners.steps.text_nodes import text_of

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from lxml.html import HtmlElement

__all__ = ["Run", "collect_runs", "cut_run", "drop_children", "run_owner", "xml_safe"]

# lxml parses control characters it then refuses to set back: drop them from text we rewrite.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(slots=True)
class Piece:
    """One text node of a run: an element's text or a node's tail, and where it starts."""

    node: HtmlElement
    is_tail: bool
    start: int


@dataclass(slots=True)
class Run:
    """One run: its owner, joined text, text nodes and inline members wholly inside it.

    ``scopes`` are ``(member, start, end)`` spans of the members' own text in ``text``,
    innermost first; ``tokens`` is filled by the caller.
    """

    owner: HtmlElement
    text: str
    pieces: list[Piece]
    scopes: list[tuple[HtmlElement, int, int]]
    tokens: list[Token] = field(default_factory=list)

    def piece_spans(self) -> Iterator[tuple[int, int]]:
        """Each piece's ``(start, end)`` in ``text``."""
        starts = [p.start for p in self.pieces]
        yield from zip(starts, [*starts[1:], len(self.text)], strict=True)


class _RunBuilder:
    """Collects one owner's runs; a barrier closes the current run."""

    __slots__ = ("_parts", "_pieces", "_pos", "_scopes", "owner", "runs", "serial")

    def __init__(self, owner: HtmlElement) -> None:
        self.owner = owner
        self.runs: list[Run] = []
        self.serial = 0  # which run is open: a member spanning a barrier is no scope
        self._parts: list[str] = []
        self._pieces: list[Piece] = []
        self._scopes: list[tuple[HtmlElement, int, int]] = []
        self._pos = 0

    def add(self, node: HtmlElement, is_tail: bool, text: str | None) -> None:
        if text:
            self._pieces.append(Piece(node, is_tail, self._pos))
            self._parts.append(text)
            self._pos += len(text)

    def mark(self) -> tuple[int, int]:
        return self.serial, self._pos

    def close_scope(self, member: HtmlElement, mark: tuple[int, int]) -> None:
        if mark[0] == self.serial:
            self._scopes.append((member, mark[1], self._pos))

    def close_run(self) -> None:
        text = "".join(self._parts)
        if text.strip():
            self.runs.append(Run(self.owner, text, self._pieces, self._scopes))
        self._parts, self._pieces, self._scopes, self._pos = [], [], [], 0
        self.serial += 1


def run_owner(
    node: HtmlElement, root: HtmlElement, joins: Callable[[HtmlElement], bool]
) -> HtmlElement:
    """The owner of the runs that ``node``'s text is in: itself, or its nearest non-member."""
    while node is not root and joins(node):
        parent = node.getparent()
        if parent is None:
            break
        node = parent
    return node


def collect_runs(
    owner: HtmlElement, joins: Callable[[HtmlElement], bool]
) -> tuple[list[Run], list[HtmlElement]]:
    """The owner's runs, and its members; ``joins`` says which elements are members.

    Barrier children are not entered: they own runs of their own. Iterative, so that deep
    inline nesting cannot exhaust the stack.
    """
    builder = _RunBuilder(owner)
    builder.add(owner, False, owner.text)
    members: list[HtmlElement] = []
    stack: list[tuple[HtmlElement, Iterator[HtmlElement], tuple[int, int] | None]] = [
        (owner, iter(owner), None)
    ]
    while stack:
        el, children, mark = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if mark is not None:  # a member ends: its tail goes on with the run
                builder.close_scope(el, mark)
                builder.add(el, True, el.tail)
            continue
        if isinstance(child.tag, str) and joins(child):
            members.append(child)
            stack.append((child, iter(child), builder.mark()))
            builder.add(child, False, child.text)
        else:  # any other element, a comment, a processing instruction: a barrier
            builder.close_run()
            builder.add(child, True, child.tail)
    builder.close_run()
    return builder.runs, members


def cut_run(run: Run, spans: list[tuple[int, int]]) -> None:
    """Cut ``spans`` of ``run.text`` out of the text nodes they cover, tidying the joins.

    The text nodes where a cut starts and ends are joined as ``join_around_cut`` joins plain
    text; nodes wholly inside are emptied; the separator goes to the node where the text after
    the cut starts, and is left out when the run already goes on with a space. Inline members
    emptied by a cut go.
    """
    texts = [run.text[start:end] for start, end in run.piece_spans()]
    before = list(texts)
    starts = [p.start for p in run.pieces]
    for start, end in reversed(spans):  # right to left: offsets on the left stay valid
        i = bisect_right(starts, start) - 1
        j = bisect_right(starts, end - 1) - 1
        lhs, sep, rhs = cut_parts(texts[i][: start - starts[i]], texts[j][end - starts[j] :])
        if not rhs and _next_char(texts, j + 1).isspace():
            sep = ""  # "<a>meer {{ x }}</a> verder": the space after the link is enough
        if i == j:
            texts[i] = lhs + sep + rhs
        else:
            texts[i] = lhs if rhs else lhs + sep
            texts[i + 1 : j] = [""] * (j - i - 1)
            texts[j] = sep + rhs if rhs else ""
    for piece, old, new in zip(run.pieces, before, texts, strict=True):
        if new != old:
            _set_text(piece, xml_safe(new) or None)
    _drop_emptied([member for member, start, end in run.scopes if _overlaps(start, end, spans)])


def _drop_emptied(touched: list[HtmlElement]) -> None:
    """Drop the members a cut touched and left empty; their spaces and tails stay.

    ``touched`` runs innermost first, so a wrapper is empty once its children are.
    """
    emptied: set[HtmlElement] = set()
    for member in touched:
        if not (member.text or "").strip() and all(
            child in emptied and not (child.tail or "").strip() for child in member
        ):
            emptied.add(member)
    doomed: dict[HtmlElement, set[HtmlElement]] = {}
    for member in emptied:
        parent = member.getparent()
        if parent is not None and parent not in emptied:
            doomed.setdefault(parent, set()).add(member)
    for parent, children in doomed.items():
        drop_children(parent, children, keep_space=True)


def _next_char(texts: list[str], k: int) -> str:
    """The first character of the texts from index ``k`` on ("" at the end of the run)."""
    while k < len(texts):
        if texts[k]:
            return texts[k][0]
        k += 1
    return ""


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """True when a member's span meets a cut (an empty member: lies strictly inside one).

    ``spans`` are sorted and disjoint: only the last one starting before ``end`` can meet it.
    """
    k = bisect_left(spans, (end if end > start else start,)) - 1
    return k >= 0 and spans[k][1] > start


def _set_text(piece: Piece, text: str | None) -> None:
    if piece.is_tail:
        piece.node.tail = text
    else:
        piece.node.text = text


def drop_children(
    parent: HtmlElement, doomed: set[HtmlElement], *, keep_space: bool = False
) -> None:
    """Remove the ``doomed`` children but keep their tails, joined tidily to the text before.

    One pass over the children, however many go. With ``keep_space`` a removed child's own
    whitespace stays too (an inline element a cut emptied).
    """
    slot: HtmlElement | None = None  # the kept child whose tail takes the text; None: parent
    parts = [xml_safe(parent.text or "")]
    for child in list(parent):
        if child not in doomed:
            _set_slot(parent, slot, parts)
            slot, parts = child, [xml_safe(child.tail or "")]
            continue
        carried = (text_of(child) if keep_space else "") + (child.tail or "")
        if carried:
            parts.append(xml_safe(carried))
        parent.remove(child)
    _set_slot(parent, slot, parts)


def _set_slot(parent: HtmlElement, slot: HtmlElement | None, parts: list[str]) -> None:
    """Set the text the removed children's tails joined onto (if any was)."""
    if len(parts) < 2:
        return
    text = join_all_around_cuts(parts) or None
    if slot is None:
        parent.text = text
    else:
        slot.tail = text


def xml_safe(text: str) -> str:
    """``text`` without the characters lxml refuses to set."""
    return _XML_UNSAFE.sub("", text)
