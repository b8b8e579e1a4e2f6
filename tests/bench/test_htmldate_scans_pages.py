"""On benchmark pages, the lead-first date scans find htmldate's own matches, and htmldate
dates the pages as it does without them."""

from __future__ import annotations

import re

import htmldate.core
import lxml.html
from htmldate import find_date

from bench.datasets import load_set
from cleaners.steps.htmldate_scans import _swaps, lead_first_scans

# What dates a page before htmldate's page-wide scans: taken out, so that they run.
_EARLIER_EVIDENCE = "//head|//time|//abbr|//script|//meta|//h1"


def _cases(bench_root, every: int) -> list:
    cases = []
    for name in ("aeb", "fundus", "fundus-eval", "evaldev"):
        cases += load_set(name, root=bench_root)[::every]
    return cases


def test_same_matches_on_benchmark_pages(bench_root) -> None:
    pairs = [(own, ours) for _name, own, ours in _swaps() if isinstance(own, re.Pattern)]
    for case in _cases(bench_root, 24):
        # the string htmldate scans: the serialised tree (here before its pruning)
        text = lxml.html.tostring(lxml.html.fromstring(case.read_html().encode()),
                                  encoding="unicode")
        for own, ours in pairs:
            assert ours.findall(text) == own.findall(text), (case.url, own.pattern)
            middle = len(text) // 2
            want = [m.span() for m in own.finditer(text, middle)]
            assert [m.span() for m in ours.finditer(text, middle)] == want, case.url


def test_same_dates_on_benchmark_pages_without_their_earlier_evidence(
    bench_root, monkeypatch
) -> None:
    scanned = []
    search_page = htmldate.core.search_page

    def counted(htmlstring: str, options: object) -> str | None:
        scanned.append(len(htmlstring))
        return search_page(htmlstring, options)

    monkeypatch.setattr(htmldate.core, "search_page", counted)
    for case in _cases(bench_root, 16):
        html = case.read_html().encode()

        def bare(html: bytes = html) -> lxml.html.HtmlElement:
            tree = lxml.html.fromstring(html)
            for el in tree.xpath(_EARLIER_EVIDENCE):
                el.drop_tree()
            return tree

        want = find_date(bare(), original_date=True, extensive_search=True)
        with lead_first_scans():
            got = find_date(bare(), original_date=True, extensive_search=True)
        assert got == want, case.url
    assert len(scanned) >= 20, len(scanned)  # the scans ran (about 2 in 5 pages)
