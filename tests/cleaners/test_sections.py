"""Sections step: headings with levels, bold-only headings, text headings, lead handling."""

from __future__ import annotations

import time
from pathlib import Path

from cleaners.clean import clean_html
from cleaners.steps.extract_main import Block
from cleaners.steps.parse import parse_html
from cleaners.steps.split_sections import find_lead, split_sections, text_blocks

SEED = Path(__file__).resolve().parents[2] / "crawler" / "demo_site" / "seed-article.txt"
SEED_HEADINGS = [
    None,
    "Gesprekken over Oekraïne",
    "Bijeenkomst van geïsoleerde leiders",
    "Reactie Trump",
]
LONG = "Dit is een gewone alinea met genoeg woorden om als tekst te gelden, en die eindigt zo."


def P(text: str = LONG) -> Block:
    return Block("paragraph", text)


def H(text: str, level: int | None = 2) -> Block:
    return Block("heading", text, level)


def outline(body) -> list[tuple[str | None, int | None, int]]:
    return [(s.heading, s.level, len(s.paragraphs)) for s in body.sections]


def test_intro_then_headed_sections_with_levels() -> None:
    body = split_sections([P(), P(), H("Eerste kop"), P(), H("Tweede kop", 3), P(), P()])
    assert outline(body) == [(None, None, 2), ("Eerste kop", 2, 1), ("Tweede kop", 3, 2)]


def test_consecutive_headings_stay_separate_and_trailing_heading_goes() -> None:
    body = split_sections([P(), H("Hoofdstuk"), H("Paragraaf", 3), P(), H("Slotkop")])
    assert outline(body) == [(None, None, 1), ("Hoofdstuk", 2, 0), ("Paragraaf", 3, 1)]


def test_no_intro_when_article_starts_with_heading() -> None:
    assert outline(split_sections([H("Kop"), P()])) == [("Kop", 2, 1)]


def test_title_heading_and_kicker_before_it_are_dropped() -> None:
    blocks = [H("BUITENLAND"), H("Xi ontmoet Poetin", 1), P(), H("Xi ontmoet Poetin"), P()]
    assert outline(split_sections(blocks, title="Xi ontmoet Poetin")) == [(None, None, 2)]


def test_lead_is_taken_out_of_the_body() -> None:
    body = split_sections(
        [P("De korte inleiding van het stuk."), P()], lead="De korte inleiding van het stuk."
    )
    assert body.lead == "De korte inleiding van het stuk."
    assert outline(body) == [(None, None, 1)]


def test_text_blocks_recognise_heading_lines() -> None:
    text = "\n\n".join(
        [LONG, "Korte kop", LONG, "Geen kop want eindigt met punt.", LONG, "Slot zonder alinea"]
    )
    kinds = [(b.kind, b.text[:9]) for b in text_blocks(text)]
    assert kinds == [
        ("paragraph", LONG[:9]),
        ("heading", "Korte kop"),
        ("paragraph", LONG[:9]),
        ("paragraph", "Geen kop "),
        ("paragraph", LONG[:9]),
        ("paragraph", "Slot zond"),
    ]


def test_text_blocks_long_line_is_no_heading_and_lines_join() -> None:
    long_line = (
        "Een regel die veel te lang is voor een tussenkop, want hij heeft meer dan tien woorden"
    )
    blocks = text_blocks(f"{long_line}\n\n{LONG}\nvervolg op de volgende regel.")
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]
    assert blocks[1].text.endswith("eindigt zo. vervolg op de volgende regel.")


def test_seed_text_sections() -> None:
    body = split_sections(text_blocks(SEED.read_text("utf-8").split(" ", 3)[3]))
    assert [s.heading for s in body.sections] == SEED_HEADINGS


def html_record(body: str, head: str = "") -> dict:
    page = f"<html><head><title>Stadsnieuws</title>{head}</head><body>{body}</body></html>"
    return clean_html(page)


ARTICLE = "".join(f"<p>{LONG} Nummer {i}.</p>" for i in range(3))


def test_html_headings_keep_levels_and_bold_paragraph_headings() -> None:
    body = f"""<article><h1>Stadsnieuws</h1>{ARTICLE}<h2>Eerste kop</h2>{ARTICLE}
      <h3>Tweede kop</h3>{ARTICLE}<p><strong>Vetgedrukte kop</strong></p>{ARTICLE}</article>"""
    sections = html_record(body)["sections"]
    assert [(s["heading"], s["level"]) for s in sections] == [
        (None, None),
        ("Eerste kop", 2),
        ("Tweede kop", 3),
        ("Vetgedrukte kop", None),
    ]


def test_html_lead_marked_apart() -> None:
    body = f"""<article><h1>Stadsnieuws</h1>
      <p class="article__lead">De gemeente opent volgend jaar een nieuw zwembad in het centrum.</p>
      {ARTICLE}<h2>Kosten</h2>{ARTICLE}</article>"""
    record = html_record(body)
    assert record["lead"] == "De gemeente opent volgend jaar een nieuw zwembad in het centrum."
    assert all(record["lead"] not in p for s in record["sections"] for p in s["paragraphs"])
    assert record["text"].startswith(record["lead"] + "\n\n")


def test_teaser_box_after_the_body_is_no_lead() -> None:
    body = f"""<article><h1>Stadsnieuws</h1>{ARTICLE}
      <div class="teaser"><p>Alle activiteiten van de zomer in één handig overzicht.</p></div>
      </article>"""
    tree = parse_html(f"<html><body>{body}</body></html>")
    assert find_lead(tree) is None


def test_truncated_or_hidden_lead_candidates_are_ignored() -> None:
    tree = parse_html(
        """<html><body><h1>T</h1>
        <p class="summary">Twee mensen zijn gediagnosticeerd met de pest,...</p>
        <p class="intro" style="display: none">Verborgen inleiding die niemand ooit ziet.</p>
        <p>Tekst.</p></body></html>"""
    )
    assert find_lead(tree) is None


def test_html_headings_before_the_body_are_no_sub_headings() -> None:
    blocks = [
        H("Buitenland"),
        H("De gemeente opent volgend jaar een nieuw zwembad, meldt de wethouder."),
        P(),
        H("Kosten"),
        P(),
    ]
    body = split_sections(blocks, leading_headings=False)
    assert outline(body) == [(None, None, 2), ("Kosten", 2, 1)]
    assert body.sections[0].paragraphs[0].startswith("De gemeente opent")


def test_html_subtitle_heading_over_the_body_becomes_its_first_paragraph() -> None:
    """The long heading right before the first paragraph (a dek set as <h2>, no final stop)
    is article text; a short label before it and the headline said again in other words
    ("Kicker Headline ...", half the title's words) still go."""
    dek = "Bewoners van de wijk krijgen volgend jaar een nieuw zwembad met vier banen"
    blocks = [H("Buitenland"), H(dek), P(), H("Kosten"), P()]
    body = split_sections(blocks, title="Nieuw zwembad in de wijk", leading_headings=False)
    assert outline(body) == [(None, None, 2), ("Kosten", 2, 1)]
    assert body.sections[0].paragraphs[0] == dek
    variant = "Zwembad Centrum: gemeente opent nieuw zwembad in de wijk volgend jaar"
    body = split_sections([H(variant), P(), H("Kosten"), P()], title="Nieuw zwembad in de wijk",
                          leading_headings=False)
    assert outline(body) == [(None, None, 1), ("Kosten", 2, 1)]
    assert variant not in body.sections[0].paragraphs


def test_html_kicker_heading_over_the_article_is_dropped() -> None:
    body = f"""<article><h1>Stadsnieuws</h1><h2>Zwembad · Centrum</h2>
      {ARTICLE}<h2>Kosten</h2>{ARTICLE}</article>"""
    headings = [s["heading"] for s in html_record(body)["sections"]]
    assert headings == [None, "Kosten"]


def test_teaser_headlines_linking_to_other_pages_are_no_sub_headings() -> None:
    teaser = "Een heel ander verhaal over de haven, met genoeg woorden om tekst te zijn."
    body = f"""<article><h1>Stadsnieuws</h1>{ARTICLE}<h2><a href="#kosten">Kosten</a></h2>
      {ARTICLE}<h3><a href="/nieuws/haven">Haven krijgt nieuwe kade</a></h3><p>{teaser}</p>
      <a href="/nieuws/brug"><h3>Brug gaat dicht</h3></a><p>{teaser} Nog een.</p></article>"""
    headings = [s["heading"] for s in html_record(body)["sections"]]
    assert "Kosten" in headings
    assert "Haven krijgt nieuwe kade" not in headings
    assert "Brug gaat dicht" not in headings


def test_screen_reader_copies_do_not_double_text_or_hide_teaser_links() -> None:
    teaser = "Een heel ander verhaal over de haven, met genoeg woorden om tekst te zijn."
    body = f"""<article><h1>Stadsnieuws</h1>{ARTICLE}
      <h2><span class="visually-hidden">Kosten lopen op</span><span>Kosten lopen op</span></h2>
      {ARTICLE}</article>
      <section class="more"><div class="card"><h2 class="title">
        <span class="sr-only">Haven krijgt nieuwe kade</span>
        <a href="/nieuws/haven">Haven krijgt nieuwe kade</a></h2><p class="dek">{teaser}</p></div>
      <div class="card"><h2 class="title"><span class="card__sr-only">Brug gaat dicht</span>
        <a href="/nieuws/brug">Brug gaat dicht</a></h2><p class="dek">{teaser} Nog een.</p></div>
      </section>"""
    headings = [s["heading"] for s in html_record(body)["sections"]]
    assert headings == [None, "Kosten lopen op"]


def test_screen_reader_text_shown_nowhere_else_stays() -> None:
    body = f"""<article><h1>Stadsnieuws</h1>{ARTICLE}
      <h2><span class="sr-only">Hoofdstuk 2:</span> Kosten</h2>{ARTICLE}</article>"""
    headings = [s["heading"] for s in html_record(body)["sections"]]
    assert headings == [None, "Hoofdstuk 2: Kosten"]


def test_bold_heading_split_into_pieces_is_one_heading() -> None:
    body = f"""<article><h1>Stadsnieuws</h1>{ARTICLE}
      <p><b>De g</b><b>eme</b><strong>ente</strong><strong> reageert</strong></p>
      {ARTICLE}<p><strong>Half vet</strong> en half gewoon, dit is een gewone alinea.</p>
      {ARTICLE}</article>"""
    record = html_record(body)
    assert [s["heading"] for s in record["sections"]] == [None, "De gemeente reageert"]
    assert any(p.startswith("Half vet en half") for p in record["sections"][1]["paragraphs"])


def test_bold_ticker_lines_with_a_clock_time_stay_paragraphs() -> None:
    body = f"""<article><h1>Stadsnieuws</h1>{ARTICLE}
      <p><strong>9h05 - La Bourse de Paris ouvre dans le vert</strong></p>{ARTICLE}
      <p><b>15.32 Uhr: Weiterhin Angriffe im Gazastreifen</b></p>{ARTICLE}
      <p><strong>Vetgedrukte kop</strong></p>{ARTICLE}</article>"""
    record = html_record(body)
    assert [s["heading"] for s in record["sections"]] == [None, "Vetgedrukte kop"]
    assert "9h05 - La Bourse de Paris ouvre dans le vert" in record["sections"][0]["paragraphs"]


def test_html_heading_of_paragraph_length_is_a_paragraph() -> None:
    sentence = " ".join(["De gemeenteraad heeft dinsdagavond na een lang debat besloten"] * 3)
    blocks = [P(), H(sentence + "."), P(), H("Kosten"), P()]
    body = split_sections(blocks, leading_headings=False)
    assert outline(body) == [(None, None, 3), ("Kosten", 2, 1)]


def test_line_height_utility_class_is_no_lead_marker() -> None:
    tree = parse_html(
        """<html><body><h1>Schattentanker gestopt</h1>
        <div class="text-22 leading-12 font-bold">Acht Namen, vier Flaggen – und Öl für China</div>
        <p class="article-lead leading-7">Das Schiff hat zehn Millionen Barrel Öl transportiert.</p>
        <p>Tekst.</p></body></html>"""
    )
    assert find_lead(tree) == "Das Schiff hat zehn Millionen Barrel Öl transportiert."


def test_caption_credit_and_subscription_promo_are_no_lead() -> None:
    tree = parse_html(
        """<html><body><h1>Brit Awards</h1>
        <p class="summary">It's Raye's third award of the night – so far Credit : HENRY NICHOLLS</p>
        <div class="teaser">Just R20 for the first month. Support independent journalism by
        subscribing to our digital news package.</div><p>Tekst.</p></body></html>"""
    )
    assert find_lead(tree) is None


LOGIN_OVERLAY = "".join(
    f'<div class="overlay"><p class="settings__description">{LONG} Inloggen {i}.</p></div>'
    for i in range(3)
)


def test_lead_after_overlays_and_notices_before_the_article() -> None:
    """Long paragraphs of a login overlay or a no-script notice before the article are not
    its body: the standfirst in the article's header is still the lead (kicker.de, br.de)."""
    tree = parse_html(
        f"""<html><body><noscript><p>{LONG} Zet JavaScript aan.</p><p>{LONG} Echt.</p></noscript>
        {LOGIN_OVERLAY}
        <article><header><h1>Stadsnieuws</h1>
        <p class="article__teaser">De gemeente opent volgend jaar een nieuw zwembad.</p></header>
        {ARTICLE}</article></body></html>"""
    )
    assert find_lead(tree) == "De gemeente opent volgend jaar een nieuw zwembad."


def test_teaser_box_after_the_body_in_the_article_is_still_no_lead() -> None:
    tree = parse_html(
        f"""<html><body>{LOGIN_OVERLAY}<article><h1>Stadsnieuws</h1>{ARTICLE}
        <div class="teaser">Alle activiteiten van de zomer in één handig overzicht.</div>
        </article></body></html>"""
    )
    assert find_lead(tree) is None


def test_headline_marked_as_teaser_is_no_lead() -> None:
    """A teaser module whose title (an <h2> repeating the <title>) comes before its text."""
    tree = parse_html(
        """<html><head><title>Landeskirche will Missbrauch aufarbeiten | BR24</title></head>
        <body><article><header><section class="ArticleTeaser_wrapper">
        <h1 class="sr-only">Landeskirche will Missbrauch aufarbeiten</h1>
        <h2 class="ArticleTeaser_title">Landeskirche will Missbrauch aufarbeiten</h2>
        <p class="ArticleTeaser_text">In Coburg hat die Landessynode der Kirche begonnen.</p>
        </section></header><p>Tekst.</p></article></body></html>"""
    )
    assert find_lead(tree) == "In Coburg hat die Landessynode der Kirche begonnen."


def test_intro_of_a_comment_form_is_no_lead() -> None:
    tree = parse_html(
        """<html><body class="has-comments"><h1>Hotel Lunik</h1><p>Tekst.</p>
        <section class="teaserbox new_comment_box"><div class="intro">Bitte füllen Sie die
        Felder aus, um einen Kommentar zu verfassen.</div></section></body></html>"""
    )
    assert find_lead(tree) is None


def test_summary_under_a_page_class_naming_comments_is_a_lead() -> None:
    tree = parse_html(
        """<html><body class="has-comments detail"><article><header><h1>Roma</h1>
        <div class="story__summary">Il messaggio apparso su un cavalcavia nella notte.</div>
        </header><p>Tekst.</p></article></body></html>"""
    )
    assert find_lead(tree) == "Il messaggio apparso su un cavalcavia nella notte."


def test_summary_in_a_commentary_wrapper_is_a_lead_but_not_in_comments() -> None:
    page = """<html><body><div class="{cls}"><article><header><h1>Roma</h1>
        <div class="story__summary">Il messaggio apparso su un cavalcavia nella notte.</div>
        </header><p>Tekst.</p></article></div></body></html>"""
    lead = "Il messaggio apparso su un cavalcavia nella notte."
    assert find_lead(parse_html(page.format(cls="commentary-page"))) == lead
    assert find_lead(parse_html(page.format(cls="user-comments"))) is None
    assert find_lead(parse_html(page.format(cls="relatedArticles"))) is None


def test_important_line_height_class_photo_copyright_and_video_metadata_are_no_lead() -> None:
    tree = parse_html(
        """<html><body><h1>KI in der Schule</h1>
        <p class="richtext !leading-serif">Deutschunterricht in der siebten Klasse.</p>
        <div class="intro">Donald Trump bei einem Auftritt © ZUMA Press Wire / Imago Images</div>
        <div class="teaser">Panorama 28.04.2023 20:14 01:02 min</div>
        <div class="summary">Plus special access to select articles and other premium content
        with your account - free of charge.</div><p>Tekst.</p></body></html>"""
    )
    assert find_lead(tree) is None


def test_preface_preamble_and_strapline_mark_a_lead() -> None:
    for mark in ("preface", "article__preamble", "strapline", "doc_header__subheader"):
        tree = parse_html(
            f"""<html><body><article><header><h1>Hitze</h1>
            <p class="{mark}">Die nächste Hitzewelle wird kommen, Schienen und Straßen leiden.</p>
            </header>{ARTICLE}</article></body></html>"""
        )
        assert find_lead(tree) == "Die nächste Hitzewelle wird kommen, Schienen und Straßen leiden."


def test_lead_with_inline_links_is_taken_out_of_the_body_once() -> None:
    """The lead's words are split where the markup splits them, not around a link, so it
    equals its body paragraph ("According to Reuters, ...") and is not printed twice."""
    html = f"""<html><body><article><h1>WeWork investigated</h1>
      <p class="article__lead">WeWork is reportedly being investigated. According to
      <a href="https://reuters.com/x">Reuters</a>, the questions include its founder.</p>
      {ARTICLE}<h2>Meer</h2>{ARTICLE}</article></body></html>"""
    record = clean_html(html, url="https://news.example.com/wework")
    lead = (
        "WeWork is reportedly being investigated. "
        "According to Reuters, the questions include its founder."
    )
    assert record["lead"] == lead
    assert record["text"].count("According to Reuters") == 1


def test_lead_of_several_marked_paragraphs_is_one_lead_taken_out_of_the_body() -> None:
    """aftonbladet.se sets a standfirst as three <p class="lead">: one lead, none repeated."""
    sentences = (
        "Rekordmånga ryska ballistiska missiler avfyras mot Ukraina.",
        "Zelenskyj medger att Kiev inte kan försvara sig – och vädjar om hjälp.",
        "”Varje natt utan dem resulterar i fler offer”, skriver presidenten på X.",
    )
    lead_html = "".join(f'<p class="article-lead">{s}</p>' for s in sentences)
    html = f"""<html><body><article><header><h1>Natt av attacker</h1>{lead_html}</header>
      {ARTICLE}<h2>Meer</h2>{ARTICLE}</article></body></html>"""
    record = clean_html(html, url="https://news.example.com/ukraina")
    assert record["lead"] == " ".join(sentences)
    assert all(record["text"].count(s) == 1 for s in sentences)


def test_lead_art_picture_is_no_lead() -> None:
    tree = parse_html(
        """<html><body><article><h1>Trial</h1><div class="b-lead-art"><figure>
        <button><span class="visually-hidden">lead-art-block.fullscreen-enter</span>Expand</button>
        <img alt="x" src="a.jpg"><figcaption>She will face the music for her role in the unrest.
        </figcaption></figure></div>"""
        + ARTICLE
        + "</article></body></html>"
    )
    assert find_lead(tree) is None


def test_many_lead_marked_teasers_after_the_body_cost_linear_time() -> None:
    """4,000 teaser summaries (marked like a lead) after the body: each asked the
    ``preceding::`` axis for the long paragraphs before it (8 s); the page order is now read
    once. None is the lead, and a standfirst before the body still is."""
    body = "".join(f"<p>{k}: {LONG} {LONG}</p>" for k in range(20))
    cards = "".join(
        f'<div class="card"><h2>Story {k}</h2><p class="summary">Summary of story {k}, a '
        "teaser long enough to be taken for the lead of an article.</p></div>"
        for k in range(4000)
    )
    page = (
        f"<html><body><main><h1>Kop</h1>{{}}{body}<section>{cards}</section></main></body></html>"
    )
    tree = parse_html(page.format(""))
    started = time.perf_counter()
    assert find_lead(tree) is None
    assert time.perf_counter() - started < 2.5
    tree = parse_html(page.format(f'<p class="standfirst">{LONG}</p>'))
    assert find_lead(tree) == LONG


# --- the first sub-heading when the lead stands in the article header ----------------------

OPENING_PAGE = """<html lang="en"><head><title>Harbour plan approved</title></head><body><article>
<header>{kicker}<h1>Harbour plan approved</h1>
<p class="lead">The council has approved the harbour plan after a debate until midnight.</p>
</header>
<div class="body"><figure><img src="a.jpg"><figcaption>The harbour.</figcaption></figure>
{opening}<p>{p1}</p><p>{p2}</p><h2>What happens next</h2><p>{p3}</p></div></article>
</body></html>"""
P1 = "Councillors argued for almost six hours about the cost of the plan, which includes new quays."
P2 = "The opposition wanted to postpone the vote until a report on the soil was published."
P3 = "The first works are expected to start in the spring, when the ferry moves to a new landing."


def opening_headings(kicker: str = "", opening: str = "<h2>Six hours of debate</h2>") -> list:
    page = OPENING_PAGE.format(kicker=kicker, opening=opening, p1=P1, p2=P2, p3=P3)
    record = clean_html(page, url="https://news.example/harbour")
    assert record["lead"].startswith("The council has approved")
    return [(s["heading"], s["level"]) for s in record["sections"]]


def test_first_subheading_after_a_lead_in_the_header_is_kept() -> None:
    assert opening_headings() == [("Six hours of debate", 2), ("What happens next", 2)]
    assert opening_headings(opening="<h3>Six hours of debate</h3>")[0] == ("Six hours of debate", 3)


def test_kicker_before_the_lead_and_title_repeat_still_go() -> None:
    kicker = "<h2 class='kicker'>Waterfront</h2>"
    assert opening_headings(kicker=kicker) == [("Six hours of debate", 2), ("What happens next", 2)]
    repeat = "<h2>Harbour plan approved</h2><h2>Six hours of debate</h2>"
    assert opening_headings(opening=repeat) == [
        ("Six hours of debate", 2),
        ("What happens next", 2),
    ]
    assert opening_headings(opening="") == [(None, None), ("What happens next", 2)]


def test_leading_heading_without_a_lead_apart_still_goes() -> None:
    blocks = [H("Six hours of debate"), P(), P()]
    assert [s.heading for s in split_sections(blocks, leading_headings=False).sections] == [None]
    kept = [Block("heading", "Six hours of debate", 2, opens_body=True), P(), P()]
    body = split_sections(kept, leading_headings=False)
    assert [s.heading for s in body.sections] == ["Six hours of debate"]


def test_an_unmarked_standfirst_in_the_headline_header_is_the_lead() -> None:
    from cleaners.clean import clean_html

    html = (
        "<html><body><article><header class='x9'><h1>Het kabinet reageerde verrast op het "
        "besluit</h1><p class='q1'>De directie van het ziekenhuis onderzoekt de gevolgen van de "
        "droge zomer voor de landbouw, ondanks felle kritiek uit de oppositie.</p>"
        "<div><span>Door S. Visser</span></div></header><div class='b7'>"
        "<p>Het waterschap maakt zich zorgen over de stijgende kosten van energie, zo blijkt "
        "uit een rondgang langs betrokkenen in de hele regio.</p>"
        "<h3>Nieuwe cijfers</h3><p>Het waterschap maakt zich zorgen over de stijgende kosten "
        "van energie en vraagt het kabinet om een snelle oplossing.</p></div></article>"
        "</body></html>"
    )
    record = clean_html(html, url="https://x.example/2025/09/03/kabinet")
    assert record["lead"].startswith("De directie van het ziekenhuis")
    # a later paragraph starting like the first does not lend it its heading
    assert [s["heading"] for s in record["sections"]] == [None, "Nieuwe cijfers"]
