"""Template tokens in plain text: where the lines are drawn, cuts, bounded time on storms."""

from __future__ import annotations

import time

import lxml.html
import pytest

from cleaners.report import CleaningReport
from cleaners.steps.strip_templates import (
    has_template_syntax,
    strip_template_artefacts,
    strip_template_text,
)

SEED_WIDGET = (
    "{{ trans('customs.newsletter_signup.responsemsg') }} {{ title }} {{ subTitle }} "
    "{{ trans('customs.newsletter_signup.header') }} {{ trans('customs.buttons.signup') }} "
    "Vul een geldig emailadres in. {{ errors . email[0] }}"
)
PROSE = (
    "Rusland en Noord-Korea zijn sinds vorig jaar gebonden aan een wederzijds "
    "verdedigingsverdrag, en beide landen zijn internationaal in een isolement beland."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lees meer over {{ topic }} in ons dossier.", "Lees meer over in ons dossier."),
        ("Lees meer over ons dossier {{ topic }}.", "Lees meer over ons dossier."),
        (
            "{{ label }} De parade duurde twee uur in Peking.",
            "De parade duurde twee uur in Peking.",
        ),
        # a bare key in a sentence is prose unless the paragraph gives evidence
        (
            "Klik op customs.buttons.signup om te beginnen.",
            "Klik op customs.buttons.signup om te beginnen.",
        ),
        (
            "Klik op customs.buttons.signup of {{ link }} om met lezen van de krant te beginnen.",
            "Klik op of om met lezen van de krant te beginnen.",
        ),
        (
            "Meld je aan: customs.buttons.signup customs.buttons.login en lees verder over de"
            " plannen van het kabinet.",
            "Meld je aan: en lees verder over de plannen van het kabinet.",
        ),
        (
            "Qui sera élu {{ candidat }} ? Réponse dimanche soir.",
            "Qui sera élu ? Réponse dimanche soir.",
        ),
        (PROSE, PROSE),
        ("  spaties  blijven  zoals ze zijn ", "  spaties  blijven  zoals ze zijn "),
    ],
)
def test_strip_template_text_inline(text: str, expected: str) -> None:
    assert strip_template_text(text, CleaningReport()) == expected


# Where the lines are drawn (documented in cleaners/rules/templates.py).
LINES = [
    (SEED_WIDGET, True),
    ("", False),
    # strong delimiters: code unless the body reads as prose
    ("{{ x }}", True),
    ("{{ }}", True),
    ("{{ 42 }}", True),
    ("{{ hello world }}", True),  # two bare words: still a template expression
    ("{{ hello world foo }}", False),  # three plain words read as prose
    ("{{ Nous sommes prêts }}", False),
    ("{{ a + b + c }}", True),  # operators make it code whatever the words
    ("{{ x | x > 0 }}", True),  # inside {{ }} anything code-like goes
    ("{{#each items}}", True),
    ('{{ value|date:"D d M Y" }}', True),
    ("{{ 'KEY' | translate }}", True),
    ("{% for item in items %}", True),  # keyword first: a statement, not prose
    ("&lt;% 5 stijgt naar 10 %&gt;".replace("&lt;", "<").replace("&gt;", ">"), False),
    # << >>: one expression with a code signal only
    ("<< trans('a.b') >>", True),
    ("<< user.name >>", True),
    ("<< $var >>", True),
    ("<< title >>", False),  # one bare word may be a quoted word: kept
    ("<< iPhone >>", False),
    ("<< Nous sommes prêts >>", False),
    ("<< C'est la vie >>", False),
    ("std::cout << std::endl >> x", False),
    ("x << 2", False),
    ("a >> b", False),
    # single braces are never template syntax
    ("{2, 3}", False),
    ("{x | x > 0}", False),
    ('{"a": 1}', False),
    # ${ }: an identifier inside
    ("${price}", True),
    ("${x.y}", True),
    ("${5}", False),
    ("$5 en ${", False),
    ("${ some words here }", False),
    # [[ ]]: code signal or one lower-case identifier; wiki links stay
    ("[[title]]", True),
    ("[[ share.total ]]", True),
    ("[[Amsterdam]]", False),
    ("[[Amsterdam Centraal]]", False),
    ("[[wiki links]]", False),
    ("[[1, 2]]", False),
    # bare dotted keys: 3+ lower-case segments, or 2 with snake_case; in a sentence of
    # four words or more only with evidence
    ("customs.buttons.signup", True),
    ("validation.email_required", True),
    ("Versions follow the major.minor.patch scheme", False),
    ("Set server.http.port before the first start", False),
    ("Nieuwsbrief customs.newsletter.header", True),
    ("Versions follow the major.minor.patch scheme {{ x }}", True),
    ("Zie customs.buttons.signup customs.buttons.login in de nieuwe versie.", True),
    ("messages.welcome", False),
    ("example.com", False),
    ("news.bbc.co.uk", False),
    ("mijn.overheid.nl", False),
    ("www.rijksoverheid.nl", False),
    ("report.pdf", False),
    ("jaarverslag_2024.pdf", False),
    ("app.module.ts", False),
    ("docker-compose.override.yml", False),
    ("e.g. U.S. i.e. a.s.r. Ph.D.", False),
    ("versie 1.2.3", False),
    ("window.location.href", False),
    ("jan.de.vries@example.org", False),
    # bare calls and directives
    ("__('Sign up')", True),
    ("trans('x')", True),
    ("@lang('a.b')", True),
    ("@csrf", True),
    ("Volg @lang_nieuws en mail info@nos.nl", False),
    ("Zie pagina(s) 'x'", False),
    ("{$5}", False),
    ("mail@Model.com en @Model", False),
    ('<?xml version="1.0"?>', False),
    ("{:}", False),
]


@pytest.mark.parametrize(("text", "expected"), LINES)
def test_has_template_syntax_draws_the_documented_lines(text: str, expected: bool) -> None:
    assert has_template_syntax(text) is expected


def test_empty_quotes_and_brackets_go_with_the_token() -> None:
    text = "Hij zei ‘{{ quote }}’ en (zie {{ ref }}) vertrok daarna naar huis."
    out = strip_template_text(text, CleaningReport())
    assert out == "Hij zei en (zie) vertrok daarna naar huis."


# --- bounded time on delimiter storms -----------------------------------------------------

STORMS = ("{% ", "<% ", "{# ", "{!! ", "{{{ ", "{{ ", "<< a ", "${ a ", "[[ a ", "@if(", "__('",
          "customs.", "a_b.c ", "{% if a %}", "{{ a }} ", "customs.buttons.signup ", "{$a.",
          "{#if a ", "<?= ", "@Model.a", "{$a|b:")  # fmt: skip


@pytest.mark.parametrize("unit", STORMS)
def test_delimiter_storms_are_linear(unit: str) -> None:
    text = unit * 20_000
    started = time.process_time()
    strip_template_text(text, CleaningReport())
    tree = lxml.html.fromstring(f"<div><p>{text.replace('<', '&lt;')}</p></div>")
    strip_template_artefacts(tree, CleaningReport())
    assert time.process_time() - started < 1.5, unit


MARKUP_STORMS = ("<b>{{</b> a }} ", "{{ <i>a</i> }} ", "<span>{{ trans(</span>'a.b') }} x ",
                 "x <b>customs.</b>buttons.signup ", "<em>&lt;&lt;</em> a.b &gt;&gt; ",
                 "<span>customs.buttons.signup</span> and more words ",
                 "x<p>{{ a }}</p> tail ")  # fmt: skip


@pytest.mark.parametrize("unit", MARKUP_STORMS)
def test_tokens_split_by_markup_storms_are_linear(unit: str) -> None:
    tree = lxml.html.fromstring(f"<div><p>{unit * 5_000}</p></div>")
    started = time.process_time()
    strip_template_artefacts(tree, CleaningReport())
    assert time.process_time() - started < 1.5, unit
