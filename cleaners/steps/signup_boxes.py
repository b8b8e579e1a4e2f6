"""Sign-up boxes: a form asking for an e-mail address, with the heading and lines around it.

Newsletter and account widgets ("Blijf op de hoogte", an e-mail field, "Aanmelden", "Vul een
geldig emailadres in.") are boilerplate whatever their classes are called; a widget a script
renders often carries none a class rule knows. The box is the largest element around the
e-mail field of such a form whose text stays within ``rules.boilerplate.SIGNUP_BOX_MAX_CHARS``
and which is no article container; a field whose nearest elements are already bigger (a
WebForms page wrapped whole in one ``<form>``) makes no box. Used by
``cleaners.steps.extract_main.prune_boilerplate``.
"""

from __future__ import annotations

from typing import Final

from lxml import etree
from lxml.html import HtmlElement

from cleaners.rules.boilerplate import PROTECTED_TAGS, SIGNUP_BOX_MAX_CHARS, SIGNUP_EMAIL_INPUTS
from cleaners.steps.text_nodes import text_of

__all__ = ["signup_boxes"]

_EMAIL_INPUTS: Final = etree.XPath(
    "//form/descendant::input[{}]".format(" or ".join(SIGNUP_EMAIL_INPUTS)))  # //form//input


def _text_size(el: HtmlElement) -> int:
    return len(" ".join(text_of(el).split()))


def signup_boxes(tree: HtmlElement) -> list[HtmlElement]:
    """The sign-up boxes of the document, outermost first, in document order."""
    boxes: list[HtmlElement] = []
    for field in _EMAIL_INPUTS(tree):
        box = None
        for parent in field.iterancestors():
            if parent.tag in PROTECTED_TAGS or _text_size(parent) > SIGNUP_BOX_MAX_CHARS:
                break
            box = parent
        if box is not None and not any(box is b or b in box.iterancestors() for b in boxes):
            boxes.append(box)
    return boxes
