"""Strip template artefacts: unrendered ``{{ trans(...) }}`` widgets, tokens, framework elements.

Tokens are searched in inline runs (``cleaners.steps.inline_runs``): an element's text joined
with its inline children's, so a token split by ``<b>``/``<span>`` is found whole. Then two
passes over the tree, both linear: one bottom-up pass confirms bare keys that have evidence and
measures every element once (tokens, plain residue, real prose below it); one top-down pass
cuts inline tokens out of the runs that stay, removes the largest blocks that are mostly
artefacts (with their plain residue), the containers of widgets (artefact blocks beside only
short lines and controls: a sign-up confirmation, a consent or error line, a paywall greeting
in sibling elements are the widget's residue too) and framework-only elements
(``cleaners.steps.framework_elements``). Text inside
``<pre>``/``<code>``/``<kbd>``/``<samp>`` is never touched; ``<script>``/``<style>`` text is
not visible and not counted. Rules live in ``cleaners.rules.templates``; templates are never
evaluated.

Report: ``template_blocks_removed`` counts elements (or plain-text paragraphs) removed
whole, framework-only elements included; ``template_tokens_removed`` counts tokens cut
inline from text that stays; ``syntaxes`` names every syntax removed either way;
``add_sample`` gets each removed block's text and each cut token.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from lxml import etree

from cleaners.rules import templates as rules
from cleaners.steps.framework_elements import (
    framework_syntax,
    has_framework_elements,
    has_framework_markers,
    is_template_script,
)
from cleaners.steps.inline_runs import Run, collect_runs, cut_run, drop_children, run_owner
from cleaners.steps.template_conditionals import drop_template_conditionals
from cleaners.steps.template_key_blocks import drop_key_blocks
from cleaners.steps.template_tokens import (
    Measure,
    Token,
    cut_spans,
    cut_tokens,
    find_tokens,
    is_artefact_block,
    measure,
    residue_words,
    supported_tokens,
)
from cleaners.steps.template_widget_tails import drop_widget_tails
from cleaners.steps.text_nodes import text_of

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from lxml.html import HtmlElement

    from cleaners.report import CleaningReport

__all__ = [
    "has_template_syntax",
    "strip_template_artefacts",
    "strip_template_text",
    "text_page_evidence",
]

_ALWAYS = "always"  # framework kinds: removed whatever they hold
_CONTENT = "content"  # removed unless they hold real prose

# Text outside <script> and <style>. Their content is raw text to the HTML parser, never an
# element, so a text node inside one has it as its parent: parent:: finds the same nodes as
# ancestor:: (which walks up from every text node: a third more costly on long pages).
_VISIBLE_TEXT_XPATH = "descendant-or-self::text()[not(parent::script or parent::style)]"
_VISIBLE_TEXT = etree.XPath(_VISIBLE_TEXT_XPATH, smart_strings=False)
_VISIBLE_TEXT_NODES = etree.XPath(_VISIBLE_TEXT_XPATH)  # smart strings: they know their node

_Runs = dict["HtmlElement", list[Run]]


# The syntaxes of an element that shows none (most of them): one shared empty set, so that a
# page of 10,000 elements does not keep 10,000 empty sets alive for the collector to scan.
_NO_SYNTAXES: Final[frozenset[str]] = frozenset()


class _Stats:
    """What one element's visible subtree holds, measured once, bottom-up."""

    __slots__ = (
        "art_children", "clean_blocks", "dirty", "framework", "kind", "member", "own_tokens",
        "protected", "prose", "res_chars", "res_words", "syntaxes", "tok_chars", "tokens",
        "controls", "widget", "widget_lines", "widget_words",
    )  # fmt: skip

    def __init__(self) -> None:
        self.tokens = self.tok_chars = self.res_chars = self.res_words = self.own_tokens = 0
        self.art_children = 0  # children removed whole (artefact blocks, framework elements)
        self.clean_blocks = 0  # block-level children with plain text and no token
        self.prose = self.protected = self.dirty = False
        self.member = False  # an inline element whose text is in its owner's runs
        self.framework: str | None = None  # syntax name when the element is framework-only
        self.kind = ""  # _ALWAYS or _CONTENT
        self.syntaxes: set[str] | frozenset[str] = _NO_SYNTAXES  # its own set from the first
        self.widget = False  # a widget's container: artefact blocks, short lines, controls
        self.controls = False  # a form control (rules.INTERACTIVE_TAGS) in the subtree
        self.widget_lines = self.widget_words = 0  # a widget's short lines and their words

    def measure(self) -> Measure:
        """The element's token/residue sizes as a ``Measure``."""
        return Measure(self.tokens, self.tok_chars, self.res_chars, self.res_words)


def has_template_syntax(text: str, *, page_evidence: bool = False) -> bool:
    """True when ``text`` holds at least one template token (``{{ x }}``, a lone key, ...)."""
    return bool(_text_tokens(text, page_evidence))


def text_page_evidence(paragraphs: Iterable[str]) -> bool:
    """Whether plain text holds, in any paragraph, a token that is evidence for bare keys
    elsewhere on its page (``{{ x }}``, ``__('x')``: a rule in ``PAGE_EVIDENCE_RULES``)."""
    return any(
        t.rule in rules.PAGE_EVIDENCE_RULES
        for p in paragraphs
        if rules.PRECHECK_RE.search(p)
        for t in find_tokens(p)
    )


def strip_template_text(
    paragraph: str, report: CleaningReport, *, page_evidence: bool = False
) -> str | None:
    """One plain-text paragraph: None if it is an artefact block, else it with inline tokens cut.

    The paragraph is its own element; the text it came from is its page (``page_evidence``
    from ``text_page_evidence``): a bare key goes when it stands alone or beside other tokens
    in the paragraph, or when the text holds other template tokens.
    """
    tokens = _text_tokens(paragraph, page_evidence)
    if not tokens:
        return paragraph
    report.syntaxes.update(t.syntax for t in tokens)
    if is_artefact_block(measure(paragraph, tokens)):
        report.template_blocks_removed += 1
        report.add_sample(paragraph)
        return None
    _report_tokens(paragraph, tokens, report)
    return cut_tokens(paragraph, tokens).strip()


def _text_tokens(text: str, page_evidence: bool = False) -> list[Token]:
    return supported_tokens(text, find_tokens(text), page_evidence=page_evidence)


def strip_template_artefacts(tree: HtmlElement, report: CleaningReport) -> None:
    """Remove template artefacts from ``tree`` in place: the branches of unrendered
    conditionals (``template_conditionals``), a sign-up widget's state lines after it
    (``template_widget_tails``), blocks that are a key lookup plus interface lines
    (``template_key_blocks``), then blocks, tokens, framework elements."""
    if isinstance(tree, etree._ElementTree):
        tree = tree.getroot()
    if tree is None or not isinstance(tree.tag, str):
        return
    nodes = _VISIBLE_TEXT(tree)
    if _in_some_node(rules.CONDITIONAL_OPEN, nodes):
        # an "<< if (!user) >>" is no token the pre-check knows: looked for on its own
        drop_template_conditionals(tree, report)
        nodes = _VISIBLE_TEXT(tree)
    if not _needs_work(tree, nodes):
        return
    drop_widget_tails(tree, report)
    drop_key_blocks(tree)
    runs, members = _candidate_runs(tree)
    if not runs and not has_framework_elements(tree):
        _drop_template_scripts(tree, report)
        return
    stats = _measure_tree(tree, runs, members)
    root = stats.get(tree)
    if root is None or not root.dirty:
        return
    if _removable(tree, root):
        _report_block(tree, root, report)
        tree.text = None
        for child in list(tree):
            tree.remove(child)
        return
    _strip_top_down(tree, stats, runs, report)


def _strip_top_down(
    tree: HtmlElement, stats: dict[HtmlElement, _Stats], runs: _Runs, report: CleaningReport
) -> None:
    """Cut each kept owner's tokens, then remove its removable children or descend into them.

    An owner's runs are cut before any child goes, while the text nodes they were read from
    are still in place.
    """
    stack = [tree]
    while stack:
        el = stack.pop()
        if stats[el].own_tokens:
            _cut_runs(runs[el], report)
        doomed: set[HtmlElement] = set()
        for child in el:
            cs = stats.get(child)
            if cs is None or not cs.dirty:
                continue
            if _removable(child, cs):
                _report_block(child, cs, report)
                doomed.add(child)
            else:
                stack.append(child)
        if doomed:
            drop_children(el, doomed)


def _drop_template_scripts(tree: HtmlElement, report: CleaningReport) -> None:
    """What ``_measure_tree`` and ``_strip_top_down`` do to a page whose only artefacts are
    template scripts (no token in its text, no framework element), without measuring it:
    each such script outside code goes and is reported, in the same order; no element around
    one is removable, as it adds nothing to its parent's measure."""
    scripts = [
        el for el in tree.iter("script")
        if is_template_script(el) and not any(
            _local(a.tag) in rules.PROTECTED_TAGS or _local(a.tag) in rules.INVISIBLE_TAGS
            for a in el.iterancestors()
        )
    ]
    dirty = set(scripts)
    for el in scripts:
        dirty.update(el.iterancestors())
    stack = [tree]
    while stack:
        el = stack.pop()
        doomed: set[HtmlElement] = set()
        for child in el:
            if child not in dirty:
                continue
            if child.tag == "script":  # a template script, never a member of a run here
                report.template_blocks_removed += 1
                report.syntaxes.add("x-template-script")
                report.add_sample(child.text or "")
                doomed.add(child)
            else:
                stack.append(child)
        if doomed:
            drop_children(el, doomed)


def _joins_run(el: HtmlElement) -> bool:
    """True for an inline element whose text joins the run around it."""
    tag = _local(el.tag)
    return tag in rules.INLINE_TAGS and framework_syntax(el, tag) is None


def _skips_run(el: HtmlElement) -> bool:
    """True for elements whose text is never searched: code shown verbatim, scripts, styles."""
    tag = _local(el.tag)
    return tag in rules.PROTECTED_TAGS or tag in rules.INVISIBLE_TAGS


def _candidate_runs(tree: HtmlElement) -> tuple[_Runs, set[HtmlElement]]:
    """The runs of every owner with a delimiter in its text, and those owners' members.

    Other text holds no token and is measured node by node. Code (``<pre>``, ``<code>``...)
    is no owner: its text is never searched.
    """
    owners: dict[HtmlElement, None] = {}  # insertion-ordered set
    for text in _VISIBLE_TEXT_NODES(tree):
        if not rules.PRECHECK_RE.search(text):
            continue
        node = text.getparent()
        if text.is_tail:
            node = node.getparent()
        if node is not None:
            owners.setdefault(run_owner(node, tree, _joins_run))
    runs: _Runs = {}
    members: set[HtmlElement] = set()
    in_code: dict[HtmlElement, bool] = {}
    for owner in owners:
        if _skips_run(owner) or _is_in_code(owner, in_code):
            continue
        owner_runs, owner_members = collect_runs(owner, _joins_run)
        if owner_runs:
            runs[owner] = owner_runs
        members.update(owner_members)
    return runs, members


def _is_in_code(el: HtmlElement, memo: dict[HtmlElement, bool]) -> bool:
    """True when ``el`` is or sits inside ``<pre>``/``<code>``...; ``memo`` spares long walks."""
    path: list[HtmlElement] = []
    node: HtmlElement | None = el
    found = False
    while node is not None:
        if node in memo:
            found = memo[node]
            break
        path.append(node)
        if _local(node.tag) in rules.PROTECTED_TAGS:
            found = True
            break
        node = node.getparent()
    for seen in path:
        memo[seen] = found
    return found


def _in_some_node(pattern: re.Pattern[str], nodes: list[str]) -> bool:
    """Whether ``pattern`` finds something in one of the text nodes. A match in one node is
    one in all of them joined by line breaks (the pre-check patterns hold no anchor and no
    lookaround, and a word boundary at a node's end reads a line break as it reads the end),
    so one search of the joined text rules most pages out; a match there may span two nodes,
    so the nodes then decide."""
    return pattern.search(_JOIN.join(nodes)) is not None and any(
        pattern.search(text) for text in nodes)


_JOIN: Final = "\n"


def _needs_work(tree: HtmlElement, nodes: list[str] | None = None) -> bool:
    """Cheap pre-check: a template token in the visible text, or a framework-looking node.

    Each visible text node is searched on its own; when one holds a delimiter without a whole
    token, all of them joined too, since every run is a stretch of them in document order (a
    token split by inline markup). The delimiter regex only decides whether the token finder
    runs (a domain name such as ``pic.twitter.com`` looks like a dotted key to it).
    """
    nodes = _VISIBLE_TEXT(tree) if nodes is None else nodes
    split = False
    if rules.PRECHECK_RE.search(_JOIN.join(nodes)) is None:  # see _in_some_node
        nodes = []
    for text in nodes:
        if rules.PRECHECK_RE.search(text):
            if find_tokens(text):
                return True
            split = split or rules.SPLIT_PRECHECK_RE.search(text) is not None
    if split and find_tokens("".join(nodes)):
        return True
    return has_framework_markers(tree)


def _find_candidates(runs: _Runs) -> bool:
    """Fill every run's token candidates; True when one is page evidence for bare keys."""
    evidence = False
    for owner_runs in runs.values():
        for run in owner_runs:
            run.tokens = find_tokens(run.text)
            evidence = evidence or any(t.rule in rules.PAGE_EVIDENCE_RULES for t in run.tokens)
    return evidence


def _measure_tree(
    tree: HtmlElement, runs: _Runs, members: set[HtmlElement]
) -> dict[HtmlElement, _Stats]:
    """Measure every element once, children before parents."""
    page_evidence = _find_candidates(runs)
    stats: dict[HtmlElement, _Stats] = {}
    for el in reversed(list(tree.iter())):
        if isinstance(el.tag, str):  # not a comment, PI or entity: their tails count for the parent
            stats[el] = _measure_element(el, stats, runs.get(el), el in members, page_evidence)
    return stats


def _measure_element(
    el: HtmlElement,
    stats: dict[HtmlElement, _Stats],
    own: list[Run] | None,
    member: bool,
    page_evidence: bool,
) -> _Stats:
    """One element's measure from its children's (in ``stats``) and its own text or runs."""
    tag = _local(el.tag)
    st = _Stats()
    if tag in rules.INVISIBLE_TAGS:
        if tag == "script" and is_template_script(el):
            st.framework, st.kind, st.dirty = "x-template-script", _ALWAYS, True
            _add_syntaxes(st, ("x-template-script",))
        return st
    if tag in rules.PROTECTED_TAGS:
        st.protected = True
        _add_text(st, text_of(el), ())
        return st
    for child in el:
        cs = stats.get(child)
        if cs is not None:
            _add_child(st, cs, child)
    st.controls = st.controls or tag in rules.INTERACTIVE_TAGS
    st.member = member
    children_words = st.res_words
    if own:
        _confirm_keys(own, st, page_evidence)
        for run in own:
            _add_run(st, run)
    elif not member:
        _add_plain_segments(el, st)
    if not member:
        _mark_framework(el, tag, st)
    st.dirty = st.dirty or st.tokens > 0 or st.framework is not None
    if st.dirty and not member and tag not in rules.WIDGET_STOP_TAGS:
        st.widget = _widget_shaped(el, st, stats, st.res_words - children_words)
    return st


def _widget_shaped(
    el: HtmlElement, st: _Stats, stats: dict[HtmlElement, _Stats], own_words: int
) -> bool:
    """Whether ``el`` is a widget's container: it holds removed artefact blocks (or widget
    containers) and besides them only short lines and controls, so their plain text (a
    sign-up confirmation, a consent or error line, a paywall greeting) is the widget's too.

    The widget shows itself by two removed blocks of visible template tokens (``{% if %}``
    ... ``{% else %}``), or a form control beside one. A sibling of more than
    ``WIDGET_LINE_MAX_WORDS`` words, more than ``WIDGET_MAX_LINES`` short lines or
    ``WIDGET_MAX_WORDS`` words in all (nested widgets counted) are article text beside a
    widget.
    """
    if own_words > rules.WIDGET_LINE_MAX_WORDS:
        return False
    parts = 0
    lines, words = int(own_words > 0), own_words
    for child in el:
        cs = stats.get(child)
        if cs is None or cs.member:
            continue
        if cs.widget:  # a widget inside: its lines are this one's too
            parts += 1
            lines += cs.widget_lines
            words += cs.widget_words
        elif _removable(child, cs):
            # a part shows template tokens: a <template> or template script is never shown,
            # and an element a framework fills may be a plain notice ("Saved.")
            parts += cs.kind != _ALWAYS and cs.tokens > 0 and cs.framework is None
            continue
        else:
            tag = _local(child.tag)
            if cs.protected or tag in rules.WIDGET_NEVER_LINE_TAGS:
                return False
            if cs.res_words > (
                rules.WIDGET_MAX_WORDS
                if tag in rules.INTERACTIVE_TAGS
                else rules.WIDGET_LINE_MAX_WORDS
            ):
                return False
            lines += cs.res_words > 0 and tag not in rules.INTERACTIVE_TAGS
            words += cs.res_words
        if lines > rules.WIDGET_MAX_LINES or words > rules.WIDGET_MAX_WORDS:
            return False
    st.widget_lines, st.widget_words = lines, words
    return parts >= 2 or (parts == 1 and st.controls)


def _confirm_keys(own: list[Run], st: _Stats, page_evidence: bool) -> None:
    """Drop the bare-key candidates of an owner's runs that lack evidence.

    Called once the owner's children are measured: the words they show count against a key
    standing alone in the owner.
    """
    if page_evidence or not any(t.rule == "key" for run in own for t in run.tokens):
        return
    words = [residue_words(run.text, run.tokens, 0, len(run.text)) for run in own]
    total = st.res_words + sum(words)
    for run, own_words in zip(own, words, strict=True):
        if run.tokens:
            run.tokens = supported_tokens(
                run.text, run.tokens, scopes=_key_scopes(run), outside_words=total - own_words
            )


def _key_scopes(run: Run) -> list[tuple[int, int]]:
    """Spans of the run's inline wrappers that count as a bare key's own element."""
    return [
        (start, end)
        for member, start, end in run.scopes
        if _local(member.tag) in rules.KEY_SCOPE_INLINE_TAGS
    ]


def _add_run(st: _Stats, run: Run) -> None:
    """Measure one of the element's runs: its tokens, residue and real prose."""
    if not run.tokens:
        words = run.text.split()  # fast path: no token, plain words
        st.res_chars += len("".join(words))
        st.res_words += len(words)
        st.prose = st.prose or len(words) >= rules.PROSE_PROTECT_WORDS
        return
    st.own_tokens += len(run.tokens)
    _add_text(st, run.text, run.tokens)
    st.prose = st.prose or any(
        len(text.split()) >= rules.PROSE_PROTECT_WORDS for text in _token_free_pieces(run)
    )


def _token_free_pieces(run: Run) -> Iterator[str]:
    """The run's text nodes that no token touches (tokens and nodes are both in order)."""
    tokens, k = run.tokens, 0
    for start, end in run.piece_spans():
        while k < len(tokens) and tokens[k].end <= start:
            k += 1
        if k == len(tokens) or tokens[k].start >= end:
            yield run.text[start:end]


def _add_plain_segments(el: HtmlElement, st: _Stats) -> None:
    """Measure the element's text and its children's tails, none of which holds a token."""
    for text in _own_segments(el):
        words = text.split()
        st.res_chars += len("".join(words))
        st.res_words += len(words)
        st.prose = st.prose or len(words) >= rules.PROSE_PROTECT_WORDS


def _own_segments(el: HtmlElement) -> Iterator[str]:
    if el.text and isinstance(el.tag, str):
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
    if tokens:
        _add_syntaxes(st, [t.syntax for t in tokens])


def _add_syntaxes(st: _Stats, names: Iterable[str]) -> None:
    """Note syntaxes in the element's measure (its own set made at the first one)."""
    if isinstance(st.syntaxes, set):
        st.syntaxes.update(names)
    else:  # the shared empty one
        st.syntaxes = set(names)


def _add_child(st: _Stats, cs: _Stats, child: HtmlElement) -> None:
    """Fold a child's measure into its parent's."""
    if cs.syntaxes:
        _add_syntaxes(st, cs.syntaxes)
    st.dirty = st.dirty or cs.dirty
    st.controls = st.controls or cs.controls
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
    syntax = framework_syntax(el, tag)
    if syntax is None:
        return
    st.framework = syntax
    st.kind = _ALWAYS if syntax == "template-element" else _CONTENT
    _add_syntaxes(st, (syntax,))


def _removable(el: HtmlElement, st: _Stats) -> bool:
    """True when the element goes whole: a framework-only element or a mostly-artefact block."""
    if st.member or _local(el.tag) in rules.NEVER_REMOVE_TAGS:
        return False  # a member's text is its owner's: it goes with its owner's tokens
    if st.kind == _ALWAYS:
        return True
    if st.protected:
        return False
    if st.widget:
        return True
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


def _cut_runs(own: list[Run], report: CleaningReport) -> None:
    """Cut the confirmed tokens out of an owner's runs."""
    for run in own:
        if run.tokens:
            _report_tokens(run.text, run.tokens, report)
            cut_run(run, cut_spans(run.text, run.tokens))


def _report_tokens(text: str, tokens: Sequence[Token], report: CleaningReport) -> None:
    report.template_tokens_removed += len(tokens)
    for t in tokens:
        report.syntaxes.add(t.syntax)
        report.add_sample(text[t.start : t.end])


def _local(tag: str) -> str:
    """The tag without an XML namespace (XHTML trees parsed by lxml.etree carry one)."""
    return tag.rpartition("}")[2] if tag[:1] == "{" else tag
