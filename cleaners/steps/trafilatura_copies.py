"""trafilatura's tree preparation without the two copies a fast precision run never reads.

``bare_extraction`` copies the tree it is given (ours stays intact), then its
``_prepare_tree`` copies that copy before cleaning it and copies the cleaned tree again as
a backup. In fast mode with precision on and comments off, nothing reads either the
uncleaned tree or the backup after that point: the backup serves only the
readability/jusText comparison (off in fast mode) and comment capture (off), and the
uncleaned tree only that comparison, the baseline rescue (never in precision mode) and the
recall escalation (balanced mode only). So the tree is cleaned in place there and no backup
is made: about 0.7 ms a copy on a news page, the same extraction. Any other options take
trafilatura's own function.

The tree trafilatura prepared (in place, or by its own function with other options) keeps
its elements alive as Python objects until the call ends (see ``live_elements``): its own
walks over it then find their proxies made.

As with ``prefiltered_prunes``, the function is swapped into trafilatura's module only while
one of our calls runs (``fewer_copies``); it decides by the options it is given, so another
caller in the same process gets trafilatura's behaviour whatever it asks for.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from functools import wraps
from typing import Any

from lxml.html import HtmlElement
from trafilatura import core as trafilatura_core
from trafilatura.htmlprocessing import convert_tags, tree_cleaning

from cleaners.steps.live_elements import live_elements

_OWN_PREPARE = trafilatura_core._prepare_tree


def _only_read_once(options: Any) -> bool:
    """Whether the options make trafilatura read its input tree only to prepare it."""
    return bool(options.fast) and options.focus == "precision" and not options.comments


def _prepare_in_place(
    tree: HtmlElement, options: Any, url: str | None
) -> tuple[HtmlElement, HtmlElement | None]:
    """``_prepare_tree`` on the tree itself, no backup, where nothing reads either later."""
    if not _only_read_once(options):
        return _OWN_PREPARE(tree, options, url)
    return convert_tags(tree_cleaning(tree, options), options, url), None


@contextmanager
def fewer_copies() -> Iterator[None]:
    """trafilatura prepares its tree with ``_prepare_in_place`` inside the block (given back
    after it, also when it raises); the prepared trees' elements are held until the end."""
    with ExitStack() as held:

        @wraps(_prepare_in_place)
        def prepare(
            tree: HtmlElement, options: Any, url: str | None
        ) -> tuple[HtmlElement, HtmlElement | None]:
            cleaned, backup = _prepare_in_place(tree, options, url)
            held.enter_context(live_elements(cleaned))
            return cleaned, backup

        trafilatura_core._prepare_tree = prepare
        try:
            yield
        finally:
            trafilatura_core._prepare_tree = _OWN_PREPARE
