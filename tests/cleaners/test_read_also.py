"""Read-also lines: a label and one link to another article, removed; sentences with links kept."""

from __future__ import annotations

import lxml.html
import pytest

from cleaners.steps.read_also import read_also_lines

LINK = '<a href="https://news.example/2025/other-story">{}</a>'
TITLE = "Council plans more bike parking near the station"


def found(body: str) -> list[str]:
    """Texts of the read-also lines of a page with ``body``."""
    tree = lxml.html.document_fromstring(f"<html><body><article>{body}</article></body></html>")
    return [" ".join(el.text_content().split()) for el in read_also_lines(tree)]


@pytest.mark.parametrize(
    "label",
    ["Ook interessant:", "Lees ook:", "Read more:", "Read also:", "Lesen Sie auch:",
     "Lire aussi :", "Leer más:", "» Lees ook", "LEES OOK |", "Leia também:"],
)  # fmt: skip
def test_label_and_one_link_is_a_read_also_line(label: str) -> None:
    assert found(f"<p>{label} {LINK.format(TITLE)}</p>") == [f"{label} {TITLE}"]


def test_label_in_bold_or_inside_the_link_counts() -> None:
    assert found(f"<p><strong>Lesen Sie auch:</strong> {LINK.format(TITLE)}</p>")
    assert found(f"<p>{LINK.format('Lees ook: ' + TITLE)}</p>")
    assert found(f"<div>Lire aussi : {LINK.format(TITLE)} (vidéo)</div>")


def test_a_sentence_with_a_link_stays() -> None:
    sentence = f"<p>Read more about {LINK.format('the plan')} on the council's website today.</p>"
    assert found(sentence) == []
    assert (
        found(f"<p>Related: {LINK.format('the plan')} was approved by a large majority.</p>") == []
    )


def test_two_links_or_none_stay() -> None:
    two = f"<p>Lees ook: {LINK.format(TITLE)} en <a href='/b'>Nog een ander artikel</a></p>"
    assert found(two) == []
    assert found(f"<p>Lees ook: {TITLE}</p>") == []
    assert found(f"<p>Lees ook: <a href='#reacties'>{TITLE}</a></p>") == []


def test_without_a_mark_only_the_label_may_stand_beside_the_link() -> None:
    assert found(f"<p>Zie ook {LINK.format(TITLE)}</p>")
    assert found(f"<p>Zie ook {LINK.format('de kaart')} met alle routes van de provincie</p>") == []


def test_blocks_and_long_lines_are_never_read_also_lines() -> None:
    assert found(f"<div><p>Lees ook: {LINK.format(TITLE)}</p><p>Meer tekst hier.</p></div>") == [
        f"Lees ook: {TITLE}"
    ]
    assert found(f"<p>Lees ook: {LINK.format(TITLE * 8)}</p>") == []


def test_read_also_lines_leave_the_record() -> None:
    from cleaners.clean import clean_html

    prose = (
        "De brug is zeventig meter lang en heeft verlichting die 's nachts dimt voor vleermuizen."
    )
    page = (
        "<html lang='nl'><head><title>Brug open</title></head><body><article><h1>Brug open</h1>"
        f"<p>{prose}</p><p>Ook interessant: {LINK.format(TITLE)}</p>"
        f"<p>{prose} Dat zei de wethouder.</p>"
        "</article></body></html>"
    )
    record = clean_html(page, url="https://news.example/brug")
    assert TITLE not in record["text"] and "Ook interessant" not in record["text"]
    assert prose in record["text"]
