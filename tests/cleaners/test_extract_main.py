"""Main-content step: paragraphs of the kept paragraphs' template that trafilatura missed."""

from __future__ import annotations

import random
import re
import time

import pytest

from cleaners.clean import clean_html
from cleaners.report import CleaningReport
from cleaners.steps.extract_main import (
    Block,
    _Extracted,
    _headline_between,
    drop_boilerplate_blocks,
    prune_boilerplate,
    restore_template_paragraphs,
)
from cleaners.steps.parse import parse_html

URL = "https://news.example.com/economy/budget-tax-agency"
FIRST = (
    "The finance minister has allocated four billion to the revenue service in the current "
    "financial year to help it strengthen its capacity to collect more tax.",
    "The tax authority will use the money to hire more than a thousand debt collectors to "
    "claw back up to fifty billion a year in revenue owed to it.",
    "The minister made the announcement when he tabled the budget in parliament on "
    "Wednesday, his third attempt since February.",
)
SECOND = (
    "The two previous budget proposals were rejected by some ministers and by parties both "
    "inside and outside the government of national unity.",
    "The minister has also reduced allocations to the early retirement programme, which was "
    "cut by half for the coming three years.",
)
RELATED = (
    "Read our earlier report on how the revenue service plans to use artificial intelligence "
    "to find tax dodgers."
)


def _paragraphs(texts: tuple[str, ...], extra_class: str = "") -> str:
    rows = "".join(f'<p class="article-paragraph">{t}</p>' for t in texts)
    return (
        f'<div class="article-body"><div class="body articleBody {extra_class}">{rows}</div></div>'
    )


def _split_page(between: str = "", after: str = "") -> str:
    """An article whose body the CMS split in two blocks around an ad row (as rp.pl and
    timeslive.co.za do), a related-article box in the body's own markup, a footer."""
    return f"""<html lang="en"><head><title>Budget: tax agency gets money</title></head><body>
    <header class="site-header"><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
    <div id="article" class="article">
      <h1>Budget: tax agency gets money to hire debt collectors</h1>
      {_paragraphs(FIRST)}
      <div class="ad-row"><div class="advert-slot">Advertisement</div></div>
      {between}
      <div class="article-body"><div class="body articleBody -bottom-space">
        <p class="article-paragraph">{SECOND[0]}</p>
        <h2 class="article-header">Less for early retirement</h2>
        <p class="article-paragraph">{SECOND[1]}</p>
      </div></div>
      <aside class="related">{_paragraphs((RELATED,))}</aside>
      {after}
    </div>
    <footer><p>Copyright 2025 The Daily Example. All rights reserved.</p></footer>
    </body></html>"""


def test_body_split_around_an_ad_row_is_read_whole() -> None:
    record = clean_html(_split_page(), url=URL)
    assert [(s["heading"], s["paragraphs"]) for s in record["sections"]] == [
        (None, [*FIRST, SECOND[0]]),
        ("Less for early retirement", [SECOND[1]]),
    ]
    assert RELATED not in record["text"]


def test_a_second_article_after_another_headline_is_not_appended() -> None:
    """An infinite-scroll page renders the next article, with its own <h1>, in the same
    markup: its paragraphs belong to another record."""
    next_article = "<h1>Fuel price to rise again next month</h1>" + _paragraphs(
        (
            "Motorists will pay more for petrol from Wednesday, the energy department said "
            "on Monday, after a weaker currency pushed up import costs again.",
            "Diesel will rise by a smaller amount, while the price of paraffin stays the same "
            "for the time being, the department added in its statement.",
        )
    )
    record = clean_html(_split_page(between=next_article), url=URL)
    assert "Motorists" not in record["text"]
    assert "Diesel" not in record["text"]
    # nor the rest of the first article's markup past that headline: the record is the first
    # block, whole
    assert [s["paragraphs"] for s in record["sections"]] == [list(FIRST)]


def test_comments_in_the_body_markup_are_not_restored() -> None:
    comments = (
        '<section class="comments-section"><h3>Reader comments</h3>'
        + _paragraphs(
            (
                "This budget is a disgrace and the minister should resign before he does any "
                "more damage to the economy of this country.",
            )
        )
        + "</section>"
    )
    record = clean_html(_split_page(after=comments), url=URL)
    assert "disgrace" not in record["text"]
    assert SECOND[1] in record["text"]


def test_excluded_regions_are_named_by_whole_words_or_word_starts() -> None:
    """'comments', 'nav', 'bio-box' and 'related-posts' name furniture; 'commentary',
    'navy', 'biology' and 'shareholders' do not."""
    from cleaners.rules.boilerplate import (
        RESTORE_EXCLUDED_TOKENS,
        RESTORE_EXCLUDED_WORDS,
        class_words,
    )

    mark = class_words(RESTORE_EXCLUDED_TOKENS, RESTORE_EXCLUDED_WORDS)
    for furniture in ("comments", "comment-list", "site_nav", "bio-box", "related-posts",
                      "x sidebar-left", "advertisement"):
        assert mark.search(furniture), furniture
    for text in ("commentary", "navy-blue", "biology", "shareholders"):
        assert not mark.search(text), text


def _wrapped(text: str) -> str:
    """One paragraph in its own wrapper, as block-based CMSs (bbc.com) render a body."""
    return f'<div class="text-block"><div class="rich-text"><p class="para">{text}</p></div></div>'


BBC_LIKE = (
    "Nato has 32 members across Europe and North America, the original founders plus "
    "twenty countries which have joined since 1949.",
    "Finland, which has a long land border with Russia, joined in April 2023.",
    "Sweden became a member in March 2024, after Turkey and Hungary dropped their objections.",
    "Ukraine, Bosnia and Herzegovina, and Georgia are not members but have asked to join.",
)


def test_restored_paragraph_goes_before_the_next_heading() -> None:
    html = (
        "<html><body><article><h1>What is Nato?</h1>"
        + _wrapped(BBC_LIKE[0])
        + _wrapped(BBC_LIKE[1])
        + _wrapped(BBC_LIKE[2])
        + '<div class="subheadline"><h2>Why is Ukraine not a member?</h2></div>'
        + _wrapped(BBC_LIKE[3])
        + "</article></body></html>"
    )
    tree = parse_html(html)
    kept = [
        Block("paragraph", BBC_LIKE[0]),
        Block("paragraph", BBC_LIKE[1]),
        Block("heading", "Why is Ukraine not a member?", 2),
        Block("paragraph", BBC_LIKE[3]),
    ]
    assert restore_template_paragraphs(tree, kept) == [
        kept[0],
        kept[1],
        Block("paragraph", BBC_LIKE[2]),
        kept[2],
        kept[3],
    ]


def test_restored_text_splits_at_line_breaks_and_skips_labels() -> None:
    html = (
        "<html><body><article><h1>Letters</h1>"
        + _wrapped(BBC_LIKE[0])
        + _wrapped(BBC_LIKE[1])
        + _wrapped(BBC_LIKE[2])
        + _wrapped("Thank you for the fine reporting over the years.<br>Robert Matthews")
        + _wrapped("Shauna Lyon, Goings On editor")
        + "</article></body></html>"
    )
    kept = [Block("paragraph", t) for t in BBC_LIKE[:3]]
    restored = restore_template_paragraphs(parse_html(html), kept)
    assert restored == kept  # a signature line and a byline: no sentence
    html = html.replace("<br>Robert Matthews", "<br>We will miss her columns every day.")
    restored = restore_template_paragraphs(parse_html(html), kept)
    assert [b.text for b in restored[3:]] == [
        "Thank you for the fine reporting over the years.",
        "We will miss her columns every day.",
    ]


def test_line_breaks_in_a_kept_paragraph_split_it() -> None:
    """A letter's signature ("Name<br>Place") or an address: one paragraph per line, as
    trafilatura's own text output and the benchmarks' truths have them."""
    letters = "".join(f"<p>{t}</p><p>Robert Matthews<br>San Clemente</p>" for t in BBC_LIKE)
    html = f"<html><body><article><h1>Letters to Sports</h1>{letters}</article></body></html>"
    record = clean_html(html, url="https://news.example.com/letters")
    paragraphs = record["sections"][0]["paragraphs"]
    assert paragraphs[:3] == [BBC_LIKE[0], "Robert Matthews", "San Clemente"]


def test_a_page_of_bare_paragraphs_is_left_alone() -> None:
    """<div><p> without any class is every region of a page: no template to trust."""
    html = (
        "<html><body><div><div><p>"
        + "</p><p>".join(BBC_LIKE[:3])
        + "</p></div></div><div><div><p>"
        + BBC_LIKE[3]
        + "</p></div></div></body></html>"
    )
    kept = [Block("paragraph", t) for t in BBC_LIKE[:3]]
    assert restore_template_paragraphs(parse_html(html), kept) == kept


def test_text_heading_line_whose_paragraph_was_boilerplate_stays_text() -> None:
    """In plain text a short line reads as a heading because a paragraph follows it; when
    that paragraph is boilerplate and goes, the line is the text's last paragraph."""
    blocks = [
        Block("paragraph", "De raad stemde dinsdag in met het plan."),
        Block("heading", "Tot slot"),
        Block("paragraph", "Join our newsletter"),
    ]
    kept = drop_boilerplate_blocks(blocks, CleaningReport(), templates=True)
    assert kept == [blocks[0], Block("paragraph", "Tot slot")]
    assert drop_boilerplate_blocks(blocks, CleaningReport()) == blocks[:2]  # HTML: as found


def test_unclassed_wrappers_take_the_first_classed_ancestor_as_template() -> None:
    """<div class=block><div><div><p> per paragraph (standard.co.uk): the template reaches
    the classed block, so the bare <div><div><p> of the footer is not taken for it."""

    def block(text: str) -> str:
        inner = f"<div><div><p>{text}</p></div></div>"
        return f'<div class="sc-TiCsR"><div class="sc-bdkDcZ">{inner}</div></div>'

    html = (
        "<html><body><article><h1>Chelsea</h1>"
        + "".join(block(t) for t in BBC_LIKE)
        + "</article><div><div><p>This site uses cookies, which you can change at any time.</p>"
        + "</div></div></body></html>"
    )
    kept = [Block("paragraph", t) for t in BBC_LIKE[1:]]
    assert restore_template_paragraphs(parse_html(html), kept) == [
        Block("paragraph", BBC_LIKE[0]),
        *kept,
    ]


def test_paywall_share_left_to_read_is_boilerplate() -> None:
    blocks = [
        Block("paragraph", "Sous les dorures du palais de l’Elysée, ils ont fait connaissance."),
        Block(
            "paragraph",
            "Il vous reste 57.09% de cet article à lire. La suite est réservée aux abonnés.",
        ),
    ]
    assert drop_boilerplate_blocks(blocks, CleaningReport()) == blocks[:1]
    for note in ("You have 80% of this article left to read.",
                 "Sie haben 30 % des Artikels gelesen. Weiterlesen mit Abo",
                 "Te queda por leer el 75% de este artículo"):
        assert drop_boilerplate_blocks([blocks[0], Block("paragraph", note)],
                                       CleaningReport()) == blocks[:1], note
    prose = Block("paragraph", "Only 40% of the article's readers read it to the end, a study "
                  "of reading habits found; the rest left after the first screen.")
    assert drop_boilerplate_blocks([blocks[0], prose], CleaningReport()) == [blocks[0], prose]


def test_request_to_bookmark_the_site_is_boilerplate() -> None:
    blocks = [
        Block("paragraph", "India said it struck nine sites in Pakistan overnight."),
        Block(
            "paragraph",
            "Our website is the place for the latest breaking news, exclusive scoops, longreads "
            "and provocative commentary. Please bookmark nationalpost.com and sign up for our "
            "newsletters here.",
        ),
        Block(
            "paragraph",
            "The archive's volunteers said readers who still write in to please bookmark the old "
            "address should know it closes in May, and that the scanned letters, maps and "
            "photographs will move to the county library, where a reading room opens in June "
            "with longer hours and staff to help with searches.",
        ),
    ]
    kept = drop_boilerplate_blocks(blocks, CleaningReport())
    assert kept == [blocks[0], blocks[2]]  # a long paragraph quoting the words is no note


def test_empty_icon_elements_do_not_cut_the_sentence_after_them() -> None:
    """trafilatura's precision mode drops an empty <span>/<i>/<b>/<em>/<strong> with the text
    after it (mdr.de links open with an icon span, mirror.co.uk leaves empty <strong>s)."""
    paragraphs = (
        'Er erklärte, bei hohen Temperaturen <a href="https://www.autobahn.de/hitze">'
        '<span class="icon icon-extlink"></span>dehne der Beton sich aus</a>. Das führe zu '
        "erhöhter Spannung, bis die Fahrbahn an einzelnen Stellen aufbricht.",
        'Even when a police officer first called, he recalled: “I <strong class="s"></strong>'
        "proceeded to knock on the door for approximately ten minutes.”",
        "Die Schäden zu beheben wird laut Kauert noch Jahre dauern, vorbeugende Tempolimits "
        "seien nicht ausgeschlossen, weil Schäden während der Fahrt schwer zu erkennen sind.",
    )
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = f"<html><body><article><h1>Hitze</h1>{body}</article></body></html>"
    text = clean_html(html, url="https://news.example.com/hitze")["text"]
    assert "bei hohen Temperaturen dehne der Beton sich aus. Das führe" in text
    assert "“I proceeded to knock on the door" in text


def test_chinese_comment_and_follow_buttons_are_furniture() -> None:
    blocks = [
        Block("paragraph", "国务院新闻办公室今天举行新闻发布会。"),
        Block("paragraph", "评论"),
    ]
    assert drop_boilerplate_blocks(blocks, CleaningReport()) == blocks[:1]


def _prune(html: str) -> tuple[str, int]:
    tree = parse_html(html)
    report = CleaningReport()
    prune_boilerplate(tree, report)
    return " ".join(tree.text_content().split()), report.boilerplate_removed


def test_screen_reader_copies_sharing_a_parent_are_judged_each() -> None:
    """Of two screen-reader-only elements in one parent, the one whose words the parent
    shows anyway goes, the other stays (each parent's text is read once for all of them)."""
    html = """<html><body><div class="card"><span class="sr-only">Brug gaat dicht</span>
      <a href="/brug">Brug gaat dicht</a> <span class="sr-only">Opent in nieuw venster</span>
      </div></body></html>"""
    text, removed = _prune(html)
    assert (text, removed) == ("Brug gaat dicht Opent in nieuw venster", 1)


def test_many_screen_reader_elements_in_one_parent_cost_linear_time() -> None:
    """5,000 screen-reader notes beside the paragraphs of one body: the body's text was
    read and normalised again for each (9 s), now once."""
    rows = "".join(
        f"<p>Paragraph {k} opens with a sentence about the council and its plans.</p>"
        f'<span class="visually-hidden">Skip advert {k}x</span>'
        for k in range(5000)
    )
    started = time.perf_counter()
    text, removed = _prune(f"<html><body><div class='body'>{rows}</div></body></html>")
    assert time.perf_counter() - started < 2.5
    assert removed == 0 and "Skip advert 4999x" in text


def test_thousands_of_screen_reader_copies_in_one_parent_cost_linear_time() -> None:
    """14,000 screen-reader elements under one body (7 s before): judged against their
    siblings; the copies of a sibling go, the notes shown nowhere else stay."""
    rows = "".join(
        f"<p>Paragraph {k} opens with a sentence about the council and its plans.</p>"
        f'<span class="sr-only">Skip advert {k}x</span>'
        f'<span class="sr-only">Teaser headline {k}</span><a href="/t/{k}">Teaser headline {k}</a>'
        for k in range(7000)
    )
    started = time.perf_counter()
    text, removed = _prune(f"<html><body><div class='body'>{rows}</div></body></html>")
    assert time.perf_counter() - started < 5
    assert removed == 7000
    assert "Skip advert 6999x" in text and text.count("Teaser headline 6999") == 1


@pytest.mark.parametrize("probes", [1, 10**9], ids=["searched", "word-tables-first"])
def test_extracted_text_test_equals_a_substring_search(probes: int) -> None:
    """The cheap tests before the substring search never change its answer (they run when
    the searches would read more than the budget: many probes)."""
    rng = random.Random(7)
    words = ["a", "b", "ab", "ba", "the", "cat", "x"]
    for _ in range(2000):
        blocks = [
            Block("paragraph", " ".join(rng.choices(words, k=rng.randint(1, 10))))
            for _ in range(rng.randint(1, 4))
        ]
        extracted = _Extracted(blocks, probes)
        for _ in range(10):
            seps = rng.choices(" \n", weights=(3, 1), k=rng.randint(1, 5))
            part = "".join(rng.choice(words) + sep for sep in seps).rstrip(" ")
            if rng.random() < 0.4:  # a piece cut from the text at any character
                start = rng.randrange(len(extracted.text))
                part = extracted.text[start : start + rng.randint(1, 30)]
            assert extracted.holds(part) == (part in extracted.text), (part, extracted.text)


def _restore_cpu_seconds(n: int) -> float:
    texts = [f"Number {i}: the council met to discuss the budget for the bridge, {i}."
             for i in range(n)]
    rows = "".join(f'<div class="wrap"><p class="para">{t}</p></div>' for t in texts)
    tree = parse_html(f"<html><body><article class='body'><h1>T</h1>{rows}</article></body></html>")
    kept = [Block("paragraph", t) for t in texts[::2]]
    started = time.process_time()
    restored = restore_template_paragraphs(tree, kept)
    spent = time.process_time() - started
    assert [b.text for b in restored] == texts
    return spent


def test_restoring_on_a_page_of_many_paragraphs_costs_linear_time() -> None:
    """30,000 template paragraphs, trafilatura keeping every other one: each paragraph's text
    was searched for in the whole extracted text (5 s), now answered by set lookups. Six
    times the paragraphs cost about six times the CPU (quadratic: 36 times); CPU time of this
    process, so a loaded machine does not decide it."""
    small = max(_restore_cpu_seconds(5000), 0.01)
    assert _restore_cpu_seconds(30000) < 15 * small


def test_headline_between_is_an_h1_strictly_between_candidate_and_kept_text() -> None:
    """Same answer as testing every <h1> against the candidate and the kept span."""
    rng = random.Random(11)
    for _ in range(5000):
        positions = rng.sample(range(40), 12)
        h1s = sorted(positions[:4])
        first, last = sorted(positions[4:6])
        for i in positions[6:]:
            slow = any(min(i, first) < h < max(i, last) and not first < h < last for h in h1s)
            assert _headline_between(h1s, i, first, last) == slow


def test_restoring_among_thousands_of_headlines_costs_linear_time() -> None:
    """12,000 <h1>-and-paragraph pairs (a page of teasers), five paragraphs kept: every
    candidate was tested against every <h1> (5 s); none comes back past another <h1>."""
    texts = [
        f"Number {i}: the council met to discuss the budget for the bridge, {i}."
        for i in range(12000)
    ]
    rows = "".join(
        f'<h1>Head {i}</h1><div class="wrap"><p class="para">{t}</p></div>'
        for i, t in enumerate(texts)
    )
    tree = parse_html(f"<html><body><article class='body'>{rows}</article></body></html>")
    kept = [Block("paragraph", t) for t in texts[6000:6005]]
    started = time.perf_counter()
    assert restore_template_paragraphs(tree, kept) == kept
    assert time.perf_counter() - started < 2.5


def test_a_kept_paragraph_with_a_line_break_is_not_restored_again() -> None:
    """Its lines are two blocks of the extracted text; its whole text, read with a space for
    the break, is in neither: it was taken for missed text and printed twice."""
    broken = "He said the talks would resume on Monday.<br>The minister agreed to it."
    rows = "".join(f'<p class="article-paragraph">{t}</p>' for t in (*FIRST[:2], broken, FIRST[2]))
    html = f"""<html><body><div id="article" class="article"><h1>Budget talks</h1>
      <div class="article-body"><div class="body articleBody">{rows}</div></div></div>
      </body></html>"""
    paragraphs = clean_html(html, url=URL)["sections"][0]["paragraphs"]
    assert paragraphs == [
        *FIRST[:2],
        "He said the talks would resume on Monday.",
        "The minister agreed to it.",
        FIRST[2],
    ]


def test_boilerplate_inside_a_removed_block_is_not_counted_again() -> None:
    """A newsletter box holding a marked inner box and a screen-reader copy is one block
    removed (each was dropped again inside the detached box and counted: 3)."""
    html = """<html><body><article><p>De raad stemde dinsdag in met het plan.</p>
      <div class="newsletter-box"><div class="newsletter-inner">Schrijf je in</div>
      <span class="sr-only">Aanmelden</span> <a href="/nieuwsbrief">Aanmelden</a></div>
      </article></body></html>"""
    assert _prune(html) == ("De raad stemde dinsdag in met het plan.", 1)


def test_an_article_kept_only_in_noscript_is_read() -> None:
    """Blog platforms and old CMSs draw the article with a script and keep its one static
    copy in <noscript>: that copy is the text; a short "enable JavaScript" note is not."""
    body = "".join(f"<p>{p}</p>" for p in FIRST + SECOND)
    html = f"""<html><body><header><nav><a href="/">Home</a></nav></header>
    <noscript><p>Please enable JavaScript to view the comments.</p></noscript>
    <div class="post"><h1>Budget: tax agency gets money</h1>
    <script type="text/template">{{{{ post.body }}}}</script>
    <noscript><div class="post-content">{body}</div></noscript></div>
    <footer><p>Copyright 2025 The Daily Example.</p></footer></body></html>"""
    record = clean_html(html, url=URL)
    for paragraph in FIRST + SECOND:
        assert paragraph in record["text"]
    assert "enable JavaScript" not in record["text"]


def test_soft_hyphens_and_zero_width_spaces_leave_the_text() -> None:
    """A soft hyphen is invisible to a reader; left in, "Ita\\u00adli\\u00adens" is not
    "Italiens" to a search or a tokeniser. Zero-width joiners (Persian, emoji) stay."""
    paragraphs = (
        "Das fa\u00adschis\u00adti\u00adsche Regime reihte den Wein 1931 unter die gro\u00adßen "
        "Weine Ita\u00adli\u00adens, neben Barolo und Barbaresco, was aber eher ein Zufall war.",
        "Die Win\u200bzer schlossen sich 1927 zu einer Schutz\u2060gemeinschaft zusammen und "
        "definierten so das Kerngebiet, dessen Weine den Zusatz klassisch tragen dürfen.",
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 " * 12,
    )
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = f"<html><body><article><h1>Wein</h1>{body}</article></body></html>"
    text = clean_html(html, url="https://wein.example.de/st-magdalener")["text"]
    assert "großen Weine Italiens, neben Barolo" in text
    assert "Die Winzer schlossen sich 1927 zu einer Schutzgemeinschaft zusammen" in text
    assert "\u00ad" not in text and "\u200b" not in text
    assert "\u0645\u06cc\u200c\u062e" in text


def _trafilatura_runs(monkeypatch) -> list[bool]:
    """The ``fast`` flag of each trafilatura run the cleaning makes, as it makes them (the
    real trafilatura runs; the list only records them)."""
    import cleaners.steps.extract_main as extract_main

    calls: list[bool] = []
    real = extract_main.bare_extraction

    def counted(*args, **kwargs):
        calls.append(kwargs["fast"])
        return real(*args, **kwargs)

    monkeypatch.setattr(extract_main, "bare_extraction", counted)
    return calls


def test_a_short_article_kept_whole_is_not_retried(monkeypatch) -> None:
    """A first text as long as the page's largest run of paragraphs (the article is short,
    under the retry length, and was kept) runs trafilatura once, not three times."""
    calls = _trafilatura_runs(monkeypatch)
    paragraphs = "".join(f"<p>{t}</p>" for t in FIRST)
    page = f"<html><body><article><h1>Budget</h1>{paragraphs}</article></body></html>"
    record = clean_html(page, url=URL)
    assert calls == [True]
    assert record["text"].split("\n\n") == list(FIRST)


def test_a_short_text_holding_most_of_the_page_is_not_retried(monkeypatch) -> None:
    """A first text under the retry length that is not one run of paragraphs (each paragraph
    in its own wrapper) but holds most of the page's text outside links runs trafilatura
    once: a retry is only taken when it doubles the text."""
    calls = _trafilatura_runs(monkeypatch)
    wrapped = "".join(f'<div class="para"><p>{t}</p></div>' for t in FIRST + SECOND)
    menu = "".join(f'<li><a href="/{n}">Section {n}</a></li>' for n in range(12))
    page = (f"<html><body><nav><ul>{menu}</ul></nav><article><h1>Budget</h1>{wrapped}"
            "</article></body></html>")
    record = clean_html(page, url=URL)
    assert calls == [True]
    assert record["text"].split("\n\n") == list(FIRST + SECOND)


def test_follow_us_lines_and_agency_initials_are_boilerplate() -> None:
    """A short line naming two platforms with a follow/download verb, in any language, and
    the writers' and agencies' initials closing a report, go; a sentence about platforms
    stays."""
    first = Block("paragraph", "Die Regierung hat am Montag neue Regeln für Mieten vorgestellt.")
    for line in ("Síguenos en Telegram, Instagram, Facebook y Twitter para recibir en directo "
                 "todas nuestras actualizaciones",
                 "For the latest stories download the Nationnews apps for iOS and Android.",
                 "Folgen Sie uns auf Instagram und TikTok!", "aja/PAP", "(dpa/lnw)"):
        assert drop_boilerplate_blocks([first, Block("paragraph", line)],
                                       CleaningReport()) == [first], line
    prose = Block("paragraph", "Meta owns Facebook and Instagram and follows a strategy of "
                  "buying its rivals, the complaint says.")
    assert drop_boilerplate_blocks([first, prose], CleaningReport()) == [first, prose]


def test_appendix_labels_and_paywall_notes_are_boilerplate() -> None:
    """A lone appendix label ("Kontakt:", "Weitere Informationen:", "Von:") and a paywall's
    notes ("To view the full story, please subscribe", "already a subscriber? log in") go; a
    label with its content, and a sentence about subscribing, stay."""
    first = Block("paragraph", "Die Regierung hat am Montag neue Regeln für Mieten vorgestellt.")
    for block in (Block("paragraph", "Kontakt:"), Block("heading", "Weitere Informationen:"),
                  Block("paragraph", "Von:"), Block("heading", "Quellenangaben:"),
                  Block("paragraph", "To view the full story, please subscribe to The Times."),
                  Block("paragraph", "If you are seeing this message but you’re already a "
                        "subscriber, you can log in for immediate access."),
                  Block("paragraph", "Pour lire la suite, abonnez-vous.")):
        assert drop_boilerplate_blocks([first, block], CleaningReport()) == [first], block
    for text in ("Kontakt: Rathaus, Zimmer 12, montags 9 bis 12 Uhr",
                 "To read the report, the council says, residents must subscribe to updates."):
        kept = Block("paragraph", text)
        assert drop_boilerplate_blocks([first, kept], CleaningReport()) == [first, kept]


def test_affiliate_disclosures_and_letters_invitations_are_boilerplate() -> None:
    first = Block("paragraph", "The agency approved the drug on Monday after two years of trials.")
    for note in ("This post contains references to products from one or more of our "
                 "advertisers. We may receive compensation when you click on links.",
                 "Dieser Artikel enthält Affiliate-Links.",
                 "We want to hear what you think about this article. Submit a letter to the "
                 "editor or write to letters@example.com."):
        assert drop_boilerplate_blocks([first, Block("paragraph", note)],
                                       CleaningReport()) == [first], note
    prose = Block("paragraph", "The article contains references to products that the court "
                  "banned in 2019, the ruling says.")
    assert drop_boilerplate_blocks([first, prose], CleaningReport()) == [first, prose]


def test_rules_for_short_texts_are_skipped_only_where_they_cannot_match() -> None:
    """A rule opening with "^(?=.{0,N}+$)" matches no text longer than N (N + 1 with a final
    line break): the gated test answers as every rule tried on every text does, around each
    bound, with and without line breaks."""
    from cleaners.rules.boilerplate import (
        BOILERPLATE_HEADINGS,
        BOILERPLATE_PARAGRAPHS,
        length_bound,
    )
    from cleaners.steps.extract_main import _is_boilerplate

    rules = (*BOILERPLATE_PARAGRAPHS, *BOILERPLATE_HEADINGS)
    bounds = sorted({b for _, rx in rules if (b := length_bound(rx)) is not None})
    assert bounds and all(b > 1 for b in bounds)
    assert length_bound(re.compile(r"^(?=.{0,40}+$)x")) == 41
    assert length_bound(re.compile(r"x(?=.{0,40}+$)")) is None
    seeds = ("all rights reserved", "Follow us on Facebook and Instagram", "Reporting by A. B.",
             "Newsletter", "please bookmark this page", "Updated", "cookies accept")
    rng = random.Random(7)
    for bound in bounds:
        for seed in seeds:
            for size in (bound - 2, bound - 1, bound, bound + 1):
                pad = "x" * max(0, size - len(seed) - 1)
                for text in (f"{seed} {pad}", f"{pad} {seed}", f"{seed} {pad}\n",
                             f"{seed}\n{pad}", f"{seed} " + " ".join(
                                 rng.choice(("a", "bc", "déf")) for _ in range(size // 3))):
                    for kind, kind_rules in (("paragraph", BOILERPLATE_PARAGRAPHS),
                                             ("heading", BOILERPLATE_HEADINGS)):
                        every = any(rx.search(text) for _, rx in kind_rules)
                        assert _is_boilerplate(Block(kind, text)) == every, (kind, text)


_BIO_CASE = "tests/fixtures/en-herald/council-vote-writer-bio"


def _article_page(*, articles: int = 1, outside: str = "") -> str:
    body = "".join(f"<p>{text}</p>" for text in FIRST + SECOND)
    parts = [f"<article><h1>Budget</h1>{body}</article>" for _ in range(articles)]
    return (f"<html><body><nav><a href='/'>Home</a></nav>{''.join(parts)}{outside}"
            "<footer><p>Footer</p></footer></body></html>")


def test_the_first_run_reads_a_lone_article_holding_the_paragraph_text() -> None:
    from cleaners.config import DEFAULT_CONFIG
    from cleaners.steps.extract_main import _lone_article

    tree = parse_html(_article_page(outside="<p>Tail text after the article.</p>"))
    lone = _lone_article(tree, DEFAULT_CONFIG)
    assert lone is not None
    document, inside = lone
    assert [el.tag for el in document.body] == ["article"]
    assert document.body[0].tail is None and inside == sum(len(t) for t in FIRST + SECOND)
    assert tree.find(".//article") is not None  # the page itself is left as it was


def test_a_lone_main_or_aria_main_stands_in_for_the_article() -> None:
    from cleaners.config import DEFAULT_CONFIG
    from cleaners.steps.extract_main import _lone_article

    page = _article_page(articles=2).replace("<article>", "<main><article>", 1)
    page = page.replace("</article><footer>", "</article></main><footer>")
    lone = _lone_article(parse_html(page), DEFAULT_CONFIG)
    assert lone is not None and [el.tag for el in lone[0].body] == ["main"]
    aria = page.replace("<main>", "<div role='main'>").replace("</main>", "</div>")
    lone = _lone_article(parse_html(aria), DEFAULT_CONFIG)
    assert lone is not None and lone[0].body[0].get("role") == "main"


def test_no_lone_article_with_two_articles_or_most_text_outside() -> None:
    from cleaners.config import DEFAULT_CONFIG
    from cleaners.steps.extract_main import _lone_article

    assert _lone_article(parse_html(_article_page(articles=2)), DEFAULT_CONFIG) is None
    rest = "<div>" + "".join(f"<p>{text}</p>" for text in FIRST + SECOND) + "</div>"
    assert _lone_article(parse_html(_article_page(outside=rest)), DEFAULT_CONFIG) is None
    assert _lone_article(parse_html("<html><body><p>No article.</p></body></html>"),
                         DEFAULT_CONFIG) is None


def test_a_writer_box_beside_the_lone_article_stays_out_unless_the_page_is_read() -> None:
    """The wrapper trafilatura picks on the whole page holds the article and a writer's bio;
    read alone, the article gives the article. When the article run counts as too short
    (``lone_article_min_kept`` set out of reach here), the whole page is read after all."""
    from pathlib import Path

    from cleaners.config import CleanConfig

    page = (Path(__file__).resolve().parents[2] / _BIO_CASE / "page.html").read_text()
    bio = "Maria Lindqvist has covered local politics"
    article = clean_html(page, url=URL)
    assert bio not in article["text"] and "cycle lanes along the full length" in article["text"]
    whole = clean_html(page, url=URL, cfg=CleanConfig(lone_article_min_kept=100.0))
    assert bio in whole["text"] and "cycle lanes along the full length" in whole["text"]
