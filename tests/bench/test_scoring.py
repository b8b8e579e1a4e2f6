"""Scoring unit tests, including reproductions of the published benchmark figures."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest

from bench.scoring import (
    ShingleCounts,
    corpus_scores,
    date_matches,
    found_rates,
    heading_counts,
    paragraph_match,
    shingle_counts,
    shingles,
    title_matches,
    tokenize,
)


def test_tokenize_is_unicode_words_without_case_folding() -> None:
    assert tokenize("Hello, wörld! Привет_1 — 2024") == ["Hello", "wörld", "Привет_1", "2024"]
    assert tokenize("") == [] and tokenize(None) == []


def test_short_texts_give_one_shingle_and_empty_gives_none() -> None:
    assert shingles(["a", "b"]) == {("a", "b"): 1}
    assert shingles([]) == {}
    assert sum(shingles(list("abcdef")).values()) == 3


def test_perfect_match_and_empty_prediction() -> None:
    perfect = shingle_counts("one two three four five", "one, two three four five.")
    assert (perfect.precision, perfect.recall, perfect.exact) == (1.0, 1.0, True)
    empty = shingle_counts("one two three four five", "")
    assert (empty.recall, empty.tp + empty.fp) == (0.0, 0)
    both_empty = shingle_counts("", "")
    assert (both_empty.precision, both_empty.recall) == (1.0, 1.0)


def test_counts_are_bags_and_normalised() -> None:
    c = shingle_counts("a b c d e", "a b c d e a b c d")
    # truth: abcd, bcde; prediction: abcd x2, bcde, cdea, deab, eabc, ... surplus is FP
    assert c.tp + c.fp + c.fn == pytest.approx(1.0)
    assert c.recall == 1.0 and 0 < c.precision < 1


def test_empty_prediction_is_left_out_of_precision_but_counts_for_recall() -> None:
    pages = [ShingleCounts(1.0, 0.0, 0.0, True), ShingleCounts(0.0, 0.0, 1.0, False)]
    s = corpus_scores(pages)
    assert s["precision"] == 1.0 and s["recall"] == 0.5
    assert s["f1"] == pytest.approx(2 * 1.0 * 0.5 / 1.5)  # F1 of the averages


def _aeb_output(root: Path, name: str) -> dict:
    data = json.loads((root / "output" / f"{name}.json").read_text(encoding="utf-8"))
    return data["output"] if isinstance(data.get("output"), dict) else data


@pytest.mark.parametrize(("name", "expected"), [
    ("trafilatura", (0.958, 0.938, 0.978, 0.293)),   # published: trafilatura 2.0.0
    ("rs_trafilatura", (0.970, 0.951, 0.990, 0.287)),
    ("newspaper", (0.949, 0.964, 0.934, 0.326)),
    ("AutoExtract", (0.970, 0.984, 0.956, 0.470)),
])
def test_reproduces_published_aeb_figures(bench_root: Path, name: str,
                                          expected: tuple[float, ...]) -> None:
    root = bench_root / "article-extraction-benchmark"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    output = _aeb_output(root, name)
    assert set(output) == set(truth)
    s = corpus_scores(shingle_counts(item["articleBody"], (output[k] or {}).get("articleBody"))
                      for k, item in truth.items())
    got = tuple(round(s[k], 3) for k in ("f1", "precision", "recall", "accuracy"))
    assert got == expected


def test_paragraph_match_optional_paragraphs() -> None:
    truth = ["First.", "[Optional note.]", "Second."]
    assert paragraph_match(truth, ["First.", "Second."])[:2] == (1.0, 1.0)
    assert paragraph_match(truth, ["First.", "Optional  note.", "Second."])[:2] == (1.0, 1.0)
    p, r, f = paragraph_match(truth, ["Other."])
    assert (p, r) == (0.0, 0.0) and math.isnan(f)


def test_reproduces_published_paragraph_match_scores(bench_root: Path) -> None:
    base = bench_root / "fundus-evaluation" / "dataset"
    truth = json.loads((base / "ground_truth.json").read_text(encoding="utf-8"))
    with (base / "scores" / "paragraph_match.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for scraper in ("trafilatura", "fundus", "newsplease"):
        extraction = json.loads((base / "extractions" / f"{scraper}.json").read_text("utf-8"))
        for row in (r for r in rows if r["scraper"] == scraper):
            p, r, _ = paragraph_match(truth[row["article"]]["body"],
                                      extraction[row["article"]]["body"])
            assert p == pytest.approx(float(row["precision"]), abs=1e-12, nan_ok=True)
            assert r == pytest.approx(float(row["recall"]), abs=1e-12, nan_ok=True)


def test_date_matches_any_timezone_day() -> None:
    assert date_matches("2024-05-03 23:30:00+00:00", "2024-05-04")  # UTC+1 next day
    assert date_matches("2024-05-03 00:30:00+00:00", "2024-05-02")  # UTC-1 previous day
    assert date_matches("2024-05-03 12:00:00", "2024-05-03")        # naive = UTC
    assert not date_matches("2024-05-03 12:00:00+00:00", "2024-05-05")
    assert not date_matches("2024-05-03 12:00:00+00:00", None)


def test_headings_titles_and_found_rates() -> None:
    assert heading_counts(["Reactie Trump", "Chatbot"], ["reactie  trump", "Other"]) == (1, 2, 2)
    assert title_matches("A  title", " A title ") and not title_matches("A", None)
    # invisible format characters are no difference a reader sees; letters and quotes are
    assert title_matches("Heli\u00adkopter Fortschritt\u200b", "Helikopter Fortschritt")
    assert not title_matches("Swift's", "Swift\u2019s")
    p, r = found_rates(["Alpha beta.", "Gamma delta."], ["Alpha beta. Gamma delta.", "Noise"])
    assert (p, r) == (0.5, 1.0)  # merged paragraph found, noise not


def test_snippet_counts_follow_trafilaturas_evaluation() -> None:
    from bench.scoring import micro_prf, snippet_counts

    text = "Der  erste\nAbsatz steht hier.\n\nCookie-Hinweis"
    counts = snippet_counts(["erste Absatz", "fehlt ganz"], ["Cookie-Hinweis", "Impressum"], text)
    assert counts == {"tp": 1, "fn": 1, "fp": 1, "tn": 1}
    assert micro_prf(1, 1, 1) == (0.5, 0.5, 0.5)
    assert micro_prf(0, 0, 0) == (0.0, 0.0, 0.0)


def test_exact_date_and_valid_day() -> None:
    from bench.scoring import exact_date, valid_day

    assert exact_date("2019-03-04", "2019-03-04T10:00:00")
    assert not exact_date("2019-03-04", "2019-04-03")
    assert not exact_date("2019-03-04", None)
    assert valid_day("2024-02-29") and not valid_day("2022-29-11") and not valid_day(None)


def test_evaldev_loads_every_page_with_its_truth(bench_root) -> None:
    from bench.datasets import load_set

    cases = load_set("evaldev", bench_root)
    assert len(cases) == 487
    assert sum(1 for c in cases if c.expected["date"]) == 374
    assert all(c.expected["with"] for c in cases)
    html = cases[0].read_html()
    assert "<" in html and "\ufffd" not in html[:2000]
