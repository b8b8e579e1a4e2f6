"""The generator of unseen templates: deterministic, truth consistent with the HTML; scorer keys."""

from __future__ import annotations

import html as htmllib
import re

import lxml.html
import pytest

from bench.templategen.generate import DATE_MODES, generate
from bench.templategen.lang import format_day
from bench.templategen.score import format_table, score_pages, summarize

PAGES = generate(1, 60)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _body_text(page) -> str:
    tree = lxml.html.fromstring(page.html)
    return _norm(tree.body.text_content())


def test_same_seed_same_pages():
    again = generate(1, 60)
    assert [p.html for p in again] == [p.html for p in PAGES]
    assert [p.url for p in again] == [p.url for p in PAGES]
    assert [p.residue for p in again] == [p.residue for p in PAGES]


def test_other_seed_other_pages():
    assert [p.html for p in generate(2, 5)] != [p.html for p in PAGES[:5]]


def test_variety():
    modes = {p.features["date_mode"] for p in PAGES}
    assert modes == set(DATE_MODES)
    assert {p.lang for p in PAGES} == {"nl", "de", "en", "fr", "es"}
    assert {p.features["heading_tag"] for p in PAGES} == {"h2", "h3", "h4", "p_strong"}
    assert sum(1 for p in PAGES if p.residue) >= 0.9 * len(PAGES)


@pytest.mark.parametrize("index", range(len(PAGES)))
def test_truth_is_in_the_html(index):
    page = PAGES[index]
    text = _body_text(page)
    raw = htmllib.unescape(page.html)
    assert _norm(page.title) in text
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", page.date)
    assert 5 <= len(page.paragraphs) <= 9 and 1 <= len(page.headings) <= 4
    for paragraph in page.paragraphs[1:]:
        assert 30 <= len(paragraph.split()) <= 100
    for piece in (*page.paragraphs, *page.headings):
        assert _norm(piece) in text
    start = 0
    for heading in page.headings:  # in reading order
        start = text.index(_norm(heading), start) + 1
    truth = " ".join([page.title, *page.paragraphs, *page.headings])
    for residue in page.residue:
        assert residue in raw
        assert residue not in truth


@pytest.mark.parametrize("index", range(len(PAGES)))
def test_date_evidence_agrees_with_truth(index):
    page = PAGES[index]
    y, m, d = (int(x) for x in page.date.split("-"))
    url_date = re.search(r"/(\d{4})/(\d{2})/(\d{2})/", page.url)
    if url_date:
        assert "-".join(url_date.groups()) == page.date
    mode = page.features["date_mode"]
    shown = format_day(page.lang, y, m, d) in _body_text(page)
    local_iso = re.search(rf"{page.date}(T\d\d:\d\d:\d\d[+-]\d\d:\d\d)?\b", page.html)
    if mode in ("url_only", "time_utc_url"):
        assert url_date
    elif mode in ("text_only", "time_utc_visible"):
        assert shown
    elif mode == "pub_upd":
        assert shown or local_iso
    else:
        assert local_iso
    if mode.startswith("time_utc"):
        z = re.search(r'datetime="(\d{4}-\d{2}-\d{2})T[^"]*Z"', page.html)
        assert z and z.group(1) != page.date


def test_scorer_on_five_pages():
    rows = score_pages(generate(2, 5))
    assert len(rows) == 5
    for row in rows:
        for tool in ("ours", "trafilatura"):
            result = row["tools"][tool]
            assert {"date_ok", "title_ok", "headings_ok", "found", "paragraphs",
                    "residue_left", "residue", "error"} <= set(result)
    for tool in ("ours", "trafilatura"):
        summary = summarize(rows, tool)
        assert set(summary) >= {"date_exact", "title_exact", "headings_exact",
                                "paragraph_recall", "pages_with_residue", "residue_left"}
        assert 0.0 <= summary["paragraph_recall"] <= 1.0
    assert "templategen seed 2" in format_table(2, rows)
