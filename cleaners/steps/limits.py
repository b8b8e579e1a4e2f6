"""Limits that bound the cost of every later step (libxml2, trafilatura, dates, sections).

The later steps cost about 0.1 ms per element, and libxml2 slows down quadratically with the
attributes of one element, so a hostile page of 200,000 empty paragraphs or one tag with 50,000
attributes would take tens of seconds. Such pages are refused with ``BadInput`` instead: a
pre-parse scan for absurdly long tags, then element and attribute counts on the parsed tree.

Nesting is the exception: libxml2 stops parsing at its depth limit, losing the rest of the
page, so a page with one pathological subtree (a comment thread nested 100,000 levels deep
after the article) is not refused but repaired: ``cut_deep_subtrees`` takes the elements
opened deeper than ``cfg.deep_cut_depth`` out of the markup, and the page is parsed again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, Final

from lxml import etree
from lxml.html import HtmlElement

from cleaners.config import DEFAULT_CONFIG, CleanConfig
from cleaners.exceptions import BadInput


def check_markup_limits(
    data: str | bytes, *, source: str | None = None, cfg: CleanConfig = DEFAULT_CONFIG
) -> None:
    """Raise BadInput when one tag carries more than ``cfg.max_attributes`` attributes.

    Only tags longer than ``cfg.max_tag_chars`` are tokenised (``_long_tags`` finds them): a
    long tag alone is fine (real pages put 300 KB of JSON in one ``data-`` attribute), many
    attributes are not (libxml2 is quadratic in them).
    """
    for tag in _long_tags(data, cfg.max_tag_chars):
        text = tag.group()
        text = text.decode("latin-1") if isinstance(text, bytes) else text
        if len(_ATTRIBUTE.findall(text)) > cfg.max_attributes:
            limit = cfg.max_attributes
            raise BadInput(f"too many attributes: more than {limit} in one tag", source)


def _long_tags(data: str | bytes, chars: int) -> Iterator[re.Match[Any]]:
    """The matches of ``<[A-Za-z][^<>]{chars,}`` in ``data``, in order, with the spans and
    text ``re.finditer`` gives, without scanning every tag.

    Such a match is a ``<`` and a letter followed by a run of at least ``chars`` characters
    that are neither ``<`` nor ``>`` (the run ends at the next one), so its run, letter
    included, is at least ``2 * step - 1`` long and holds one whole window of
    ``data[k * step : (k + 1) * step]`` without either character. Those windows are found
    with ``find`` in C (on most pages there are a few at most: runs that long are inline
    JSON or scripts); only the run around the first window of each run of them is tried,
    from the ``<`` or ``>`` just before it, which is where its match would start. That
    delimiter lies in the window before (the first free window of a run follows one that
    holds a delimiter, or starts the data), so every character is read a bounded number of
    times: linear, as the regex scan is. A small ``chars`` (not the default) is scanned by
    the regex itself.
    """
    long_tag = f"<[A-Za-z][^<>]{{{chars},}}"
    pattern = re.compile(long_tag.encode() if isinstance(data, bytes) else long_tag)  # re caches it
    if chars < _MIN_WINDOWED_CHARS:
        yield from pattern.finditer(data)
        return
    lt, gt = (b"<", b">") if isinstance(data, bytes) else ("<", ">")
    step = chars // 2
    in_run = False  # the window before was free too: its run has been tried
    for start in range(0, len(data) - step + 1, step):
        end = start + step
        if data.find(lt, start, end) != -1 or data.find(gt, start, end) != -1:
            in_run = False
            continue
        if in_run:
            continue
        in_run = True
        lo = max(start - step, 0)
        before = max(data.rfind(lt, lo, start), data.rfind(gt, lo, start))
        if before >= 0 and (match := pattern.match(data, before)) is not None:
            yield match


_MIN_WINDOWED_CHARS: Final = 128  # below it, a window is too short to skip much


# One attribute inside a tag (a quoted value is taken whole, spaces and all).
_ATTRIBUTE = re.compile(r"""\s[^\s=<>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]*))?""")


_COUNT_ELEMENTS: Final = etree.XPath("count(//*)")


@lru_cache(maxsize=8)
def _attribute_beyond(n: int) -> etree.XPath:
    """The ``n``-th attribute of every element that has that many, in document order."""
    return etree.XPath(f"//@*[{n}]")


def check_tree_limits(
    tree: HtmlElement, *, source: str | None = None, cfg: CleanConfig = DEFAULT_CONFIG
) -> None:
    """Raise BadInput when the tree has too many elements or an element too many attributes."""
    # XPath counts in C: no Python object per element (this runs on every page).
    if _COUNT_ELEMENTS(tree) > cfg.max_elements:
        raise BadInput(f"too many elements: more than {cfg.max_elements}", source)
    # the (N+1)th attribute of every element that has one: the elements of count(@*) > N,
    # read without a node-set of each element's attributes (a third of the cost)
    crowded = _attribute_beyond(int(cfg.max_attributes) + 1)(tree)
    if crowded:
        element = crowded[0].getparent()
        raise BadInput(
            f"too many attributes: {len(element.attrib)} on one <{element.tag}> element "
            f"(limit {cfg.max_attributes})", source)


# A comment, a raw-text element (its content holds no tags), or a start or end tag.
_MARKUP: Final = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(?P<raw>script|style|textarea|title|xmp|iframe|noembed|noframes)\b[^>]*>.*?(?:</(?P=raw)\s*>|\Z)"
    r"|<(?P<end>/)?(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?P<attrs>[^>]*)>",
    re.S | re.I,
)
_VOID: Final = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr", "basefont", "bgsound", "frame", "keygen")
)  # fmt: skip
# An open element of one of these tags ends where a sibling of its tag starts ("<li>a<li>b"),
# looked for up to the nearest of its containers; an open <p> ends where a block starts.
_ENDED_BY_SIBLING: Final = {
    "li": frozenset({"ul", "ol", "menu"}),
    "dt": frozenset({"dl"}),
    "dd": frozenset({"dl"}),
    "tr": frozenset({"table", "tbody", "thead", "tfoot"}),
    "td": frozenset({"tr", "table"}),
    "th": frozenset({"tr", "table"}),
    "option": frozenset({"select", "datalist", "optgroup"}),
}
_CLOSES_P: Final = frozenset(
    ("address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
     "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
     "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul")
)  # fmt: skip


def _open(stack: list[str], name: str) -> int:
    """Push a start tag, first ending the elements it ends implicitly (the common cases);
    returns the depth it opens at (the stack size before the push)."""
    if name in _CLOSES_P and stack and stack[-1] == "p":
        stack.pop()
    scope = _ENDED_BY_SIBLING.get(name)
    if scope is not None:
        for k in range(len(stack) - 1, -1, -1):
            if stack[k] in scope:
                break
            if stack[k] == name or (name in ("td", "th") and stack[k] in ("td", "th")):
                del stack[k:]
                break
    stack.append(name)
    return len(stack) - 1


def _close(stack: list[str], name: str) -> int | None:
    """Pop an end tag with the elements still open inside it; returns the depth of the
    element it ends (None for an end tag of nothing open, ignored as parsers do)."""
    for k in range(len(stack) - 1, -1, -1):
        if stack[k] == name:
            del stack[k:]
            return k
    return None


def cut_deep_subtrees(text: str, max_depth: int) -> tuple[str, int]:
    """``text`` without the elements opened deeper than ``max_depth``, and how many subtrees
    were cut (each from its outermost too-deep start tag to that element's end).

    One linear scan keeps a stack of open elements as an HTML parser would (void elements,
    ``<p>``/``<li>``/``<td>``... ended by their siblings, end tags closing what is open
    inside them). A cut ends with the cut element's end tag, or before the tag that ends it
    implicitly (an ancestor's end tag, a sibling's start tag); one that never ends runs to
    the end of the text.
    """
    stack: list[str] = []
    kept: list[str] = []
    pos = 0
    cut_at: int | None = None  # depth of the element being cut, or None
    cuts = 0
    for m in _MARKUP.finditer(text):
        name = (m.group("name") or "").lower()
        if not name:
            continue  # a comment or raw-text element: no nesting inside
        if m.group("end"):
            depth = _close(stack, name)
            if cut_at is not None and depth is not None and depth <= cut_at:
                pos, cut_at = (m.end() if depth == cut_at else m.start()), None
            continue
        if name in _VOID or m.group("attrs").rstrip().endswith("/"):
            continue
        depth = _open(stack, name)
        if cut_at is not None and depth <= cut_at:
            pos, cut_at = m.start(), None  # a sibling ends the cut element
        if cut_at is None and depth >= max_depth:
            kept.append(text[pos : m.start()])
            cut_at, cuts = depth, cuts + 1
    if cut_at is None:
        kept.append(text[pos:])
    return "".join(kept), cuts
