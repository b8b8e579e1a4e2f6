"""A widget in one block: a translation-key lookup that opens or closes a block of short
interface lines ("{{ trans('customs.newsletter_signup.header') }} Thanks for signing up!
Check your inbox…"). The lookup renders an interface string, so the short lines beside it
belong to the same widget, not to the article; the block goes whole (reduced here to its
lookups, removed by the token pass with the widget around it).

Only when the block is nothing but the lookup (``KEY_LOOKUP`` in ``rules.templates``) at
its start or end plus at most ``KEY_BLOCK_MAX_WORDS`` words in closed sentences: one of at
most ``KEY_BLOCK_SENTENCE_MAX_WORDS`` words ("You can unsubscribe at any time."), or several
whose mean is at most that and none longer than ``KEY_BLOCK_LONGEST_WORDS`` (a label with
no full stop runs into the next line: "Sign up for our daily newsletter By signing up you
agree..."), and at least half of the lines speak to the reader (``READER_ADDRESS``: "your inbox",
"je aanmelding", "nuestra política"). A paragraph with a lookup inside a sentence, beside a long
sentence, or of short sentences in the third person (an article's paragraph with an inline-ad
lookup at its end) is left to the token pass (which takes the token out and keeps the text).
"""

from __future__ import annotations

import re
from typing import Final

from lxml.html import HtmlElement

from cleaners.rules.templates import (
    CODE_TAGS,
    KEY_BLOCK_ADDRESS_SHARE,
    KEY_BLOCK_LONGEST_WORDS,
    KEY_BLOCK_MAX_WORDS,
    KEY_BLOCK_SENTENCE_MAX_WORDS,
    KEY_BLOCK_TAGS,
    KEY_LOOKUP,
    READER_ADDRESS,
)
from cleaners.steps.text_nodes import text_of

_SENTENCE_END: Final = re.compile(r"(?<=[.!?¡¿…])\s+")
_INLINE: Final = frozenset({"a", "em", "strong", "b", "i", "span", "br", "small", "u"})


def interface_lines(rest: str) -> bool:
    """Short sentences, each closed by its punctuation: interface lines."""
    words = rest.split()
    if not words or len(words) > KEY_BLOCK_MAX_WORDS:
        return False
    sentences = [s.strip() for s in _SENTENCE_END.split(rest.strip()) if s.strip()]
    if not all(s[-1] in ".!?…" for s in sentences):
        return False
    lengths = [len(s.split()) for s in sentences]
    return (max(lengths) <= KEY_BLOCK_LONGEST_WORDS
            and sum(lengths) <= KEY_BLOCK_SENTENCE_MAX_WORDS * len(lengths)
            and sum(READER_ADDRESS.search(s) is not None for s in sentences)
            >= KEY_BLOCK_ADDRESS_SHARE * len(sentences))


def _key_block(el: HtmlElement) -> list[str]:
    """The block's lookups when it is a key block, else an empty list."""
    if el.tag not in KEY_BLOCK_TAGS or any(c.tag not in _INLINE for c in el
                                           if isinstance(c.tag, str)):
        return False
    text = " ".join(text_of(el).split())
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
