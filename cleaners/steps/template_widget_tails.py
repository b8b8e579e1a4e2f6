"""A sign-up widget's state lines set after it: "Please enter a valid email address.",
"Thanks for signing up!", "Something went wrong. Please try again." standing as siblings
right after the widget (a container with a form and template tokens), where a script shows
one of them at a time. They are addressed by that script, so each carries a class, id or
``data-`` attribute; the article's paragraphs around them carry none or share one signature.

After each such widget, the run of following siblings that are short lines
(``WIDGET_TAIL_MAX_WORDS`` words at most), each with attributes, none with the signature of
the parent's long paragraphs, goes; the first sibling that is not such a line ends the run.
The run goes on past the widget's other pieces (form controls, short blocks of tokens),
emptied elements and link blocks (read-also lines, teasers) set among the lines. A short
article paragraph without attributes, or with the body's own class, stays, and so does all
after it.
"""

from __future__ import annotations

from collections import Counter

from lxml.html import HtmlElement

from cleaners.report import CleaningReport
from cleaners.rules.templates import (
    CODE_TAGS,
    WIDGET_TAIL_LINK_LABEL_WORDS,
    WIDGET_TAIL_LONG_WORDS,
    WIDGET_TAIL_MAX_WORDS,
    WIDGET_TAIL_TAGS,
)
from cleaners.steps.read_also import is_link
from cleaners.steps.template_tokens import find_tokens
from cleaners.steps.text_nodes import text_of

_CONTROLS = ("form", "input", "button")


def _words(el: HtmlElement) -> int:
    return len(text_of(el).split())


def _signature(el: HtmlElement) -> tuple[str, tuple[str, ...]]:
    return el.tag, tuple(sorted(f"{k}={v}" for k, v in el.attrib.items()))


def _widget(form: HtmlElement) -> HtmlElement | None:
    """The container of a form that also shows template tokens (up to three levels up)."""
    node = form
    for _ in range(3):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html", "article", "main"):
            return None
        node = parent
        if find_tokens(" ".join(text_of(node).split())):
            return node
    return None


def _tail(widget: HtmlElement) -> list[HtmlElement]:
    parent = widget.getparent()
    if parent is None:
        return []
    body = Counter(_signature(c) for c in parent
                   if isinstance(c.tag, str) and _words(c) >= WIDGET_TAIL_LONG_WORDS)
    run: list[HtmlElement] = []
    for sib in widget.itersiblings():
        if not isinstance(sib.tag, str) or _passed_over(sib):
            continue
        words = _words(sib)
        if (sib.tag not in WIDGET_TAIL_TAGS or not sib.attrib or not 0 < words
                <= WIDGET_TAIL_MAX_WORDS or _signature(sib) in body):
            break
        run.append(sib)
    return run


def _passed_over(sib: HtmlElement) -> bool:
    """A sibling the run goes on past without taking it: an element left empty (a
    conditional's branch taken out), another piece of the widget (form controls, or a short
    block of template tokens, which the token pass removes), or links to other pages set between
    the widget and its lines (a read-also line, a teaser box: prune_boilerplate's part)."""
    text = " ".join(text_of(sib).split())
    if not text:
        return True
    if next(sib.iter(*_CONTROLS), None) is not None:
        return True
    tokens = [t for t in find_tokens(text) if t.rule != "key"]  # a bare key is no evidence
    if tokens:
        token_words = sum(len(text[t.start:t.end].split()) for t in tokens)
        return len(text.split()) - token_words <= WIDGET_TAIL_MAX_WORDS
    return _link_block(sib, text)


def _link_block(sib: HtmlElement, text: str) -> bool:
    """Links to other pages and a short label at most ("Read also: <a>...</a>", a teaser
    box): furniture the boilerplate steps remove, not a line of the widget or the body."""
    linked = sum(len(text_of(a).split()) for a in sib.iter("a") if is_link(a))
    return linked > 0 and len(text.split()) - linked <= WIDGET_TAIL_LINK_LABEL_WORDS


def drop_widget_tails(tree: HtmlElement, report: CleaningReport) -> None:
    """Remove the state lines set right after sign-up widgets (see the module doc)."""
    for form in list(tree.iter("form")):
        if any(a.tag in CODE_TAGS for a in form.iterancestors()):
            continue
        widget = _widget(form)
        if widget is None:
            continue
        for line in _tail(widget):
            parent = line.getparent()
            if parent is None or (line.tail and line.tail.strip()):
                break  # text standing after the line belongs to the body: the run ends
            report.template_blocks_removed += 1
            report.add_sample(" ".join(text_of(line).split()))
            parent.remove(line)
