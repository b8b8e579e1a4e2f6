"""The whole pipeline: the seed article as text and as HTML, records valid against the schema."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cleaners.clean import clean_html, clean_text
from cleaners.exceptions import BadInput, InvalidRecord
from cleaners.validate import record_errors, validate_record

ROOT = Path(__file__).resolve().parents[2]
SEED_TEXT = (ROOT / "crawler" / "demo_site" / "seed-article.txt").read_text("utf-8")
SEED_HTML = (Path(__file__).parent / "data" / "seed-article.html").read_bytes()
HEADINGS = [
    None,
    "Gesprekken over Oekraïne",
    "Bijeenkomst van geïsoleerde leiders",
    "Reactie Trump",
]
ARTEFACTS = ("{{", "}}", "trans(", "Vul een geldig emailadres in", "customs.", "subTitle")
# Every sentence of the article (the widget paragraph is not article text).
SENTENCES = [
    s
    for para in SEED_TEXT.replace(" date 2025-09-03 ", "").split("\n\n")
    if "{{" not in para
    for s in re.split(r"(?<=[.!?])\s+", para.strip())
    if len(s.split()) > 3
]


def without_report(record: dict) -> str:
    """The record as JSON, minus the cleaning report (whose samples quote removed text)."""
    return json.dumps({k: v for k, v in record.items() if k != "cleaning"}, ensure_ascii=False)


def check_seed_record(record: dict) -> None:
    """What DESIGN.md requires of the seed article, whatever the input format."""
    validate_record(record)
    assert record["date"] == "2025-09-03"
    assert [s["heading"] for s in record["sections"]] == HEADINGS
    assert record["sections"][0]["paragraphs"][0].startswith("Xi Jinping, Vladimir Poetin en Kim")
    flat = without_report(record)
    for artefact in ARTEFACTS:
        assert artefact not in flat, artefact
    for sentence in SENTENCES:
        assert sentence in record["text"], sentence
    assert record["cleaning"]["template_blocks_removed"] >= 1
    assert any("trans(" in s for s in record["cleaning"]["samples"])


def test_seed_text() -> None:
    record = clean_text(SEED_TEXT, source="seed-article.txt")
    check_seed_record(record)
    assert (record["date_source"], record["published"]) == ("input", "2025-09-03")
    assert record["title"] == ""  # the first line is the lead, not a heading
    assert record["lead"] is None
    assert record["language"] == "nl"  # guessed from function words: a text has no lang attribute
    assert [s["level"] for s in record["sections"]] == [None] * 4
    assert record["source"] == "seed-article.txt"
    assert record["site"] == "local"


def test_seed_html_with_widget_in_a_neutral_div() -> None:
    url = "https://www.nieuwsblad.example/buitenland/xi-poetin-kim-peking?utm_source=rss"
    record = clean_html(SEED_HTML, url=url, spider="news")
    check_seed_record(record)
    assert record["title"] == "Xi, Poetin en Kim samen in Peking"
    assert (record["date_source"], record["published"]) == ("jsonld", "2025-09-03T18:42:00+02:00")
    assert record["modified"] == "2025-09-03T20:05:00+02:00"
    assert record["authors"] == ["Eva de Vries"]
    assert record["language"] == "nl"
    assert (
        record["canonical_url"] == "https://www.nieuwsblad.example/buitenland/xi-poetin-kim-peking"
    )
    assert record["site"] == "nieuwsblad.example"
    assert record["tags"] == ["China", "Rusland", "Noord-Korea"]
    assert [s["level"] for s in record["sections"]] == [None, 2, 2, 2]
    assert record["spider"] == "news"
    for furniture in (
        "Lees ook",
        "Advertentie",
        "cookies",
        "Meer over China",
        "WhatsApp",
        "Alle rechten",
    ):
        assert furniture not in record["text"], furniture
    assert record["cleaning"]["boilerplate_removed"] >= 2


def test_text_and_html_give_the_same_sections() -> None:
    from_text = clean_text(SEED_TEXT)["sections"]
    from_html = clean_html(SEED_HTML)["sections"]
    assert [(s["heading"], s["paragraphs"]) for s in from_text] == [
        (s["heading"], s["paragraphs"]) for s in from_html
    ]


def test_record_fields_and_hashes() -> None:
    record = clean_html(
        SEED_HTML, url="https://www.nieuwsblad.example/buitenland/xi-poetin-kim-peking"
    )
    # every required field, plus the optional cleaner_version (records written before it
    # existed stay valid); ``warc`` is added only by the crawler's WARC pipeline
    assert set(record) == set(
        json.loads((ROOT / "cleaners/schema/record.schema.json").read_text())["required"]
    ) | {"cleaner_version"}
    assert record["schema_version"] == 1 and record["revision"] == 1
    assert record["word_count"] == len(record["text"].split())
    assert record["text"].split("\n\n")[1] == "Gesprekken over Oekraïne"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", record["fetched_at"])
    again = clean_html(
        SEED_HTML, url="https://www.nieuwsblad.example/buitenland/xi-poetin-kim-peking?x=1"
    )
    assert again["id"] == record["id"]  # same canonical URL
    assert again["content_hash"] == record["content_hash"]
    changed = clean_html(SEED_HTML.replace(b"zeer teleurgesteld", b"erg teleurgesteld"))
    assert changed["content_hash"] != record["content_hash"]


def test_text_id_without_url_is_stable() -> None:
    assert clean_text(SEED_TEXT)["id"] == clean_text(SEED_TEXT)["id"]
    assert clean_text(SEED_TEXT)["id"] != clean_text(SEED_TEXT + "\n\nNog een alinea erbij.")["id"]


def test_text_title_from_a_heading_first_line() -> None:
    text = (
        "Storm treft de kust\n\nDe storm heeft vannacht veel schade aangericht langs de hele kust."
    )
    record = clean_text(text)
    assert record["title"] == "Storm treft de kust"
    assert record["date"] is None and record["date_source"] is None
    validate_record(record)


def test_hints_selectors_date_title_language() -> None:
    page = b"""<html><body><div class="menu">
      <p>Home Sport Cultuur Weer Verkeer Contact Over ons</p></div>
      <div class="story">
      <p>Het eerste nieuws van vandaag is dat de brug weer open is voor verkeer.</p>
      <p class="promo">Koop nu een abonnement voor maar een euro per week en lees alles.</p>
      <p>De aannemer was twee weken eerder klaar dan gepland, tot vreugde van de bewoners.</p></div>
      </body></html>"""
    hints = {
        "body_selector": "div.story",
        "drop_selectors": ("p.promo",),
        "date": "2025-09-03T06:00:00+02:00",
        "date_source": "sitemap",
        "title": "Brug weer open",
        "language": "nl",
    }
    record = clean_html(page, hints=hints)
    assert "abonnement" not in record["text"] and "Sport Cultuur" not in record["text"]
    assert "brug weer open is voor verkeer" in record["text"]
    assert (record["date"], record["date_source"]) == ("2025-09-03", "sitemap")
    assert (record["title"], record["language"]) == ("Brug weer open", "nl")


def test_jsonld_article_body_fallback() -> None:
    body = (
        "Eerste alinea van het artikel over de haven.\n"
        "Tweede alinea met meer details over de werken."
    )
    data = json.dumps({"@type": "NewsArticle", "headline": "Haven", "articleBody": body})
    page = f"""<html><head><script type="application/ld+json">{data}</script></head>
      <body><div id="app"></div><span>Laden…</span></body></html>"""
    record = clean_html(page)
    assert [s["paragraphs"] for s in record["sections"]] == [body.split("\n")]
    assert record["cleaning"]["warnings"]


@pytest.mark.parametrize(
    "text",
    [
        "Advertisement",
        "Read more: Why the council voted against the plan",
        "Lesen Sie auch: Die besten Weinfeste im Rheintal",
        "Lire aussi : Le budget municipal adopté",
        "Foto: ANP",
        "Photo: Tom Reyes / The Herald",
        "(c) ANP",
        "Bild: dpa",
        "Sign up for our daily newsletter",
        "Share this article",
    ],
)
def test_boilerplate_paragraphs_removed(text: str) -> None:
    long = "De gemeenteraad heeft gisteravond na een lang debat ingestemd met de nieuwe begroting."
    page = f"<html><body><article><p>{long}</p><p>{text}</p><p>{long} Opnieuw.</p></article>"
    record = clean_html(page)
    assert text not in record["text"]
    assert long in record["text"]


def test_code_with_template_syntax_is_kept() -> None:
    page = """<html><body><article><h1>Lek in template-engine</h1>
      <p>Onderzoekers tonen dat een invoer als <code>{{ 7*7 }}</code>
      door de server wordt uitgerekend.</p>
      <pre><code>{% for c in comments %}{{ c.body }}{% endfor %}</code></pre>
      <p>De makers brachten donderdag een update uit die het probleem verhelpt voor iedereen.</p>
      </article></body></html>"""
    text = clean_html(page)["text"]
    assert "{{ 7*7 }}" in text and "{% for c in comments %}" in text


def test_bad_input_raises() -> None:
    with pytest.raises(BadInput):
        clean_html(b"")
    with pytest.raises(BadInput):
        clean_text("   \n ")


def test_no_article_text() -> None:
    menu = "<html><body><nav><a href='/'>Home</a> <a href='/a'>Sport</a></nav></body></html>"
    with pytest.raises(BadInput, match="no article text"):
        clean_html(menu, source="menu.html")
    with pytest.raises(BadInput, match="no article text"):
        clean_text(" date 2025-09-03 ")
    # rendered by scripts: title and date are known, the text is not
    app = """<html><head><title>Storm op komst | Krant</title>
      <meta property="og:site_name" content="Krant">
      <meta property="article:published_time" content="2025-09-03T10:00:00+02:00"></head>
      <body><div id="app"></div><nav><a href="/">Home</a></nav></body></html>"""
    record = clean_html(app)
    assert (record["title"], record["date"], record["text"]) == ("Storm op komst", "2025-09-03", "")
    assert "no article text found" in record["cleaning"]["warnings"]
    validate_record(record)


def test_validate_record_reports_the_field() -> None:
    record = clean_text(SEED_TEXT)
    record["date"] = "3 september"
    with pytest.raises(InvalidRecord, match="date"):
        validate_record(record)
    del record["title"]
    assert any("title" in e for e in record_errors(record))


def test_precision_collapse_is_judged_against_the_largest_paragraph_run() -> None:
    from cleaners.config import DEFAULT_CONFIG
    from cleaners.steps.extract_main import _collapsed, _LargestRun
    from cleaners.steps.parse import parse_html

    sentence = "De gemeenteraad besprak dinsdag opnieuw de plannen voor het nieuwe zwembad. "
    paragraphs = "".join(f"<p>{sentence * 4}</p>" for _ in range(20))  # ~6,000 characters
    tree = parse_html(f"<html><body><nav>Menu</nav><div>{paragraphs}</div></body></html>")
    run = _LargestRun(tree)
    assert _collapsed(run, 500, DEFAULT_CONFIG)  # under the absolute floor
    assert _collapsed(run, 1_100, DEFAULT_CONFIG)  # a sixth of the page's paragraphs
    assert not _collapsed(run, 3_000, DEFAULT_CONFIG)
