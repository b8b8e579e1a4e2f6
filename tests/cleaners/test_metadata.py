"""Metadata step: title, authors, language, tags, canonical URL and site from real pages."""

from __future__ import annotations

import pytest

from cleaners.steps.jsonld import read_jsonld
from cleaners.steps.parse import parse_html
from cleaners.steps.read_metadata import Metadata, guess_language, read_metadata, strip_site_name


def meta_of(head: str = "", body: str = "", html_attrs: str = "", **kw: object) -> Metadata:
    """read_metadata over a small real page."""
    page = f"<html {html_attrs}><head>{head}</head><body>{body}<p>Tekst.</p></body></html>"
    tree = parse_html(page)
    return read_metadata(tree, jsonld=read_jsonld(tree), **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "site", "title"),
    [
        ("Storm treft kust | NOS", "NOS", "Storm treft kust"),
        ("Storm treft kust - De Krant", "De Krant", "Storm treft kust"),
        ("De Krant | Storm treft kust", "De Krant", "Storm treft kust"),
        (
            "Gegenoffensive: Ziele, Chancen | DW | 28.04.2023",
            "DW.COM",
            "Gegenoffensive: Ziele, Chancen",
        ),
        (
            "Council approves the harbor dredging plan | Herald",
            "",
            "Council approves the harbor dredging plan",
        ),
        (
            "Biden - Trump debate recap and what comes next",
            "",
            "Biden - Trump debate recap and what comes next",
        ),
        ("Kurz", "", "Kurz"),
    ],
)
def test_strip_site_name(raw: str, site: str, title: str) -> None:
    assert strip_site_name(raw, site) == title


def test_title_headline_first_and_entities_undone() -> None:
    head = """<title>Other | Site</title><meta property="og:title" content="OG title">
      <script type="application/ld+json">{"@type": "NewsArticle",
      "headline": "Trump: &quot;Es wird bald beginnen&quot;"}</script>"""
    assert meta_of(head).title == 'Trump: "Es wird bald beginnen"'


def test_title_trimmed_to_h1_when_og_adds_a_suffix() -> None:
    head = '<meta property="og:title" content="Kühltürme gesprengt | Bayern">'
    assert meta_of(head, "<h1>Kühltürme gesprengt</h1>").title == "Kühltürme gesprengt"


@pytest.mark.parametrize(
    ("raw", "sections", "title"),
    [
        (
            "Sweden hands out a war pamphlet | World News",
            {"world news"},
            "Sweden hands out a war pamphlet",
        ),
        ("Streik legt Bahn lahm - Politik - Zeitung", {"politik"}, "Streik legt Bahn lahm"),
        ("한동훈 제명 부담 커졌다-정치", {"정치"}, "한동훈 제명 부담 커졌다"),
        # a hyphenated word that is not the section stays whole
        ("Warnung vor Hitze-Welle", {"politik"}, "Warnung vor Hitze-Welle"),
        ("Politik-Politik", {"politik"}, "Politik-Politik"),
        # a section longer once case-folded ("ß" -> "ss") cuts no letter of the headline
        ("Bayern gewinnt das Spiel-Fußball", {"fussball"}, "Bayern gewinnt das Spiel"),
    ],
)
def test_strip_section_name(raw: str, sections: set[str], title: str) -> None:
    assert strip_site_name(raw, "Zeitung", frozenset(sections)) == title


def test_title_section_from_meta_and_jsonld_is_cut() -> None:
    head = """<meta property="og:title" content="Bahn streikt erneut | Wirtschaft">
      <meta name="content_category" content="Wirtschaft">"""
    assert meta_of(head).title == "Bahn streikt erneut"
    head = """<title>Storm op zee | Binnenland</title>
      <script type="application/ld+json">{"@type": "NewsArticle",
      "articleSection": ["Binnenland"]}</script>"""
    assert meta_of(head).title == "Storm op zee"


def test_title_drops_soft_hyphens_and_zero_width_spaces() -> None:
    head = '<meta property="og:title" content="Helikopter\u00adlandeplatz geplant\u200b">'
    assert meta_of(head).title == "Helikopterlandeplatz geplant"


def test_title_falls_back_to_h1_then_hint() -> None:
    assert meta_of(body="<article><h1>Nur eine H1</h1></article>").title == "Nur eine H1"
    assert meta_of(hints={"title": "Feed title"}).title == "Feed title"


@pytest.mark.parametrize(
    ("head", "body", "authors"),
    [
        ('<meta name="author" content="By Jane Roe and John Doe">', "", ("Jane Roe", "John Doe")),
        (
            '<meta name="author" content="Door Eva de Vries en Piet Jansen">',
            "",
            ("Eva de Vries", "Piet Jansen"),
        ),
        (
            '<meta name="author" content="Von Anna Müller und Jan Schmidt">',
            "",
            ("Anna Müller", "Jan Schmidt"),
        ),
        ("", '<span class="byline">By Megan O\'Connell, Staff Writer</span>', ("Megan O'Connell",)),
        ("", '<a rel="author" href="/a">Lise Bernard</a>', ("Lise Bernard",)),
        ('<meta name="author" content="https://facebook.com/someone">', "", ()),
    ],
)
def test_authors(head: str, body: str, authors: tuple[str, ...]) -> None:
    assert meta_of(head, body).authors == authors


def test_jsonld_authors_win_and_are_deduplicated() -> None:
    head = """<meta name="author" content="Meta Person">
      <script type="application/ld+json">{"@type": "NewsArticle", "author": [
        {"@type": "Person", "name": "Eva de Vries"}, {"name": "eva de vries"},
        "Piet Jansen"]}</script>"""
    assert meta_of(head).authors == ("Eva de Vries", "Piet Jansen")


@pytest.mark.parametrize(
    ("attrs", "head", "language"),
    [
        ('lang="nl-NL"', "", "nl"),
        ('lang="de"', "", "de"),
        ("", '<meta http-equiv="content-language" content="fr-FR">', "fr"),
        ("", '<meta property="og:locale" content="en_GB">', "en"),
        ('lang="x-klingon"', "", None),
        ("", "", None),
    ],
)
def test_language(attrs: str, head: str, language: str | None) -> None:
    assert meta_of(head, html_attrs=attrs).language == language


def test_tags_from_meta_and_jsonld() -> None:
    head = """<meta property="article:tag" content="China">
      <meta property="article:tag" content="Rusland">
      <meta name="news_keywords" content="Peking, china">
      <script type="application/ld+json">
      {"@type": "Article", "keywords": ["Kim", "Rusland"]}</script>"""
    assert meta_of(head).tags == ("China", "Rusland", "Peking", "Kim")


def test_canonical_url_absolute_and_site_from_host() -> None:
    head = '<link rel="canonical" href="/nieuws/a#top">'
    meta = meta_of(head, url="https://www.krant.example/nieuws/a?utm_source=x")
    assert meta.canonical_url == "https://www.krant.example/nieuws/a"
    assert meta.site == "krant.example"


def test_og_url_fallback_and_given_site() -> None:
    head = '<meta property="og:url" content="https://news.example/x">'
    meta = meta_of(head, site="demo")
    assert (meta.canonical_url, meta.site) == ("https://news.example/x", "demo")


def test_no_url_means_local_site() -> None:
    meta = meta_of()
    assert (meta.canonical_url, meta.site) == (None, "local")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "De gemeenteraad heeft maandag besloten dat het zwembad niet wordt gesloten, maar de "
            "kosten zijn hoog en er is nog geen geld voor de bouw van een nieuw bad.",
            "nl",
        ),
        (
            "The council said on Monday that the plan would be delayed because of the costs, and "
            "that it was not clear when the work would begin.",
            "en",
        ),
        (
            "Der Gemeinderat hat am Montag beschlossen, dass das Schwimmbad nicht saniert wird, "
            "weil die Kosten zu hoch sind und es noch keine Förderung gibt.",
            "de",
        ),
        (
            "Le conseil municipal a adopté le budget pour la ville, mais les élus de l'opposition "
            "ont voté contre ce texte qui est trop cher pour les habitants.",
            "fr",
        ),
        ("Kurz und knapp.", None),
    ],
)
def test_guess_language_from_function_words(text: str, language: str | None) -> None:
    assert guess_language(text) == language


@pytest.mark.parametrize(
    ("og", "h1", "title"),
    [
        # a branding tail after the headline's words, with or without a separator
        ("Mandarinen-Schmand-Kuchen Grundrezept von jesusfreak",
         "Mandarinen-Schmand-Kuchen Grundrezept", "Mandarinen-Schmand-Kuchen Grundrezept"),
        ("Items We Never Knew We Wanted : The Perspective", "Items We Never Knew We Wanted",
         "Items We Never Knew We Wanted"),
        ("»Einfach kein Geld mehr, um die Miete zu zahlen« (neues deutschland)",
         "»Einfach kein Geld mehr, um die Miete zu zahlen«",
         "»Einfach kein Geld mehr, um die Miete zu zahlen«"),
        # a meta title cut short with an ellipsis
        ("Le conseil municipal adopte le budget de la ville…",
         "Le conseil municipal adopte le budget de la ville pour 2026",
         "Le conseil municipal adopte le budget de la ville pour 2026"),
        # a kicker before the headline is the publisher's title and stays
        ("Kenia: Nairobi von unten", "Nairobi von unten", "Kenia: Nairobi von unten"),
        # an <h1> that is the site's name is its logo: no headline, but the site part to cut
        ("Gregory Szorc's Digital Home | Mercurial's Journey to and Reflections on Python 3",
         "Gregory Szorc's Digital Home", "Mercurial's Journey to and Reflections on Python 3"),
        # French quotes end a headline; they are no dangling separator
        ("Macron sur la « gravité de la situation »", "",
         "Macron sur la « gravité de la situation »"),
        ("Was ist Virales Marketing? Eine Einführung für Einsteiger", "DimidoBlog",
         "Was ist Virales Marketing? Eine Einführung für Einsteiger"),
        # same words, other quote marks: the declared title
        ("VW-Chef warnt vor Tesla und 'Golf aus China'",
         "VW-Chef warnt vor Tesla und „Golf aus China“",
         "VW-Chef warnt vor Tesla und 'Golf aus China'"),
        # a separator left dangling
        ("Pferdesport definitiv bei Olympia 2028 dabei -", "",
         "Pferdesport definitiv bei Olympia 2028 dabei"),
    ],
)
def test_title_against_the_pages_h1(og: str, h1: str, title: str) -> None:
    head = f'<meta property="og:title" content="{og}">'
    body = f"<article><h1>{h1}</h1></article>" if h1 else ""
    url = "https://gregoryszorc.com/blog/2020/01/13/mercurial-python-3/"
    assert meta_of(head, body, url=url).title == title


def test_an_h1_naming_the_site_is_its_logo_not_the_headline() -> None:
    head = '<meta property="og:title" content="Was ist Virales Marketing? | DimidoBlog">'
    body = "<header><h1>DimidoBlog</h1></header>"
    meta = meta_of(head, body, url="http://www.dimido.de/2008/07/29/was-ist-virales-marketing/")
    assert meta.title == "Was ist Virales Marketing?"
    assert meta_of("", body, url="http://www.dimido.de/").title == "DimidoBlog"
