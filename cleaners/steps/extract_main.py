"""Main-content step: own boilerplate pruning, trafilatura on the parsed tree, own paragraph rules.

The tree is pruned in place (code and media, boilerplate blocks, screen-reader-only copies of
text their parent shows, ``drop_selectors``; empty inline elements lose their tag);
trafilatura then works on its own copy, with the ``<head>`` set aside and its prune
expressions prefiltered (``prefiltered_xpaths``: same results, a fraction of the cost),
once per page unless its text is short and small beside the page's (the retry cascade,
``_run_trafilatura``); the first run reads only the page's lone ``<article>`` (or ``<main>``)
where that holds the paragraph text (``_first_run``). Its XML body becomes a flat tuple of ``Block``
(headings and paragraphs; a line break inside a paragraph splits it). Then the paragraphs it
kept name the page's paragraph markup, and the other paragraphs in that markup that it left
out come back in document order (a body split in blocks around an ad row, one wrapper per
paragraph; see ``restore_template_paragraphs``).
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import re
import sys
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Final

from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement
from trafilatura import bare_extraction

from cleaners.config import DEFAULT_CONFIG, CleanConfig
from cleaners.report import CleaningReport
from cleaners.rules.boilerplate import (
    ARTICLE_LANDMARKS,
    BOILERPLATE_CLASS_TOKENS,
    BOILERPLATE_HEADINGS,
    BOILERPLATE_PARAGRAPHS,
    INVISIBLE_IN_TEXT,
    MAX_PRUNED_CHARS,
    NOSCRIPT_ARTICLE_MIN_CHARS,
    PROTECTED_TAGS,
    RESTORE_EXCLUDED_TAGS,
    RESTORE_EXCLUDED_TOKENS,
    RESTORE_EXCLUDED_WORDS,
    RESTORE_MAX_BREAKS,
    RESTORE_MAX_LINK_SHARE,
    RESTORE_MIN_CHARS,
    RESTORE_MIN_TEMPLATE_CHARS,
    RESTORE_SENTENCE_CHARS,
    SCREEN_READER_CLASS_TOKENS,
    SCREEN_READER_SCAN_MAX,
    TICKER_TIME,
    class_words,
    length_bound,
)
from cleaners.steps.jsonld import first_value
from cleaners.steps.literal_prefilter import Prefilter, lowered_case_safe
from cleaners.steps.live_elements import live_elements
from cleaners.steps.parse import new_document
from cleaners.steps.prefiltered_xpaths import prefiltered_prunes
from cleaners.steps.read_also import read_also_lines
from cleaners.steps.related_lists import related_lists
from cleaners.steps.signup_boxes import signup_boxes
from cleaners.steps.strip_templates import (
    has_template_syntax,
    strip_template_text,
    text_page_evidence,
)
from cleaners.steps.text_nodes import text_of
from cleaners.steps.trafilatura_copies import fewer_copies
from cleaners.steps.trafilatura_walks import fewer_walks

logger = logging.getLogger(__name__)

_BREAK: Final = "\ue000"  # a line break in trafilatura's text (private use, never in a page)
_HEADING_RENDS: Final = {f"h{n}": n for n in range(1, 7)}
# A bold-only paragraph ending like this is a sentence or a lead-in ("July 15, 1960:").
_SENTENCE_END: Final = (".", "!", ";", ",", ":")
_BOLD_HEADING_MAX_CHARS: Final = 120


@dataclass(frozen=True)
class Block:
    """A piece of body text: a heading (level 2..6, None when bold-only) or a paragraph."""

    kind: str  # "heading" or "paragraph"
    text: str
    level: int | None = None
    opens_body: bool = False  # a sub-heading before the first paragraph (recover_headings)


# A class token or the id must *start* with a rule token ("read-more", "dfp-ad"), so that
# "entry-content-read-more" (an article body) is not taken for a read-more box.
_BOILERPLATE_MARK: Final = re.compile(
    r"(?:^|\s)(?:{})".format("|".join(re.escape(t) for t in BOILERPLATE_CLASS_TOKENS))
)
_SCREEN_READER_MARK: Final = re.compile(
    r"(?:^|\s|-|__)(?:{})(?:$|\s)".format(
        "|".join(re.escape(t) for t in SCREEN_READER_CLASS_TOKENS)
    )
)
_EMPTY_DROPPED: Final = ("span", "i", "b", "em", "strong")  # when they hold no text (see prune)
_NEVER_TEXT: Final = ("script", "style", "noscript", "svg", "iframe", "object", "embed", "canvas")


def _marked_elements(tree: HtmlElement) -> tuple[list[HtmlElement], list[HtmlElement]]:
    """(boilerplate, screen-reader-only) elements by class or id, in document order.

    A token never spans the class/id boundary, so testing each attribute on its own finds
    the same elements as testing "class id" of every marked element, at a fraction of the
    cost; each distinct value is tested once (a page repeats its class names). The whole
    document is searched, whatever element of it ``tree`` is.
    """
    found: list[HtmlElement] = []
    hidden: list[HtmlElement] = []
    boilerplate: dict[str, bool] = {}  # value -> matches _BOILERPLATE_MARK
    screen_reader: dict[str, bool] = {}  # class value -> matches _SCREEN_READER_MARK
    for el in tree.getroottree().getroot().iter(etree.Element):
        classes, ident = el.get("class"), el.get("id")
        if classes is None and ident is None:
            continue
        marked = False
        for value in (classes, ident):
            if value is not None and not marked:
                hit = boilerplate.get(value)
                if hit is None:
                    hit = boilerplate[value] = _BOILERPLATE_MARK.search(value) is not None
                marked = hit
        if marked and el.tag not in PROTECTED_TAGS:
            found.append(el)
        if classes is None or boilerplate[classes]:
            continue
        hit = screen_reader.get(classes)
        if hit is None:
            hit = screen_reader[classes] = _SCREEN_READER_MARK.search(classes) is not None
        if hit:
            hidden.append(el)
    return found, hidden


def _words_of(text: str) -> str:
    return " ".join(text.split()).casefold()


def _repeats_parent(el: HtmlElement, parent_words: dict[HtmlElement, str]) -> bool:
    """Whether a screen-reader-only element's text is shown by its parent anyway.

    ``parent_words`` holds each parent's words once (many such elements may share a parent:
    reading its text for each one made a page of them quadratic).
    """
    parent = el.getparent()
    own = _words_of(text_of(el))
    if parent is None or len(own) < 3 or not any(c.isalnum() for c in own):
        return False
    words = parent_words.get(parent)
    if words is None:
        words = parent_words[parent] = _words_of(text_of(parent))
    # the parent's text with the first occurrence of ``own`` taken out still holds it
    first = words.find(own)
    if first < 0:
        return False
    end = first + len(own)
    if words.find(own, end) >= 0:
        return True
    joined = words[max(0, first - len(own) + 1) : first] + words[end : end + len(own) - 1]
    return own in joined


def _screen_reader_copies(hidden: list[HtmlElement]) -> list[HtmlElement]:
    """The screen-reader-only elements whose text their parent shows anyway. Under a parent
    with very many of them, a copy is one whose text equals another child's."""
    by_parent: dict[HtmlElement | None, list[HtmlElement]] = {}
    for el in hidden:
        by_parent.setdefault(el.getparent(), []).append(el)
    copies: list[HtmlElement] = []
    parent_words: dict[HtmlElement, str] = {}
    for parent, group in by_parent.items():
        if parent is None:
            continue
        if len(group) <= SCREEN_READER_SCAN_MAX:
            copies.extend(el for el in group if _repeats_parent(el, parent_words))
            continue
        counts = Counter(_words_of(text_of(child)) for child in parent)
        for el in group:
            own = _words_of(text_of(el))
            if len(own) >= 3 and any(c.isalnum() for c in own) and counts[own] >= 2:
                copies.append(el)
    return copies


def _unwrap_static_copies(tree: HtmlElement) -> None:
    """A ``<noscript>`` holding paragraphs of prose is the page's static copy of its text
    (the visible one is drawn by a script): keep its content, drop its tag. The outermost
    such element is judged; paragraphs are counted, not raw text, so a menu copy stays out."""
    for el in list(tree.iter("noscript")):
        if el.getparent() is None or any(a.tag == "noscript" for a in el.iterancestors()):
            continue
        prose = sum(len(text_of(p).strip()) for p in el.iter("p"))
        if prose >= NOSCRIPT_ARTICLE_MIN_CHARS:
            el.drop_tag()


@lru_cache(maxsize=256)
def _css(selector: str) -> CSSSelector:
    """A compiled CSS selector (cached: site hints repeat on every page of a site)."""
    return CSSSelector(selector, translator="html")


def prune_boilerplate(
    tree: HtmlElement, report: CleaningReport, drop_selectors: tuple[str, ...] = ()
) -> None:
    """Remove small boilerplate blocks and the hint's ``drop_selectors`` from the tree, in place."""
    _unwrap_static_copies(tree)
    # Code and media are never text; gone before trafilatura copies and scans the tree.
    etree.strip_elements(tree, *_NEVER_TEXT, with_tail=False)
    # trafilatura's precision mode drops an empty <span>/<i>/<b>/<em>/<strong> together with
    # the text after it ("bei hohen <span class=icon></span>Temperaturen dehne ..." lost all
    # but "bei hohen"): the empty element holds nothing, its tag goes, its text stays.
    empty = [
        el for el in tree.iter(*_EMPTY_DROPPED) if len(el) == 0 and not (el.text or "").strip()
    ]
    for el in empty:
        el.drop_tag()
    doomed: list[HtmlElement] = [el for sel in drop_selectors for el in _css(sel)(tree)]
    boilerplate, hidden = _marked_elements(tree)
    doomed.extend(el for el in boilerplate if len(text_of(el)) <= MAX_PRUNED_CHARS)
    doomed.extend(_screen_reader_copies(hidden))
    doomed.extend(read_also_lines(tree))
    doomed.extend(related_lists(tree))
    doomed.extend(signup_boxes(tree))
    gone: set[HtmlElement] = set()
    for el in doomed:
        # one inside a block already removed goes with it (and is not counted again)
        if el.getparent() is not None and not any(a in gone for a in el.iterancestors()):
            el.drop_tree()
            gone.add(el)
            report.boilerplate_removed += 1


def _restrict(tree: HtmlElement, body_selector: str) -> HtmlElement:
    """A new document holding copies of the elements matching ``body_selector`` (or ``tree``)."""
    matches = _css(body_selector)(tree)
    if not matches:
        return tree
    root = new_document("<html><body><div></div></body></html>")
    holder = root.body[0]
    for el in matches:
        holder.append(copy.deepcopy(el))
    return root


def _node_text(el: etree._Element) -> str:
    """Text of an element with whitespace collapsed, a line break read as a space."""
    return " ".join(text_of(el).replace(_BREAK, " ").split())


def _lines(el: etree._Element) -> list[str]:
    """The element's text split at its line breaks, whitespace collapsed, empty parts left out."""
    parts = text_of(el).split(_BREAK)
    return [t for t in (" ".join(p.split()) for p in parts) if t]


def _bold_only(p: etree._Element, text: str) -> bool:
    """A paragraph that is nothing but one bold phrase (a sub-heading in disguise), unless it
    opens with a clock time (a live-ticker entry's first line). Editors' markup may split the
    phrase into several bold pieces (``<b>The g</b><b>overnment</b>``): still one phrase."""
    if len(p) == 0 or (p.text or "").strip():
        return False
    for hi in p:
        if (
            hi.tag != "hi"
            or "#b" not in (hi.get("rend") or "")
            or len(hi) != 0
            or (hi.tail or "").strip()
        ):
            return False
    return (
        0 < len(text) <= _BOLD_HEADING_MAX_CHARS
        and not text.endswith(_SENTENCE_END)
        and TICKER_TIME.match(text) is None
    )


def _table_blocks(table: etree._Element) -> list[Block]:
    """One paragraph per table row, cells separated by " | "."""
    rows = table.findall(".//row") or [table]
    out = []
    for row in rows:
        cells = [_node_text(c) for c in row.findall("cell")] or [_node_text(row)]
        text = " | ".join(c for c in cells if c)
        if text:
            out.append(Block("paragraph", text))
    return out


def _xml_blocks(body: etree._Element) -> list[Block]:
    """Flatten trafilatura's XML body into headings and paragraphs, in order."""
    out: list[Block] = []
    for child in body:
        tag = child.tag
        text = "" if tag in ("table", "graphic", "lb") else _node_text(child)
        if tag == "table":
            out.extend(_table_blocks(child))
        elif tag == "head" and text:
            level = _HEADING_RENDS.get((child.get("rend") or "").lower(), 3)
            out.append(Block("heading", text, level))
        elif tag == "p" and text:
            if _bold_only(child, text):
                out.append(Block("heading", text))
            else:
                out.extend(Block("paragraph", line) for line in _lines(child))
        elif tag in _NESTING and any(c.tag in _CONTAINERS for c in child):
            if child.text and child.text.strip():
                out.append(Block("paragraph", " ".join(child.text.replace(_BREAK, " ").split())))
            out.extend(_xml_blocks(child))
        elif text:
            out.append(Block("paragraph", text))
        tail = (child.tail or "").replace(_BREAK, " ")
        if tail.strip():
            out.append(Block("paragraph", " ".join(tail.split())))
    return out


_NESTING: Final = frozenset({"list", "item", "quote", "div", "cell", "row"})
_CONTAINERS: Final = frozenset({"p", "head", "item", "list", "quote", "table", "div"})


def _gated(
    rules: tuple[tuple[str, re.Pattern[str]], ...],
) -> tuple[tuple[int, Prefilter], ...]:
    """Each rule's regex with the length above which it matches nothing (no bound: any) and
    the words it cannot match without (``literal_prefilter``)."""
    return tuple((length_bound(rx) or sys.maxsize, Prefilter.of(rx)) for _, rx in rules)


_PARAGRAPH_RULES: Final = _gated(BOILERPLATE_PARAGRAPHS)
_HEADING_RULES: Final = _gated(BOILERPLATE_HEADINGS)


def _is_boilerplate(block: Block) -> bool:
    """Whether a paragraph or heading matches one of the boilerplate rules (a rule for short
    texts only is not tried on a longer one, nor one whose words the text lacks)."""
    text = block.text
    size = len(text)
    lowered = lowered_case_safe(text)
    rules = _PARAGRAPH_RULES if block.kind == "paragraph" else _HEADING_RULES
    return any(size <= bound and rule.search(text, lowered) for bound, rule in rules)


def drop_boilerplate_blocks(
    blocks: list[Block], report: CleaningReport, *, templates: bool = False
) -> list[Block]:
    """Drop blocks matching a boilerplate rule; with ``templates`` (plain-text input, where no
    tree step ran) also cut template artefacts. HTML blocks are never re-stripped: the tree
    step already did it and knew which text was code (``<pre>``/``<code>``) to keep."""
    kept: list[Block] = []
    evidence = templates and text_page_evidence(b.text for b in blocks)
    for block in blocks:
        if _is_boilerplate(block):
            report.boilerplate_removed += 1
            continue
        text: str | None = block.text
        if templates and has_template_syntax(block.text, page_evidence=evidence):
            text = strip_template_text(block.text, report, page_evidence=evidence)
        if text:
            kept.append(block if text == block.text else dataclasses.replace(block, text=text))
    if templates and kept and kept[-1].kind == "heading" and blocks[-1].kind != "heading":
        # a text line reads as a heading only when a paragraph follows; that one is gone
        kept[-1] = Block("paragraph", kept[-1].text)
    return kept


# --- paragraphs of the kept paragraphs' template that trafilatura missed -------------------

_RESTORE_TAGS: Final = ("p", "h1", "h2", "h3", "h4", "h5", "h6")
_KEY_CHARS: Final = 60  # blocks and elements are matched on their first characters
# Characters the substring searches of one page may scan before word tables answer first:
# the text's length times the searches (about two an element). A search reads the text about
# once (a millisecond per million characters); a text built against CPython's search costs
# some tens of times that. 5M keeps 98% of the benchmark pages on the plain search.
_DIRECT_SEARCH_BUDGET: Final = 5_000_000
_RESTORE_EXCLUDED_MARK: Final = class_words(RESTORE_EXCLUDED_TOKENS, RESTORE_EXCLUDED_WORDS)
_Signature = tuple[str, frozenset[str]]
_TEMPLATE_MAX_DEPTH: Final = 5  # signatures in a paragraph's template at most
# Text nodes and <br> elements in document order (a <br> between two words is a space).
_TEXT_OR_BREAK: Final = etree.XPath(".//text()[not(ancestor::br)] | .//br")
# A short paragraph ending otherwise is a label, a byline or a signature.
_RESTORE_SENTENCE_END: Final = tuple('.!?…:;"”’»。！？」』')


def _key(text: str) -> str:
    """Matching key of a block or element text: its first characters, whitespace-collapsed."""
    return " ".join(text.split())[:_KEY_CHARS].casefold()


class _Extracted:
    """The extracted text (blocks normalised, one a line), for ``in`` tests of element texts.

    A substring search of the whole text for every element of the page is quadratic (16,000
    paragraphs: 2 s), so where the searches would cost more than ``_DIRECT_SEARCH_BUDGET``
    characters (the text's length times the searches), cheap exact tests answer
    first: a part is not in the text when one of its inner words (between its first and
    last) is no word of the text, its last word starts none, or its first word ends none.
    A part equal to a block's own start or end is in it. Either way the answer is the
    substring test's; the word tables are made only for a page that needs them.
    """

    def __init__(self, blocks: list[Block], probes: int) -> None:
        lines = [" ".join(b.text.split()).casefold() for b in blocks]
        self.text = "\n".join(lines)
        self.ends = {line[:_KEY_CHARS] for line in lines} | {line[-_KEY_CHARS:] for line in lines}
        self._direct = len(self.text) * probes <= _DIRECT_SEARCH_BUDGET

    @cached_property
    def _words(self) -> frozenset[str]:
        return frozenset(self.text.split())

    @cached_property
    def _sorted(self) -> list[str]:
        return sorted(self._words)

    @cached_property
    def _reversed(self) -> list[str]:
        return sorted(w[::-1] for w in self._words)

    def holds(self, part: str) -> bool:
        """Whether ``part`` (normalised) is a substring of the extracted text."""
        if part in self.ends:
            return True
        if self._direct:
            return part in self.text
        words = part.split()  # at spaces, and at the line breaks of a broken paragraph
        if len(words) > 1 and not (
            self._words.issuperset(words[1:-1])
            and _starts_one(self._sorted, words[-1])
            and _starts_one(self._reversed, words[0][::-1])
        ):
            return False
        return part in self.text


def _starts_one(ordered: list[str], prefix: str) -> bool:
    """Whether a string of the sorted list starts with ``prefix``."""
    i = bisect_left(ordered, prefix)
    return i < len(ordered) and ordered[i].startswith(prefix)


def _extracted(text: str, extracted: _Extracted) -> bool:
    """Whether an element's (normalised) text is in the extracted text: its start or its end
    is (trafilatura may leave out a link or a marker inside a paragraph it keeps)."""
    return extracted.holds(text[:_KEY_CHARS]) or extracted.holds(text[-_KEY_CHARS:])


def _kept_by_lines(el: HtmlElement, extracted: _Extracted) -> bool:
    """Whether a paragraph with line breaks is in the extracted text line by line (its lines
    are blocks of their own there, so its text with a space for each break is not)."""
    if el.find(".//br") is None:
        return False
    return _extracted("\n".join(_broken_lines(el)).casefold(), extracted)


def _signature(el: HtmlElement | None) -> _Signature:
    """An element's tag and class words ("" for a missing element)."""
    if el is None:
        return "", frozenset()
    return _class_signature(el.tag, el.get("class") or "")


@lru_cache(maxsize=4096)
def _class_signature(tag: str, classes: str) -> _Signature:
    """(tag, class words), made once per distinct tag and class attribute."""
    return tag, frozenset(classes.split())


def _template(p: HtmlElement) -> tuple[_Signature, ...]:
    """The paragraph's signature with its parent's and grandparent's, and further ancestors'
    up to the first one with a class when none of those has one (``<div><div><p>`` in a
    classed block)."""
    chain = [_signature(p)]
    el = p.getparent()
    while el is not None and (
        len(chain) < 3 or (len(chain) < _TEMPLATE_MAX_DEPTH and not any(s[1] for s in chain))
    ):
        chain.append(_signature(el))
        el = el.getparent()
    return tuple(chain)


def _alike(a: _Signature, b: _Signature) -> bool:
    """Same tag, and at least half of the larger class set shared ("body articleBody" and
    "body articleBody -bottom-space" are one template)."""
    if a[0] != b[0]:
        return False
    return a[1] == b[1] or 2 * len(a[1] & b[1]) >= max(len(a[1]), len(b[1]))


def _fits(template: tuple[_Signature, ...], best: tuple[_Signature, ...]) -> bool:
    """Whether a paragraph's template is the page's paragraph template."""
    return len(template) == len(best) and all(
        _alike(a, b) for a, b in zip(template, best, strict=True)
    )


def _excluded_region(p: HtmlElement, kept_ancestors: set[HtmlElement]) -> bool:
    """Whether an ancestor the kept paragraphs do not share is page furniture."""
    for anc in p.iterancestors():
        if anc in kept_ancestors:
            return False
        marks = f"{anc.get('class') or ''} {anc.get('id') or ''}".lower()
        if anc.tag in RESTORE_EXCLUDED_TAGS or _RESTORE_EXCLUDED_MARK.search(marks):
            return True
    return False


def _broken_lines(p: HtmlElement) -> list[str]:
    """The element's text split at its <br>s, whitespace collapsed, empty lines left out."""
    marked = "".join(t if isinstance(t, str) else _BREAK for t in _TEXT_OR_BREAK(p))
    return [t for t in (" ".join(part.split()) for part in marked.split(_BREAK)) if t]


def _restorable(p: HtmlElement) -> list[str]:
    """The paragraph's lines (split at its line breaks, as trafilatura's paragraphs are) when
    it is real text: long enough, ending like a sentence unless long, not mostly links, not a
    list set with line breaks; else nothing."""
    breaks = len(p.findall(".//br"))
    if breaks >= RESTORE_MAX_BREAKS:
        return []
    lines = _broken_lines(p) if breaks else [" ".join(text_of(p).split())]
    text = " ".join(lines)
    if len(text) < RESTORE_MIN_CHARS:
        return []
    if len(text) < RESTORE_SENTENCE_CHARS and not text.endswith(_RESTORE_SENTENCE_END):
        return []
    linked = sum(len(text_of(a)) for a in p.iter("a"))
    return lines if linked <= len(text) * RESTORE_MAX_LINK_SHARE else []


def _merge_in_order(
    blocks: list[Block], positions: list[int | None], added: list[tuple[int, Block]]
) -> list[Block]:
    """Insert ``added`` (document position, block) among ``blocks`` by document position.

    Blocks keep their order; one without a known position goes with the block before it,
    except a heading, which goes with the next placed block (it opens that block's section).
    """
    anchors: list[float] = []
    following = float("inf")
    for block, pos in zip(reversed(blocks), reversed(positions), strict=True):
        if pos is not None:
            following = float(pos)
            anchors.append(following)
        else:
            anchors.append(following - 0.5 if block.kind == "heading" else -1.0)
    anchors.reverse()
    keyed: list[tuple[float, int, int, Block]] = []
    last = -1.0
    for i, block in enumerate(blocks):
        anchor = anchors[i] if anchors[i] != float("inf") else last
        last = max(last, anchor)
        keyed.append((last, 0, i, block))
    keyed.extend((float(pos), 1, j, block) for j, (pos, block) in enumerate(added))
    keyed.sort(key=lambda k: k[:3])
    return [k[3] for k in keyed]


def _headline_between(h1s: list[int], i: int, first: int, last: int) -> bool:
    """Whether an <h1> (positions, sorted) lies between position ``i`` and the kept text
    (``first`` .. ``last``); by bisection, as a page may hold thousands of both."""
    lo, hi = (i, first) if i < first else (last, i) if i > last else (i, i)
    return bisect_left(h1s, hi) > bisect_right(h1s, lo)


def restore_template_paragraphs(source: HtmlElement, blocks: list[Block]) -> list[Block]:
    """Add the paragraphs of the kept paragraphs' template that trafilatura left out.

    The template is the (paragraph, parent, grandparent, ...) signature holding most kept text.
    Another paragraph of it comes back when it has real text, is not in a furniture region
    the kept paragraphs are not in (comments, related links, asides, ...), and no <h1> (the
    headline of another article) lies between it and the kept text.
    """
    elements = list(source.iter(*_RESTORE_TAGS))
    # about two searches an element, its start and its end (a broken paragraph's lines add
    # a few): an estimate for the search budget
    extracted = _Extracted(blocks, probes=2 * len(elements))
    texts = [
        " ".join(text_of(el).split()).casefold() if el.tag == "p" else "" for el in elements
    ]
    present = [bool(t) and _extracted(t, extracted) for t in texts]
    templates = [_template(el) if texts[i] else () for i, el in enumerate(elements)]
    weights: dict[tuple[_Signature, ...], int] = {}
    for i, template in enumerate(templates):
        if present[i]:
            weights[template] = weights.get(template, 0) + len(texts[i])
    if not weights:
        return blocks
    best = max(weights, key=weights.__getitem__)
    if weights[best] < RESTORE_MIN_TEMPLATE_CHARS or not any(sig[1] for sig in best):
        return blocks  # little kept text, or a bare <div><div><p> (every region looks so)
    kept: list[int] = []
    candidates: list[int] = []
    for i, template in enumerate(templates):
        if template and (template == best or _fits(template, best)):
            (kept if present[i] else candidates).append(i)
    if not candidates:
        return blocks
    kept_ancestors = {a for i in kept for a in elements[i].iterancestors()}
    h1s = [i for i, el in enumerate(elements) if el.tag == "h1"]
    first, last = kept[0], kept[-1]
    added: list[tuple[int, Block]] = []
    seen: set[str] = set()
    for i in candidates:
        if _headline_between(h1s, i, first, last):
            continue
        el = elements[i]
        if (
            texts[i] in seen
            or _excluded_region(el, kept_ancestors)
            or _kept_by_lines(el, extracted)
        ):
            continue
        lines = _restorable(el)
        if lines:
            seen.add(texts[i])
            added.extend((i, Block("paragraph", line)) for line in lines)
    if not added:
        return blocks
    first_at: dict[str, int] = {}
    for i, el in enumerate(elements):
        first_at.setdefault(_key(texts[i] or text_of(el)), i)
    positions = [first_at.get(_key(b.text)) for b in blocks]
    return _merge_in_order(blocks, positions, added)


def _largest_p_cluster(tree: HtmlElement) -> tuple[HtmlElement | None, int]:
    """The element whose <p> children hold the most text, and that text's length."""
    sizes: dict[HtmlElement, int] = {}
    for p in tree.iter("p"):
        parent = p.getparent()
        if parent is not None:
            sizes[parent] = sizes.get(parent, 0) + len(text_of(p))
    if not sizes:
        return None, 0
    best = max(sizes, key=sizes.__getitem__)
    return best, sizes[best]


class _LargestRun:
    """The length of the page's largest run of paragraphs, read once for the retry tests."""

    def __init__(self, source: HtmlElement) -> None:
        self._source = source

    @cached_property
    def size(self) -> int:
        return _largest_p_cluster(self._source)[1]


def _collapsed(run: _LargestRun, size: int, cfg: CleanConfig) -> bool:
    """Precision mode kept little text: below the absolute floor, or below a share of the
    page's largest run of paragraphs."""
    if size < cfg.precision_retry_chars:
        return True
    return run.size > size / cfg.precision_retry_share


def _text_share(source: HtmlElement, size: int) -> float:
    """The share of the page's text outside links (whitespace collapsed) that ``size``
    characters are (above 1 when the page has none and ``size`` is not 0)."""
    text = source.xpath("string-length(normalize-space(//body))")  # counted in C
    links = sum(
        len(" ".join(text_of(a).split()))
        for a in source.xpath("//body//a[not(ancestor::a)]")
    )
    return size / max(text - links, 1)


def _judged_by_length(body: etree._Element | None) -> bool:
    """Whether trafilatura's comparison would replace this text with readability's only for
    being twice as long: it holds paragraph text and no more tables than paragraphs (else a
    readability text of 500 characters replaces it whatever its length)."""
    if body is None or not body.xpath(".//p//text()"):
        return False
    return len(body.findall(".//table")) <= len(body.findall(".//p"))


def _fallback_blocks(
    tree: HtmlElement, jsonld: tuple[dict[str, Any], ...], cfg: CleanConfig
) -> list[Block]:
    """When trafilatura finds nothing: JSON-LD articleBody, else the element with most <p> text."""
    body = first_value(jsonld, "articleBody")
    if isinstance(body, str) and len(body.strip()) >= cfg.min_body_chars:
        paras = [" ".join(p.split()) for p in body.replace("\r", "").split("\n")]
        return [Block("paragraph", p) for p in paras if p]
    best, best_len = _largest_p_cluster(tree)
    if best is None or best_len < cfg.min_body_chars:
        return []
    texts = (" ".join(text_of(p).split()) for p in best.iterchildren("p"))
    return [Block("paragraph", t) for t in texts if t]


def _trafilatura_body(
    source: HtmlElement, url: str | None, cfg: CleanConfig, precision: bool, fast: bool
) -> tuple[etree._Element | None, int]:
    """trafilatura's XML body for the tree (on its own copy) and the length of its text;
    its prune expressions run prefiltered, each run of back-to-back prune lists is read by
    one walk, and a fast precision run makes one copy instead of three (same results, see
    ``prefiltered_xpaths``, ``trafilatura_walks`` and ``trafilatura_copies``)."""
    with prefiltered_prunes(), fewer_copies(), fewer_walks():
        document = bare_extraction(
            source,
            url=url,
            output_format="xml",
            include_comments=False,
            include_formatting=True,
            include_tables=cfg.include_tables,
            favor_precision=precision,
            fast=fast,
            with_metadata=False,
        )
    if document is None or document.body is None:
        return None, 0
    return document.body, len(document.raw_text or "")


def _kept_largest_run(run: _LargestRun, size: int, cfg: CleanConfig) -> bool:
    """Whether a text short enough for a retry is as long as the page's largest run of
    paragraphs (within ``retry_kept_run_share``): the article is short and was kept, so no
    retry is run to find that out (on the benchmark pages a retry then kept the same text,
    save 2 of 31). Longer texts are never retried for being short: not looked at."""
    if size >= max(cfg.fast_retry_chars, cfg.precision_retry_chars):
        return False
    largest = run.size
    return largest > 0 and abs(size - largest) <= cfg.retry_kept_run_share * largest


@contextmanager
def _head_set_aside(tree: HtmlElement) -> Iterator[None]:
    """The document's ``<head>`` out of ``tree`` for the block, put back after it: trafilatura
    deletes it before it extracts, but copies it and runs its expressions over it first
    (a tenth of a news page's elements)."""
    head = tree.find("head")
    if head is None:
        yield
        return
    at = tree.index(head)
    tree.remove(head)
    try:
        yield
    finally:
        tree.insert(at, head)


_LANDMARKS: Final = tuple(etree.XPath(path) for path in ARTICLE_LANDMARKS)
_PARAGRAPH_TEXT: Final = etree.XPath(".//p//text()", smart_strings=False)


def _paragraph_chars(el: HtmlElement) -> int:
    return sum(map(len, _PARAGRAPH_TEXT(el)))


def _lone_article(source: HtmlElement, cfg: CleanConfig) -> tuple[HtmlElement, int] | None:
    """A document of the page's one outermost ``<article>`` (else its one ``<main>``, else
    its one ARIA main: ``ARTICLE_LANDMARKS``) alone and the length of its paragraph text,
    when that is ``lone_article_min_share`` of the page's (else None). The first run then
    reads the article, not the menus, teasers, author boxes and footers around it, which
    trafilatura would prune at about twice the cost; on the benchmark pages the records
    this changed lost such lines or gained article text (a sub-heading, two paragraphs),
    none lost any."""
    articles = next((found for landmark in _LANDMARKS if len(found := landmark(source)) == 1), None)
    if articles is None:
        return None
    inside = _paragraph_chars(articles[0])
    if inside == 0 or inside < cfg.lone_article_min_share * _paragraph_chars(source):
        return None
    root = new_document()
    article = copy.deepcopy(articles[0])
    article.tail = None
    root.body.append(article)
    return root, inside


def _first_run(
    source: HtmlElement, url: str | None, cfg: CleanConfig
) -> tuple[etree._Element | None, int, HtmlElement]:
    """The cascade's first run (body, length of its text, and the tree it read): on the
    page's lone article (``_lone_article``) unless that gave under ``lone_article_min_kept``
    of the article's paragraph text (the article is a frame whose text trafilatura finds
    elsewhere on the page), else on the page."""
    lone = _lone_article(source, cfg)
    if lone is not None:
        article, inside = lone
        body, size = _trafilatura_body(article, url, cfg, cfg.favor_precision, cfg.fast)
        if size >= cfg.lone_article_min_kept * inside:
            return body, size, article
    return (*_trafilatura_body(source, url, cfg, cfg.favor_precision, cfg.fast), source)


def _run_trafilatura(
    source: HtmlElement, url: str | None, cfg: CleanConfig
) -> etree._Element | None:
    """A cascade, each step only when the one before kept little text: fast mode (no
    readability/jusText comparison), the full comparison, then balanced instead of precision
    (when precision kept under 1,000 characters or under a third of the page's largest run
    of paragraphs). No retry when the first text is the page's largest run of paragraphs, or
    when it holds ``retry_max_text_share`` of the page's text outside links and trafilatura's
    comparison would judge it by length alone (long enough to skip jusText, with paragraphs):
    a retry is then taken only when it doubles the text. No balanced run when the full
    comparison took over (the balanced run repeats it) or the precision text holds
    ``balanced_retry_max_share`` of the page's text outside links. The first run reads the
    page's lone article where that holds the text (``_first_run``), and so do retries."""
    body, size, read = _first_run(source, url, cfg)
    run = _LargestRun(source)
    if _kept_largest_run(run, size, cfg):
        return body
    short = cfg.fast and size < cfg.fast_retry_chars
    collapsed = cfg.favor_precision and _collapsed(run, size, cfg)
    if not (short or collapsed):
        return body
    share = _text_share(source, size)
    if (
        share >= cfg.retry_max_text_share
        and size >= cfg.retry_share_min_chars
        and _judged_by_length(body)
    ):
        return body
    if short:
        other, other_size = _trafilatura_body(read, url, cfg, cfg.favor_precision, False)
        if other_size > size:
            return other
    if collapsed and share < cfg.balanced_retry_max_share:
        other, other_size = _trafilatura_body(read, url, cfg, False, False)
        if other_size > size * cfg.precision_retry_factor:
            return other
    return body


def extract_main(
    tree: HtmlElement,
    report: CleaningReport,
    *,
    url: str | None = None,
    hints: dict[str, Any] | None = None,
    jsonld: tuple[dict[str, Any], ...] = (),
    cfg: CleanConfig = DEFAULT_CONFIG,
) -> tuple[Block, ...]:
    """The article body as blocks; prunes ``tree`` in place first (see module docstring)."""
    hints = hints or {}
    prune_boilerplate(tree, report, tuple(hints.get("drop_selectors") or ()))
    source = _restrict(tree, hints["body_selector"]) if hints.get("body_selector") else tree
    with _head_set_aside(source):
        body = _run_trafilatura(source, url, cfg)
    blocks: list[Block] = []
    if body is not None:
        with live_elements(body):
            for lb in body.iter("lb"):
                lb.tail = _BREAK + (lb.tail or "")
            blocks = _xml_blocks(body)
        if source is tree:
            blocks = restore_template_paragraphs(tree, blocks)
    if not any(b.kind == "paragraph" for b in blocks):
        report.warn("trafilatura found no main text; used a fallback")
        blocks = _fallback_blocks(tree, jsonld, cfg)
    return tuple(_without_invisible(blocks))


_INVISIBLE: Final = dict.fromkeys(map(ord, INVISIBLE_IN_TEXT))


def _without_invisible(blocks: list[Block]) -> list[Block]:
    """Blocks with soft hyphens and zero-width spaces taken out ("Ita\u00adli\u00adens" is
    "Italiens" to a reader and must be to a search); blocks left empty go."""
    out = []
    for block in blocks:
        if any(c in block.text for c in INVISIBLE_IN_TEXT):
            text = " ".join(block.text.translate(_INVISIBLE).split())
            if not text:
                continue
            block = dataclasses.replace(block, text=text)
        out.append(block)
    return out
