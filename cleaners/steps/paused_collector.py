"""Python's cyclic garbage collector paused while one page is cleaned (a helper of the
pipeline).

The collector runs whenever enough container objects were made since its last run, and
walks them looking for reference cycles. Cleaning a page makes objects by the hundred
thousand (element proxies, strings, trafilatura's copies) but leaves no cycle behind:
``gc.collect()`` after each of the 1,606 benchmark pages found no unreachable object (a test
checks the fixture pages). Its runs during a page are therefore wasted work, and costly
ones: a page's held element proxies live long enough to be promoted to the oldest
generation, so the pages set off full collections, which walk every object of the process
(about 50 ms once htmldate has loaded dateparser's tables). On trafilatura-eval-dev those
runs were 4% of the cleaning's CPU time, and the pages they landed on made the slowest
percentile.

The pause covers the body of one call. On the way out (also on an error) the collector is
enabled again if the call found it enabled, so a caller that disabled it before the call
keeps it disabled; the run the pause put off then starts at the next allocation, often
still in the call's own exit. Calls in several threads at once are not all covered: when
the call that found the collector enabled returns, it is enabled for the others too (the
crawler cleans in a process pool, or one page at a time). ``CleanConfig(pause_gc=False)``
leaves the collector alone.
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
