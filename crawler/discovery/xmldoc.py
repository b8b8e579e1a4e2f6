"""Safe XML parsing for sitemaps and feeds: no entities, no network, bounded size."""

from __future__ import annotations

from typing import Final

from lxml import etree

from crawler.exceptions import DiscoveryError

_PARSER: Final = etree.XMLParser(
    resolve_entities=False, no_network=True, recover=True, remove_comments=True,
    remove_pis=True, huge_tree=False,
)


def parse_xml(body: bytes, url: str) -> etree._Element:
    """Parse an XML document; ``DiscoveryError`` when nothing usable comes out."""
    if not body.strip():
        raise DiscoveryError("empty document", url)
    try:
        root = etree.fromstring(body, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise DiscoveryError(f"not XML ({exc})", url) from exc
    if root is None:
        raise DiscoveryError("not XML", url)
    return root


def local(element: etree._Element) -> str:
    """Tag name without namespace, lower case ('' for comments and the like)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def child_text(element: etree._Element, name: str) -> str | None:
    """Stripped text of the first direct child with local name ``name``."""
    for child in element:
        if local(child) == name:
            text = (child.text or "").strip()
            return text or None
    return None
