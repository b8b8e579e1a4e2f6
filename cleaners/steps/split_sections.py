"""Sections step: blocks -> lead + headed sections; also turns plain text into blocks.

Rules:
- A section starts at each heading (h2-h6 keeps its level; a bold-only paragraph or a
  heading line of plain text has level None). Paragraphs before the first heading form the
  intro section, whose heading is None.
- Consecutive headings stay separate sections: a heading directly followed by another one
  (a chapter heading over sub-headings, usually of a higher level) gets a section with no
  paragraphs, so no level is lost. A heading with nothing after it at the end is dropped.
- In an HTML article (``leading_headings=False``) no sub-heading comes before the first
  paragraph: a heading there is the page's headline, a kicker, a byline or a label, and is
  dropped; one that reads as a sentence (final punctuation, or very long) is a standfirst
  set in a heading tag and becomes a paragraph, and so does the subtitle: the heading
  right before the first paragraph when it is long and not the headline in other words.
  The exception is a heading the tree shows opening the body after a lead set apart in the
  article header (``Block.opens_body``, see ``recover_headings``): the lead is then the
  article's first paragraph, and the heading the first sub-heading. Plain text keeps its
  leading headings.
  Anywhere in an HTML article, a "heading" of 25 words or more is a paragraph.
- The lead is the standfirst the page marks apart (class/id token, see rules.boilerplate),
  with the sibling paragraphs marked the same way that directly follow it. The body
  paragraph equal to it, or the body paragraphs making it up, among the first few blocks
  are taken out of the sections, so it is never duplicated; ``record["text"]`` starts with it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Final

from lxml import etree
from lxml.html import HtmlElement

from cleaners.config import DEFAULT_CONFIG, CleanConfig
from cleaners.rules.boilerplate import (
    LEAD_CLASS_TOKENS,
    LEAD_EXCLUDE_ANCESTOR_PREFIXES,
    LEAD_EXCLUDE_ANCESTOR_WORDS,
    LEAD_EXCLUDE_TOKENS,
    LEAD_HEADER_MIN_WORDS,
    LEAD_IGNORED_CLASSES,
    LEAD_REJECT,
    LEAD_TAGS,
    class_words,
)
from cleaners.steps.extract_main import Block
from cleaners.steps.text_nodes import text_of

_LEAD_MAX_CHARS: Final = 1_000
_HOLDS_MEDIA: Final = etree.XPath("boolean(.//figure | .//picture | .//img | .//video)")
_LEAD_SEARCH_BLOCKS: Final = 6  # the lead is looked for among the body's first blocks
_LEAD_PART_CHARS: Final = 20  # a shorter paragraph inside the lead is not taken for part of it
_LEAD_BAD_REGION: Final = class_words(LEAD_EXCLUDE_ANCESTOR_PREFIXES, LEAD_EXCLUDE_ANCESTOR_WORDS)
_LEAD_BAD_ANCESTORS: Final = frozenset(
    {"a", "li", "nav", "aside", "footer", "figure", "figcaption", "blockquote"}
)
_PAGE_TAGS: Final = frozenset({"html", "body"})  # their classes describe the page, not a box
_SENTENCE_END: Final = (".", "!", "?", ":", ";", ",", "…", '"', "”", "’", "»")
_BLANK_LINES: Final = re.compile(r"\n\s*\n")
_TRUNCATED: Final = ("...", "…", "[…]", "[...]")
# A heading before the body ending like this (or this long) is a standfirst in a heading tag.
_STANDFIRST_END: Final = (".", "!", "?", "…", ".»", '."', ".”", "?”", "!”")
_STANDFIRST_MIN_WORDS: Final = 25
# The heading right before the first paragraph, this long, is the subtitle (dek) under the
# headline: a kicker, byline or label is shorter. One holding this share of the title's
# content words (of 4 letters or more), and at most twice as long as the title, is the
# headline as the page sets it (a kicker run into it, words reordered or changed): it goes.
# A dek says more than the title: longer, even where it repeats the title's key words.
_DEK_MIN_WORDS: Final = 8
_HEADLINE_VARIANT_SHARE: Final = 0.6
_HEADLINE_VARIANT_MAX_LENGTH: Final = 2.0
_CONTENT_WORD: Final = re.compile(r"[^\W\d_]{4,}")
_INLINE_TAGS: Final = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "dfn",
        "em",
        "i",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
    }
)
_VISIBLE_TEXT: Final = etree.XPath(
    ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"
)


@dataclass(frozen=True)
class Section:
    """One headed run of paragraphs; ``heading`` None for the intro."""

    heading: str | None
    level: int | None
    paragraphs: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        """The record form of a section."""
        return {"heading": self.heading, "level": self.level, "paragraphs": list(self.paragraphs)}


@dataclass(frozen=True)
class ArticleBody:
    """The lead (or None) and the sections of one article."""

    lead: str | None
    sections: tuple[Section, ...]


_LEAD_TOKEN: Final = re.compile("|".join(re.escape(t) for t in LEAD_CLASS_TOKENS))


def _lead_candidates(tree: HtmlElement) -> list[HtmlElement]:
    """Body elements of a lead tag whose class or id holds a lead token, in document order
    (``iter`` by tag runs in C and makes Python objects for those tags only)."""
    body = tree.find("body") if tree.tag == "html" else tree.find(".//body")
    if body is None:
        return []
    marked: dict[str, bool] = {}  # "class id" -> holds a lead token (a page repeats them)
    found = []
    for el in body.iter(*LEAD_TAGS):
        classes, ident = el.get("class"), el.get("id")
        if classes is None and ident is None:  # most: no mark, so no lead token
            continue
        marks = f"{classes or ''} {ident or ''}"
        hit = marked.get(marks)
        if hit is None:
            hit = marked[marks] = _LEAD_TOKEN.search(marks.lower()) is not None
        if hit and el is not body:
            found.append(el)
    return found


def _lead_marks(el: HtmlElement) -> str:
    """Lower-cased class and id, utility classes that only look like lead markers left out."""
    return LEAD_IGNORED_CLASSES.sub("", f"{el.get('class') or ''} {el.get('id') or ''}".lower())


def _lead_marked(el: HtmlElement) -> bool:
    """Whether the element's class or id names a lead/standfirst."""
    marks = _lead_marks(el)
    return any(t in marks for t in LEAD_CLASS_TOKENS) and not any(
        t in marks for t in LEAD_EXCLUDE_TOKENS
    )


# A standfirst comes before the body: two long paragraphs before it (in its own <article> or
# <main> when it has one; not in notices, asides, navigation, photo credits or forms such as
# a login overlay) mean it is a teaser box after the body.
_LONG_PARAGRAPHS: Final = etree.XPath(
    "/descendant::p[string-length(normalize-space()) > 80][not(ancestor::noscript or "
    "ancestor::aside or ancestor::nav or ancestor::figure or ancestor::form or "
    "ancestor::dialog or ancestor::footer)]"
)
_BODY_SCOPES: Final = frozenset({"article", "main"})


class _PageOrder:
    """Document order of a page's long paragraphs and <h1>s, read once per page: asking the
    ``preceding::`` axis for every lead candidate was quadratic (a listing of 4,000 teaser
    summaries: 9 s). ``preceding::`` leaves out the element's ancestors; so do these."""

    def __init__(self, tree: HtmlElement) -> None:
        root = tree.getroottree().getroot()
        self._index = {el: i for i, el in enumerate(root.iter())}
        self._long = _LONG_PARAGRAPHS(root)
        self._long_at = [self._index[p] for p in self._long]
        self._h1s = list(root.iter("h1"))
        self._h1_at = [self._index[h] for h in self._h1s]

    def _preceding(
        self, el: HtmlElement, found: list[HtmlElement], at: list[int], count: int
    ) -> list[HtmlElement]:
        """The nearest ``count`` of ``found`` before ``el`` and not its ancestors, in
        document order."""
        ancestors = set(el.iterancestors())
        out: list[HtmlElement] = []
        k = bisect_left(at, self._index[el]) - 1
        while k >= 0 and len(out) < count:
            if found[k] not in ancestors:
                out.append(found[k])
            k -= 1
        return out[::-1]

    def after_h1(self, el: HtmlElement) -> bool:
        """Whether an <h1> comes before the element (``preceding::h1``)."""
        return bool(self._preceding(el, self._h1s, self._h1_at, 1))

    def body_before(self, el: HtmlElement) -> bool:
        """Whether two long paragraphs of the same article come before the element."""
        scope = next((a for a in el.iterancestors() if a.tag in _BODY_SCOPES), None)
        long_before = self._preceding(el, self._long, self._long_at, 2)
        if len(long_before) < 2:
            return False
        # the farther one inside the article's own container (when it has one) is enough
        return scope is None or any(a is scope for a in long_before[0].iterancestors())


def _norm(text: str) -> str:
    """Whitespace-collapsed, case-folded text for comparisons."""
    return " ".join(text.split()).casefold()


def _lead_ok(el: HtmlElement, cfg: CleanConfig) -> str | None:
    """The element's text when it can be a standfirst, else None."""
    for anc in el.iterancestors():
        if anc.tag in _LEAD_BAD_ANCESTORS:
            return None
        marks = f"{anc.get('class') or ''} {anc.get('id') or ''}".lower()
        if anc.tag not in _PAGE_TAGS and _LEAD_BAD_REGION.search(marks):
            return None
    if el.find(".//h1") is not None or len(el.findall(".//p")) > 2 or _hidden(el):
        return None
    if _HOLDS_MEDIA(el):  # the "lead art": a picture with its caption
        return None
    text = _visible_text(el)
    if not cfg.lead_min_chars <= len(text) <= _LEAD_MAX_CHARS or text.endswith(_TRUNCATED):
        return None
    if any(rx.search(text) for rx in LEAD_REJECT):
        return None
    linked = sum(len(text_of(a)) for a in el.iter("a"))
    return text if linked <= len(text) / 2 else None


def _visible_text(el: HtmlElement) -> str:
    """The element's visible text, words split only where the markup splits them: between
    blocks and at <br>, not around inline markup ("<a>Reuters</a>," stays "Reuters,")."""
    parts: list[str] = []
    previous = None
    for text in _VISIBLE_TEXT(el):
        owner = text.getparent()
        block = owner if text.is_text else owner.getparent()
        while block is not None and block is not el and block.tag in _INLINE_TAGS:
            block = block.getparent()
        if block is not previous or (text.is_tail and owner.tag == "br"):
            parts.append(" ")
        previous = block
        parts.append(text)
    return " ".join("".join(parts).split())


def _hidden(el: HtmlElement) -> bool:
    """An element the reader never sees (hidden attribute, aria-hidden, display:none)."""
    style = (el.get("style") or "").replace(" ", "").lower()
    hidden = el.get("hidden") is not None or el.get("aria-hidden") == "true"
    return hidden or "display:none" in style


def _headlines(tree: HtmlElement) -> str:
    """The page's <title> and <h1> texts, normalised (a "lead" inside them is the headline)."""
    texts = [text_of(el) for el in tree.iter("title", "h1")]
    return "\n".join(_norm(t) for t in texts)


def find_lead(tree: HtmlElement, cfg: CleanConfig = DEFAULT_CONFIG) -> str | None:
    """The standfirst the page marks apart from the body, preferring one after the <h1>."""
    found = find_lead_element(tree, cfg)
    return found[1] if found else None


def find_lead_element(
    tree: HtmlElement, cfg: CleanConfig = DEFAULT_CONFIG
) -> tuple[HtmlElement, str] | None:
    """The standfirst's element and text (see ``find_lead``)."""
    first: tuple[HtmlElement, str] | None = None
    headlines: str | None = None
    order: _PageOrder | None = None
    for el in _lead_candidates(tree):
        text = _lead_ok(el, cfg) if _lead_marked(el) else None
        if text is None:
            continue
        order = order or _PageOrder(tree)
        if order.body_before(el):
            continue
        if headlines is None:
            headlines = _headlines(tree)
        if _norm(text) in headlines:
            continue
        text = _with_continuations(el, text, cfg)
        if order.after_h1(el):
            return el, text
        first = first or (el, text)
    return first or _header_standfirst(tree, cfg)


def _header_standfirst(tree: HtmlElement, cfg: CleanConfig) -> tuple[HtmlElement, str] | None:
    """An unmarked standfirst: the first paragraph after the headline inside the headline's
    own <header>, written as sentences (``LEAD_HEADER_MIN_WORDS`` words or more, closed by
    punctuation), when that header holds at most two paragraphs (a header is no body)."""
    for h1 in tree.iter("h1"):
        header = next((a for a in h1.iterancestors() if a.tag == "header"), None)
        if header is None or len(header.findall(".//p")) > 2:
            continue
        for p in h1.itersiblings("p"):
            text = _lead_ok(p, cfg)
            if text and len(text.split()) >= LEAD_HEADER_MIN_WORDS and text[-1] in ".!?…":
                return p, text
            break
    return None


def _with_continuations(el: HtmlElement, text: str, cfg: CleanConfig) -> str:
    """The lead with the sibling paragraphs marked the same way that directly follow it
    (a standfirst of several sentences, one <p class="lead"> each)."""
    parts = [text]
    size = len(text)
    for sibling in el.itersiblings():
        if sibling.tag != el.tag or sibling.get("class") != el.get("class"):
            break
        more = _lead_ok(sibling, cfg)
        if more is None or size + len(more) > _LEAD_MAX_CHARS:
            break
        parts.append(more)
        size += len(more) + 1
    return " ".join(parts)


def _take_lead(blocks: list[Block], lead: str) -> list[Block]:
    """Remove the lead from the first paragraphs of the body (it lives in ``lead``): the
    paragraph equal to it, or those making it up (a lead of several paragraphs)."""
    key = _norm(lead)
    parts = [
        i
        for i, block in enumerate(blocks[:_LEAD_SEARCH_BLOCKS])
        if block.kind == "paragraph"
        and (
            _norm(block.text) == key
            or len(block.text) >= _LEAD_PART_CHARS
            and _norm(block.text) in key
        )
    ]
    if not parts:
        return blocks
    if _norm(blocks[parts[0]].text) == key:
        parts = parts[:1]
    return [b for i, b in enumerate(blocks) if i not in parts]


def _is_title(block: Block, title: str) -> bool:
    """A heading that repeats the headline (an <h1>, or the title's text)."""
    if block.kind != "heading":
        return False
    if block.level == 1:
        return True
    key, title_key = _norm(block.text), _norm(title)
    return bool(title_key) and (key == title_key or (len(key) > 20 and key in title_key))


def _holds_title(block: Block, title: str) -> bool:
    """A heading before the body that is the title with a kicker ("Iran: Druck durch ...")."""
    key, title_key = _norm(block.text), _norm(title)
    return block.kind == "heading" and len(title_key) > 20 and title_key in key


def _drop_title_headings(items: list[Block], title: str) -> list[Block]:
    """Remove headings repeating the title, and the kicker headings before such a heading."""
    first_paragraph = next((i for i, b in enumerate(items) if b.kind == "paragraph"), len(items))
    for i in range(first_paragraph - 1, -1, -1):
        if _is_title(items[i], title) or _holds_title(items[i], title):
            items = items[i + 1 :]
            break
    return [b for b in items if not _is_title(b, title)]


def _is_long_heading(block: Block) -> bool:
    """A heading block with a paragraph's length (a sentence set in a heading tag)."""
    return block.kind == "heading" and len(block.text.split()) >= _STANDFIRST_MIN_WORDS


def _headline_variant(text: str, title: str) -> bool:
    """Whether a heading is the title in other words (see ``_HEADLINE_VARIANT_SHARE``)."""
    title_words = set(_CONTENT_WORD.findall(title.lower()))
    if not title_words or len(text.split()) > _HEADLINE_VARIANT_MAX_LENGTH * len(title.split()):
        return False
    shared = title_words & set(_CONTENT_WORD.findall(text.lower()))
    return len(shared) >= _HEADLINE_VARIANT_SHARE * len(title_words)


def _is_dek(items: list[Block], i: int, first: int, title: str) -> bool:
    """The heading at ``i`` is the subtitle under the headline: the last heading before the
    first paragraph (``first``), long enough, and not the headline in other words."""
    text = items[i].text
    return (
        i == first - 1 < len(items) - 1
        and len(text.split()) >= _DEK_MIN_WORDS
        and not _headline_variant(text, title)
    )


def _before_body(items: list[Block], title: str) -> list[Block]:
    """Headings before the first paragraph: sentence-like ones and the subtitle become
    paragraphs, one the tree shows opening the body (``Block.opens_body``) stays a heading,
    others go."""
    first = next((i for i, b in enumerate(items) if b.kind == "paragraph"), len(items))
    head = [
        b if b.opens_body else Block("paragraph", b.text)
        for i, b in enumerate(items[:first])
        if b.opens_body
        or b.text.endswith(_STANDFIRST_END)
        or len(b.text.split()) >= _STANDFIRST_MIN_WORDS
        or _is_dek(items, i, first, title)
    ]
    return head + items[first:]


def split_sections(
    blocks: tuple[Block, ...] | list[Block],
    *,
    lead: str | None = None,
    title: str | None = None,
    authors: tuple[str, ...] = (),
    leading_headings: bool = True,
) -> ArticleBody:
    """Group blocks into sections (see module docstring)."""
    items = _drop_title_headings(list(blocks), title or "")
    if not leading_headings:
        items = [
            Block("paragraph", b.text) if _is_long_heading(b) else b
            for b in _before_body(items, title or "")
        ]
    if authors:  # a bold author line is a byline, not a sub-heading
        names = {_norm(a) for a in authors}
        items = [b for b in items if not (b.kind == "heading" and _norm(b.text) in names)]
    if lead:
        items = _take_lead(items, lead)
    sections: list[Section] = []
    heading: str | None = None
    level: int | None = None
    paragraphs: list[str] = []
    for block in items:
        if block.kind == "heading":
            if paragraphs or heading is not None:
                sections.append(Section(heading, level, tuple(paragraphs)))
            heading, level, paragraphs = block.text, block.level, []
        else:
            paragraphs.append(block.text)
    if paragraphs:
        sections.append(Section(heading, level, tuple(paragraphs)))
    return ArticleBody(lead, tuple(sections))


def _is_heading_line(line: str, cfg: CleanConfig) -> bool:
    """A plain-text line that reads as a sub-heading: short, no final sentence punctuation."""
    line = line.strip()
    return (
        0 < len(line) <= cfg.heading_max_chars
        and len(line.split()) <= cfg.heading_max_words
        and not line.endswith(_SENTENCE_END)
        and not line[0].islower()
    )


def text_blocks(text: str, cfg: CleanConfig = DEFAULT_CONFIG) -> list[Block]:
    """Plain text (paragraphs separated by blank lines) -> blocks, heading lines recognised."""
    chunks = [c.strip() for c in _BLANK_LINES.split(text.replace("\r\n", "\n")) if c.strip()]
    blocks: list[Block] = []
    for chunk in chunks:
        lines = [ln.strip() for ln in chunk.split("\n") if ln.strip()]
        if len(lines) > 1 and _is_heading_line(lines[0], cfg):
            blocks.append(Block("heading", lines[0]))
            lines = lines[1:]
        joined = " ".join(" ".join(lines).split())
        kind = "heading" if len(lines) == 1 and _is_heading_line(joined, cfg) else "paragraph"
        blocks.append(Block(kind, joined))
    # A heading line is only a heading when a paragraph follows it.
    for i, block in enumerate(blocks):
        if block.kind == "heading" and (
            i + 1 == len(blocks) or blocks[i + 1].kind == "heading" and i + 2 >= len(blocks)
        ):
            blocks[i] = Block("paragraph", block.text)
    return blocks
