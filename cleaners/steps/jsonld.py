"""Read JSON-LD blocks once per page: the article-like objects, flattened from @graph and lists."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, Final

from lxml.html import HtmlElement

ARTICLE_TYPES: Final = frozenset(
    {
        "newsarticle",
        "article",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "liveblogposting",
        "scholarlyarticle",
        "techarticle",
        "socialmediaposting",
        "webpage",
        "itempage",
        "report",
    }
)
_CONTROL_CHARS: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TRAILING_COMMA: Final = re.compile(r",\s*([\]}])")


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every dict in a JSON-LD value, depth-first, following @graph, lists and mainEntity."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            for key in ("@graph", "mainEntity", "mainEntityOfPage"):
                if isinstance(item.get(key), (list, dict)):
                    stack.append(item[key])


def _types(obj: dict[str, Any]) -> set[str]:
    """The lower-cased @type names of one object."""
    value = obj.get("@type", ())
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1].lower() for v in values}


def _loads(text: str) -> Any:
    """JSON-LD text -> data; forgives control characters and trailing commas, else None."""
    text = _CONTROL_CHARS.sub(" ", text)
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        return json.loads(_TRAILING_COMMA.sub(r"\1", text))
    except ValueError:
        return None


def read_jsonld(tree: HtmlElement) -> tuple[dict[str, Any], ...]:
    """Article-like JSON-LD objects of a page in document order (articles before web pages)."""
    found: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        data = _loads(script.text)
        if data is None:
            continue
        found.extend(obj for obj in _walk(data) if _types(obj) & ARTICLE_TYPES)
    # Real articles first: a WebPage object only supplies what no article object has.
    return tuple(sorted(found, key=lambda o: bool(_types(o) & {"webpage", "itempage"})))


def first_value(objects: tuple[dict[str, Any], ...], key: str) -> Any:
    """The first non-empty value of ``key`` among the objects, or None."""
    for obj in objects:
        value = obj.get(key)
        if value not in (None, "", [], {}):
            return value
    return None
