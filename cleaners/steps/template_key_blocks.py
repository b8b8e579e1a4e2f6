"""A widget in one block: a translation-key lookup that opens or closes a block of short
interface lines ("{{ trans('customs.newsletter_signup.header') }} Thanks for signing up!
Check your inbox…"). The lookup renders an interface string, so the short lines beside it
belong to the same widget, not to the article; the block goes whole (reduced here to its
lookups, removed by the token pass with the widget around it).

Only when the block is nothing but the lookup (``KEY_LOOKUP`` in ``rules.templates``) at
its start or end plus at most ``KEY_BLOCK_MAX_WORDS`` words in ``KEY_BLOCK_MIN_LINES`` or
more closed sentences of at most ``KEY_BLOCK_SENTENCE_MAX_WORDS`` words; a paragraph with a
lookup inside a sentence, one sentence, or a long sentence is left to the token pass (which
takes the token out and keeps the text).
"""

from __future__ import annotations

import re
from typing import Final

from lxml.html import HtmlElement

from cleaners.rules.templates import (
    CODE_TAGS,
    KEY_BLOCK_MAX_WORDS,
    KEY_BLOCK_MIN_LINES,
    KEY_BLOCK_SENTENCE_MAX_WORDS,
    KEY_BLOCK_TAGS,
    KEY_LOOKUP,
)

_SENTENCE_END: Final = re.compile(r"(?<=[.!?¡¿…])\s+")
_INLINE: Final = frozenset({"a", "em", "strong", "b", "i", "span", "br", "small", "u"})


def interface_lines(rest: str) -> bool:
    """Two or more short sentences, each closed by its punctuation: interface lines."""
    words = rest.split()
    if not words or len(words) > KEY_BLOCK_MAX_WORDS:
        return False
    sentences = [s.strip() for s in _SENTENCE_END.split(rest.strip()) if s.strip()]
    return len(sentences) >= KEY_BLOCK_MIN_LINES and all(
        len(s.split()) <= KEY_BLOCK_SENTENCE_MAX_WORDS and s[-1] in ".!?…" for s in sentences)


def _key_block(el: HtmlElement) -> list[str]:
    """The block's lookups when it is a key block, else an empty list."""
    if el.tag not in KEY_BLOCK_TAGS or any(c.tag not in _INLINE for c in el
                                           if isinstance(c.tag, str)):
        return False
    text = " ".join("".join(el.itertext()).split())
    lookups = list(KEY_LOOKUP.finditer(text))
    if not lookups:
        return []
    first, last = lookups[0], lookups[-1]
    if first.start() == 0:
        rest = text[first.end():]
    elif last.end() == len(text):
        rest = text[: last.start()]
    else:
        return []
    rest = KEY_LOOKUP.sub(" ", rest)
    return [m.group(0) for m in lookups] if interface_lines(rest) else []


def drop_key_blocks(tree: HtmlElement) -> None:
    """Reduce each block that is a translation-key lookup plus short interface lines to its
    lookups: the token pass that follows then removes it as a block of tokens (and sees the
    widget it belongs to, siblings included)."""
    for el in list(tree.iter(*KEY_BLOCK_TAGS)):
        if any(a.tag in CODE_TAGS for a in el.iterancestors()):
            continue
        if lookups := _key_block(el):
            for child in list(el):
                el.remove(child)
            el.text = " ".join(lookups)
