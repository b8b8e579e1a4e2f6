"""Property tests for the template step: never raises, never touches prose without syntax."""

from __future__ import annotations

import html

import lxml.etree
import lxml.html
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cleaners.report import CleaningReport
from cleaners.rules.templates import KEY_LOOKUP, PROSE_PROTECT_WORDS, RESIDUE_MAX_WORDS
from cleaners.steps.strip_templates import (
    has_template_syntax,
    strip_template_artefacts,
    strip_template_text,
)
from cleaners.steps.template_key_blocks import interface_lines
from cleaners.steps.template_tokens import join_all_around_cuts, join_around_cut

BOUNDED = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ARTEFACTS = (
    "{{ title }}",
    "{{ trans('customs.newsletter_signup.header') }}",
    "{{ errors . email[0] }}",
    "{!! $body !!}",
    "{% if user %}",
    "{# note #}",
    "&lt;&lt; trans('a.b') &gt;&gt;",
    "&lt;%= x.y %&gt;",
    "${x.y}",
    "[[headline]]",
    "@lang('a.b')",
    "__('Sign up')",
    "customs.buttons.signup",
)
BARE_KEYS = ("customs.buttons.signup",)
TRAPS = (
    "&lt;&lt; Nous sommes prêts &gt;&gt;",
    "{2, 3}",
    "a &gt;&gt; b",
    "x &lt;&lt; 2",
    "example.com",
    "e.g.",
    "U.S.",
    "report.pdf",
    "$5",
    "[[Amsterdam Centraal]]",
    "&amp;",
    "&nbsp;",
)
TAGS = (
    "div", "p", "span", "b", "i", "a", "li", "ul", "h2", "section", "form", "button", "pre",
    "code", "td", "template", "script", "style", "aside", "input", "br", "img",
)  # fmt: skip
ATTRS = (
    "", ' class="c-block"', ' v-if="open"', ' v-cloak', ' ng-repeat="x in xs"',
    ' x-data="{}"', ' @click="go"', ' :href="u"', ' type="text/x-template"', ' hidden',
)  # fmt: skip

SAFE_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéëïüöàçñ0123456789"
WORD = st.text(alphabet=SAFE_ALPHABET, min_size=1, max_size=12)
PUNCT = st.sampled_from(("", "", "", ".", ",", ";", ":", "!", "?", "'s", "-jarig", ")"))


@st.composite
def prose(draw: st.DrawFn, min_words: int = 1) -> str:
    """A paragraph of words and light punctuation that holds no template syntax."""
    words = draw(st.lists(WORD, min_size=min_words, max_size=30))
    text = " ".join(w + draw(PUNCT) for w in words)
    assume(text.strip() == text and not has_template_syntax(text))
    return text


@st.composite
def html_fragment(draw: st.DrawFn, depth: int = 0) -> str:
    """Random, often broken, HTML from tags, attributes, tokens, traps, comments, text."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 6 if depth < 3 else 3))
        if kind == 0:
            parts.append(html.escape(draw(st.text(max_size=20))))
        elif kind == 1:
            parts.append(draw(st.sampled_from(ARTEFACTS + TRAPS)))
        elif kind == 2:
            parts.append(draw(st.sampled_from(("<!-- {{ c }} -->", "<?pi x?>", "<br>", "</p>"))))
        elif kind == 3:
            parts.append(draw(st.sampled_from(("&lt;&lt;", "{{", "}}", "]]", "${", "&#0;", "&"))))
        else:
            tag = draw(st.sampled_from(TAGS))
            inner = draw(html_fragment(depth + 1))
            parts.append(f"<{tag}{draw(st.sampled_from(ATTRS))}>{inner}</{tag}>")
    return " ".join(parts)


def parse(markup: str) -> lxml.html.HtmlElement | None:
    """lxml's parse of the markup, or None for documents lxml calls empty."""
    try:
        return lxml.html.fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return None


@BOUNDED
@given(html_fragment(), st.booleans())
def test_never_raises_on_arbitrary_html(fragment: str, as_document: bool) -> None:
    markup = f"<html><body>{fragment}</body></html>" if as_document else fragment
    tree = parse(markup)
    assume(tree is not None)
    report = CleaningReport()
    strip_template_artefacts(tree, report)
    lxml.html.tostring(tree)  # the tree is still whole
    assert report.template_blocks_removed >= 0 and report.template_tokens_removed >= 0


@BOUNDED
@given(st.text(max_size=300))
def test_plain_text_never_raises_and_keeps_text_without_syntax(text: str) -> None:
    out = strip_template_text(text, CleaningReport())
    if not has_template_syntax(text):
        assert out == text


@BOUNDED
@given(
    st.lists(
        st.one_of(prose().map(lambda p: ("prose", p)), st.sampled_from(ARTEFACTS).map(
            lambda a: ("artefact", a)
        )),
        min_size=1,
        max_size=12,
    )
)  # fmt: skip
def test_flat_prose_paragraphs_survive_verbatim(blocks: list[tuple[str, str]]) -> None:
    body = "".join(
        f"<p>{html.escape(text) if kind == 'prose' else text}</p>" for kind, text in blocks
    )
    tree = lxml.html.fromstring(f"<html><body>{body}</body></html>")
    strip_template_artefacts(tree, CleaningReport())
    kept = [p.text for p in tree.iter("p") if p.text]
    assert kept == [text for kind, text in blocks if kind == "prose"]


@st.composite
def nested_page(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Real paragraphs and artefact widgets at random depths in neutral or framework divs.

    Framework-only wrappers (v-if, ng-repeat, x-data...) and widget containers (artefact
    blocks beside short lines, ``WIDGET_LINE_MAX_WORDS``) lose text of up to
    ``RESIDUE_MAX_WORDS`` words by design, so the paragraphs are longer than that; shorter
    ones stand apart from artefacts in ``test_short_paragraphs_apart_from_widgets_survive``.
    """
    paragraphs: list[str] = []

    def block(depth: int) -> str:
        out = []
        for _ in range(draw(st.integers(1, 3))):
            choice = draw(st.integers(0, 3 if depth < 3 else 1))
            if choice == 0:
                text = draw(prose(min_words=RESIDUE_MAX_WORDS + 1))
                paragraphs.append(text)
                out.append(f"<p>{html.escape(text)}</p>")
            elif choice == 1:
                tokens = draw(st.lists(st.sampled_from(ARTEFACTS), min_size=1, max_size=4))
                tag = draw(st.sampled_from(("p", "span", "li", "h3", "button")))
                out.append(f"<{tag}>{' '.join(tokens)}</{tag}>")
            else:
                attr = draw(st.sampled_from(ATTRS[:6]))
                inner = block(depth + 1)
                out.append(f"<div{attr}>{inner}</div>")
        return "".join(out)

    markup = block(0)
    return f"<html><body><article>{markup}</article></body></html>", paragraphs


@st.composite
def widget_page(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Short real paragraphs (``PROSE_PROTECT_WORDS`` to ``RESIDUE_MAX_WORDS`` words) in the
    article, beside widgets (artefact blocks with a form, two artefact blocks) in their own
    containers, or beside one artefact block and no control in a shared one."""
    paragraphs: list[str] = []
    out = []
    for _ in range(draw(st.integers(1, 6))):
        choice = draw(st.integers(0, 3))
        tokens = " ".join(draw(st.lists(st.sampled_from(ARTEFACTS), min_size=1, max_size=3)))
        if choice == 0 or choice == 3:
            text = draw(prose(min_words=PROSE_PROTECT_WORDS))
            assume(len(text.split()) <= RESIDUE_MAX_WORDS)
            paragraphs.append(text)
            paragraph = f"<p>{html.escape(text)}</p>"
            out.append(f"<div>{paragraph}<p>{tokens}</p></div>" if choice == 3 else paragraph)
        elif choice == 1:
            out.append(
                f"<div><p>{tokens}</p><p>Bedankt!</p><form><input><button>OK</button></form></div>"
            )
        else:
            out.append(f"<div><p>{tokens}</p><p>Welkom terug.</p><p>{tokens}</p></div>")
    return f"<html><body><article>{''.join(out)}</article></body></html>", paragraphs


@BOUNDED
@given(widget_page())
def test_short_paragraphs_apart_from_widgets_survive(page: tuple[str, list[str]]) -> None:
    markup, paragraphs = page
    tree = lxml.html.fromstring(markup)
    strip_template_artefacts(tree, CleaningReport())
    kept = [p.text for p in tree.iter("p") if p.text and not has_template_syntax(p.text)]
    assert kept == paragraphs
    assert "Bedankt!" not in tree.text_content() and "Welkom terug." not in tree.text_content()


@BOUNDED
@given(nested_page())
def test_nested_real_paragraphs_survive_verbatim(page: tuple[str, list[str]]) -> None:
    markup, paragraphs = page
    tree = lxml.html.fromstring(markup)
    strip_template_artefacts(tree, CleaningReport())
    kept = [p.text for p in tree.iter("p") if p.text and not has_template_syntax(p.text)]
    assert kept == paragraphs


@BOUNDED
@given(prose())
def test_prose_in_plain_text_and_inline_elements_is_untouched(text: str) -> None:
    assert strip_template_text(text, CleaningReport()) == text
    markup = f"<div><p>{html.escape(text)} <b>{html.escape(text)}</b></p></div>"
    before = lxml.html.tostring(lxml.html.fromstring(markup))
    tree = lxml.html.fromstring(markup)
    strip_template_artefacts(tree, CleaningReport())
    assert lxml.html.tostring(tree) == before


@BOUNDED
@given(
    prose(min_words=PROSE_PROTECT_WORDS),
    st.sampled_from(ARTEFACTS),
    st.integers(0, 40),
    st.booleans(),
)
def test_one_inline_token_is_cut_and_the_sentence_kept(
    text: str, token: str, where: int, in_span: bool
) -> None:
    words = text.split(" ")
    where = min(where, len(words))
    raw = html.unescape(token)
    plain = " ".join([*words[:where], raw, *words[where:]])
    bare_key = token in BARE_KEYS  # in a sentence with no other evidence: prose, kept
    assert strip_template_text(plain, CleaningReport()) == (plain if bare_key else text)
    wrapped = f"<span>{token}</span>" if in_span else token
    markup = " ".join([*map(html.escape, words[:where]), wrapped, *map(html.escape, words[where:])])
    tree = lxml.html.fromstring(f"<div><p>{markup}</p></div>")
    report = CleaningReport()
    strip_template_artefacts(tree, report)
    kept = bare_key and not in_span  # a key alone in its <span> goes
    if KEY_LOOKUP.fullmatch(raw) and where in (0, len(words)) and interface_lines(text):
        # a key lookup opening or closing short closed lines is a widget in one block
        # (template_key_blocks): the block goes whole
        assert " ".join(tree.text_content().split()) == ""
        return
    assert " ".join(tree.text_content().split()) == (plain if kept else text)
    assert report.template_tokens_removed + report.template_blocks_removed == (0 if kept else 1)


def _boundaries(raw: str) -> list[int]:
    """Places inside a token where markup may split it: between a word and a non-word char.

    A split inside a delimiter ("{" + "<b>{ x }}</b>") is not a token a reader sees either.
    """
    return [i for i in range(1, len(raw)) if raw[i - 1].isalnum() != raw[i].isalnum()]


@BOUNDED
@given(
    prose(min_words=PROSE_PROTECT_WORDS),
    st.sampled_from([a for a in ARTEFACTS if a not in BARE_KEYS]),
    st.integers(0, 40),
    st.data(),
)
def test_a_token_split_by_inline_markup_is_cut_like_a_whole_one(
    text: str, token: str, where: int, data: st.DataObject
) -> None:
    raw = html.unescape(token)
    points = sorted(set(data.draw(st.lists(st.sampled_from([0, *_boundaries(raw), len(raw)]),
                                           min_size=2, max_size=2))))  # fmt: skip
    assume(len(points) == 2)
    start, end = points
    tag = data.draw(st.sampled_from(("b", "span", "em", "a", "i", "strong")))
    split = (
        f"{html.escape(raw[:start])}<{tag}>{html.escape(raw[start:end])}</{tag}>"
        f"{html.escape(raw[end:])}"
    )
    words = text.split(" ")
    where = min(where, len(words))
    markup = " ".join([*map(html.escape, words[:where]), split, *map(html.escape, words[where:])])
    tree = lxml.html.fromstring(f"<div><p>{markup}</p></div>")
    report = CleaningReport()
    strip_template_artefacts(tree, report)
    if KEY_LOOKUP.fullmatch(raw) and where in (0, len(words)) and interface_lines(text):
        # a key lookup opening or closing short closed lines: a widget in one block
        assert " ".join(tree.text_content().split()) == ""
        return
    assert " ".join(tree.text_content().split()) == text
    assert report.template_tokens_removed == 1 and report.template_blocks_removed == 0
    assert tree.find(f".//p/{tag}") is None or tree.find(f".//p/{tag}").text_content().strip()


@BOUNDED
@given(prose(min_words=PROSE_PROTECT_WORDS), st.sampled_from(BARE_KEYS), st.integers(0, 40))
def test_a_bare_key_in_prose_goes_only_with_evidence_on_the_page(
    text: str, key: str, where: int
) -> None:
    words = text.split(" ")
    where = min(where, len(words))
    sentence = " ".join([*map(html.escape, words[:where]), key, *map(html.escape, words[where:])])
    alone = lxml.html.fromstring(f"<div><p>{sentence}</p></div>")
    before = lxml.html.tostring(alone)
    strip_template_artefacts(alone, CleaningReport())
    assert lxml.html.tostring(alone) == before
    page = f"<html><body><p>{sentence}</p><aside><p>{{{{ title }}}}</p></aside></body></html>"
    widget = lxml.html.fromstring(page)
    report = CleaningReport()
    strip_template_artefacts(widget, report)
    assert " ".join(widget.text_content().split()) == text
    assert report.template_tokens_removed == 1 and report.template_blocks_removed == 1


@BOUNDED
@given(st.lists(st.text(alphabet=" ab.,?(){}«»‘’\n", max_size=8), min_size=1, max_size=12))
def test_joining_many_cuts_at_once_is_joining_them_one_by_one(parts: list[str]) -> None:
    expected = parts[0]
    for part in parts[1:]:
        expected = join_around_cut(expected, part)
    assert join_all_around_cuts(parts) == expected
