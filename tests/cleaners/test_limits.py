"""The pre-parse scan for long tags: the same tags as a regex scan of every tag, and the
pages it refuses."""

from __future__ import annotations

import random
import re

import pytest

from cleaners.config import CleanConfig
from cleaners.exceptions import BadInput
from cleaners.steps.limits import _long_tags, check_markup_limits

_PIECES = ("<", "<a", "<B", ">", "a", " ", "x=1 ", "<b ", "é", "\n", "<<", ">>", "<!--", "1")


def _made(rng: random.Random, chars: int) -> str:
    """Delimiters, tag starts and text between runs of about ``chars`` characters (just
    under, at and over a match's length), so that runs start and end anywhere relative to
    the scan's windows."""
    out = []
    for _ in range(rng.randrange(0, 12)):
        if rng.random() < 0.5:
            out.append(rng.choice(_PIECES))
        else:
            size = rng.choice((chars - 2, chars - 1, chars, chars + 1, chars // 2, 2 * chars))
            out.append(rng.choice("xé 1=") * max(size + rng.randrange(-3, 4), 0))
    return "".join(out)


def _same_as_finditer(data: str | bytes, chars: int) -> None:
    long_tag = f"<[A-Za-z][^<>]{{{chars},}}"
    pattern = long_tag.encode() if isinstance(data, bytes) else long_tag
    want = [(m.span(), m.group()) for m in re.finditer(pattern, data)]
    assert [(m.span(), m.group()) for m in _long_tags(data, chars)] == want, (chars, data[:80])


@pytest.mark.parametrize("chars", [0, 1, 2, 3, 5, 20, 127, 128, 129, 130, 255, 256, 1000])
def test_same_tags_as_a_scan_of_every_tag(chars: int) -> None:
    rng = random.Random(chars)
    for _ in range(1500):
        text = (_made(rng, chars) if rng.random() < 0.7
                else "".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 60))))
        _same_as_finditer(text, chars)
        _same_as_finditer(text.encode(), chars)


@pytest.mark.parametrize("data", [
    ">" + "x" * 3_000_000,  # one delimiter type far back: each window's look back is short
    "<a" + "x" * 3_000_000,
    "<a" + (">" + "x" * 20_001) * 100,
    "x" * 3_000_000,
    "",
])
def test_long_runs_without_delimiters(data: str) -> None:
    _same_as_finditer(data, 20_000)
    _same_as_finditer(data.encode(), 20_000)


@pytest.mark.parametrize("offset", [0, 1, 4999, 5000, 5001, 9999, 10_001])
def test_a_crowded_tag_is_refused_wherever_it_starts(offset: int) -> None:
    """A tag just over the length limit, at every place relative to the scan's windows."""
    cfg = CleanConfig(max_tag_chars=10_000, max_attributes=1_000)
    attrs = " ".join(f"a{i}" for i in range(1_001))  # 1,001 attributes, about 6,000 chars
    tag = f"<div {attrs} data-x='{'y' * (10_000 - len(attrs))}'>"
    page = "<p>" + "z" * offset + "</p>" + tag + "text</div>"
    for data in (page, page.encode()):
        with pytest.raises(BadInput, match="too many attributes"):
            check_markup_limits(data, source="crowded.html", cfg=cfg)


def test_long_tags_and_long_text_with_few_attributes_pass() -> None:
    cfg = CleanConfig(max_tag_chars=10_000, max_attributes=1_000)
    page = (
        "<html><body><div data-state='" + "{\"k\": 1} " * 30_000 + "'>x</div>"
        "<script>" + "var a = 1; " * 20_000 + "</script>"
        "<p>" + "word " * 30_000 + "</p></body></html>"
    )
    for data in (page, page.encode()):
        check_markup_limits(data, source="long.html", cfg=cfg)
