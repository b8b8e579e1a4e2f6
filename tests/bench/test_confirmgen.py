"""The template generator: determinism, truth consistency, and the scorer on a few pages."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from bench.confirmgen import generate, make_page
from bench.confirmgen.score import evaluate_page, score_page, summarize
from bench.datasets import REPO_ROOT
from bench.runners import empty_extraction
from bench.scoring import normalize_space

DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def test_same_seed_same_pages_other_seed_other_pages() -> None:
    assert generate(2, 5) == generate(2, 5)
    assert make_page(2, 3) == generate(2, 5)[3]  # a page needs only its seed and index
    assert [p["html"] for p in generate(1, 5)] != [p["html"] for p in generate(2, 5)]


def test_truth_is_consistent_with_the_page() -> None:
    langs, modes = set(), set()
    for page in generate(1, 60):
        truth, html = page["truth"], page["html"]
        langs.add(truth["lang"])
        modes.add(truth["date_mode"])
        assert DAY_RE.match(truth["published"]) and truth["title"] and truth["paragraphs"]
        assert truth["modified"] is None or truth["modified"] >= truth["published"]
        assert truth["residue"], "every page carries at least one widget"
        text = normalize_space(" ".join(truth["paragraphs"] + truth["headings"]))
        for residue in truth["residue"]:
            assert normalize_space(residue) not in text, residue
        for heading in truth["headings"]:
            assert heading.replace("'", "&#x27;") in html
    assert langs == {"nl", "de", "en", "fr", "es"}
    assert len(modes) >= 6


def test_perfect_and_empty_outputs_score_at_the_extremes() -> None:
    truth = make_page(1, 0)["truth"]
    perfect = {**empty_extraction(), "text": "\n".join(truth["paragraphs"]),
               "lines": truth["paragraphs"], "headings": truth["headings"],
               "title": truth["title"], "date": truth["published"]}
    good = score_page(truth, perfect)
    assert good["date_ok"] and good["title_ok"] and good["headings_ok"]
    assert (good["found_precision"], good["found_recall"]) == (1.0, 1.0)
    assert good["residue_left"] == []
    leaky = {**perfect, "text": perfect["text"] + "\n" + " ".join(truth["residue"])}
    assert score_page(truth, leaky)["residue_left"] == truth["residue"]
    assert not score_page(truth, empty_extraction())["date_ok"]


def test_both_tools_run_on_a_couple_of_pages() -> None:
    pages = [evaluate_page((1, i, ("ours", "trafilatura")))[0] for i in range(2)]
    for tool in ("ours", "trafilatura"):
        summary = summarize(pages, tool)
        assert summary["pages"] == 2 and 0 <= summary["date_exact"] <= 1


def test_cli_writes_pages_and_truth(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "bench.confirmgen", "--seed", "2",
                           "--pages", "3", "--out", str(tmp_path)], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(x) for x in (tmp_path / "truth.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["s2-0000", "s2-0001", "s2-0002"]
    assert (tmp_path / rows[0]["file"]).read_text() == make_page(2, 0)["html"]
