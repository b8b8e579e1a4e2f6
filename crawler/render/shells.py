"""Whether a cleaned record is a script-rendered shell, worth fetching again through a browser.

A shell is a page whose article the browser would build: the cleaner found a title but no
article text, or a body that is mostly framework placeholders (template tokens and blocks the
cleaner cut, next to only a few words). The rules are data: the numbers below, in one place.
Pure functions over the record dict; no Scrapy import.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

NO_TEXT_WARNING: Final = "no article text found"  # what cleaners.clean_html warns on a shell
# A body "mostly placeholders": at least this many placeholders removed ...
PLACEHOLDERS_MIN: Final = 3
# ... and fewer words kept than this many per placeholder removed (a real article with one
# unrendered widget keeps hundreds of words per widget).
WORDS_PER_PLACEHOLDER_MAX: Final = 15
SHELL_REASONS: Final = ("no_text", "placeholders")


def shell_reason(record: Mapping[str, Any]) -> str | None:
    """``"no_text"`` or ``"placeholders"`` when the record is a script-rendered shell, else None."""
    cleaning = record.get("cleaning") or {}
    if not record.get("title"):
        return None  # nothing says an article is there (a menu page, an error page)
    if NO_TEXT_WARNING in (cleaning.get("warnings") or ()):
        return "no_text"
    placeholders = int(cleaning.get("template_blocks_removed", 0)) + \
        int(cleaning.get("template_tokens_removed", 0))
    words = int(record.get("word_count", 0))
    if placeholders >= PLACEHOLDERS_MIN and words < placeholders * WORDS_PER_PLACEHOLDER_MAX:
        return "placeholders"
    return None
