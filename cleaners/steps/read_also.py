"""Read-also lines: a label and one link to another article, set as a paragraph of the body.

"Ook interessant: <a>...</a>", "Lesen Sie auch: <a>...</a>", "Lire aussi : <a>...</a>": the
element goes (before trafilatura sees the tree) when its text is a label from
``rules.boilerplate.READ_ALSO_LABELS``, then one link to another page that makes up most of
the text, and at most a few other words. A sentence that holds a link ("Read more about
<a>the plan</a> on the council's site") is article text and stays; so does a label with
two links or none. Used by ``cleaners.steps.extract_main.prune_boilerplate``.
"""

from __future__ import annotations

import re
from typing import Final

from lxml.html import HtmlElement

from cleaners.rules.boilerplate import (
    READ_ALSO_LABEL_RAW,
    READ_ALSO_MAX_CHARS,
    READ_ALSO_MAX_EXTRA_WORDS,
    READ_ALSO_MIN_LINK_SHARE,
    READ_ALSO_START,
    READ_ALSO_TAGS,
)
from cleaners.steps.text_nodes import text_of

__all__ = ["read_also_lines"]

_WORD: Final = re.compile(r"\w+")
_BLOCK_CHILDREN: Final = frozenset(
    {
        "p",
        "div",
        "ul",
        "ol",
        "li",
        "table",
        "section",
        "article",
        "blockquote",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "footer",
        "aside",
        "nav",
        "form",
    }
)


def is_link(a: HtmlElement) -> bool:
    """An <a> leading to another page (not a jump link)."""
    href = (a.get("href") or "").strip()
    return bool(href) and not href.startswith(("#", "javascript:"))


def _is_read_also(el: HtmlElement) -> bool:
    """A "read also" line: a label (``READ_ALSO_LABELS``), one link to another article, and
    next to nothing else; a sentence holding a link ("Read more about <a>it</a> in ...")
    has more words and stays. Without a mark after the label (":", "»", "|"...), nothing
    but the label may stand beside the link."""
    if el.tag != "p" and any(c.tag in _BLOCK_CHILDREN for c in el):
        return False
    raw = text_of(el)
    if READ_ALSO_LABEL_RAW.match(raw) is None:  # the label first: most elements stop here
        return False
    text = " ".join(raw.split())
    if len(text) > READ_ALSO_MAX_CHARS or READ_ALSO_START.match(text) is None:
        return False
    links = [a for a in el.iter("a") if is_link(a)]
    if len({a.get("href", "").strip() for a in links}) != 1:
        return False
    link_texts = [" ".join(text_of(a).split()) for a in links]
    if sum(len(t) for t in link_texts) < READ_ALSO_MIN_LINK_SHARE * len(text):
        return False
    residue = text
    for linked in link_texts:
        residue = residue.replace(linked, " ", 1)
    label = READ_ALSO_START.match(residue.strip())
    if label is None:  # the label is inside the link: "<a>Lees ook: ...</a>"
        return len(_WORD.findall(residue)) <= READ_ALSO_MAX_EXTRA_WORDS
    extra = len(_WORD.findall(label.group("rest")))
    return extra <= READ_ALSO_MAX_EXTRA_WORDS if label.group("mark") else extra == 0


def read_also_lines(tree: HtmlElement) -> list[HtmlElement]:
    """The "read also" lines of the page (see ``_is_read_also``), in document order."""
    return [el for el in tree.iter(*READ_ALSO_TAGS) if _is_read_also(el)]
