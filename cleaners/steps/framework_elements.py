"""Framework-only elements: what only a client-side framework would show, fill or repeat.

``<template>``, ``text/x-template`` scripts, elements carrying Vue/Angular/Alpine content
attributes (``v-if``, ``ng-repeat``, ``x-show``...) and interactive controls with event or
attribute bindings (``<button @click>``). Used by ``cleaners.steps.strip_templates``, which
decides what goes; the attribute names live in ``cleaners.rules.templates``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from cleaners.rules import templates as rules

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = [
    "framework_syntax", "has_framework_elements", "has_framework_markers", "is_template_script",
]

_CONTENT_ATTR_SYNTAX: dict[str, str] = {
    attr: syntax for syntax, attrs in rules.FRAMEWORK_CONTENT_ATTRS for attr in attrs
}
_ALL_PREFIXES = {a for _s, attrs in rules.FRAMEWORK_CONTENT_ATTRS for a in attrs} | {
    p for _s, prefixes in rules.BINDING_PREFIXES for p in prefixes
}
# the shortest prefixes only: a fast first test of attribute names for the pre-check
_ATTR_PREFIXES = tuple(
    sorted(p for p in _ALL_PREFIXES if not any(p != q and p.startswith(q) for q in _ALL_PREFIXES))
)
_PREFIX_STARTS = frozenset(p[:1] for p in _ATTR_PREFIXES)


def has_framework_markers(tree: HtmlElement) -> bool:
    """Cheap pre-check: a ``<template>``, a template script, or a framework-looking attribute."""
    return has_framework_elements(tree) or any(
        is_template_script(el) for el in tree.iter("script")
    )


def has_framework_elements(tree: HtmlElement) -> bool:
    """A ``<template>`` or an element with a framework-looking attribute (no script looked at):
    without one, ``framework_syntax`` is None for every element of the tree."""
    if next(tree.iter("template"), None) is not None:
        return True
    for el in tree.iter(etree.Element):  # elements only, no comments
        # el.keys(): the attribute names as a list made in C ("in el" would be the children)
        for name in el.keys():  # noqa: SIM118
            # most names fail the first-character test
            if name[:1] in _PREFIX_STARTS and name.startswith(_ATTR_PREFIXES):
                return True
    return False


def framework_syntax(el: HtmlElement, tag: str) -> str | None:
    """The framework's syntax name when only it would fill this element, else None."""
    attrib = el.attrib
    if tag == "template":
        return None if any(a in attrib for a in rules.SHADOW_ROOT_ATTRS) else "template-element"
    if not attrib:
        return None
    for name in attrib:
        key = name[5:] if name.startswith("data-ng-") else name
        key = key.partition(".")[0].partition(":")[0]  # x-show.transition, v-slot:header
        syntax = _CONTENT_ATTR_SYNTAX.get(key)
        if syntax is not None:
            return syntax
    if tag in rules.INTERACTIVE_TAGS:
        for syntax, prefixes in rules.BINDING_PREFIXES:
            if any(name.startswith(prefixes) for name in attrib):
                return syntax
    return None


def is_template_script(el: HtmlElement) -> bool:
    """True for a ``<script>`` holding a client-side template (``text/x-template``...)."""
    return (el.get("type") or "").strip().lower() in rules.TEMPLATE_SCRIPT_TYPES
