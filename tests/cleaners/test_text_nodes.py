"""``text_of``: an element's text as ``text_content`` gives it; a comment shows none."""

from __future__ import annotations

import lxml.etree
import lxml.html

from cleaners.steps.text_nodes import text_of

PAGE = (
    "<html><head><title>T</title></head><body><div><p>One <b>two</b></p><!-- note -->"
    "<p>th&amp;ree <i>x</i>\u00a0y</p><script>var a = '<p>';</script></div></body></html>"
)


def test_text_of_is_text_content_for_every_element() -> None:
    tree = lxml.html.document_fromstring(PAGE)
    for el in tree.iter(lxml.etree.Element):
        assert text_of(el) == el.text_content()
    assert text_of(tree.body[0][2]) == "th&ree x\u00a0y"


def test_a_comment_shows_no_text() -> None:
    tree = lxml.html.document_fromstring(PAGE)
    assert text_of(next(tree.iter(lxml.etree.Comment))) == ""
