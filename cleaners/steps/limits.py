"""Limits that bound the cost of every later step (libxml2, trafilatura, dates, sections).

The later steps cost about 0.1 ms per element, and libxml2 slows down quadratically with the
attributes of one element, so a hostile page of 200,000 empty paragraphs or one tag with 50,000
attributes would take tens of seconds. Such pages are refused with ``BadInput`` instead: a
pre-parse scan for absurdly long tags, then element and attribute counts on the parsed tree.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from cleaners.config import DEFAULT_CONFIG, CleanConfig
from cleaners.exceptions import BadInput


def check_markup_limits(
    data: str | bytes, *, source: str | None = None, cfg: CleanConfig = DEFAULT_CONFIG
) -> None:
    """Raise BadInput when one tag carries more than ``cfg.max_attributes`` attributes.

    Only tags longer than ``cfg.max_tag_chars`` are tokenised (one linear scan finds them): a
    long tag alone is fine (real pages put 300 KB of JSON in one ``data-`` attribute), many
    attributes are not (libxml2 is quadratic in them).
    """
    long_tag = f"<[A-Za-z][^<>]{{{cfg.max_tag_chars},}}"
    pattern = long_tag.encode() if isinstance(data, bytes) else long_tag
    for tag in re.finditer(pattern, data):  # linear: each character is scanned from one '<'
        text = tag.group()
        text = text.decode("latin-1") if isinstance(text, bytes) else text
        if len(_ATTRIBUTE.findall(text)) > cfg.max_attributes:
            limit = cfg.max_attributes
            raise BadInput(f"too many attributes: more than {limit} in one tag", source)


# One attribute inside a tag (a quoted value is taken whole, spaces and all).
_ATTRIBUTE = re.compile(r"""\s[^\s=<>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]*))?""")


def check_tree_limits(
    tree: HtmlElement, *, source: str | None = None, cfg: CleanConfig = DEFAULT_CONFIG
) -> None:
    """Raise BadInput when the tree has too many elements or an element too many attributes."""
    # XPath counts in C: no Python object per element (this runs on every page).
    if tree.xpath("count(//*)") > cfg.max_elements:
        raise BadInput(f"too many elements: more than {cfg.max_elements}", source)
    # "has attribute N+1" stops counting early; same elements as count(@*) > N
    crowded = tree.xpath(f"//*[@*[{int(cfg.max_attributes) + 1}]]")
    if crowded:
        element = crowded[0]
        raise BadInput(
            f"too many attributes: {len(element.attrib)} on one <{element.tag}> element "
            f"(limit {cfg.max_attributes})", source)
