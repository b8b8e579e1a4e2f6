"""``bounded_map``: ``map`` over worker processes in input order, with few items in flight.

Streaming inputs (pages of a WARC file) are read only as fast as the workers clean them, so
memory stays flat in the input's size: at most ``jobs * WINDOW_PER_JOB`` batches are pending.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Final, TypeVar

T = TypeVar("T")
R = TypeVar("R")
BATCH: Final = 8  # items sent to a worker at once (fewer round trips for small pages)
WINDOW_PER_JOB: Final = 4  # batches in flight per worker
WATCH_INTERVAL: Final = 0.5  # seconds between a worker's checks that its parent still lives


def _exit_with_parent(parent: int) -> None:
    while True:
        time.sleep(WATCH_INTERVAL)
        if os.getppid() != parent:
            os._exit(0)  # the parent was killed (kill -9): do not linger as an orphan


def watch_parent(parent: int) -> None:
    """Pool initializer: exit this worker soon after the process that started it dies."""
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True,
                     name="watch-parent").start()


def _run_batch(fn: Callable[[T], R], batch: list[T]) -> list[R]:
    return [fn(item) for item in batch]


def bounded_map(fn: Callable[[T], R], items: Iterable[T], jobs: int, *,
                batch: int = BATCH) -> Iterator[R]:
    """``fn(item)`` for each item, in order; in ``jobs`` processes when ``jobs`` > 1."""
    if jobs <= 1:
        yield from map(fn, items)
        return
    source = iter(items)
    pending: deque[Future[list[R]]] = deque()
    with ProcessPoolExecutor(max_workers=jobs, initializer=watch_parent,
                             initargs=(os.getpid(),)) as pool:
        def submit() -> bool:
            chunk = list(islice(source, batch))
            if chunk:
                pending.append(pool.submit(_run_batch, fn, chunk))
            return bool(chunk)

        for _ in range(jobs * WINDOW_PER_JOB):
            if not submit():
                break
        while pending:
            done = pending.popleft().result()
            submit()
            yield from done
