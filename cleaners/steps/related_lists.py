"""Lists of other articles: a list whose every item is a link to another page with the date
it was published ("More on this story", "Mehr zum Thema", "Lees ook"), set inside or after
the article body. Each item is a headline another page owns; none of it is this article.

A ``<ul>``/``<ol>`` goes (before trafilatura sees the tree) when it has at least
``RELATED_LIST_MIN_ITEMS`` items and every item is one link to another page making up most
of its text (``RELATED_ITEM_MIN_LINK_SHARE``) plus a date (a ``<time>``, a written date
beside the link, or an element inside the link holding only a date); the short label right
before it (at most ``RELATED_LABEL_MAX_WORDS`` words, no sentence) goes
with it. Under a "read also" label (``READ_ALSO_LABELS``: "Lesen Sie auch die folgenden
Beiträge:", "See also") the items need no dates: the label says what the links are. A list
of sources or links without dates and without such a label, or items that say more than
their link, is article text and stays. Used by ``cleaners.steps.extract_main.prune_boilerplate``.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from cleaners.rules.boilerplate import (
    READ_ALSO_START,
    RELATED_ITEM_MIN_LINK_SHARE,
    RELATED_LABEL_MAX_WORDS,
    RELATED_LIST_MIN_ITEMS,
)
from cleaners.steps.find_dates import text_date
from cleaners.steps.text_nodes import text_of

__all__ = ["related_lists"]


_DATE_MAX_WORDS = 5  # "27. April 2024", "Mon 3 March 2025 12:00"


def _link_item(li: HtmlElement) -> tuple[HtmlElement, str, str] | None:
    """(link, item text, link text) of an item that is one link to another page making up
    most of its text; None otherwise."""
    links = [a for a in li.iter("a") if (a.get("href") or "").strip()[:1] not in ("", "#")]
    if len(links) != 1:
        return None
    text = " ".join(text_of(li).split())
    link = " ".join(text_of(links[0]).split())
    if not text or len(link) < RELATED_ITEM_MIN_LINK_SHARE * len(text):
        return None
    return links[0], text, link


def _dated_link_item(li: HtmlElement) -> bool:
    """A link item (``_link_item``) with the date of the page it leads to."""
    found = _link_item(li)
    if found is None:
        return False
    link, text, link_text = found
    rest = text.replace(link_text, " ", 1)
    return (next(li.iter("time"), None) is not None or text_date(rest) is not None
            or any(_date_element(el) for el in link.iterdescendants()))


def _date_element(el: HtmlElement) -> bool:
    """An element of the link that holds nothing but a date (``<span>27. April 2024</span>``
    before the headline): the teaser's date set inside its link."""
    if not isinstance(el.tag, str):
        return False
    text = " ".join(text_of(el).split())
    return 0 < len(text.split()) <= _DATE_MAX_WORDS and text_date(text) is not None


def _label_before(lst: HtmlElement) -> HtmlElement | None:
    label = lst.getprevious()
    if label is None or label.tag in ("ul", "ol", "table", "figure"):
        return None
    words = " ".join(text_of(label).split())
    if not words or len(words.split()) > RELATED_LABEL_MAX_WORDS or words[-1] in ".!?":
        return None
    return label


def _read_also_label(label: HtmlElement | None) -> bool:
    """Whether a list's label is a "read also" label ("Lesen Sie auch:", "See also")."""
    if label is None:
        return False
    return READ_ALSO_START.match(" ".join(text_of(label).split())) is not None


def related_lists(tree: HtmlElement) -> list[HtmlElement]:
    """The lists of links to other articles (dated, or under a "read also" label), with
    their labels, in document order."""
    found: list[HtmlElement] = []
    for lst in tree.iter("ul", "ol"):
        items = [c for c in lst if c.tag == "li"]
        if len(items) < RELATED_LIST_MIN_ITEMS:
            continue
        label = _label_before(lst)
        if not all(map(_dated_link_item, items)) and not (
            _read_also_label(label) and all(_link_item(li) is not None for li in items)
        ):
            continue
        if label is not None:
            found.append(label)
        found.append(lst)
    return found
