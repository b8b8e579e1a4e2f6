"""Dates step: candidates from JSON-LD, meta, <time>, text, URL and hints, with provenance."""

from __future__ import annotations

from datetime import date

import pytest

from cleaners.steps.find_dates import find_dates, parse_timestamp, text_date, url_date
from cleaners.steps.jsonld import read_jsonld
from cleaners.steps.parse import parse_html


def dates_of(head: str = "", body: str = "<p>Tekst van het artikel.</p>", **kw: object):
    """find_dates over a small real page."""
    tree = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    return find_dates(tree, jsonld=read_jsonld(tree), use_htmldate=False, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "day", "iso"),
    [
        ("2025-09-03T23:30:00+02:00", "2025-09-03", "2025-09-03T23:30:00+02:00"),
        ("2025-09-03T01:30:00-05:00", "2025-09-03", "2025-09-03T01:30:00-05:00"),
        ("2025-09-03T22:30:00Z", "2025-09-03", "2025-09-03T22:30:00+00:00"),
        ("2025-09-03T10:00:00+0200", "2025-09-03", "2025-09-03T10:00:00+02:00"),
        ("2025-09-03 10:00:00", "2025-09-03", "2025-09-03T10:00:00"),
        ("2025-09-03", "2025-09-03", "2025-09-03"),
        ("Wed, 03 Sep 2025 10:00:00 GMT", "2025-09-03", "2025-09-03T10:00:00+00:00"),
        ("20250903", "2025-09-03", "2025-09-03"),
    ],
)
def test_parse_timestamp_keeps_the_local_day(raw: str, day: str, iso: str) -> None:
    assert parse_timestamp(raw) == (day, iso)


@pytest.mark.parametrize("raw", ["", "soon", "1890-01-01", "2999-01-01", None, 20250903])
def test_parse_timestamp_rejects(raw: object) -> None:
    assert parse_timestamp(raw) is None


@pytest.mark.parametrize(
    "text",
    [
        "3 september 2025",
        "woensdag 3 september 2025, 18:42",
        "Sept. 3, 2025",
        "September 3, 2025 at 6 p.m.",
        "3. September 2025",
        "Mittwoch, 3. Sept. 2025",
        "3 septembre 2025",
        "le 3 septembre 2025 à 18h",
        "03.09.2025",
        "3-9-2025",
        "2025-09-03",
    ],
)
def test_text_dates_in_four_languages(text: str) -> None:
    assert text_date(text) == date(2025, 9, 3)


def test_text_date_prefers_published_over_updated() -> None:
    line = "Updated Oct. 4, 2025, 9:12 a.m. | Published Oct. 2, 2025, 6:00 a.m."
    assert text_date(line) == date(2025, 10, 2)
    assert text_date("Bijgewerkt 5 oktober 2025 · 1 oktober 2025") == date(2025, 10, 1)


@pytest.mark.parametrize(
    "url",
    [
        "https://x.example/2025/09/03/slug",
        "https://x.example/news/2025-09-03-slug",
        "https://x.example/a/20250903/slug.html",
    ],
)
def test_url_dates(url: str) -> None:
    assert url_date(url) == date(2025, 9, 3)


def test_url_without_date() -> None:
    assert url_date("https://x.example/2025/slug-12345") is None


def test_jsonld_graph_list_published_beats_modified() -> None:
    head = """<script type="application/ld+json">[{"@context": "https://schema.org", "@graph": [
      {"@type": "WebSite", "name": "X"},
      {"@type": ["NewsArticle"], "dateModified": "2025-09-04T08:00:00+02:00",
       "datePublished": "2025-09-03T23:50:00+02:00"}]}]</script>
      <meta property="article:published_time" content="2025-09-01T10:00:00Z">"""
    result = dates_of(head)
    assert (result.date, result.source) == ("2025-09-03", "jsonld")
    assert result.published == "2025-09-03T23:50:00+02:00"
    assert result.modified == "2025-09-04T08:00:00+02:00"


def test_meta_ranked_by_trust() -> None:
    head = """<meta name="date" content="2025-01-01">
      <meta property="article:published_time" content="2025-09-03T07:00:00+00:00">
      <meta property="article:modified_time" content="2025-09-05T07:00:00+00:00">"""
    result = dates_of(head)
    assert (result.date, result.source, result.modified) == (
        "2025-09-03",
        "meta",
        "2025-09-05T07:00:00+00:00",
    )


def test_time_element_in_article_beats_page_furniture() -> None:
    body = """<div class="topbar"><time datetime="2025-11-27">Vandaag</time></div>
      <article><h1>Titel</h1>
      <time class="published" datetime="2025-09-03T18:42:00+02:00">3 sep</time>
      <time class="updated" datetime="2025-09-04T09:00:00+02:00">4 sep</time>
      <p>Tekst.</p></article>"""
    result = dates_of(body=body)
    assert (result.date, result.source) == ("2025-09-03", "time")
    assert result.modified == "2025-09-04T09:00:00+02:00"


def test_visible_date_line_skips_teasers() -> None:
    body = """<article><h2><a href="/x">Ander nieuws <span class="date">01.09.2025</span></a></h2>
      <div class="article-meta">Door Eva | woensdag 3 september 2025</div><p>Tekst.</p></article>"""
    assert (dates_of(body=body).date, dates_of(body=body).source) == ("2025-09-03", "text")


def test_hint_from_sitemap_before_url() -> None:
    result = dates_of(
        url="https://x.example/2025/09/01/a", hints={"date": "2025-09-03", "date_source": "feed"}
    )
    assert (result.date, result.source) == ("2025-09-03", "feed")


def test_url_date_last_resort_and_none() -> None:
    assert dates_of(url="https://x.example/2025/09/03/a").source == "url"
    result = dates_of(url="https://x.example/a")
    assert (result.date, result.source, result.published) == (None, None, None)


def test_htmldate_only_when_nothing_else() -> None:
    tree = parse_html(
        "<html><body><p>Artikel.</p><p>Geplaatst op 2025-09-03 door de redactie.</p></body></html>"
    )
    result = find_dates(tree)
    assert result.date == "2025-09-03"
    assert result.source == "htmldate"
