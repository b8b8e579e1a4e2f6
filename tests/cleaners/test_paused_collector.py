"""The garbage collector paused while a page is cleaned: no collection runs in the
pipeline's steps, the collector's state is given back (also on bad input), and the pause is
safe because cleaning makes no reference cycles (checked on every fixture page)."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cleaners.clean import clean_html
from cleaners.config import CleanConfig
from cleaners.exceptions import BadInput
from cleaners.steps.paused_collector import paused_collector

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PAGES = tuple(sorted(FIXTURES.glob("*/*/page.html")))
SEED = Path(__file__).resolve().parent / "data" / "seed-article.html"


def _long_page() -> str:
    """An article of 400 paragraphs under a menu of 200 links: enough objects for several
    collections of a running collector."""
    menu = "".join(f"<li><a href='/s/{i}'>Section {i}</a></li>" for i in range(200))
    paragraphs = "".join(
        f"<p>Paragraph {i} of the report says what the council decided on day {i}, and why "
        f"the vote was close.</p>"
        for i in range(400)
    )
    return (
        "<html><head><title>Council vote</title></head><body>"
        f"<nav><ul>{menu}</ul></nav><article><h1>Council vote</h1>{paragraphs}</article>"
        "</body></html>"
    )


def _pipeline_codes() -> frozenset[object]:
    """The code of the steps the pause covers (clean_html's own exit, where the put-off run
    may start once the collector is back, is not one of them)."""
    from cleaners import clean

    return frozenset(
        f.__code__ for f in (
            clean._clean_tree, clean.check_markup_limits, clean.parse_html,
            clean.check_tree_limits,
        )
    )


def _inside_the_pipeline() -> bool:
    codes = _pipeline_codes()
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code in codes:
            return True
        frame = frame.f_back
    return False


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generations of the collections that start inside the pipeline's steps while the
    test runs (found on the collecting thread's stack)."""
    started: list[int] = []

    def count(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and _inside_the_pipeline():
            started.append(info["generation"])

    gc.callbacks.append(count)  # a strong reference: the list holds the function
    try:
        yield started
    finally:
        gc.callbacks.remove(count)


@pytest.fixture
def collector_enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        (gc.enable if was else gc.disable)()


def test_no_collection_runs_while_a_page_is_cleaned(
    collections: list[int], collector_enabled: None
) -> None:
    html = _long_page()
    clean_html(html)  # lazy tables filled
    gc.collect()
    collections.clear()
    record = clean_html(html, url="https://example.org/council-vote")
    assert len(record["text"]) > 20_000
    assert collections == []
    assert gc.isenabled()
    # the same call with the pause off lets the collector run inside it (the test can fail)
    clean_html(html, url="https://example.org/council-vote", cfg=CleanConfig(pause_gc=False))
    assert collections, f"no collection with the pause off (thresholds {gc.get_threshold()})"


def test_the_collector_state_is_given_back(collector_enabled: None) -> None:
    html = SEED.read_text(encoding="utf-8")
    clean_html(html)
    assert gc.isenabled()
    with pytest.raises(BadInput):
        clean_html("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert gc.isenabled()  # enabled again after an error
    gc.disable()
    clean_html(html)
    assert not gc.isenabled()  # a caller's own choice is kept


def test_threads_cleaning_at_once_leave_the_collector_enabled(collector_enabled: None) -> None:
    """Overlapping calls in threads end with the collector as they found it (how much of
    each call the pause covers then depends on the others: see paused_collector)."""
    html = SEED.read_text(encoding="utf-8")
    errors: list[BaseException] = []

    def clean_some() -> None:
        try:
            for _ in range(3):
                clean_html(html)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=clean_some) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert gc.isenabled()


def test_the_nested_pause_leaves_the_outer_one_in_place(collector_enabled: None) -> None:
    with paused_collector():
        with paused_collector():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with paused_collector(False):
        assert gc.isenabled()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_cleaning_makes_no_reference_cycles(page: Path, collector_enabled: None) -> None:
    """What justifies the pause: whatever a page's cleaning makes, its reference counts free
    (a cycle would wait for the next collection after the call)."""
    html = page.read_text(encoding="utf-8")
    gc.collect()
    gc.disable()
    try:
        clean_html(html, url="https://example.org/a/article.html")
        unreachable = gc.collect()
    finally:
        gc.enable()
    assert unreachable == 0, f"{page}: cleaning left {unreachable} objects in reference cycles"
