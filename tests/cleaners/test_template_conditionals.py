"""Unrendered template conditionals: every branch shows, none of it is the article."""

from __future__ import annotations

import pytest

from cleaners.clean import clean_html

ARTICLE = (
    "<p>De gemeenteraad heeft dinsdag ingestemd met het plan voor een nieuwe fietsbrug over "
    "het kanaal, na maanden van overleg met bewoners en ondernemers uit de wijk.</p>"
    "<p>De bouw begint volgend voorjaar en moet twee jaar duren, zo verwacht de wethouder "
    "die het project leidt en de kosten bewaakt.</p>"
)


def _text(body: str) -> str:
    head = "<h1>Nieuwe fietsbrug over het kanaal</h1>"
    html = f"<html><body><article>{head}{body}</article></body></html>"
    return clean_html(html, url="https://x.example/2025/09/03/fietsbrug")["text"]


@pytest.mark.parametrize(
    "widget",
    [
        "<div>{{#if user.plus}}<p>Welkom terug! Je hebt onbeperkt toegang.</p>{{else}}"
        "<p>Word abonnee voor 1 euro per week.</p>{{/if}}</div>",
        "<div>{% if user %}<p>Welkom terug! Je hebt onbeperkt toegang.</p>{% else %}"
        "<p>Word abonnee voor 1 euro per week.</p>{% endif %}</div>",
        "<p>{% if user %}Welkom terug! Je hebt onbeperkt toegang.{% else %}Word abonnee voor 1 "
        "euro per week.{% endif %}</p>",
        "<div>@if($user)<p>Welkom terug! Je hebt onbeperkt toegang.</p>@else<p>Word abonnee "
        "voor 1 euro per week.</p>@endif</div>",
        "<p>{#if user}Welkom terug! Je hebt onbeperkt toegang.{:else}Word abonnee voor 1 euro "
        "per week.{/if}</p>",
    ],
)
def test_every_branch_of_an_unrendered_conditional_goes(widget: str) -> None:
    text = _text(ARTICLE + widget)
    assert "Welkom terug" not in text and "Word abonnee" not in text
    assert "fietsbrug" in text and "twee jaar duren" in text
    assert "{%" not in text and "{{" not in text and "@if" not in text


def test_a_whole_article_inside_a_conditional_stays() -> None:
    long = " ".join(["De raad besprak het plan uitgebreid met bewoners."] * 12)
    text = _text(f"<div>{{% if show %}}<p>{long}</p><p>{long}</p>{{% endif %}}</div>")
    assert "De raad besprak het plan" in text


def test_a_conditional_shown_as_code_stays() -> None:
    text = _text(ARTICLE + "<pre>{% if user %}Hallo {{ user.name }}{% endif %}</pre>")
    assert "fietsbrug" in text


@pytest.mark.parametrize(
    "widget",
    [
        "<div><p>{{ trans('customs.newsletter_signup.header') }} Bedankt voor je aanmelding! "
        "Check je inbox om je inschrijving te bevestigen.</p></div>",
        "<div><div>Door je aan te melden ga je akkoord met ons privacybeleid. Er ging iets mis. "
        "Probeer het later opnieuw. << trans('newsletter.error') >></div></div>",
        "<p>[[ customs.newsletter_signup.title ]] Je kunt je op elk moment afmelden. Bedankt!</p>",
    ],
)
def test_a_key_lookup_with_short_interface_lines_is_a_widget_in_one_block(widget: str) -> None:
    text = _text(ARTICLE + widget)
    assert "aanmeld" not in text and "afmelden" not in text and "privacybeleid" not in text
    assert "fietsbrug" in text and "twee jaar duren" in text


@pytest.mark.parametrize(
    "widget",
    [
        "<div><p>You can unsubscribe at any time using the link in our emails. "
        "&lt;&lt; trans('paywall.banner.title') &gt;&gt;</p></div>",
        "<div><p>Suscríbete a nuestro boletín diario Al suscribirte aceptas nuestra política de "
        "privacidad. &lt;&lt; trans('subscription.offer.intro') &gt;&gt;</p></div>",
    ],
)
def test_one_line_to_the_reader_beside_a_key_lookup_is_a_widget(widget: str) -> None:
    text = _text(ARTICLE + widget)
    assert "unsubscribe" not in text and "Suscríbete" not in text
    assert "fietsbrug" in text and "twee jaar duren" in text


def test_short_third_person_sentences_beside_an_inline_ad_lookup_stay() -> None:
    paragraph = ("<p>Last month alone, 97 objections were lodged in Leeds. The council voted 229 "
                 "to 12 in favor of the plan. {{ trans('article.inline_ad') }}</p>")
    text = _text(ARTICLE + paragraph)
    assert "97 objections were lodged in Leeds. The council voted 229 to 12" in text
    assert "trans(" not in text


def test_a_sentence_beside_a_key_lookup_stays() -> None:
    one = ("<p>{{ trans('x.label') }} De wethouder verwacht dat de brug in het najaar van "
           "volgend jaar open gaat voor fietsers en voetgangers uit de hele regio.</p>")
    text = _text(ARTICLE + one)
    assert "De wethouder verwacht dat de brug" in text and "trans(" not in text


@pytest.mark.parametrize(
    "widget",
    [
        # the tags as paragraphs of their own, the branch between them
        "<p>&lt;&lt; if (!user) &gt;&gt;</p><div><p>Dit artikel is alleen voor abonnees.</p>"
        "</div><p>&lt;&lt; endif &gt;&gt;</p>",
        "<p>${ if(!user) }</p><div><p>Log in of word abonnee om verder te lezen.</p></div>"
        "<p>${ endif }</p>",
        # a conditional across a link inside one paragraph
        "<p>&lt;&lt; if (user.isGuest) &gt;&gt; Dit artikel is alleen voor abonnees. "
        "<a href='/abo'>&lt;&lt; trans('paywall.cta') &gt;&gt;</a> &lt;&lt; endif &gt;&gt;</p>",
    ],
)
def test_conditionals_written_as_elements_or_across_inline_markup_go(widget: str) -> None:
    text = _text(ARTICLE + widget)
    assert "abonnee" not in text and "endif" not in text and "<<" not in text
    assert "fietsbrug" in text and "twee jaar duren" in text


SIGNUP = (
    "<div class='sc-u1'><h3>&lt;&lt; trans('customs.newsletter_signup.header') &gt;&gt;</h3>"
    "<form><input type='email'><button>&lt;&lt; trans('customs.buttons.signup') &gt;&gt;"
    "</button></form></div>"
)


def test_a_signup_widgets_state_lines_after_it_go() -> None:
    lines = (
        "<p class='x-izzby'>Vul een geldig emailadres in.</p>"
        "<p data-x='css-pfoiz'>Afmelden kan altijd via de link onderaan elke nieuwsbrief.</p>"
        "<p class='msg-5'>Bedankt voor je aanmelding!</p>"
    )
    text = _text(ARTICLE + SIGNUP + lines + ARTICLE.replace("fietsbrug", "brug"))
    assert "Vul een geldig" not in text and "Afmelden" not in text and "Bedankt" not in text
    assert "twee jaar duren" in text


def test_a_short_article_paragraph_after_a_widget_stays() -> None:
    after = "<p>De brug gaat in 2027 open.</p><p class='x'>Bedankt voor je aanmelding!</p>"
    text = _text(ARTICLE + SIGNUP + after)
    assert "De brug gaat in 2027 open." in text


@pytest.mark.parametrize(
    "between",
    [
        "<p><b>Lees ook:</b> <a href='/2025/01/02/andere-brug'>Nieuwe brug over de rivier</a></p>",
        "<div class='teasers'><h3>Meer nieuws</h3><ul><li><a href='/2025/01/02/a'>Brug dicht"
        "</a></li><li><a href='/2025/01/03/b'>Weg open</a></li></ul></div>",
        "<div class='x-2'><p>[[ newsletter.title ]]</p><label><input type='checkbox'> Ja</label>"
        "</div>",
        "<p class='paywall'></p>",
    ],
)
def test_state_lines_after_links_or_other_widget_pieces_still_go(between: str) -> None:
    lines = "<p class='msg-5'>Bedankt voor je aanmelding!</p><p data-x='n'>Probeer het later.</p>"
    text = _text(ARTICLE + SIGNUP + between + lines + ARTICLE.replace("fietsbrug", "brug"))
    assert "Bedankt" not in text and "Probeer het later" not in text
    assert "twee jaar duren" in text
