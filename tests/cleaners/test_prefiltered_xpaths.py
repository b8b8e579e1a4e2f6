"""The prefiltered trafilatura expressions select exactly what trafilatura's own do."""

from __future__ import annotations

import lxml.html
import pytest
from lxml.etree import XPath
from trafilatura import xpaths as trafilatura_xpaths

from cleaners.steps.prefiltered_xpaths import (
    PRUNE_LISTS,
    PrefilteredXPath,
    prefiltered,
    prefiltered_prunes,
)

NS = {"re": "http://exslt.org/regular-expressions"}

TRICKY = """<html><body class="comment-body">
<div id="x" class="sidebar">a</div><div class="sidebar" id="main-nav">b</div>
<div class="comments-title">c</div><div class="comments-title&#10;">c2</div>
<p style="display: none">d</p><span aria-hidden="true">e</span><span aria-hidden="truest">e2</span>
<section role="Navigation">f</section><section role="NAV">f2</section>
<div class="ZendeskFormX"><div class="Fulltext">g</div><div class="fullTEXT">g2</div></div>
<ul id="comments"><li>h</li></ul><ol class="commentary">i</ol>
<div id="infinite-scroll"><h1>t</h1></div><div class="infinitescroll">j</div>
<article class="post"><div class="entry"><div class="entry">k</div></div></article>
<div class="teaser Teaser"><p class="caption">l</p></div><div id="reply-1" class="x">m</div>
<div class="x" id="reply-2">n</div><main id="content">o</main>
</body></html>"""


def _same(got: list, want: list) -> bool:
    return len(got) == len(want) and all(a is b for a, b in zip(got, want, strict=True))


def _expressions() -> list[tuple[str, XPath]]:
    return [(f"{name}[{i}]", x) for name in PRUNE_LISTS
            for i, x in enumerate(getattr(trafilatura_xpaths, name))]


def test_most_prefiltered_expressions_decide_in_python() -> None:
    """The candidates of most expressions are decided by ``_decider`` (no XPath evaluation
    per candidate); the random-markup test below holds them to trafilatura's answers."""
    fast = [prefiltered(x) for _name, x in _expressions()]
    decided = [x for x in fast if isinstance(x, PrefilteredXPath) and x.decided_in_python]
    assert len(decided) >= 10, len(decided)


def test_the_decider_reads_xpaths_own_rules() -> None:
    """The string rules the decider follows, on one element each: the first of a union in
    attribute order, translate's map, starts-with against contains, an absent attribute
    read as "", re:test as a search."""
    from cleaners.steps.prefiltered_xpaths import _decider

    cases = [
        ("[contains(@id|@class, 'a')]", '<b class="a" id="z"/>', True),
        ("[contains(@id|@class, 'a')]", '<b id="z" class="a"/>', False),
        ("[starts-with(@class, 'reply-')]", '<b class="x reply-1"/>', False),
        ("[contains(@class, 'reply-')]", '<b class="x reply-1"/>', True),
        ("[contains(translate(@role, 'NA', 'n'), 'nv')]", '<b role="xNAVy"/>', False),
        ("[contains(translate(@role, 'NA', 'n'), 'nV')]", '<b role="xNAVy"/>', True),
        ("[re:test(@class, 'B')]", '<b class="aB"/>', True),
        ("[re:test(@class, 'b')]", '<b class="aB"/>', False),
        ("[re:test(@class, 'b', 'i')]", '<b class="aB"/>', True),
        ("[re:test(@missing, '^$')]", "<b/>", True),
        ("[@class='a']", '<b class="a "/>', False),
        ("[@data-x]", '<b data-x=""/>', True),
        ("[self::div or self::b][@id]", '<b id=""/>', True),
        ("[self::div][@id]", '<b id=""/>', False),
        ("[not(self::ol or self::ul) or @id]", "<ul/>", False),
        ("[not(self::ol or self::ul) or @id]", "<div/>", True),
        ("[not(.//h1) or @id]", "<div><p><h1/></p></div>", False),
        ("[not(.//h1) or @id]", "<div><h2/></div>", True),
    ]
    for predicates, markup, expected in cases:
        from lxml import etree

        element = etree.fromstring(markup)
        xpath = XPath("self::*" + predicates, namespaces=NS)
        assert bool(xpath(element)) is expected, (predicates, markup)
        decide = _decider([p.strip("[]") for p in predicates.replace("][", "]\n[").split("\n")])
        assert decide is not None and decide(element) is expected, (predicates, markup)


def test_most_of_trafilaturas_expressions_are_prefiltered() -> None:
    faster = [name for name, x in _expressions() if isinstance(prefiltered(x), PrefilteredXPath)]
    assert len(faster) >= 12, faster
    assert "OVERALL_DISCARD_XPATH[0]" in faster and "OVERALL_DISCARD_XPATH[1]" in faster


@pytest.mark.parametrize("name,expression", _expressions())
def test_same_elements_on_tricky_markup(name: str, expression: XPath) -> None:
    tree = lxml.html.fromstring(TRICKY)
    for context in (tree, *tree.iter("div", "article", "section")):
        assert _same(prefiltered(expression)(context), expression(context)), name


@pytest.mark.parametrize("path,selected", [
    (".//*[re:test(@id|@class, '^x$')]", ["a", "n"]),  # XPath reads the first of the union
    (".//*[contains(translate(@role, 'N', 'n'), 'nav')]", ["f"]),
    (".//*[self::div][re:test(@class, 'fulltext', 'i')]", ["g", "g2"]),
    (".//*[@class='comments-title']", ["c"]),
    (".//*[@aria-hidden='true']", ["e"]),
    ("(.//*[self::div][@class='entry'])[1]", ["k"]),
    (".//*[self::div][@class='entry'][1]", ["k", "k"]),  # each parent's first such child
])
def test_forms_read(path: str, selected: list[str]) -> None:
    expression = XPath(path, namespaces=NS)
    faster = prefiltered(expression)
    assert isinstance(faster, PrefilteredXPath)
    tree = lxml.html.fromstring(TRICKY)
    got = faster(tree)
    assert _same(got, expression(tree))
    assert [el.text_content().strip() for el in got] == selected


@pytest.mark.parametrize("path", [
    ".//*[not(re:test(@class, 'x'))]",  # a negated test is not a necessary condition
    ".//*[self::div][not(@class)]",
    "(.//article)[1]",
    "(.//*[@class='a'])[1]|(.//main)[1]",
    ".//*[position() < 3][@class='a']",
    ".//*[re:test(@class, 'a?')]",  # read, it matches anything: still exact, checked below
    './/*[@class="x or y"]',  # a double-quoted literal is not read
])
def test_other_forms_stay_or_stay_exact(path: str) -> None:
    expression = XPath(path, namespaces=NS)
    faster = prefiltered(expression)
    tree = lxml.html.fromstring(TRICKY)
    if "not(" in path or "position()" in path or path.startswith("(.//article") or '"' in path:
        assert faster is expression
    assert _same(faster(tree), expression(tree))


def test_lists_are_swapped_only_inside_the_block() -> None:
    own = {name: list(getattr(trafilatura_xpaths, name)) for name in PRUNE_LISTS}
    with prefiltered_prunes():
        inside = trafilatura_xpaths.OVERALL_DISCARD_XPATH[0]
        assert isinstance(inside, PrefilteredXPath)
    for name in PRUNE_LISTS:
        assert _same(getattr(trafilatura_xpaths, name), own[name])
    with pytest.raises(RuntimeError), prefiltered_prunes():
        raise RuntimeError("boom")
    for name in PRUNE_LISTS:
        assert _same(getattr(trafilatura_xpaths, name), own[name])


_VOCABULARY = (
    "comment", "Comments", "commentary", "comol", "disqus_thread", "article-comments",
    "sidebar", "social", "share", "Share-bar", "nav", "navbar", "Navigation", "menu", "footer",
    "ad-slot", "x ad y", "dfpAd", "paid-content", "widget", "byline", "meta", "hidden",
    " hidden", "hide-print", "display:none", "display: none", "border:1px", "bottom", "link",
    "teaser", "Teaser", "caption", "respond", "reply-1", "x-reply-y", "akismet", "cookie",
    "post", "entry", "articleBody", "article-body", "story-body", "fulltext", "FullText",
    "main", "main-content", "Main-Content", "content", "page-content", "true", "truest",
    "infinite-scroll", "mvp-post-add-box", "elementor-share-buttons", "article", "", "x",
    "NAV", "xNavy", "TEASER", "Caption", "reply-", "Reply-2", "respond", "responded",
    "comments-title", "nocomments", "display:nonex", "post", "border:0",
)
_ATTRIBUTES = ("class", "id", "style", "role", "itemprop", "aria-hidden", "data-component")
_TAGS = ("div", "section", "span", "p", "article", "main", "aside", "ul", "ol", "li", "h1",
         "details", "list", "item")


def _random_page(rng) -> str:
    def element(depth: int) -> str:
        tag = rng.choice(_TAGS)
        attrs = "".join(
            f' {name}="{rng.choice(_VOCABULARY)}"'
            for name in rng.sample(_ATTRIBUTES, rng.randint(0, 3))
        )
        inner = "".join(element(depth + 1) for _ in range(rng.randint(0, 3) if depth < 4 else 0))
        return f"<{tag}{attrs}>t{inner}</{tag}>"
    return "<html><body>" + "".join(element(0) for _ in range(6)) + "</body></html>"


@pytest.mark.parametrize("memo_max", [4096, 2])
def test_same_elements_on_random_markup(memo_max: int, monkeypatch) -> None:
    """Attribute values from every expression's vocabulary and near misses, in any order
    and on any tag (attribute order decides what ``@id|@class`` reads). The expressions
    answer 150 pages in turn, so the values they remember are tested too, also when the
    memo is emptied every other value."""
    import random

    from cleaners.steps import prefiltered_xpaths

    monkeypatch.setattr(prefiltered_xpaths, "VALUE_MEMO_MAX", memo_max)
    rng = random.Random(16)
    expressions = [x for _name, x in _expressions()]
    faster = [prefiltered(x) for x in expressions]
    for _ in range(150):
        tree = lxml.html.fromstring(_random_page(rng))
        for context in (tree, *list(tree.iter("div", "section"))[:5]):
            for original, fast in zip(expressions, faster, strict=True):
                assert _same(fast(context), original(context)), original.path[:60]


def test_whitespace_inside_a_literal_is_read_as_written() -> None:
    """Only the whitespace between a predicate's tests is collapsed: a literal with two
    spaces or a tab selects what XPath selects (review of the decider: it had selected
    "a b" for 'a  b')."""
    from lxml import etree

    tree = etree.fromstring('<r><div class="a  b"/><div class="a b"/><div id="x\ty"/></r>')
    for path in (
        ".//*[self::div][contains(@class, 'a  b')]",
        ".//*[self::div][@class='a  b']",
        ".//*[self::div][\n    re:test(@id, 'x\ty') or\n    contains(@class, 'a b')]",
    ):
        original = XPath(path, namespaces=NS)
        fast = prefiltered(original)
        assert isinstance(fast, PrefilteredXPath) and fast.decided_in_python, path
        assert _same(fast(tree), original(tree)), path


def test_a_pattern_lxml_refuses_is_left_to_it() -> None:
    """lxml compiles re:test patterns with re.UNICODE, so an inline (?a) fails there; the
    decider does not answer for such a test."""
    from cleaners.steps.prefiltered_xpaths import _exact_clause

    assert _exact_clause("re:test(@class, '(?a)x')") is None
    assert _exact_clause("re:test(@class, 'x', 'i')") is not None
