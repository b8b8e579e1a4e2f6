"""Mislabelled charsets (the usual UTF-8 <-> windows-1252 mix-ups) still decode sensibly."""

from __future__ import annotations

import pytest

from cleaners.steps.parse import decode_bytes

TEXT = "<p>café naïve über Eßzimmer garçon – “quoted”</p>"


@pytest.mark.parametrize(("codec", "label"), [
    ("cp1252", "utf-8"),  # windows-1252 bytes labelled UTF-8
    ("utf-8", "windows-1252"),  # UTF-8 bytes labelled windows-1252
    ("utf-8", "iso-8859-1"),  # ...or latin-1 (which browsers read as windows-1252)
    ("utf-8", None),  # no label at all
    ("utf-8", "utf-8"),  # correct labels stay trusted
    ("cp1252", "windows-1252"),
])
def test_decode_bytes_survives_wrong_labels(codec: str, label: str | None) -> None:
    """The text comes back exactly, whatever the label claims."""
    assert decode_bytes(TEXT.encode(codec), encoding=label) == TEXT


def test_a_correct_single_byte_label_is_kept_for_non_utf8_bytes() -> None:
    """Latin-2 bytes labelled latin-2 are not second-guessed (they are not valid UTF-8)."""
    text = "<p>Zażółć gęślą jaźń</p>"
    assert decode_bytes(text.encode("iso8859-2"), encoding="iso-8859-2") == text


@pytest.mark.parametrize("label", ["utf-8", None])
def test_utf8_page_with_stray_windows_1252_text_decodes_both_halves(label: str | None) -> None:
    """A UTF-8 template around a paragraph stored as windows-1252 (the mixed pages old CMSs
    serve): every character right, not "fÃ¼r" in the UTF-8 half nor U+FFFD in the other."""
    template = "<h1>Tierschutz für Vögel</h1><p>Größe: 5 €</p>" * 3
    stray = "<p>Ein Leben für die Vögel, grundsätzlich</p>"
    page = template.encode("utf-8") + stray.encode("cp1252")
    assert decode_bytes(page, encoding=label) == template + stray


def test_single_byte_text_with_one_utf8_lookalike_stays_single_byte() -> None:
    """windows-1252 text whose bytes happen to form one UTF-8 sequence ("Ã©") is still
    windows-1252: mixed decoding needs most non-ASCII bytes to be UTF-8."""
    text = "<p>Ã© über Eßzimmer garçon naïve café</p>"
    assert decode_bytes(text.encode("cp1252"), encoding="utf-8") == text
