"""Strip template artefacts: unrendered ``{{ trans(...) }}`` widgets, tokens, framework elements.

Two passes over the tree, both linear: one bottom-up pass measures every element once
(tokens, plain residue, real prose below it); one top-down pass removes the largest blocks
that are mostly artefacts (with their plain residue), removes framework-only elements and
cuts inline tokens out of the text that stays. Text inside ``<pre>``/``<code>``/``<kbd>``/
``<samp>`` is never touched; ``<script>``/``<style>`` text is not visible and not counted.
Rules live in ``cleaners.rules.templates``; templates are never evaluated.

Report: ``template_blocks_removed`` counts elements (or plain-text paragraphs) removed
whole, framework-only elements included; ``template_tokens_removed`` counts tokens cut
inline from text that stays; ``syntaxes`` names every syntax removed either way;
``add_sample`` gets each removed block's text and each cut token.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

from cleaners.rules import templates as rules
from cleaners.steps.template_tokens import (
    Measure,
    Token,
    cut_tokens,
    find_tokens,
    is_artefact_block,
    join_around_cut,
    measure,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from lxml.html import HtmlElement

    from cleaners.report import CleaningReport

__all__ = ["has_template_syntax", "strip_template_artefacts", "strip_template_text"]

_ALWAYS = "always"  # framework kinds: removed whatever they hold
_CONTENT = "content"  # removed unless they hold real prose

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
_VISIBLE_TEXT = etree.XPath(
    "descendant-or-self::text()[not(ancestor::script) and not(ancestor::style)]",
    smart_strings=False,
)
# lxml parses control characters it then refuses to set back: drop them from text we rewrite.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class _Stats:
    """What one element's visible subtree holds, measured once, bottom-up."""

    __slots__ = (
        "art_children", "clean_blocks", "dirty", "framework", "kind", "own_tokens",
        "protected", "prose", "res_chars", "res_words", "syntaxes", "tok_chars", "tokens",
    )  # fmt: skip

    def __init__(self) -> None:
        self.tokens = self.tok_chars = self.res_chars = self.res_words = self.own_tokens = 0
        self.art_children = 0  # children removed whole (artefact blocks, framework elements)
        self.clean_blocks = 0  # block-level children with plain text and no token
        self.prose = self.protected = self.dirty = False
        self.framework: str | None = None  # syntax name when the element is framework-only
        self.kind = ""  # _ALWAYS or _CONTENT
        self.syntaxes: set[str] = set()

    def measure(self) -> Measure:
        """The element's token/residue sizes as a ``Measure``."""
        return Measure(self.tokens, self.tok_chars, self.res_chars, self.res_words)


def has_template_syntax(text: str) -> bool:
    """True when ``text`` holds at least one template token (``{{ x }}``, ``a.b.c`` keys, ...)."""
    return bool(find_tokens(text))


def strip_template_text(paragraph: str, report: CleaningReport) -> str | None:
    """One plain-text paragraph: None if it is an artefact block, else it with inline tokens cut."""
    tokens = find_tokens(paragraph)
    if not tokens:
        return paragraph
    report.syntaxes.update(t.syntax for t in tokens)
    if is_artefact_block(measure(paragraph, tokens)):
        report.template_blocks_removed += 1
        report.add_sample(paragraph)
        return None
    _report_tokens(paragraph, tokens, report)
    return cut_tokens(paragraph, tokens).strip()


def strip_template_artefacts(tree: HtmlElement, report: CleaningReport) -> None:
    """Remove template artefacts from ``tree`` in place: blocks, tokens, framework elements."""
    if isinstance(tree, etree._ElementTree):
        tree = tree.getroot()
    if tree is None or not isinstance(tree.tag, str) or not _needs_work(tree):
        return
    stats = _measure_tree(tree)
    root = stats.get(tree)
    if root is None or not root.dirty:
        return
    if _removable(tree, root):
        _report_block(tree, root, report)
        tree.text = None
        for child in list(tree):
            tree.remove(child)
        return
    stack = [tree]
    while stack:
        el = stack.pop()
        for child in list(el):
            cs = stats.get(child)
            if cs is None or not cs.dirty:
                continue
            if _removable(child, cs):
                _report_block(child, cs, report)
                _drop(child)
            else:
                stack.append(child)
        if stats[el].own_tokens:
            _cut_own_segments(el, report)


def _needs_work(tree: HtmlElement) -> bool:
    """Cheap pre-check: a template token in some visible text node, or a framework-looking node.

    Each text node is what ``_measure_tree`` measures, so a node without a token here has none
    there either; the delimiter regex only picks the nodes worth the token finder's time (a
    domain name such as ``pic.twitter.com`` looks like a dotted key to the delimiter regex).
    """
    for text in _VISIBLE_TEXT(tree):
        if rules.PRECHECK_RE.search(text) and find_tokens(text):
            return True
    if next(tree.iter("template"), None) is not None:
        return True
    if any(_is_template_script(el) for el in tree.iter("script")):
        return True
    for el in tree.iter(etree.Element):  # elements only, no comments
        for name in el.attrib:
            if name.startswith(_ATTR_PREFIXES):
                return True
    return False


def _measure_tree(tree: HtmlElement) -> dict[HtmlElement, _Stats]:
    """Measure every element once, children before parents."""
    stats: dict[HtmlElement, _Stats] = {}
    for el in reversed(list(tree.iter())):
        if not isinstance(el.tag, str):
            continue  # comment, processing instruction, entity: its tail counts for the parent
        tag = _local(el.tag)
        st = _Stats()
        stats[el] = st
        if tag in rules.INVISIBLE_TAGS:
            if tag == "script" and _is_template_script(el):
                st.framework, st.kind, st.dirty = "x-template-script", _ALWAYS, True
                st.syntaxes.add("x-template-script")
            continue
        if tag in rules.PROTECTED_TAGS:
            st.protected = True
            _add_text(st, "".join(el.itertext()), ())
            continue
        _add_own_segments(el, st)
        for child in el:
            cs = stats.get(child)
            if cs is not None:
                _add_child(st, cs, child)
        _mark_framework(el, tag, st)
        st.dirty = st.dirty or st.tokens > 0 or st.framework is not None
    return stats


def _add_own_segments(el: HtmlElement, st: _Stats) -> None:
    """Measure the element's own text and its children's tails."""
    for text in _own_segments(el):
        tokens = find_tokens(text)
        if tokens:
            st.own_tokens += len(tokens)
            _add_text(st, text, tokens)
            continue
        words = text.split()  # fast path: no token, plain words
        st.res_chars += len("".join(words))
        st.res_words += len(words)
        if len(words) >= rules.PROSE_PROTECT_WORDS:
            st.prose = True  # a real sentence of the element's own


def _own_segments(el: HtmlElement) -> Iterator[str]:
    if el.text:
        yield el.text
    for child in el:
        if child.tail:
            yield child.tail


def _add_text(st: _Stats, text: str, tokens: Sequence[Token]) -> None:
    m = measure(text, tokens)
    st.tokens += m.tokens
    st.tok_chars += m.tok_chars
    st.res_chars += m.res_chars
    st.res_words += m.res_words
    st.syntaxes.update(t.syntax for t in tokens)


def _add_child(st: _Stats, cs: _Stats, child: HtmlElement) -> None:
    """Fold a child's measure into its parent's."""
    st.syntaxes |= cs.syntaxes
    st.dirty = st.dirty or cs.dirty
    st.protected = st.protected or cs.protected
    if _removable(child, cs):
        st.art_children += 1
        if cs.kind == _ALWAYS:
            return  # <template>, x-template script: never shown, adds nothing visible
        if cs.framework is not None:
            # framework-only content counts as artefact for the enclosing block
            st.tokens += max(1, cs.tokens)
            st.tok_chars += cs.tok_chars + cs.res_chars
            return
    elif cs.tokens == 0 and cs.res_words and _local(child.tag) in rules.BLOCK_TAGS:
        st.clean_blocks += 1
    st.tokens += cs.tokens
    st.tok_chars += cs.tok_chars
    st.res_chars += cs.res_chars
    st.res_words += cs.res_words
    st.prose = (
        st.prose or cs.prose or (cs.tokens == 0 and cs.res_words >= rules.PROSE_PROTECT_WORDS)
    )


def _mark_framework(el: HtmlElement, tag: str, st: _Stats) -> None:
    """Set ``st.framework`` when only a client-side framework would fill this element."""
    syntax = _framework_syntax(el, tag)
    if syntax is None:
        return
    st.framework = syntax
    st.kind = _ALWAYS if syntax == "template-element" else _CONTENT
    st.syntaxes.add(syntax)


def _framework_syntax(el: HtmlElement, tag: str) -> str | None:
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


def _is_template_script(el: HtmlElement) -> bool:
    return (el.get("type") or "").strip().lower() in rules.TEMPLATE_SCRIPT_TYPES


def _removable(el: HtmlElement, st: _Stats) -> bool:
    """True when the element goes whole: a framework-only element or a mostly-artefact block."""
    if _local(el.tag) in rules.NEVER_REMOVE_TAGS:
        return False
    if st.kind == _ALWAYS:
        return True
    if st.protected:
        return False
    if st.framework is not None:  # framework-filled: short text goes even if it reads well
        return st.res_words <= rules.RESIDUE_MAX_WORDS
    if st.prose or st.clean_blocks > st.art_children:
        return False  # real paragraphs, or more plain blocks than artefact ones (a list)
    return is_artefact_block(st.measure())


def _report_block(el: HtmlElement, st: _Stats, report: CleaningReport) -> None:
    report.template_blocks_removed += 1
    report.syntaxes |= st.syntaxes
    invisible = _local(el.tag) in rules.INVISIBLE_TAGS
    text = el.text or "" if invisible else " ".join(_visible_text(el))
    report.add_sample(text)


def _visible_text(el: HtmlElement) -> list[str]:
    return [t for t in _VISIBLE_TEXT(el) if t.strip()]


def _drop(el: HtmlElement) -> None:
    """Remove an element but keep its tail, joined tidily to the text before it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is None:
            parent.text = _xml_safe(join_around_cut(parent.text or "", el.tail))
        else:
            prev.tail = _xml_safe(join_around_cut(prev.tail or "", el.tail))
    parent.remove(el)


def _cut_own_segments(el: HtmlElement, report: CleaningReport) -> None:
    """Cut inline tokens out of the element's text and its children's tails."""
    if el.text and (tokens := find_tokens(el.text)):
        _report_tokens(el.text, tokens, report)
        el.text = _xml_safe(cut_tokens(el.text, tokens))
    for child in el:
        if child.tail and (tokens := find_tokens(child.tail)):
            _report_tokens(child.tail, tokens, report)
            child.tail = _xml_safe(cut_tokens(child.tail, tokens))


def _report_tokens(text: str, tokens: Sequence[Token], report: CleaningReport) -> None:
    report.template_tokens_removed += len(tokens)
    for t in tokens:
        report.syntaxes.add(t.syntax)
        report.add_sample(text[t.start : t.end])


def _xml_safe(text: str) -> str:
    return _XML_UNSAFE.sub("", text)


def _local(tag: str) -> str:
    """The tag without an XML namespace (XHTML trees parsed by lxml.etree carry one)."""
    return tag.rpartition("}")[2] if tag[:1] == "{" else tag
