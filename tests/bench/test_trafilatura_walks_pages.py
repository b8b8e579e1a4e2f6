"""On benchmark pages, trafilatura's back-to-back prune lists read by one walk (``fewer_walks``)
give, expression by expression, the elements each gives on its own, and trafilatura extracts
byte for byte what it does without the walk, in every mode."""

from __future__ import annotations

import lxml.html
from lxml import etree
from trafilatura import core as trafilatura_core
from trafilatura import main_extractor as trafilatura_main
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.xml import delete_element

from cleaners.steps.prefiltered_xpaths import prefiltered_prunes
from cleaners.steps.trafilatura_walks import _plans, _Walk, fewer_walks
from tests.bench.test_trafilatura_copies_pages import MODES, _extract, _pages


def _body_and_comments(document) -> tuple[bytes, bytes] | None:
    if document is None:
        return None
    return lxml.html.tostring(document.body), lxml.html.tostring(document.commentsbody)


def test_same_extraction_on_benchmark_pages(bench_root) -> None:
    for html, url in _pages(bench_root, 8):
        for mode in MODES:
            with prefiltered_prunes():
                want = _extract(lxml.html.fromstring(html.encode()), url, *mode)
            with prefiltered_prunes(), fewer_walks():
                got = _extract(lxml.html.fromstring(html.encode()), url, *mode)
            assert _body_and_comments(got) == _body_and_comments(want), (url, mode)


def _assert_walk_matches(tree: etree._Element, plan, label: str) -> None:
    """Each expression of the run, read from the walk at its turn, returns what it returns
    on the tree as the lists before it left it; the results are deleted as trafilatura does."""
    walk = _Walk(tree, plan, 0)
    for at, items in enumerate(plan.lists):
        walk.last = at
        for own, bound in zip(items, walk.expressions(items), strict=True):
            want = own(tree)
            assert bound(tree) == want, (label, at, getattr(own, "path", own)[:80])
            for el in want:
                delete_element(el)


def test_each_expression_of_a_run_returns_its_own_elements(bench_root) -> None:
    with prefiltered_prunes():
        raw_run, sections_run = _plans()
        for html, url in _pages(bench_root, 10):
            _assert_walk_matches(lxml.html.fromstring(html.encode()), raw_run, url)
            for body in list(lxml.html.fromstring(html.encode()).iter("body", "article", "main")):
                _assert_walk_matches(body, sections_run, url)


def test_an_element_deleted_by_an_earlier_list_is_no_candidate_later() -> None:
    """The raw-tree run deletes an infinite-scroll box; the comment block inside it is a
    candidate of the next list by its id, yet no longer in the tree at that list's turn."""
    tree = lxml.html.fromstring(
        "<html><body><div class='infinite-scroll'><div id='comments'>Next story</div></div>"
        "<div id='comments-block'>Comment</div><p>Text</p></body></html>")
    with prefiltered_prunes():
        raw_run = _plans()[0]
        walk = _Walk(tree, raw_run, 0)
        inner = tree.xpath("//div[@id='comments']")[0]
        later = tree.xpath("//div[@id='comments-block']")[0]
        assert inner in walk.found[-1] and later in walk.found[-1]  # both candidates by id
        with fewer_walks():
            trafilatura_core.prune_unwanted_nodes(tree, raw_run.lists[0])
            for items in raw_run.lists[1:]:
                walk_result = [
                    el for bound in trafilatura_core.prune_unwanted_nodes.walk.expressions(items)
                    for el in bound(tree)]
                assert inner not in walk_result and later in walk_result


def test_trafilatura_gets_its_own_function_back_also_after_an_error() -> None:
    try:
        with fewer_walks():
            assert trafilatura_core.prune_unwanted_nodes is not prune_unwanted_nodes
            assert trafilatura_main.prune_unwanted_nodes is not prune_unwanted_nodes
            raise RuntimeError("inside")
    except RuntimeError:
        pass
    assert trafilatura_core.prune_unwanted_nodes is prune_unwanted_nodes
    assert trafilatura_main.prune_unwanted_nodes is prune_unwanted_nodes


def test_our_runs_are_read_by_walks() -> None:
    """Both runs of a precision extraction start a walk (the equality tests above cover the
    walked path, not only trafilatura's own)."""
    started: list[int] = []
    own_init = _Walk.__init__

    def counting(self, tree, plan, first):
        started.append(_plans().index(plan))
        own_init(self, tree, plan, first)

    html = ("<html><body><article><h1>Title</h1>" + "<p>A sentence of the article. </p>" * 30
            + "<div class='social'>Share</div></article></body></html>")
    _Walk.__init__ = counting
    try:
        with prefiltered_prunes(), fewer_walks():
            _extract(lxml.html.fromstring(html), "https://example.org/a", True, True, False)
    finally:
        _Walk.__init__ = own_init
    assert 0 in started and 1 in started
