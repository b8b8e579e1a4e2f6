"""Unrendered template conditionals: every branch of ``{% if %}…{% else %}…{% endif %}`` shows.

A page whose template engine never ran (or whose client framework never hydrated) prints
both branches of a conditional: "Welcome back! You have unlimited access…" next to
"Subscribe now…", metered-paywall greetings with ``{{ n }}`` articles left. None of it is
the article. Where an element's own text holds an opening conditional tag and, later in the
same element, its closing tag (``CONDITIONAL_OPEN`` / ``CONDITIONAL_CLOSE`` in
``rules.templates``), the child elements between them are removed, provided they are short
(``CONDITIONAL_MAX_WORDS`` words in all: a whole article wrapped in a conditional stays) and
not code. The tags themselves are left to the token pass that follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from lxml.html import HtmlElement

from cleaners.report import CleaningReport
from cleaners.rules.templates import (
    CODE_TAGS,
    CONDITIONAL_CLOSE,
    CONDITIONAL_MAX_WORDS,
    CONDITIONAL_OPEN,
)
from cleaners.steps.text_nodes import text_of

_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _opens(text: str | None) -> bool:
    """Whether a text piece leaves a conditional open (an opening tag after its last close)."""
    if not text:
        return False
    last_open = max((m.end() for m in CONDITIONAL_OPEN.finditer(text)), default=-1)
    last_close = max((m.end() for m in CONDITIONAL_CLOSE.finditer(text)), default=-1)
    return last_open > last_close


def _closes(text: str | None) -> bool:
    return bool(text) and CONDITIONAL_CLOSE.search(text) is not None


def _text(el: HtmlElement) -> str:
    """All text of an element (HTML or plain lxml element alike)."""
    return text_of(el)


def _tag_only(el: HtmlElement, pattern: re.Pattern[str]) -> bool:
    """An element whose whole text is one opening (or closing) tag: ``<p><< endif >></p>``."""
    text = " ".join(_text(el).split())
    return bool(text) and pattern.fullmatch(text) is not None


@dataclass
class _Branch:
    """Children between an opening and a closing tag of one parent, and where the tags
    stand: ``open_in`` / ``close_in`` is the child whose tail holds the tag (None: the
    parent's text), or the tag-only element itself (``*_element``)."""

    children: list[HtmlElement] = field(default_factory=list)
    open_in: HtmlElement | None = None
    open_element: bool = False
    close_in: HtmlElement | None = None
    close_element: bool = False


def _branches(parent: HtmlElement) -> list[_Branch]:
    """Runs of children standing between an opening and a closing conditional tag, the tags
    written in the parent's text, in children's tails, or as elements of their own."""
    found: list[_Branch] = []
    current = _Branch(open_in=None) if _opens(parent.text) else None
    for child in parent:
        if not isinstance(child.tag, str):
            continue
        if current is None and _tag_only(child, CONDITIONAL_OPEN):
            current = _Branch(open_in=child, open_element=True)
            if _closes(child.tail):
                current.close_in = child
                found.append(current)
                current = None
            continue
        if current is not None:
            if _tag_only(child, CONDITIONAL_CLOSE):
                current.close_in, current.close_element = child, True
                found.append(current)
                current = None
            else:
                current.children.append(child)
                if _closes(child.tail):
                    current.close_in = child
                    found.append(current)
                    current = None
        if current is None and _opens(child.tail):
            current = _Branch(open_in=child)
    return found


def _after_open(text: str | None) -> tuple[str, str]:
    """A piece split at its last opening tag: (before it, the tag and what follows)."""
    text = text or ""
    start = max((m.start() for m in CONDITIONAL_OPEN.finditer(text)), default=len(text))
    return text[:start], text[start:]


def _before_close(text: str | None) -> tuple[str, str]:
    """A piece split after its first closing tag: (up to and with the tag, what follows)."""
    text = text or ""
    found = CONDITIONAL_CLOSE.search(text)
    end = found.end() if found else 0
    return text[:end], text[end:]


def _drop(el: HtmlElement) -> None:
    """Remove an element, keeping its tail (``drop_tree`` of plain lxml elements too)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _branch_words(parent: HtmlElement, branch: _Branch) -> int:
    words = sum(len(_text(el).split()) for el in branch.children)
    if not branch.open_element:
        opened = parent.text if branch.open_in is None else branch.open_in.tail
        words += len(_after_open(opened)[1].split())
    if branch.close_in is not None and not branch.close_element:
        words += len(_before_close(branch.close_in.tail)[0].split())
    return words


def _drop_branch(parent: HtmlElement, branch: _Branch, report: CleaningReport) -> None:
    """Remove a branch: its children, tag-only elements, and the text between the tags."""
    sample: list[str] = []
    close_in = branch.close_in
    if close_in is not None and not branch.close_element:
        cut, rest = _before_close(close_in.tail)
        sample.append(cut)
        close_in.tail = _xml_safe(rest)
    if branch.open_element and branch.open_in is not None:
        doomed = [branch.open_in, *branch.children]
    else:
        if branch.open_in is None:
            keep, cut = _after_open(parent.text)
            parent.text = _xml_safe(keep)
        else:
            keep, cut = _after_open(branch.open_in.tail)
            branch.open_in.tail = _xml_safe(keep)
        sample.insert(0, cut)
        doomed = list(branch.children)
    if branch.close_element and close_in is not None:
        doomed.append(close_in)
    for el in doomed:
        sample.append(_text(el))
        _drop(el)
    report.template_blocks_removed += 1
    report.add_sample(" ".join(" ".join(sample).split()))


def _inline_spans(text: str) -> list[tuple[int, int]]:
    """Spans of one text piece from an opening conditional tag to the close that ends it
    (nested ones inside), short enough to be a notice."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while (start := CONDITIONAL_OPEN.search(text, pos)) is not None:
        depth, cursor, end = 1, start.end(), None
        while depth:
            nxt_open = CONDITIONAL_OPEN.search(text, cursor)
            nxt_close = CONDITIONAL_CLOSE.search(text, cursor)
            if nxt_close is None:
                break
            if nxt_open is not None and nxt_open.start() < nxt_close.start():
                depth, cursor = depth + 1, nxt_open.end()
            else:
                depth, cursor = depth - 1, nxt_close.end()
                if not depth:
                    end = cursor
        if end is None:
            break
        if len(text[start.end():end].split()) <= CONDITIONAL_MAX_WORDS:
            spans.append((start.start(), end))
        pos = end
    return spans


def _xml_safe(text: str | None) -> str | None:
    """Text lxml accepts back (parsed text may hold control characters it refuses)."""
    return _CONTROL.sub("", text) if text else text


def _without_inline(text: str | None, report: CleaningReport) -> str | None:
    """A text piece without its whole short conditionals (tags and branches); the same
    object when it holds none."""
    if not text or CONDITIONAL_OPEN.search(text) is None:
        return text
    spans = _inline_spans(text)
    if not spans:
        return text
    for start, end in reversed(spans):
        report.template_blocks_removed += 1
        report.add_sample(" ".join(text[start:end].split()))
        text = text[:start] + text[end:]
    return text


def drop_template_conditionals(tree: HtmlElement, report: CleaningReport) -> None:
    """Remove the short branches of unrendered conditionals from ``tree`` in place: whole
    conditionals inside one text piece, and child elements between an element's opening
    and closing tags."""
    for parent in list(tree.iter()):
        if not isinstance(parent.tag, str) or parent.tag in CODE_TAGS:
            continue
        if any(a.tag in CODE_TAGS for a in parent.iterancestors()):
            continue
        if (text := _without_inline(parent.text, report)) is not parent.text:
            parent.text = _xml_safe(text)
        for child in parent:
            if (tail := _without_inline(child.tail, report)) is not child.tail:
                child.tail = _xml_safe(tail)
        for branch in _branches(parent):
            if _branch_words(parent, branch) <= CONDITIONAL_MAX_WORDS:
                _drop_branch(parent, branch, report)
