"""On benchmark pages, the lead-first date scans find htmldate's own matches."""

from __future__ import annotations

import re

import lxml.html

from bench.datasets import load_set
from cleaners.steps.htmldate_scans import _swaps


def test_same_matches_on_benchmark_pages(bench_root) -> None:
    pairs = [(own, ours) for _name, own, ours in _swaps() if isinstance(own, re.Pattern)]
    for name in ("aeb", "fundus", "fundus-eval", "evaldev"):
        for case in load_set(name, root=bench_root)[::24]:
            # the string htmldate scans: the serialised tree (here before its pruning)
            text = lxml.html.tostring(lxml.html.fromstring(case.read_html().encode()),
                                      encoding="unicode")
            for own, ours in pairs:
                assert ours.findall(text) == own.findall(text), (case.url, own.pattern)
