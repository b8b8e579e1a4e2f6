"""Parse step: real bytes and strings through lxml; every rejection carries its reason."""

from __future__ import annotations

import codecs
import random

import pytest

from cleaners.config import CleanConfig
from cleaners.exceptions import BadInput
from cleaners.steps.parse import decode_bytes, parse_html, read_input

PAGE = "<html><head>{head}</head><body><p>{body}</p></body></html>"
TEXT = "Café in Zürich: één œuvre, naïef en «direct»."


def undecodable_bytes(n: int = 3000) -> bytes:
    """Bytes that are neither UTF-8 nor windows-1252 (0x81, 0x8D, ... are unassigned there)."""
    rng = random.Random(1)
    return bytes(
        rng.choice([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xC0, 0xC1, 0xF5, 0xFF]) for _ in range(n)
    )


def test_utf8_bytes_parse_to_text() -> None:
    tree = parse_html(PAGE.format(head="", body=TEXT).encode("utf-8"))
    assert tree.findtext(".//p") == TEXT


def test_meta_charset_windows_1252() -> None:
    html = PAGE.format(head='<meta charset="windows-1252">', body=TEXT.replace("œ", "oe"))
    tree = parse_html(html.encode("cp1252"))
    assert tree.findtext(".//p") == TEXT.replace("œ", "oe")


def test_http_hint_beats_meta() -> None:
    html = PAGE.format(head='<meta charset="iso-8859-5">', body="Grüße aus Köln")
    assert "Grüße" in parse_html(html.encode("cp1252"), encoding="windows-1252").text_content()


def test_byte_order_mark_utf16() -> None:
    data = codecs.BOM_UTF16_LE + PAGE.format(head="", body=TEXT).encode("utf-16-le")
    assert parse_html(data).findtext(".//p") == TEXT


def test_utf8_mislabelled_as_latin1_is_read_as_utf8() -> None:
    html = PAGE.format(head='<meta charset="iso-8859-1">', body=TEXT.replace("œ", "oe"))
    assert "Café in Zürich" in parse_html(html.encode("utf-8")).text_content()


def test_str_input_with_xml_declaration() -> None:
    html = '<?xml version="1.0" encoding="utf-8"?>' + PAGE.format(head="", body=TEXT)
    assert parse_html(html).findtext(".//p") == TEXT


@pytest.mark.parametrize("data", [b"", b"   \n\t ", "", "  \n"])
def test_empty_input(data: bytes | str) -> None:
    with pytest.raises(BadInput, match="empty") as err:
        parse_html(data, source="x.html")
    assert err.value.source == "x.html"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
        b"<html>\x00\x00\x00<p>hidden</p>",
        "<p>text with a NUL\x00 char</p>",
        bytes(range(1, 9)) * 200,
        b"\x1f\x8b\x08\x00" + b"gzip member",
    ],
)
def test_binary_input(data: bytes | str) -> None:
    with pytest.raises(BadInput, match="binary"):
        parse_html(data)


@pytest.mark.parametrize("head", ["<meta charset='utf-8'>", ""])
def test_undecodable_input(head: str) -> None:
    data = b"<html><head>" + head.encode() + b"</head><body><p>" + undecodable_bytes() + b"</p>"
    with pytest.raises(BadInput, match="undecodable"):
        parse_html(data)


def test_invalid_utf8_after_bom() -> None:
    with pytest.raises(BadInput, match="undecodable"):
        decode_bytes(codecs.BOM_UTF8 + b"<p>ok</p>" + b"\xff\xfe\xfa" * 10)


def test_over_size_limit_bytes_and_str() -> None:
    cfg = CleanConfig(max_input_bytes=1_000)
    with pytest.raises(BadInput, match="too large"):
        parse_html(b"<p>" + b"a" * 2_000 + b"</p>", cfg=cfg)
    with pytest.raises(BadInput, match="too large"):
        read_input("b" * 1_001, cfg=cfg)


def test_default_limit_is_ten_megabytes() -> None:
    assert CleanConfig().max_input_bytes == 10_000_000


def test_pathological_nesting_is_rejected() -> None:
    deep = "<div>" * 100_000 + "x" + "</div>" * 100_000
    with pytest.raises(BadInput, match="too deeply nested"):
        parse_html(f"<html><body>{deep}</body></html>")


def test_deep_subtree_after_the_article_is_cut_with_a_warning() -> None:
    from cleaners.clean import clean_html
    from cleaners.report import CleaningReport

    article = "".join(
        f"<p>Paragraph {i} of the article about the harbour plan, which the council approved "
        "yesterday after a long debate.</p>"
        for i in range(4)
    )
    deep = "<div>" * 100_000 + "spam reply" + "</div>" * 100_000
    page = (
        "<html><head><title>Harbour plan</title></head><body><article><h1>Harbour plan</h1>"
        f"{article}</article><aside class='comments'>{deep}</aside>"
        "<p>Text after the thread is parsed too.</p></body></html>"
    )
    report = CleaningReport()
    tree = parse_html(page, report=report)
    text = tree.text_content()
    assert "Paragraph 3 of the article" in text and "after the thread" in text
    assert "spam reply" not in text
    assert report.warnings == [
        "cut 1 subtree(s) nested deeper than 200 levels (the parser stops at 256)"
    ]
    record = clean_html(page, url="https://news.example/harbour")
    assert "Paragraph 0 of the article" in record["text"] and "spam" not in record["text"]
    assert any("nested deeper" in w for w in record["cleaning"]["warnings"])


def test_cut_deep_subtrees_follows_implied_end_tags() -> None:
    from cleaners.steps.limits import cut_deep_subtrees

    items = "<ul>" + "<li>item" * 50 + "</ul>"  # each <li> ends the one before: depth 2
    assert cut_deep_subtrees(items, 3) == (items, 0)
    paragraphs = "<div>" + "<p>one<p>two" * 20 + "</div>"
    assert cut_deep_subtrees(paragraphs, 2) == (paragraphs, 0)
    page = "<body><aside>" + "<div>" * 6 + "x" + "</div>" * 6 + "</aside><p>after</p></body>"
    assert cut_deep_subtrees(page, 4) == (
        "<body><aside><div><div></div></div></aside><p>after</p></body>",
        1,
    )
    # an unclosed too-deep subtree ends where its ancestor does
    unclosed = "<body><aside>" + "<div>" * 6 + "x</aside><p>after</p></body>"
    assert cut_deep_subtrees(unclosed, 4) == (
        "<body><aside><div><div></aside><p>after</p></body>",
        1,
    )
    raw = "<body><script>if (a<b) { x = '<div><div><div>' }</script><p>ok</p></body>"
    assert cut_deep_subtrees(raw, 2) == (raw, 0)


def test_moderate_nesting_is_fine() -> None:
    deep = "<div>" * 200 + "<p>deep text</p>" + "</div>" * 200
    assert "deep text" in parse_html(f"<html><body>{deep}</body></html>").text_content()


def test_markup_without_text_is_rejected() -> None:
    with pytest.raises(BadInput, match="no text"):
        parse_html("<html><body><div><img src='a.png'></div></body></html>")


def test_element_classes_are_lxml_html_ones() -> None:
    # the class lookup runs in C; it must give what lxml.html's Python lookup gives, save
    # that a plain element is our PageElement (an HtmlElement with a faster text_content)
    import lxml.html

    from cleaners.steps.parse import PageElement

    page = (
        "<html><body><form><input name=a><select><option>o</option></select>"
        "<textarea>t</textarea><label>l</label></form><p>text <b>bold</b></p></body></html>"
    )
    ours = [type(el) for el in parse_html(page).iter()]
    theirs = [type(el) for el in lxml.html.document_fromstring(page).iter()]
    assert ours == [PageElement if t is lxml.html.HtmlElement else t for t in theirs]
    assert lxml.html.FormElement in ours and lxml.html.InputElement in ours
    assert issubclass(PageElement, lxml.html.HtmlElement)


def test_article_inside_the_deep_subtree_is_still_refused() -> None:
    from cleaners.clean import clean_html

    article = (
        "<article><h1>Harbour plan</h1><p>" + "The council approved it. " * 20 + "</p></article>"
    )
    page = (
        "<html><head><title>Harbour plan</title></head><body><nav><a href='/'>Home</a></nav>"
        + "<div>" * 100_000
        + article
        + "</div>" * 100_000
        + "<footer>Site</footer></body></html>"
    )
    with pytest.raises(BadInput, match="too deeply nested"):
        clean_html(page, url="https://news.example/harbour")
