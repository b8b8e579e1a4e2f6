"""``live_elements``: inside the block every walk meets the same element objects; after it
the list is gone and the tree is as it was."""

from __future__ import annotations

import lxml.html

from cleaners.steps.live_elements import live_elements

PAGE = "<html><body><div><p>One <b>two</b></p><!-- note --><p>three</p></div></body></html>"


def test_walks_inside_the_block_meet_the_held_objects() -> None:
    tree = lxml.html.document_fromstring(PAGE)
    with live_elements(tree.body) as held:
        assert held[0] is tree  # the whole document, whatever element was given
        assert all(a is b for a, b in zip(held, tree.iter(), strict=True))
        # a walk makes no new object: each it meets is one of the held ones
        assert {id(el) for el in tree.iter("p", "b")} <= {id(el) for el in held}
    assert held == []


def test_an_element_removed_inside_the_block_is_gone_from_the_tree() -> None:
    tree = lxml.html.document_fromstring(PAGE)
    with live_elements(tree):
        tree.body[0][0].drop_tree()
        assert [p.text_content() for p in tree.iter("p")] == ["three"]
    assert lxml.html.tostring(tree.body) == b"<body><div><!-- note --><p>three</p></div></body>"

