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


def _serialised(el: lxml.etree._Element) -> str:
    return lxml.etree.tostring(el, method="text", encoding=str, with_tail=False)


def test_a_leaf_elements_text_is_what_the_serialiser_gives() -> None:
    """The shortcut for elements without child nodes, on every element of the fixture pages
    and on leaves made through the API (CDATA, no text, an entity child)."""
    from pathlib import Path

    from cleaners.steps.parse import parse_html

    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    pages = sorted(fixtures.glob("*/*/page.html"))
    assert pages
    leaves = 0
    for page in pages:
        tree = parse_html(page.read_text(encoding="utf-8"))
        for el in tree.iter(lxml.etree.Element):
            leaves += len(el) == 0
            assert text_of(el) == _serialised(el) == el.text_content(), (page, el.tag)
    assert leaves > 1000
    made = lxml.etree.fromstring("<r><a/><b>x &amp; y</b><c/></r>")
    made[2].text = lxml.etree.CDATA("z < w")
    made.append(lxml.etree.Entity("nbsp"))
    for el in made.iter(lxml.etree.Element):
        assert text_of(el) == _serialised(el), el.tag
    assert text_of(made[2]) == "z < w"


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
