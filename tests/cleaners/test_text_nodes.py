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


def test_our_pages_elements_give_lxmls_text_content() -> None:
    """The elements of a page we parse (``PageElement``) answer ``text_content`` as lxml's
    ``HtmlElement`` does, on every element, and stay ``HtmlElement``s (form controls keep
    their own classes)."""
    from cleaners.steps.parse import PageElement, parse_html

    page = PAGE.replace("</div>", "<form><input name=q><label>L <b>x</b></label></form></div>")
    ours = parse_html(page)
    theirs = lxml.html.document_fromstring(page)
    pairs = list(zip(ours.iter(lxml.etree.Element), theirs.iter(lxml.etree.Element), strict=True))
    assert {type(a).__name__ for a, _ in pairs} >= {"PageElement", "FormElement", "InputElement"}
    for a, b in pairs:
        assert isinstance(a, lxml.html.HtmlElement)
        assert a.text_content() == lxml.html.HtmlElement.text_content(b) == b.text_content()
    assert isinstance(ours.body, PageElement)
