"""Widgets injected into a real page's body: placed after its paragraphs, deterministic, and
their residue visible to a tool that keeps them."""

from __future__ import annotations

import lxml.html

from bench.scoring import normalize_space
from bench.widgetinject.inject import inject
from cleaners.clean import clean_html

PARAGRAPHS = [
    "The council approved the new bridge over the canal on Tuesday after months of talks with "
    "residents and shop owners from the district.",
    "Construction starts next spring and should take two years, the alderman who leads the "
    "project and watches its costs expects.",
    "Critics say the costs have nearly doubled since the plan was first presented to the "
    "council three years ago, and want a new review.",
]
PAGE = ("<!DOCTYPE html><html lang='en'><head><title>Bridge</title></head><body><article>"
        "<h1>New bridge over the canal</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article></body></html>")


def test_widgets_go_after_body_paragraphs_and_the_same_seed_gives_the_same_page() -> None:
    page = inject(PAGE, PARAGRAPHS, seed=1, page_id="a")
    assert page is not None and page.residue and 1 <= len(page.shapes) <= 3
    assert inject(PAGE, PARAGRAPHS, seed=1, page_id="a") == page
    assert inject(PAGE, PARAGRAPHS, seed=2, page_id="a") != page
    text = normalize_space(lxml.html.fromstring(page.html).text_content())
    assert all(normalize_space(p) in text for p in PARAGRAPHS)
    assert any(normalize_space(r) in text for r in page.residue)


def test_no_paragraph_of_the_truth_on_the_page_gives_none() -> None:
    assert inject(PAGE, ["Nothing of this sentence stands on the page at all, not a word."],
                  seed=1, page_id="a") is None


def test_newsclean_leaves_no_residue_of_injected_widgets_and_keeps_the_article() -> None:
    for seed in (1, 2, 3):
        for page_id in "abcdef":
            page = inject(PAGE, PARAGRAPHS, seed=seed, page_id=page_id)
            assert page is not None
            text = normalize_space(clean_html(page.html, url="https://x.example/a")["text"])
            assert [r for r in page.residue if normalize_space(r) in text] == [], page.shapes
            assert all(normalize_space(p) in text for p in PARAGRAPHS), page.shapes
