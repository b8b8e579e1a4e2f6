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
from typing import Final

from lxml.html import HtmlElement

from cleaners.report import CleaningReport
from cleaners.rules.templates import (
    CODE_TAGS,
    CONDITIONAL_CLOSE,
    CONDITIONAL_MAX_WORDS,
    CONDITIONAL_OPEN,
)

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


def _branches(parent: HtmlElement) -> list[list[HtmlElement]]:
    """Runs of children standing between an opening and a closing conditional tag."""
    found: list[list[HtmlElement]] = []
    current: list[HtmlElement] | None = [] if _opens(parent.text) else None
    for child in parent:
        if not isinstance(child.tag, str):
            continue
        if current is not None:
            current.append(child)
            if _closes(child.tail):
                found.append(current)
                current = None
        if current is None and _opens(child.tail):
            current = []
    return found


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
            words = sum(len(el.text_content().split()) for el in branch)
            if not branch or words > CONDITIONAL_MAX_WORDS:
                continue
            for el in branch:
                report.template_blocks_removed += 1
                report.add_sample(" ".join(el.text_content().split()))
                el.drop_tree()
