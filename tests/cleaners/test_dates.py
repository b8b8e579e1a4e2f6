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


def test_a_date_the_text_labels_as_published_comes_before_htmldate() -> None:
    tree = parse_html(
        "<html><body><p>Artikel.</p><p>Geplaatst op 2025-09-03 door de redactie.</p></body></html>"
    )
    result = find_dates(tree)
    assert (result.date, result.source) == ("2025-09-03", "text")


def test_htmldate_only_when_nothing_else() -> None:
    tree = parse_html(
        "<html><body><p>Artikel.</p><p>De redactie, 2025-09-03, Utrecht.</p></body></html>"
    )
    result = find_dates(tree)
    assert (result.date, result.source) == ("2025-09-03", "htmldate")


# --- evidence ranked: teasers, mastheads, permalinks, local days, labels, other scripts ---

TEASER_TIME = (
    '<article><h1>Kop</h1><p>Tekst van het artikel.</p>'
    '<aside class="related"><a href="/2024/01/02/ander-artikel">Ander artikel '
    '<time datetime="2024-01-02T08:00:00+01:00">2 januari</time></a></aside></article>'
)


def test_a_time_in_a_link_to_another_article_never_dates_the_page() -> None:
    result = dates_of(body=TEASER_TIME, url="https://x.example/2025/09/03/kop")
    assert (result.date, result.source) == ("2025-09-03", "url")
    assert dates_of(body=TEASER_TIME).date is None


def test_a_permalink_around_the_byline_time_is_no_teaser() -> None:
    body = (
        '<article><h1>Kop</h1><a href="https://x.example/kop/" rel="bookmark">'
        '<time class="entry-date published" datetime="2019-02-10T09:30:10+01:00">10. Februar'
        "</time></a><p>Tekst van het artikel.</p></article>"
    )
    assert dates_of(body=body, url="https://x.example/kop/").date == "2019-02-10"


def test_the_mastheads_today_date_is_not_the_articles() -> None:
    body = (
        '<header class="site-header"><time datetime="2026-12-06">zondag 6 december</time>'
        '</header><article><h1>Kop</h1><p>Tekst.</p></article>'
    )
    result = dates_of(body=body, url="https://x.example/2025/09/03/kop")
    assert result.date == "2025-09-03"


def test_a_utc_timestamp_gives_the_local_day_the_page_shows() -> None:
    head = '<meta property="article:published_time" content="2023-11-09T05:30:59Z">'
    # the same instant written with the publisher's offset in the byline
    body = '<article><time datetime="2023-11-08T23:30:59-06:00">Nov 8</time><p>Tekst.</p></article>'
    assert dates_of(head, body).date == "2023-11-08"
    # the URL names the local day
    assert dates_of(head, url="https://x.example/2023/11/08/kop").date == "2023-11-08"
    # nothing else names a day: the UTC day stays
    assert dates_of(head).date == "2023-11-09"


def test_a_whole_hour_late_utc_stamp_is_a_local_midnight() -> None:
    head = '<meta property="article:published_time" content="2022-11-06T23:00:00+00:00">'
    assert dates_of(head).date == "2022-11-07"
    late = '<meta property="article:published_time" content="2022-11-06T23:17:00+00:00">'
    assert dates_of(late).date == "2022-11-06"


@pytest.mark.parametrize(
    "line",
    [
        "Letzte Änderung: 31.10.2023 - 14:49<br>Erschienen am: 01.11.2023",
        "Datum: 01.11.2023",
        "Published on Wednesday, November 1, 2023",
        "Publié le 1 novembre 2023",
        "Publicado el 1 de noviembre de 2023",
    ],
)
def test_a_date_the_text_labels_as_published_anywhere(line: str) -> None:
    body = f"<div><p>Tekst van het artikel.</p><p class='footer'>{line}</p></div>"
    result = dates_of(body=body)
    assert (result.date, result.source) == ("2023-11-01", "text")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2025年9月3日 10:30", date(2025, 9, 3)),
        ("2025년 9월 3일", date(2025, 9, 3)),
        ("٢٠٢٥-٠٩-٠٣", date(2025, 9, 3)),
        ("۱۴:۰۰ ۲۰۲۵/۰۹/۰۳", date(2025, 9, 3)),
        ("Von Deutscher Tennis Bund 4. 2. 2022.", date(2022, 2, 4)),
        ("11 de mayo de 2022", date(2022, 5, 11)),
        ("3 settembre 2025", date(2025, 9, 3)),
    ],
)
def test_dates_in_other_scripts_and_forms(text: str, day: date) -> None:
    assert text_date(text) == day


def test_a_copyright_year_is_never_made_into_a_day() -> None:
    tree = parse_html(
        "<html><body><p>Rezept für Kuchen mit vielen Zutaten.</p>"
        "<footer>© 2004 Betty Kitchen</footer></body></html>"
    )
    assert find_dates(tree).date is None


def test_a_date_far_from_the_urls_is_warned_of() -> None:
    head = '<meta property="article:published_time" content="2025-03-01T10:00:00+01:00">'
    result = dates_of(head, url="https://x.example/2025/09/03/kop")
    assert result.date == "2025-03-01"
    assert result.warnings == ("date 2025-03-01 (meta) disagrees with the URL's 2025-09-03",)


def test_a_generic_meta_date_loses_to_the_byline_it_contradicts() -> None:
    head = '<meta name="date" content="2021-12-20T11:02:44+01:00">'
    byline = '<article><h1>Kop</h1><p class="date">27.01.2022</p><p>Tekst.</p></article>'
    assert dates_of(head, byline).date == "2022-01-27"
    # a named published meta stays first; a list of dated items is a listing, no byline
    named = '<meta property="article:published_time" content="2021-12-20T11:02:44+01:00">'
    assert dates_of(named, byline).date == "2021-12-20"
    listing = '<ul><li><span class="datum">29.02.2020</span> Lesung</li></ul><p>Tekst.</p>'
    assert dates_of(head, listing).date == "2021-12-20"


def test_a_generic_meta_date_loses_to_a_labelled_created_date() -> None:
    head = '<meta name="date" content="11/01/2023 12:43:42">'
    body = "<div><p>Tekst van het artikel.</p><p>Erstellt am: 01.11.2023</p></div>"
    assert dates_of(head, body).date == "2023-11-01"


def test_stand_is_an_as_of_date_not_the_published_one() -> None:
    assert text_date("Stand: 07.11.2023, 07:00 Uhr · Veröffentlicht 06.11.2023") == date(
        2023, 11, 6
    )


def test_dates_of_a_related_list_and_of_comments_never_date_the_page() -> None:
    related = (
        '<div class="x1"><h1>Kop van het artikel</h1><p>Tekst.</p><section class="q7">'
        '<h3>Meer over dit onderwerp</h3><ul><li><a href="/regio/86541">Ander</a> '
        '<time datetime="2026-10-23T23:15:00+02:00">23 oktober</time></li></ul></section>'
        '<div class="comment-body"><a href="#c1"><time datetime="2026-10-30">30 okt</time></a>'
        "</div></div>"
    )
    result = dates_of(body=related, url="https://x.example/2026/10/08/kop")
    assert (result.date, result.source) == ("2026-10-08", "url")


def test_a_byline_header_without_an_article_element_is_no_masthead() -> None:
    body = (
        '<header class="site"><a class="logo" href="/">Krant</a></header><div class="c">'
        '<header class="h"><h1>De vakbond heeft nieuwe cijfers</h1><span>Door S. Visser</span>'
        ' <time datetime="2026-10-08T18:15:00+02:00">8 oktober 2026</time></header>'
        "<p>Tekst.</p></div>"
    )
    assert dates_of(body=body).date == "2026-10-08"


def test_labels_before_a_time_say_which_date_it_is() -> None:
    body = (
        '<header><h1>Der Wasserverband kündigte ein neues Vorgehen an</h1><div>'
        '<span>Aktualisiert am <time datetime="2026-09-21T02:13:00+02:00">21. September</time>'
        '</span> · <span>Veröffentlicht am <time datetime="2026-09-01T20:16:00+02:00">1. '
        "September 2026</time></span></div></header><p>Tekst.</p>"
    )
    result = dates_of(body=body)
    assert (result.date, result.modified) == ("2026-09-01", "2026-09-21T02:13:00+02:00")


def test_a_utc_time_is_read_as_the_day_its_own_text_shows() -> None:
    body = (
        '<div><header><h1>Ein örtlicher Händler hat neue Zahlen vorgelegt</h1>'
        '<time datetime="2025-12-20T23:13:00Z">21. Dezember 2025, 00:13</time></header>'
        "<p>Tekst.</p></div>"
    )
    assert dates_of(body=body).date == "2025-12-21"


@pytest.mark.parametrize(
    "line",
    [
        # the update note first, its label a word ("Laatste update:" is no "date:" label)
        '<span class="meta">Door J. Bakker Laatste update: 6 september 2024</span> '
        "<span>2 september 2024</span>",
        '<span class="meta__inner">Última actualización: 30 de abril de 2023</span> '
        "<span>2 de septiembre de 2024</span>",
        # the update marked by its class, the published date unmarked beside it
        '<span class="updated">Bijgewerkt 30 december 2024, 19:19</span> <span>2 september 2024'
        "</span>",
        # a byline with the date beside it in an unmarked element
        '<span class="byline">By Tom Miller</span> <span>2 September 2024</span> '
        "<span>Updated 14 June 2025</span>",
    ],
)
def test_the_published_day_beside_an_update_note_or_a_byline(line: str) -> None:
    body = f"<article><h1>Kop</h1><div class='x'>{line}</div><p>Tekst.</p></article>"
    assert dates_of(body=body).date == "2024-09-02"


@pytest.mark.parametrize(
    ("stamp", "written", "day"),
    [
        ("2023-03-31T00:21:00Z", "March 30, 2023, 19:21", "2023-03-30"),  # UTC-5
        ("2023-08-25T23:01:00Z", "26 août 2023 à 01h01", "2023-08-26"),  # UTC+2
        ("2024-02-01T18:40:00Z", "2 February 2024 00:10", "2024-02-02"),  # UTC+5:30
    ],
)
def test_a_utc_stamp_written_as_local_time_on_the_page_gives_that_day(
    stamp: str, written: str, day: str
) -> None:
    head = f'<meta property="article:published_time" content="{stamp}">'
    body = f"<article><div class='x'><span>{written}</span></div><p>Tekst.</p></article>"
    assert dates_of(head, body).date == day
    # a written date whose clock time is no whole quarter-hour offset away says nothing
    other = body.replace(written, written[:-2] + "07")
    assert dates_of(head, other).date == stamp[:10]


def test_a_labelled_published_date_gives_a_utc_stamp_its_local_day() -> None:
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2023-12-08T23:10:00Z"}</script>')
    body = ("<div><p>Tekst.</p></div><div class='article-meta'><span class='date'>Erschienen "
            "am 9. Dezember 2023</span></div>")
    assert dates_of(head, body).date == "2023-12-09"


def test_date_text_elements_are_those_of_the_date_marks_xpath() -> None:
    """The walk finds the first 30 elements the XPath of the date marks finds, in order."""
    from lxml import etree

    from cleaners.rules.dates import DATE_TEXT_MARKS
    from cleaners.steps.find_dates import _date_text_elements

    xpath = etree.XPath(
        "//body//*[self::time or self::span or self::div or self::p or self::li or self::small]"
        "[{}]".format(
            " or ".join(f"contains(@class,'{t}') or contains(@id,'{t}')" for t in DATE_TEXT_MARKS)
        )
    )
    items = "".join(
        f'<li class="{c}"><span id="{i}">x</span><small class="meta">y</small></li>'
        for c, i in [("post-date", "a"), ("item", "published-1"), ("", "z"), ("Date", "n")] * 12
    )
    tree = parse_html(
        f'<html><head><title class="date">t</title></head><body><div class="byline">'
        f"<time>1</time></div><ul>{items}</ul></body></html>"
    )
    assert _date_text_elements(tree) == xpath(tree)[:30]


def test_microdata_date_published_shown_as_text_beats_teaser_dates() -> None:
    """``itemprop="datePublished"`` on an element that only shows the date as text (page
    builders do this) is the article's published date, not the teasers' dates around it."""
    teasers = "".join(
        f'<li class="post-meta-date"><a href="/news/{i}">Andere Meldung {i}</a> '
        f"Kommentare — 17. Oktober 2019</li>" for i in range(3)
    )
    body = (f"<ul>{teasers}</ul><article><h1>Wochenrückblick</h1>"
            '<ul><li itemprop="datePublished"><a href="/2019/10/19/">'
            "<span>19. Oktober 2019</span></a></li></ul>"
            "<p>Der Text des Kommentars.</p></article>")
    result = dates_of(body=body)
    assert result.published is not None and result.published.startswith("2019-10-19")


def test_an_unmarked_byline_line_under_the_headline_dates_the_article() -> None:
    """Utility-class markup marks nothing as a byline: the short line with a date right
    under the <h1>, before the body, is it; a date in a teaser link there, or further down in
    the body, is not."""
    body = ("<article><h1>Elder: Aus dem Ghetto nach Augusta</h1>"
            '<p class="tw-text-14 tw-font-semibold">1. Februar 2022 , Daniel Dillenburg</p>'
            f"<p>{'Im November 2021 geht mit Lee Elder einer der Pioniere von uns. ' * 6}</p>"
            "</article>")
    assert (dates_of(body=body).date, dates_of(body=body).source) == ("2022-02-01", "text")
    later = ("<article><h1>Elder: Aus dem Ghetto nach Augusta</h1>"
             f"<p>{'Im November 2021 geht mit Lee Elder einer der Pioniere von uns. ' * 6}</p>"
             "<p>Am 3. März 2022 folgt ein Turnier.</p></article>")
    assert dates_of(body=later).date is None
    teaser = ("<article><h1>Elder: Aus dem Ghetto nach Augusta</h1>"
              '<div><a href="/andere"><span>Andere Meldung, 5. Januar 2022</span></a></div>'
              f"<p>{'Im November 2021 geht mit Lee Elder einer der Pioniere von uns. ' * 6}</p>"
              "</article>")
    assert dates_of(body=teaser).date is None


def test_every_clock_after_a_date_holds_the_quick_clock_test() -> None:
    """``CLOCK_MINUTES`` finds the minutes of every ``CLOCK_AFTER_DATE`` match, so a text in
    which none can be the stamp's is skipped by ``_written_instant`` without losing a date
    and clock time."""
    import random

    from cleaners.rules.dates import CLOCK_AFTER_DATE, CLOCK_MINUTES

    rng = random.Random(11)
    alphabet = "0123456789:.hH ,-·|–omuatàsl\u00a0"
    found = 0
    for _ in range(60_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        minutes = {m.start("min") for m in CLOCK_MINUTES.finditer(text)}
        for i in range(len(text)):
            if match := CLOCK_AFTER_DATE.match(text, i):
                found += 1
                assert match.start("min") in minutes, text
    assert found > 200
    assert CLOCK_MINUTES.findall("Bijgewerkt 3 september 2025 om 14.05") == ["05"]
    assert CLOCK_MINUTES.findall("3 september 2025, 1405 woorden") == []


@pytest.mark.parametrize(
    ("stamp", "written", "day"),
    [
        ("2023-03-31T00:21:00Z", "March 30, 2023, 19:21", "2023-03-30"),  # UTC-5
        ("2023-03-31T00:21:00Z", "March 30, 2023, 19:51", "2023-03-30"),  # UTC-4:30
        ("2023-03-31T00:21:00Z", "March 30, 2023, 19:22", None),  # no whole-step offset
        ("2023-03-31T00:21:30Z", "March 30, 2023, 19:21", None),  # the stamp has seconds
    ],
)
def test_a_written_clock_time_is_the_stamp_only_at_a_whole_step_offset(
    stamp: str, written: str, day: str | None
) -> None:
    """The quick test before the date patterns (minutes modulo the offset step, no seconds)
    keeps every clock time ``_written_instant`` accepts and only those."""
    from datetime import UTC, datetime

    from cleaners.steps.find_dates import _clock_may_match, _PageReads, _written_instant
    from cleaners.steps.parse import parse_html

    tree = parse_html(f"<html><body><p>Posted {written} by the desk.</p></body></html>")
    instant = datetime.fromisoformat(stamp)
    found = _written_instant(_PageReads(tree, frozenset()), instant)
    assert (found.isoformat() if found else None) == day
    utc = instant.astimezone(UTC).replace(tzinfo=None)
    assert _clock_may_match(f"Posted {written}", utc) == (day is not None)
