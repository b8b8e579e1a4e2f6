"""Unit tests of the record reduction and the loss helpers (no benchmark data needed)."""

from __future__ import annotations

from bench.losses import missing_and_extra
from bench.runners import record_to_extraction, run_tool


def _record(lead: str | None, text: str) -> dict:
    return {
        "title": "T", "date": "2025-09-03", "lead": lead, "text": text,
        "sections": [
            {"heading": None, "level": None, "paragraphs": ["Intro paragraph."]},
            {"heading": "Reactie Trump", "level": 2, "paragraphs": ["Trump said things."]},
        ],
    }


def test_record_reduction_keeps_lead_once_and_separates_headings() -> None:
    text = "Lead here.\n\nIntro paragraph.\n\nReactie Trump\n\nTrump said things."
    out = record_to_extraction(_record("Lead here.", text))
    assert out["text"] == text
    assert out["headings"] == ["Reactie Trump"]
    assert out["text_no_headings"] == "Lead here.\n\nIntro paragraph.\n\nTrump said things."
    assert out["lines"][0] == "Lead here." and out["date"] == "2025-09-03"


def test_lead_missing_from_text_is_prepended() -> None:
    out = record_to_extraction(_record("Standfirst.", "Intro paragraph."))
    assert out["text"].startswith("Standfirst.\n\n") and out["lines"][0] == "Standfirst."


def test_a_crashing_tool_is_an_empty_scored_output() -> None:
    out = run_tool("trafilatura", "", None)
    assert out["text"] == "" and out["error"]


def test_missing_and_extra_ignore_punctuation_and_segmentation() -> None:
    missing, extra = missing_and_extra(["Alpha beta.", "Gamma delta."],
                                       ["Alpha beta, Gamma delta", "Share this"])
    assert missing == [] and extra == ["Share this"]
