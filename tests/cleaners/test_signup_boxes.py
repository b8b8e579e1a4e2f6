"""Sign-up boxes: a form asking for an e-mail address goes with its heading and lines."""

from __future__ import annotations

import lxml.html

from cleaners import clean_html
from cleaners.steps.signup_boxes import signup_boxes

PROSE = " ".join(["De gemeenteraad besprak dinsdagavond urenlang de begroting voor het "
                  "komende jaar en de wethouder beantwoordde vragen."] * 6)
LATER = " ".join(["Na afloop zei de burgemeester dat de stad genoeg geld heeft voor de nieuwe "
                  "bibliotheek en het zwembad aan de rand van het centrum."] * 5)
BOX = ('<div><h3>Blijf op de hoogte</h3><p>Schrijf je in en ontvang elke ochtend het nieuws.</p>'
       '<form><input type="email" placeholder="E-mailadres"><button>Aanmelden</button></form>'
       '<p>Vul een geldig emailadres in.</p></div>')


def _page(middle: str) -> str:
    return (f"<html lang='nl'><head><title>Begroting besproken</title></head><body><article>"
            f"<h1>Begroting besproken</h1><div><p>{PROSE}</p>{middle}<p>{LATER}</p></div>"
            "</article></body></html>")


def test_box_found_up_to_its_container_not_the_body() -> None:
    """The box is the neutral <div> around the form, never the article body around it."""
    tree = lxml.html.document_fromstring(_page(BOX))
    (box,) = signup_boxes(tree)
    assert box.tag == "div" and box.text_content().startswith("Blijf op de hoogte")


def test_clean_drops_widget_with_neutral_classes() -> None:
    """The widget's heading, pitch and error line leave the record; the prose stays."""
    record = clean_html(_page(BOX), url="https://krant.example/2025/09/03/begroting.html")
    assert "emailadres" not in record["text"] and "Blijf op de hoogte" not in record["text"]
    assert PROSE[:60] in record["text"] and LATER[:60] in record["text"]
    assert record["cleaning"]["boilerplate_removed"] >= 1


def test_search_form_and_big_container_stay() -> None:
    """A search form is no sign-up box; a bare form in a long text goes alone, not the text;
    a page wrapped whole in one <form> (ASP.NET WebForms) is no box either."""
    search = '<form><input type="search" name="q"><button>Zoek</button></form>'
    assert signup_boxes(lxml.html.document_fromstring(_page(search))) == []
    bare = '<form><input name="email"><button>Verstuur</button></form>'
    tree = lxml.html.document_fromstring(_page(bare))
    assert [b.tag for b in signup_boxes(tree)] == ["form"]
    webforms = (f"<html><body><form id='mainform'><p>{PROSE}</p><p>{LATER}</p>"
                "<input type='text' name='email'></form></body></html>")
    assert signup_boxes(lxml.html.document_fromstring(webforms)) == []
