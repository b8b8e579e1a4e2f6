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


def test_the_raw_label_test_passes_every_label_the_collapsed_text_shows() -> None:
    """``READ_ALSO_LABEL_RAW`` on the text as it stands is a necessary condition of
    ``READ_ALSO_START`` on the whitespace-collapsed text (it lets ``_is_read_also`` skip the
    collapsing): checked on texts made of labels, whitespace runs of every kind, marks and
    words, and whitespace reads the same to both (``str.split`` and ``\\s``)."""
    import random
    import re

    from cleaners.rules.boilerplate import (
        READ_ALSO_LABEL_RAW,
        READ_ALSO_LABELS,
        READ_ALSO_START,
    )

    for code in range(0x110000):
        char = chr(code)
        if not 0xD800 <= code < 0xE000:
            assert char.isspace() == (re.fullmatch(r"\s", char) is not None), hex(code)
    rng = random.Random(7)
    spaces = [" ", "  ", "\n", "\t \n", "\u00a0", "\u2003", "\x1c", "\u3000 "]
    marks = ["»", "›", "-", "–", "|", ":", "_", "*", "(", "'", "", "", ""]
    words = ["the", "plan", "Lees", "ook", "more", "read", "x", "2025", "über", "é"]
    shown = 0
    for _ in range(30_000):
        label = rng.choice(READ_ALSO_LABELS)
        case = rng.random()
        label = label.upper() if case < 0.2 else label.title() if case < 0.4 else label
        parts = [rng.choice(spaces) if rng.random() < 0.5 else ""]
        for _ in range(rng.randint(0, 4)):
            parts.append(rng.choice(marks) + (rng.choice(spaces) if rng.random() < 0.4 else ""))
        parts.append(label.replace(" ", rng.choice(spaces)) if rng.random() < 0.8 else
                     rng.choice(words))
        parts.append(rng.choice([":", " :", "", " |", "»", "x", "s"]))
        for _ in range(rng.randint(0, 5)):
            parts.append(rng.choice(spaces) + rng.choice(words))
        raw = "".join(parts)
        if READ_ALSO_START.match(" ".join(raw.split())):
            shown += 1
            assert READ_ALSO_LABEL_RAW.match(raw), repr(raw)
    assert shown > 5_000
