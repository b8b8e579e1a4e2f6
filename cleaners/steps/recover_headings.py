"""Put back sub-headings that trafilatura dropped, found by the paragraph that follows them.

One pass over the tree in document order pairs each <h2>-<h6> with the next paragraph of
real text (a <p>, or a <div> holding only inline markup). When that paragraph is in the
extracted body and the heading is not, the heading is inserted before it. Headings in links,
navigation, asides, footers and lists are ignored. Paragraphs the page itself marks as
sub-headings by class ("interline", "crosshead", "zwischentitel", ...) become headings too.
A heading that is a link to another page (inside an <a href>, or its text one link) is the
headline of a teaser card, not a sub-heading of this article: it is dropped. Jump links of a
table of contents ("#section-2") and named anchors do not count as links.

The heading that opens the body after a lead set apart in the article header (the body
begins with a sub-heading, maybe after a figure) is marked ``opens_body``, so that
``split_sections`` keeps it rather than take it for a kicker.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cached_property
from typing import Final

from lxml import etree
from lxml.html import HtmlElement

from cleaners.steps.extract_main import Block
from cleaners.steps.text_nodes import text_of

_HEADING_TAGS: Final = {"h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_SKIP_ANCESTORS: Final = frozenset(
    {"a", "nav", "aside", "footer", "li", "figure", "form", "button"}
)
_KEY_CHARS: Final = 60  # paragraphs are matched on their first characters
_MIN_PARAGRAPH_CHARS: Final = 25
_MAX_HEADING_CHARS: Final = 200
_LINKED_SHARE: Final = 0.8  # a heading whose text is at least this much link text is a teaser
_INLINE: Final = frozenset(
    {
        "a",
        "span",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "br",
        "sup",
        "sub",
        "small",
        "mark",
        "abbr",
        "code",
    }
)
# class names of paragraphs that are sub-headings in disguise
_SUBHEADING_CLASS: Final = re.compile(
    r"interline|crosshead|cross-head|zwischentitel|zwischenzeile|tussenkop|intertitre|subhead(?!line)",
    re.I,
)


def _key(text: str) -> str:
    """Matching key of a paragraph: its first characters, whitespace-collapsed, case-folded."""
    return " ".join(text.split())[:_KEY_CHARS].casefold()


def _usable_heading(el: HtmlElement) -> str | None:
    """The heading's text when it may be an article sub-heading."""
    text = " ".join(text_of(el).split())
    if not text or len(text) > _MAX_HEADING_CHARS:
        return None
    if any(a.tag in _SKIP_ANCESTORS for a in el.iterancestors()):
        return None
    return text


def _near(heading: HtmlElement, paragraph: HtmlElement) -> bool:
    """Whether the paragraph sits in the heading's own container (its parent or grandparent)."""
    parent = heading.getparent()
    holders = {parent, parent.getparent() if parent is not None else None} - {None}
    return any(a in holders for a in paragraph.iterancestors())


def _anchor_elements(tree: HtmlElement) -> dict[str, tuple[HtmlElement, Block]]:
    """Paragraph key -> the heading that directly precedes that paragraph in its container,
    with the heading's element."""
    anchors: dict[str, tuple[HtmlElement, Block]] = {}
    seen: set[str] = set()  # paragraph keys met before: a later paragraph starting alike
    pending: tuple[HtmlElement, Block] | None = None  # must not lend the first one a heading
    for el in tree.iter("h2", "h3", "h4", "h5", "h6", "p", "div"):
        if el.tag == "div" and (pending is None or any(c.tag not in _INLINE for c in el)):
            continue
        if el.tag[0] == "h":
            text = _usable_heading(el)
            pending = (el, Block("heading", text, _HEADING_TAGS[el.tag])) if text else None
            continue
        text = " ".join(text_of(el).split())
        if len(text) < _MIN_PARAGRAPH_CHARS:
            continue
        key = _key(text)
        if pending is not None and key not in seen and _near(pending[0], el):
            anchors.setdefault(key, pending)
        seen.add(key)
        pending = None
    return anchors


# //body//p[@class], with descendant:: (no node-set of every node's children made first)
_CLASSED_PARAGRAPHS: Final = etree.XPath("//body/descendant::p[@class]")


def marked_subheadings(tree: HtmlElement) -> frozenset[str]:
    """Texts of short paragraphs whose class names them a sub-heading."""
    found = set()
    marked: dict[str, bool] = {}  # class -> names a sub-heading (a page repeats its classes)
    for el in _CLASSED_PARAGRAPHS(tree):
        classes = el.get("class", "")
        hit = marked.get(classes)
        if hit is None:
            hit = marked[classes] = _SUBHEADING_CLASS.search(classes) is not None
        if hit:
            text = " ".join(text_of(el).split())
            if 0 < len(text) <= _MAX_HEADING_CHARS:
                found.add(text.casefold())
    return frozenset(found)


def _is_link(a: HtmlElement) -> bool:
    """An <a> leading to another page (not a jump link, not a named anchor)."""
    href = (a.get("href") or "").strip()
    return bool(href) and not href.startswith("#")


def linked_headings(tree: HtmlElement, among: set[str]) -> frozenset[str]:
    """Those of ``among`` (case-folded heading texts) that are the text of an <h2>-<h6>
    linking to other pages (teaser headlines); no other heading is looked at further."""
    found = set()
    for el in tree.iter("h2", "h3", "h4", "h5", "h6"):
        text = " ".join(text_of(el).split())
        if not text or len(text) > _MAX_HEADING_CHARS or text.casefold() not in among:
            continue
        if any(a.tag == "a" and _is_link(a) for a in el.iterancestors()):
            found.add(text.casefold())
            continue
        linked = sum(len(" ".join(text_of(a).split())) for a in el.iter("a") if _is_link(a))
        if linked >= _LINKED_SHARE * len(text):
            found.add(text.casefold())
    return frozenset(found)


def recover_headings(
    tree: HtmlElement, blocks: list[Block], title: str = "", lead: HtmlElement | None = None
) -> list[Block]:
    """Blocks with missing sub-headings re-inserted before the paragraphs they head, the
    heading opening the body after a lead set apart marked (``_mark_opening``), and teaser
    headlines (headings that link to other pages) dropped."""
    anchors = _Anchors(tree)  # read at most once, by the first of the two that needs them
    blocks = _recover(tree, blocks, title, anchors)
    if lead is not None:
        blocks = _mark_opening(tree, blocks, lead, anchors)
    headings = {b.text.casefold() for b in blocks if b.kind == "heading"}
    teasers = linked_headings(tree, headings) if headings else frozenset()
    return [b for b in blocks if not (b.kind == "heading" and b.text.casefold() in teasers)]


class _Anchors:
    """The page's heading anchors (``_anchor_elements``), read when first asked for."""

    def __init__(self, tree: HtmlElement) -> None:
        self._tree = tree

    @cached_property
    def elements(self) -> dict[str, tuple[HtmlElement, Block]]:
        return _anchor_elements(self._tree)


def _mark_opening(
    tree: HtmlElement, blocks: list[Block], lead: HtmlElement, anchors: _Anchors
) -> list[Block]:
    """The first body paragraph's own <h2>-<h6> marked ``opens_body`` (put back if missing).

    Only when the lead (standfirst) stands apart from the body, in the article header: its
    text is in no block, and the heading comes after it in the page. A heading before the
    first paragraph is otherwise the headline, a kicker or a label (``split_sections``); a
    kicker stands before the lead, and a repeat of the title is dropped there whatever it is.
    """
    first = next((i for i, b in enumerate(blocks) if b.kind == "paragraph"), None)
    if first is None:
        return blocks
    lead_key = _key(text_of(lead))
    if any(_key(b.text) == lead_key for b in blocks):
        return blocks  # the lead is the body's first paragraph: nothing opens before it
    found = anchors.elements.get(_key(blocks[first].text))
    if found is None:
        return blocks
    heading_el, heading = found
    if not _follows(tree, heading_el, lead):
        return blocks
    opening = dataclasses.replace(heading, opens_body=True)
    key = heading.text.casefold()
    head = [b for b in blocks[:first] if not (b.kind == "heading" and b.text.casefold() == key)]
    return [*head, opening, *blocks[first:]]


def _follows(tree: HtmlElement, el: HtmlElement, before: HtmlElement) -> bool:
    """Whether ``el`` comes after ``before`` (still in the tree, not its ancestor) in the page."""
    seen = False
    for node in tree.iter():
        if node is before:
            seen = True
        elif node is el:
            return seen and not any(a is el for a in before.iterancestors())
    return False


def _recover(tree: HtmlElement, blocks: list[Block], title: str, anchors: _Anchors) -> list[Block]:
    """Marked sub-headings made headings; dropped <h2>-<h6> put back before their paragraph."""
    marked = marked_subheadings(tree)
    if marked:
        blocks = [
            Block("heading", b.text) if b.kind == "paragraph" and b.text.casefold() in marked else b
            for b in blocks
        ]
    if tree.find(".//h2") is None and tree.find(".//h3") is None and tree.find(".//h4") is None:
        return blocks
    present = {b.text.casefold() for b in blocks if b.kind == "heading"}
    present.add(" ".join(title.split()).casefold())
    # Nothing to put back when every usable heading of the page is already there (cheap).
    headings = (_usable_heading(el) for el in tree.iter(*_HEADING_TAGS))
    if all(text.casefold() in present for text in headings if text):
        return blocks
    heads = {key: block for key, (_el, block) in anchors.elements.items()}
    if not heads:
        return blocks
    out: list[Block] = []
    seen_paragraph = False  # headings before the first paragraph are title, kicker or menu
    for block in blocks:
        if block.kind == "paragraph":
            heading = heads.get(_key(block.text)) if seen_paragraph else None
            if heading is not None and heading.text.casefold() not in present:
                out.append(heading)
                present.add(heading.text.casefold())
            seen_paragraph = True
        out.append(block)
    return out
