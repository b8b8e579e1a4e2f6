"""Python's cyclic garbage collector paused while one page is cleaned (a helper of the
pipeline).

The collector runs whenever enough container objects were made since its last run, and
walks them looking for reference cycles. Cleaning a page makes objects by the hundred
thousand (element proxies, strings, trafilatura's copies) but no cycles: every object it
makes is freed by its reference count when the page is done (``gc.collect()`` after each of
the 668 AEB and trafilatura-eval-dev pages found 0 unreachable objects; a test checks it
on the fixture pages). Each run during a page is therefore wasted work, and a costly one: a
page's held element proxies live long enough to be promoted to the oldest generation, so
the page sets off full collections, which walk every object of the process (about 50 ms
once htmldate has loaded dateparser's tables). On trafilatura-eval-dev those runs were 4%
of the cleaning's CPU time, and the pages they landed on made the slowest percentile.

The pause covers one call and gives back the state it found: the collector is enabled again
on the way out (also on an error) only if it was enabled on the way in, so a caller that
disabled it keeps it disabled, and concurrent calls in threads leave it enabled once the
last one that found it enabled returns. Whatever garbage a page did make is found by the
collector's next run after the call. ``CleanConfig(pause_gc=False)`` leaves it running.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_collector"]


@contextmanager
def paused_collector(pause: bool = True) -> Iterator[None]:
    """Inside the block, no automatic garbage collection (when ``pause``); the collector's
    enabled state is given back after it."""
    if not (pause and gc.isenabled()):
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
