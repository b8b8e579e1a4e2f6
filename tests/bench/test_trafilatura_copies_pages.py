"""On benchmark pages, trafilatura prepared without its unread copies (``fewer_copies``)
extracts byte for byte what it does with them, in every mode, and leaves our tree as it was."""

from __future__ import annotations

import lxml.html
from trafilatura import bare_extraction
from trafilatura import core as trafilatura_core

from bench.datasets import load_set
from cleaners.steps.trafilatura_copies import _prepare_in_place, fewer_copies

# (favor_precision, fast, include_comments): our cascade's three runs, then modes another
# caller may ask for (comments on: the backup is read, trafilatura's own function runs)
MODES = ((True, True, False), (True, False, False), (False, False, False),
         (True, True, True), (False, True, False))


def _pages(bench_root, per_set: int) -> list[tuple[str, str]]:
    pages = []
    for name in ("aeb", "fundus", "fundus-eval", "evaldev"):
        pages += [(c.read_html(), c.url) for c in load_set(name, root=bench_root, limit=per_set)]
    return pages


def _extract(tree, url: str, precision: bool, fast: bool, comments: bool):
    return bare_extraction(tree, url=url, output_format="xml", include_comments=comments,
                           include_formatting=True, favor_precision=precision, fast=fast,
                           with_metadata=False)


def test_same_extraction_and_input_untouched_on_benchmark_pages(bench_root) -> None:
    for html, url in _pages(bench_root, 6):
        for mode in MODES:
            want = _extract(lxml.html.fromstring(html.encode()), url, *mode)
            tree = lxml.html.fromstring(html.encode())
            before = lxml.html.tostring(tree)
            with fewer_copies():
                got = _extract(tree, url, *mode)
            assert lxml.html.tostring(tree) == before, (url, mode)
            assert (want is None) == (got is None), (url, mode)
            if want is not None:
                assert lxml.html.tostring(got.body) == lxml.html.tostring(want.body), (url, mode)
                if mode[2]:
                    assert lxml.html.tostring(got.commentsbody) == lxml.html.tostring(
                        want.commentsbody), url


def test_trafilatura_gets_its_own_function_back_also_after_an_error() -> None:
    own = trafilatura_core._prepare_tree
    try:
        with fewer_copies():
            assert trafilatura_core._prepare_tree.__wrapped__ is _prepare_in_place
            raise RuntimeError("inside")
    except RuntimeError:
        pass
    assert trafilatura_core._prepare_tree is own


def test_only_our_first_run_options_prepare_in_place() -> None:
    """The in-place path is the one our first run takes (fast, precision, comments off), and
    no other mode of ``MODES`` takes it: the equality test above covers both paths."""
    from trafilatura.settings import Extractor

    from cleaners.steps.trafilatura_copies import _only_read_once

    taken = [_only_read_once(Extractor(precision=p, fast=f, comments=c)) for p, f, c in MODES]
    assert taken == [True, False, False, False, False]
