"""On benchmark pages, the prefiltered trafilatura expressions select what trafilatura's do,
and trafilatura's output is byte-identical with them swapped in."""

from __future__ import annotations

import lxml.html
from trafilatura import bare_extraction
from trafilatura import xpaths as trafilatura_xpaths

from bench.datasets import load_set
from cleaners.steps.prefiltered_xpaths import PRUNE_LISTS, prefiltered, prefiltered_prunes


def _same(got: list, want: list) -> bool:
    return len(got) == len(want) and all(a is b for a, b in zip(got, want, strict=True))


def _expressions() -> list:
    return [x for name in PRUNE_LISTS for x in getattr(trafilatura_xpaths, name)]


def _pages(bench_root, per_set: int) -> list[tuple[str, str]]:
    pages = []
    for name in ("aeb", "fundus", "fundus-eval", "evaldev"):
        pages += [(c.read_html(), c.url) for c in load_set(name, root=bench_root, limit=per_set)]
    return pages


def test_same_elements_on_benchmark_pages(bench_root) -> None:
    expressions = _expressions()
    faster = [prefiltered(x) for x in expressions]
    for html, url in _pages(bench_root, 30):
        tree = lxml.html.fromstring(html.encode())
        bodies = tree.xpath("//body|//article|//main")
        for original, fast in zip(expressions, faster, strict=True):
            for context in (tree, *bodies):
                assert _same(fast(context), original(context)), (url, original.path[:60])


def test_trafilatura_output_unchanged_on_benchmark_pages(bench_root) -> None:
    """End to end, on trafilatura's converted trees too, in every mode we run it in."""
    for html, url in _pages(bench_root, 8):
        for precision, fast in ((True, True), (True, False), (False, False)):
            options = dict(url=url, output_format="xml", include_comments=False,
                           include_formatting=True, favor_precision=precision, fast=fast,
                           with_metadata=False)
            want = bare_extraction(lxml.html.fromstring(html.encode()), **options)
            with prefiltered_prunes():
                got = bare_extraction(lxml.html.fromstring(html.encode()), **options)
            assert (want is None) == (got is None), url
            if want is not None:
                assert lxml.html.tostring(got.body) == lxml.html.tostring(want.body), url
