"""Lists of other articles (headline links with their dates) are not the article."""

from __future__ import annotations

import lxml.html

from cleaners.clean import clean_html
from cleaners.steps.parse import parse_html
from cleaners.steps.related_lists import related_lists

BODY = (
    "<p>De gemeenteraad heeft dinsdag ingestemd met het plan voor een nieuwe fietsbrug over "
    "het kanaal, na maanden van overleg met bewoners en ondernemers uit de wijk.</p>"
    "<p>De bouw begint volgend voorjaar en moet twee jaar duren, zo verwacht de wethouder "
    "die het project leidt en de kosten bewaakt.</p>"
)


def _record(extra: str) -> dict:
    html = (f"<html><body><article><h1>Nieuwe fietsbrug over het kanaal</h1>{BODY}{extra}"
            "</article></body></html>")
    return clean_html(html, url="https://x.example/2025/09/03/fietsbrug")


def test_a_list_of_dated_links_to_other_articles_goes_with_its_label() -> None:
    related = (
        '<div class="q1"><div>Meer over dit onderwerp</div><ul>'
        '<li><a href="/regio/1">Zwolle: de raad wil meer geld voor bussen</a> '
        '<time datetime="2025-08-23">23 augustus 2025</time></li>'
        '<li><a href="/regio/2">Leiden: bewoners zetten in op zonne-energie</a> '
        "<span>16 juli 2025</span></li></ul></div>"
    )
    record = _record(related)
    assert "Zwolle" not in record["text"] and "Meer over dit onderwerp" not in record["text"]
    assert "twee jaar duren" in record["text"]
    assert [s["heading"] for s in record["sections"]] == [None]


def test_a_teaser_list_with_its_dates_inside_the_links_goes_with_its_heading() -> None:
    related = (
        '<div class="teasers"><h3>Meer nieuws</h3><ul>'
        '<li><a href="/regio/1"><span class="d">23 augustus 2025</span> '
        "<span>Zwolle: de raad wil meer geld voor bussen</span></a></li>"
        '<li><a href="/regio/2"><span>16-07-2025</span> '
        "<span>Leiden: bewoners zetten in op zonne-energie</span></a></li></ul></div>"
    )
    record = _record(related)
    assert "Zwolle" not in record["text"] and "Meer nieuws" not in record["text"]
    assert [s["heading"] for s in record["sections"]] == [None]


def test_a_date_in_a_headline_does_not_make_a_list_of_links_related() -> None:
    links = lxml.html.fromstring(
        "<div><ul>"
        '<li><a href="/a">Wat er gebeurde op 11 september 2001 in de stad</a></li>'
        '<li><a href="/b">De raad op <b>3 maart 2025</b>: een verslag van de vergadering</a></li>'
        "</ul></div>"
    )
    assert related_lists(links) == []


def test_lists_without_dates_or_saying_more_than_their_link_are_not_related_lists() -> None:
    sources = (
        "<div><p>Bronnen die de gemeente noemt:</p><ul>"
        '<li><a href="https://a.example/rapport">Rapport over de fietsbrug</a></li>'
        '<li><a href="https://b.example/advies">Advies van de provincie</a></li></ul>'
        "<ol><li>Op 3 maart 2025 stemde de raad in met het plan, na een lang debat over de "
        'kosten (<a href="/raad">verslag</a>).</li><li>Op 12 mei 2025 begon de aanbesteding '
        'voor de bouw van de brug (<a href="/aanbesteding">stukken</a>).</li></ol></div>'
    )
    assert related_lists(parse_html(sources)) == []


def test_undated_links_under_a_read_also_label_go_with_the_label() -> None:
    """Under "Lesen Sie auch die folgenden Beiträge:" the links need no dates to be other
    articles; the same undated list without such a label (sources, say) stays."""
    items = ('<ul><li><a href="/hr/1">Warum Sie diese drei Prozesse digitalisieren sollten</a>'
             '</li><li><a href="/hr/2">Der Jobmarkt bleibt vital</a></li></ul>')
    record = _record(f"<p><strong>Lesen Sie auch die folgenden Beiträge:</strong></p>{items}")
    assert "Jobmarkt" not in record["text"] and "Lesen Sie auch" not in record["text"]
    assert "twee jaar duren" in record["text"]
    unlabelled = lxml.html.fromstring(f"<div>{BODY}<p>Bronnen van dit stuk</p>{items}</div>")
    assert related_lists(unlabelled) == []
