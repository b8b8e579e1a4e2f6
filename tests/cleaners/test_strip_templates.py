"""Template-artefact step: real HTML parsed with lxml, real seed text, no mocks."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from cleaners.clean import clean_text
from cleaners.report import CleaningReport
from cleaners.steps.strip_templates import (
    has_template_syntax,
    strip_template_artefacts,
    strip_template_text,
)

SEED = Path(__file__).resolve().parents[2] / "crawler" / "demo_site" / "seed-article.txt"
SEED_TEXT = SEED.read_text("utf-8")  # the article of DESIGN.md, "The case it exists for"
SEED_PARAGRAPHS = [p.strip() for p in SEED_TEXT.split("\n\n") if p.strip()]
WIDGET_TEXT = next(p for p in SEED_PARAGRAPHS if "{{" in p)
PROSE = (
    "Rusland en Noord-Korea zijn sinds vorig jaar gebonden aan een wederzijds "
    "verdedigingsverdrag, en beide landen zijn internationaal in een isolement beland."
)
PROSE2 = (
    "De gastenlijst omvatte nog meer geïsoleerde leiders, waaronder de Iraanse president "
    "Masoud Pezeshkian, en er waren geen leiders van Westerse landen aanwezig."
)
WIDGET_NESTED = """
<div class="c-block-7">
  <div class="c-block-7__m"><span>{{ trans('customs.newsletter_signup.responsemsg') }}</span></div>
  <div><p>{{ title }}</p><p><span>{{ subTitle }}</span></p></div>
  <form method="post" action="/subscribe">
    <h3>{{ trans('customs.newsletter_signup.header') }}</h3>
    <input type="email" name="email">
    <button type="submit">{{ trans('customs.buttons.signup') }}</button>
    <p class="small">Vul een geldig emailadres in.</p>
    <span class="error">{{ errors . email[0] }}</span>
  </form>
</div>"""


def clean(html: str) -> tuple[lxml.html.HtmlElement, CleaningReport]:
    """Parse, strip, return the tree and the report."""
    tree = lxml.html.fromstring(html)
    report = CleaningReport()
    strip_template_artefacts(tree, report)
    return tree, report


def text_of(tree: lxml.html.HtmlElement) -> str:
    """Visible body text, text nodes joined by spaces, whitespace normalised."""
    body = tree.find(".//body")
    return " ".join(" ".join((body if body is not None else tree).itertext()).split())


def article(*inner: str) -> str:
    """An article page with the given body parts between two real paragraphs."""
    return (
        "<html><head><title>Nieuws</title></head><body><article>"
        f"<h1>Xi, Poetin en Kim in Peking</h1><p>{PROSE}</p>{''.join(inner)}<p>{PROSE2}</p>"
        "</article></body></html>"
    )


# --- the seed case ------------------------------------------------------------------------


def test_seed_plain_text_widget_paragraph_goes_others_stay_verbatim() -> None:
    report = CleaningReport()
    out = [strip_template_text(p, report) for p in SEED_PARAGRAPHS]
    assert out[SEED_PARAGRAPHS.index(WIDGET_TEXT)] is None
    assert [o for o in out if o is not None] == [p for p in SEED_PARAGRAPHS if p != WIDGET_TEXT]
    assert report.template_blocks_removed == 1
    assert report.template_tokens_removed == 0
    assert report.syntaxes == {"mustache"}
    assert report.samples and report.samples[0].startswith("{{ trans(")


def test_seed_widget_nested_in_neutral_div_goes_whole() -> None:
    tree, report = clean(article(WIDGET_NESTED))
    text = text_of(tree)
    assert "{{" not in text and "Vul een geldig emailadres in." not in text
    assert PROSE in text and PROSE2 in text and "Xi, Poetin en Kim in Peking" in text
    assert tree.xpath("//form") == [] and tree.xpath("//input") == []
    assert report.template_blocks_removed == 1  # the widget div, not its parts
    assert "mustache" in report.syntaxes


def test_seed_widget_flattened_to_one_paragraph() -> None:
    tree, report = clean(article(f"<p>{WIDGET_TEXT}</p>"))
    assert text_of(tree) == f"Xi, Poetin en Kim in Peking {PROSE} {PROSE2}"
    assert report.template_blocks_removed == 1 and len(tree.xpath("//p")) == 2


def test_seed_widget_as_html_of_whole_seed_article() -> None:
    body = "".join(f"<p>{p}</p>" for p in SEED_PARAGRAPHS)
    tree, report = clean(f"<html><body><div class='content'>{body}</div></body></html>")
    kept = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    assert kept == [p for p in SEED_PARAGRAPHS if p != WIDGET_TEXT]
    assert report.template_blocks_removed == 1


@pytest.mark.parametrize(
    "wrapper",
    [
        "<h2>{}</h2>",
        "<ul><li>{}</li></ul>",
        "<p><span><span>{}</span></span></p>",
        "<section><aside>{}</aside></section>",
        "<table><tr><td>{}</td></tr></table>",
    ],
)
def test_seed_widget_in_other_blocks(wrapper: str) -> None:
    tree, report = clean(article(wrapper.format(WIDGET_TEXT)))
    assert text_of(tree) == f"Xi, Poetin en Kim in Peking {PROSE} {PROSE2}"
    assert report.template_blocks_removed == 1


def test_container_with_real_paragraphs_keeps_them() -> None:
    short_real = "Het kabinet komt morgen met een reactie op het nieuws."  # 10 words
    tree, _ = clean(
        "<html><body><section><p>Kort.</p>"
        f"<p>{short_real}</p><div>{WIDGET_TEXT}</div></section></body></html>"
    )
    assert text_of(tree) == f"Kort. {short_real}"


# --- every syntax, as a block and inline --------------------------------------------------

SYNTAXES = [
    ("{{ title }}", "mustache"),
    ("{{{ body_html }}}", "mustache"),
    ("@{{ user.name }}", "mustache"),
    ("{!! $article->body !!}", "blade-raw"),
    ("{% if user.is_authenticated %}", "jinja-block"),
    ("{# TODO: remove banner #}", "jinja-comment"),
    ("&lt;&lt; trans('customs.buttons.signup') &gt;&gt;", "guillemet-trans"),
    ("&lt;%= @article.title %&gt;", "erb"),
    ("${article.author}", "js-template"),
    ("[[ headline ]]", "double-bracket"),
    ("@lang('customs.newsletter.title')", "blade-lang"),
    ("__('Subscribe now')", "gettext"),
    ("customs.buttons.signup", "i18n-key"),
    ("validation.email_required", "i18n-key"),
    ("@endforeach", "blade-directive"),
    ("{#if user.loggedIn}", "svelte-block"),
    ("{$article.title|escape}", "smarty"),
    ("&lt;?= $title ?&gt;", "php-echo"),
    ("@Model.Headline", "razor"),
]


@pytest.mark.parametrize(("token", "syntax"), SYNTAXES, ids=[s for _t, s in SYNTAXES])
def test_syntax_block_form(token: str, syntax: str) -> None:
    tree, report = clean(article(f"<p>{token}</p>", f"<div><span>{token}</span> {token}</div>"))
    assert text_of(tree) == f"Xi, Poetin en Kim in Peking {PROSE} {PROSE2}"
    assert report.template_blocks_removed == 2
    assert syntax in report.syntaxes


# A bare key inside a sentence needs evidence to go (see the key tests below): the inline
# forms give it some, the other syntaxes need none.
EVIDENCE = {"i18n-key": "{{ title }} "}


@pytest.mark.parametrize(("token", "syntax"), SYNTAXES, ids=[s for _t, s in SYNTAXES])
def test_syntax_inline_form(token: str, syntax: str) -> None:
    widget = f"<p>{EVIDENCE[syntax]}</p>" if syntax in EVIDENCE else ""
    tree, report = clean(
        article(widget, f"<p>Lees meer over {token} in ons dossier over China.</p>")
    )
    assert "Lees meer over in ons dossier over China." in text_of(tree)
    assert report.template_tokens_removed == 1
    assert report.template_blocks_removed == (1 if widget else 0)
    assert syntax in report.syntaxes


@pytest.mark.parametrize(("token", "syntax"), SYNTAXES, ids=[s for _t, s in SYNTAXES])
def test_syntax_plain_text(token: str, syntax: str) -> None:
    raw = lxml.html.fromstring(f"<p>{token}</p>").text_content()
    report = CleaningReport()
    assert has_template_syntax(raw)
    assert strip_template_text(raw, report) is None
    evidence = EVIDENCE.get(syntax, "")
    sentence = "Lees meer over {} in ons dossier over de Chinese economie."
    kept = strip_template_text(sentence.format(evidence + raw), report)
    assert kept == sentence.format("").replace("  ", " ")
    assert syntax in report.syntaxes


# --- inline cuts in headings, list items, spans, tails ------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            "<h2>Reactie van {{ name }} op de parade in Peking</h2>",
            "Reactie van op de parade in Peking",
        ),
        ("<ul><li>Poetin bedankte {{ $leader }} voor de soldaten.</li></ul>",
         "Poetin bedankte voor de soldaten."),
        ("<p>Kim <span><b>{{ title }}</b></span> beloofde hulp aan Moskou.</p>",
         "Kim beloofde hulp aan Moskou."),
        ("<p><b>Let op:</b> {{ notice }} de uitslag volgt morgen.</p>",
         "Let op: de uitslag volgt morgen."),
        ("<p>Lees meer over <a href='/x'>China</a> {{ topic }}.</p>", "Lees meer over China."),
        ("<p>De parade ({{ count }}) duurde twee uur in totaal.</p>",
         "De parade duurde twee uur in totaal."),
    ],
)  # fmt: skip
def test_inline_tokens_cut_sentence_kept(html: str, expected: str) -> None:
    tree, report = clean(html)
    assert " ".join(tree.text_content().split()) == expected
    assert report.template_tokens_removed + report.template_blocks_removed >= 1
    assert "  " not in lxml.html.tostring(tree, encoding=str)


def test_tail_spacing_is_tidy() -> None:
    tree, _ = clean("<p>Hij zei <i>niets</i> {{ a }} {{ b }} meer over de zaak vandaag.</p>")
    assert lxml.html.tostring(tree, encoding=str) == (
        "<p>Hij zei <i>niets</i> meer over de zaak vandaag.</p>"
    )


# --- traps: never removed -----------------------------------------------------------------

TRAPS = [
    "<pre>{{ trans('customs.buttons.signup') }}\n{% if x %}</pre>",
    "<p>Gebruik <code>{{ title }}</code> of <kbd>${x.y}</kbd> en <samp>@lang('a.b')</samp>.</p>",
    "<p>Macron zei: &lt;&lt; Nous sommes prêts &gt;&gt;, en de zaal applaudisseerde luid.</p>",
    "<p>Merkel zei &lt;&lt; Wir schaffen das &gt;&gt; in de zomer van 2015.</p>",
    "<p>&lt;&lt; Non &gt;&gt;, antwoordde hij kortaf aan de pers.</p>",
    "<p>De verzameling {2, 3} en {x | x &gt; 0} zijn wiskundige notatie.</p>",
    "<p>Schuif a &gt;&gt; b en x &lt;&lt; 2 naar rechts en links.</p>",
    "<p>In C++ schrijf je std::cout &lt;&lt; x &lt;&lt; std::endl; en std::cin &gt;&gt; y.</p>",
    "<p>Zie example.com, nos.nl, news.bbc.co.uk en www.rijksoverheid.nl voor meer.</p>",
    "<p>Lees report.pdf, jaarverslag.2024.pdf en data.final.csv, e.g. of i.e. de U.S. nu.</p>",
    "<p>Versie 1.2.3 en 10.0.19045 verschenen om 9 a.m. en om 5 p.m. vandaag.</p>",
    "<p>Mail jan.de.vries@example.org of ga naar https://nieuws.site.example/a.b.c.</p>",
    '<p>Het kost $5 of ${ en dat is alles; in JSON: {"a": 1, "b": [1, 2]}.</p>',
    "<p>Zie [[Amsterdam Centraal]], [[Amsterdam]] en [[wiki links]] of [[1, 2], [3, 4]].</p>",
    "<p>Gebruik window.location.href of document.body.style in je browser.</p>",
    "<p>Dit is een zin.Nog een zin zonder spatie en dat is alles.</p>",
    '<script>var t = `${a.b}`; var s = "{{ title }}";</script><p>Tekst blijft.</p>',
    "<style>a[href]::after { content: '{{ x }}'; }</style><p>Tekst blijft.</p>",
    "<p>Het percentage &lt;% 5 stijgt naar 10 %&gt; dan verwacht.</p>",
]


@pytest.mark.parametrize("html", TRAPS)
def test_traps_untouched(html: str) -> None:
    page = f"<html><body><div>{html}</div></body></html>"
    before = lxml.html.tostring(lxml.html.fromstring(page), encoding=str)
    tree, report = clean(page)
    assert lxml.html.tostring(tree, encoding=str) == before
    assert report.to_dict()["template_blocks_removed"] == 0
    assert report.template_tokens_removed == 0 and not report.syntaxes


def test_code_block_inside_widget_keeps_code() -> None:
    tree, _ = clean(f"<div>{WIDGET_TEXT}<pre>{{{{ keep_me }}}}</pre></div>")
    assert "{{ keep_me }}" in text_of(tree)


# --- framework-only elements --------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "syntax"),
    [
        ('<div v-if="open"><p>Bedankt voor je aanmelding!</p></div>', "vue-directive"),
        ("<div v-cloak><span>Laden...</span></div>", "vue-directive"),
        ('<ul><li v-for="item in items">Item</li></ul>', "vue-directive"),
        ('<p v-show="error">Er ging iets mis.</p>', "vue-directive"),
        ('<div v-html="body"></div>', "vue-directive"),
        ('<div ng-if="ready">Klaar</div>', "angular"),
        ('<li ng-repeat="x in xs">Regel</li>', "angular"),
        ('<span data-ng-bind="name">Naam</span>', "angular"),
        ('<div x-data="{ open: false }"><span x-show="open">Menu</span></div>', "alpine"),
        ('<p x-show="sent">Verzonden.</p>', "alpine"),
        ('<div x-show.transition="open"><p>Menu</p></div>', "alpine"),
        ('<div v-slot:header="h"><p>Kop</p></div>', "vue-directive"),
        ("<template><p>Verborgen sjabloon</p></template>", "template-element"),
        ('<script type="text/x-template" id="t"><p>{{ a }}</p></script>', "x-template-script"),
        ('<button @click="subscribe">Aanmelden</button>', "vue-directive"),
        ('<form @submit.prevent="send"><input :value="email"></form>', "vue-directive"),
    ],
)
def test_framework_elements_removed(html: str, syntax: str) -> None:
    tree, report = clean(article(html))
    assert text_of(tree) == f"Xi, Poetin en Kim in Peking {PROSE} {PROSE2}"
    assert len(tree.xpath("//article/*")) == 3
    assert report.template_blocks_removed >= 1
    assert syntax in report.syntaxes


@pytest.mark.parametrize(
    "html",
    [
        f'<p>Het kabinet viel, <a :href="link">lees meer</a> in ons dossier over {PROSE}</p>',
        f'<div x-data="{{ more: false }}"><p>{PROSE}</p></div>',
        f'<div v-cloak id="app"><p>{PROSE}</p><p>{PROSE2}</p></div>',
        '<template shadowrootmode="open"><p>Echte inhoud in een shadow root.</p></template>',
        f"<p v-pre>{PROSE}</p>",
    ],
)
def test_framework_wrappers_with_real_prose_stay(html: str) -> None:
    page = f"<html><body><article>{html}</article></body></html>"
    before = lxml.html.tostring(lxml.html.fromstring(page), encoding=str)
    tree, report = clean(page)
    assert lxml.html.tostring(tree, encoding=str) == before
    assert report.template_blocks_removed == 0


def test_framework_element_with_short_real_sentence_goes() -> None:
    poll = "Wat vindt u van de vertraging? Stem hieronder en bekijk de uitslag."  # 12 words
    tree, report = clean(article(f'<div v-if="showPoll" class="mt-4"><p>{poll}</p></div>'))
    assert poll not in text_of(tree) and report.syntaxes == {"vue-directive"}


def test_list_with_leaked_keys_keeps_its_plain_items() -> None:
    tree, report = clean(
        article(
            '<ul class="results"><li>Center-right alliance: 38 seats</li>'
            "<li>Social Democrats: 27 seats</li><li><span>election.results.greens_label</span></li>"
            "<li>Regionalist party: 9 seats</li>"
            "<li><span>election.results.turnout_label</span> election.results.source</li></ul>"
        )
    )
    items = [" ".join(li.text_content().split()) for li in tree.iter("li")]
    assert items == [
        "Center-right alliance: 38 seats",
        "Social Democrats: 27 seats",
        "Regionalist party: 9 seats",
    ]
    assert report.template_blocks_removed == 2 and report.syntaxes == {"i18n-key"}


def test_invisible_templates_do_not_make_their_neighbours_artefacts() -> None:
    tree, report = clean(
        '<div class="body"><script type="text/x-template"><p>{{ a }} {{ b }}</p></script>'
        "<template><p>{{ c }}</p></template><p>Kort bericht.</p></div>"
    )
    assert " ".join(tree.text_content().split()) == "Kort bericht."
    assert report.template_blocks_removed == 2


def test_framework_root_body_is_never_removed() -> None:
    tree, _ = clean(f'<html><body ng-app="news" v-cloak><p>{WIDGET_TEXT}</p></body></html>')
    assert tree.find("body") is not None and text_of(tree) == ""


# --- robustness ---------------------------------------------------------------------------


def test_comments_pis_and_entities_never_raise() -> None:
    tree = lxml.html.fromstring(
        "<div><!-- {{ x }} --><?php echo 1 ?><p>A &amp; B {{ title }} &copy; "
        "en meer tekst volgt hier.</p>tail {{ y }}<!--c-->end</div>"
    )
    tree.append(etree.Entity("nbsp"))
    tree.append(etree.Comment("{{ z }}"))
    report = CleaningReport()
    strip_template_artefacts(tree, report)
    assert "A & B © en meer tekst volgt hier." in text_of(tree)
    assert tree.xpath("//comment()")  # comments are not visible text: left alone


def test_root_that_is_an_artefact_is_emptied_in_place() -> None:
    tree, report = clean("<p>{{ trans('a.b') }} <b>{{ title }}</b></p>")
    assert tree.tag == "p" and text_of(tree) == "" and len(tree) == 0
    assert report.template_blocks_removed == 1


def test_page_without_syntax_is_unchanged() -> None:
    page = article("<p>Geen sjablonen hier, alleen nieuws over example.com en e.g. cijfers.</p>")
    before = lxml.html.tostring(lxml.html.fromstring(page), encoding=str)
    tree, report = clean(page)
    assert lxml.html.tostring(tree, encoding=str) == before
    assert report.to_dict()["syntaxes"] == []


# --- report and plain-text API ------------------------------------------------------------


def test_report_counts_syntaxes_and_samples() -> None:
    tree, report = clean(
        article(
            WIDGET_NESTED,
            "<p>Kim zei {{ quote }} dat hij alles zal doen om Moskou te helpen.</p>",
            "<p>Poetin {{ a }} bedankte {{ b }} Kim voor de soldaten en hun inzet.</p>",
        )
    )
    assert report.template_blocks_removed == 1
    assert report.template_tokens_removed == 3
    assert report.syntaxes == {"mustache"}
    assert "{{ quote }}" in report.samples
    assert report.to_dict()["syntaxes"] == ["mustache"]


def test_xhtml_tree_with_namespace_and_element_tree() -> None:
    xhtml = (
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><div>'
        f"<pre>{{{{ keep }}}}</pre><p>{WIDGET_TEXT}</p><p>{PROSE}</p></div></body></html>"
    )
    doc = etree.ElementTree(etree.fromstring(xhtml))
    report = CleaningReport()
    strip_template_artefacts(doc, report)  # type: ignore[arg-type]
    text = " ".join("".join(doc.getroot().itertext()).split())
    assert "{{ keep }}" in text and PROSE in text and "Vul een" not in text
    assert report.template_blocks_removed == 1


# --- tokens split by inline markup --------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>Sign up {{ <b>trans</b>('customs.newsletter_signup.header') }} today</p>",
         "<p>Sign up today</p>"),
        ("<p>Lees {{ trans('customs.<span>newsletter</span>.header') }} verder in de krant.</p>",
         "<p>Lees verder in de krant.</p>"),
        ("<p>Hij zei &lt;&lt; <em>trans('a.b')</em> &gt;&gt; tegen de pers.</p>",
         "<p>Hij zei tegen de pers.</p>"),
        ('<p>Welkom {{ <span class="x">title</span> }} bij de krant van vandaag.</p>',
         "<p>Welkom bij de krant van vandaag.</p>"),
        ("<p>Lees <a href='/x'>meer {{ <b>trans</b>('a.b') }}</a> in het dossier.</p>",
         '<p>Lees <a href="/x">meer</a> in het dossier.</p>'),
        ("<p><b>Let op: {{</b> notice }} de uitslag volgt morgen.</p>",
         "<p><b>Let op:</b> de uitslag volgt morgen.</p>"),
        ("<p>Kies <i>{{ </i><u>item<b>.title</b></u><i> }}</i>, of niet.</p>",
         "<p>Kies, of niet.</p>"),
        ("<p>Zie <strong>@lang</strong>('customs.footnote') voor de voorwaarden.</p>",
         "<p>Zie voor de voorwaarden.</p>"),
        ("<p>De uitslag <span><b>{{ a }}</b></span> volgt morgen in de krant.</p>",
         "<p>De uitslag volgt morgen in de krant.</p>"),
        ("<p>Tekst <i class='icon'></i> {{ <b>title</b> }} en nog meer woorden.</p>",
         '<p>Tekst <i class="icon"></i> en nog meer woorden.</p>'),
    ],
)  # fmt: skip
def test_token_split_by_inline_markup_is_cut_structure_kept(html: str, expected: str) -> None:
    tree, report = clean(f"<div>{html}</div>")
    assert lxml.html.tostring(tree, encoding=str) == f"<div>{expected}</div>"
    assert report.template_tokens_removed == 1 and report.template_blocks_removed == 0


@pytest.mark.parametrize(
    "widget",
    [
        "<p>{{ <b>trans</b>('customs.newsletter_signup.header') }}</p>",
        "<p><span>{{ trans('customs.<i>buttons</i>.signup') }}</span> {{ <em>title</em> }}</p>",
        "<p>&lt;&lt; <em>trans('a.b')</em> &gt;&gt; {{ <b>title</b> }} Vul een geldig"
        " emailadres in.</p>",
        "<div><span>{{</span> errors . email[0] <span>}}</span></div>",
    ],
)
def test_split_tokens_still_make_a_widget_block(widget: str) -> None:
    tree, report = clean(article(widget))
    assert text_of(tree) == f"Xi, Poetin en Kim in Peking {PROSE} {PROSE2}"
    assert report.template_blocks_removed == 1 and report.template_tokens_removed == 0


@pytest.mark.parametrize(
    "html",
    [
        "<p>Open {{ de haakjes</p><p>en sluit }} ze weer, zegt de juf in de klas.</p>",
        "<p>Schrijf {{ a<br>b }} op twee regels, zegt de handleiding van het pakket.</p>",
        "<p>Gebruik {{ <code>title</code> }} in je sjabloon, zegt de handleiding.</p>",
        "<p>Gebruik <code>{{ <b>title</b> }}</code> in je sjabloon, zegt de handleiding.</p>",
        "<p>Macron zei: &lt;&lt; <em>Nous sommes prêts</em> &gt;&gt;, en de zaal klapte.</p>",
        "<p>De verzameling {<b>2</b>, 3} is wiskundige notatie, zegt de docent vandaag.</p>",
        "<p>Zie <b>example</b>.com en <i>nos</i>.nl voor meer nieuws over de verkiezingen.</p>",
    ],
)
def test_markup_never_joins_tokens_across_blocks_breaks_or_code(html: str) -> None:
    page = f"<html><body><div>{html}</div></body></html>"
    before = lxml.html.tostring(lxml.html.fromstring(page), encoding=str)
    tree, report = clean(page)
    assert lxml.html.tostring(tree, encoding=str) == before
    assert report.template_tokens_removed == 0 and report.template_blocks_removed == 0


# --- bare keys need evidence --------------------------------------------------------------

SEMVER = "Versions follow the major.minor.patch scheme"


@pytest.mark.parametrize(
    "html",
    [
        f"<p>{SEMVER}</p>",
        f"<p>{SEMVER}.</p><p>Set server.http.port before the first start of the service.</p>",
        "<p>Versions follow the <em>major.minor.patch</em> scheme</p>",
        "<h2>Why releases follow the major.minor.patch scheme</h2>",
        "<p>Klik op customs.buttons.signup om te beginnen.</p>",
        "<p>The validation.email_required message appeared on the checkout form.</p>",
        "<p>Write <code>{{ title }}</code> or <code>__('x')</code> and keep major.minor.patch in"
        " the notes.</p>",
        "<div>major.minor.patch<p>Dit is een echte alinea met genoeg woorden erin.</p></div>",
    ],
)
def test_bare_key_in_prose_without_evidence_stays(html: str) -> None:
    page = f"<html><body><article><p>{PROSE}</p>{html}</article></body></html>"
    before = lxml.html.tostring(lxml.html.fromstring(page), encoding=str)
    tree, report = clean(page)
    assert lxml.html.tostring(tree, encoding=str) == before
    assert report.template_tokens_removed == 0 and report.template_blocks_removed == 0


@pytest.mark.parametrize(
    ("html", "left"),
    [
        ("<h3>customs.newsletter_signup.header</h3>", ""),
        ("<button>customs.buttons.signup</button>", ""),
        ("<p>validation.email_required</p>", ""),
        ("<ul><li><a href='/x'>customs.menu.home_page</a></li></ul>", ""),
        ("<h2>Ontwikkelaar teleurgesteld customs.labels.update</h2>", "Ontwikkelaar teleurgesteld"),
        ("<div>customs.cta.title<p>customs.cta.text_body</p></div>", ""),
        ("<p>Gratis annuleren <span class='fn'><span>customs.footnotes.terms_apply</span></span>,"
         " zegt de woordvoerder van de maatschappij.</p>",
         "Gratis annuleren, zegt de woordvoerder van de maatschappij."),
        ("<p>Meld je aan via customs.buttons.signup customs.buttons.login en lees verder over"
         " de plannen van het kabinet voor volgend jaar.</p>",
         "Meld je aan via en lees verder over de plannen van het kabinet voor volgend jaar."),
        ("<p>Volg &lt;&lt; user.name &gt;&gt; en customs.buttons.follow voor het laatste nieuws"
         " uit de regio.</p>", "Volg en voor het laatste nieuws uit de regio."),
    ],
)  # fmt: skip
def test_bare_key_with_evidence_goes(html: str, left: str) -> None:
    tree, report = clean(article(html))
    expected = " ".join(filter(None, ("Xi, Poetin en Kim in Peking", PROSE, left, PROSE2)))
    assert text_of(tree) == expected
    assert report.syntaxes >= {"i18n-key"}


def test_strong_token_elsewhere_on_the_page_confirms_keys_in_prose() -> None:
    page = article(f"<p>{SEMVER} in de documentatie van het project.</p>", "<p>{{ title }}</p>")
    tree, report = clean(page)
    assert "Versions follow the scheme in de documentatie van het project." in text_of(tree)
    assert report.template_tokens_removed == 1 and report.template_blocks_removed == 1


def test_token_inside_code_is_no_evidence_for_keys() -> None:
    tree, report = clean(article(f"<p>{SEMVER} <code>{{{{ x }}}}</code></p>"))
    assert f"{SEMVER} {{{{ x }}}}" in text_of(tree)
    assert report.template_tokens_removed == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SEMVER, SEMVER),
        ("Klik hier op customs.buttons.signup nu.", "Klik hier op customs.buttons.signup nu."),
        ("validation.email_required", None),
        ("Ontwikkelaar erg teleurgesteld customs.labels.updated", "Ontwikkelaar erg teleurgesteld"),
        ("{{ title }} en major.minor.patch", None),
        ("Lees {{ title }} en major.minor.patch in de nieuwe release notes van vandaag.",
         "Lees en in de nieuwe release notes van vandaag."),
    ],
)  # fmt: skip
def test_plain_text_key_evidence_is_the_paragraph(text: str, expected: str | None) -> None:
    assert strip_template_text(text, CleaningReport()) == expected
    assert has_template_syntax(text) is (expected != text)


def test_plain_text_key_evidence_is_also_the_whole_text() -> None:
    """A {{ }} widget elsewhere in the text makes a key in a sentence a leak too (as a page's
    tokens do for HTML); without one the key stays."""
    key_line = "Klik op customs.buttons.signup om te beginnen met het abonnement van de krant."
    prose = "Een gewone alinea over de gemeente en de raad, met genoeg woorden voor een alinea."
    widget = "{{ trans('customs.newsletter_signup.header') }}"
    with_widget = clean_text(f"Titel\n\n{prose}\n\n{key_line}\n\n{widget}\n\n{prose} Twee.")
    assert "Klik op om te beginnen met het abonnement van de krant." in with_widget["text"]
    assert "customs." not in with_widget["text"]
    without = clean_text(f"Titel\n\n{prose}\n\n{key_line}\n\n{prose} Twee.")
    assert key_line in without["text"]


# --- widget containers: residue in sibling elements -----------------------------------------

SIGNUP_WIDGET = """
<div class="body"><p>{prose}</p>
  <div class="nl"><div class="nl__inner">
    <p><span>{{{{ trans('customs.newsletter_signup.header') }}}}</span>
       <a href="#">{{{{ trans('customs.buttons.signup') }}}}</a></p>
    <p>{line1}</p>
    <p class="small">{line2}</p>
    <form><input type="email"><button>OK</button></form>
  </div></div>
<p>{prose2}</p></div>
"""


@pytest.mark.parametrize(
    ("line1", "line2"),
    [
        (
            "Thanks for signing up! Check your inbox to confirm.",
            "By signing up you agree to our privacy policy.",
        ),
        (
            "Danke für deine Anmeldung! Bitte bestätige deine Adresse.",
            "Eine Abmeldung ist jederzeit mit einem Klick möglich.",
        ),
        (
            "¡Gracias por registrarte! Revisa tu correo.",
            "Etwas ist schiefgelaufen. Bitte versuche es erneut.",
        ),
    ],
)
def test_widget_lines_in_sibling_elements_go_with_the_widget(line1: str, line2: str) -> None:
    tree, report = clean(SIGNUP_WIDGET.format(prose=PROSE, prose2=PROSE2, line1=line1, line2=line2))
    assert text_of(tree) == f"{PROSE} {PROSE2}"
    assert report.template_blocks_removed == 1
    assert line1[:20] in report.samples[0]


def test_paywall_greetings_between_conditionals_go() -> None:
    tree, _ = clean(
        f"<div><p>{PROSE}</p><div class='meter'><p>{{% if user.subscriber %}}</p>"
        "<p>Welkom terug! Je hebt onbeperkt toegang.</p><p>{% else %}</p>"
        "<p>Hallo, je hebt deze maand nog {{ n }} gratis artikelen over.</p>"
        f"<p>{{% endif %}}</p></div><p>{PROSE2}</p></div>"
    )
    assert text_of(tree) == f"{PROSE} {PROSE2}"


def test_article_paragraph_beside_a_widget_stays() -> None:
    # a sibling longer than WIDGET_LINE_MAX_WORDS is article text, in the widget's own container
    tree, _ = clean(
        f"<div class='row'><p>{PROSE}</p><p>{{{{ trans('a.b') }}}} {{{{ title }}}}</p>"
        "<form><button>OK</button></form></div>"
    )
    assert text_of(tree) == f"{PROSE} OK"


def test_one_token_block_without_control_keeps_its_short_siblings() -> None:
    tree, _ = clean("<div><p>Kort bericht van de redactie.</p><p>{{ title }}</p></div>")
    assert text_of(tree) == "Kort bericht van de redactie."


def test_list_with_one_leaked_item_is_no_widget() -> None:
    tree, _ = clean(
        "<div><ul><li>{{ item.name }}</li><li>{{ item.price }}</li><li>Appels uit de Betuwe</li>"
        "<li>Peren uit Limburg</li><li>Pruimen uit eigen tuin</li></ul></div>"
    )
    assert text_of(tree) == "Appels uit de Betuwe Peren uit Limburg Pruimen uit eigen tuin"


def test_too_many_short_lines_are_an_article_not_a_widget() -> None:
    lines = "".join(f"<p>Korte zin nummer {i} van het bericht.</p>" for i in range(5))
    tree, _ = clean(f"<div>{lines}<p>{{{{ a }}}}</p><p>{{{{ b }}}}</p></div>")
    assert text_of(tree).count("Korte zin") == 5


TEMPLATE_SCRIPT_PAGES = [
    # only template scripts: the shortcut path (no token in the text, no framework element)
    f"""<html><head><script type="text/x-template" id="a"><p>{{{{ a }}}}</p></script></head>
    <body><div class="wrap"><script type="text/x-template">&lt;li&gt;x&lt;/li&gt;</script>
    <p>{PROSE}</p><div><script type="text/template">&lt;b&gt;</script>tail text</div></div>
    <pre><script type="text/x-template">kept in code</script></pre>
    <script>var shown = 1;</script><p>{PROSE2}</p></body></html>""",
    f"""<html><body><div><script type="text/x-template">t</script></div>
    <div><span>short</span><script type="text/html">u</script></div><p>{PROSE}</p></body></html>""",
]


@pytest.mark.parametrize("page", TEMPLATE_SCRIPT_PAGES)
def test_template_scripts_alone_go_as_the_measured_path_removes_them(
    page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page whose only artefacts are template scripts skips measuring the tree; its tree
    and report come out as the measured path leaves them (run here by declaring a framework
    element present, which sends every page down that path)."""
    import cleaners.steps.strip_templates as step

    fast_tree, fast_report = lxml.html.fromstring(page), CleaningReport()
    strip_template_artefacts(fast_tree, fast_report)
    monkeypatch.setattr(step, "has_framework_elements", lambda tree: True)
    slow_tree, slow_report = lxml.html.fromstring(page), CleaningReport()
    strip_template_artefacts(slow_tree, slow_report)
    assert lxml.html.tostring(fast_tree) == lxml.html.tostring(slow_tree)
    assert fast_report.template_blocks_removed == slow_report.template_blocks_removed >= 2
    assert fast_report.syntaxes == slow_report.syntaxes == {"x-template-script"}
    assert fast_report.samples == slow_report.samples
    assert b"kept in code" in lxml.html.tostring(fast_tree) or "pre" not in page
