"""Per-page evaluation: run both tools on one page and score them for its set."""

from __future__ import annotations

import time

from bench.datasets import Case, fundus_headings, fundus_paragraphs
from bench.runners import Extraction, run_tool
from bench.scoring import (
    INVISIBLE_RE,
    ShingleCounts,
    date_matches,
    exact_date,
    found_rates,
    heading_counts,
    paragraph_match,
    shingle_counts,
    snippet_counts,
    title_matches,
    valid_day,
)


def _counts(c: ShingleCounts) -> dict:
    return {"tp": c.tp, "fp": c.fp, "fn": c.fn, "exact": c.exact,
            "precision": c.precision, "recall": c.recall, "f1": c.f1}


def score_aeb(case: Case, out: Extraction) -> dict:
    """Shingle counts of the full text and of the text without headings."""
    truth = case.expected["body"]
    full = _counts(shingle_counts(truth, out["text"]))
    bare = _counts(shingle_counts(truth, out["text_no_headings"]))
    return {"full": full, "no_headings": bare}


def _visible(texts: list[str]) -> list[str]:
    return [INVISIBLE_RE.sub("", t) for t in texts]


def score_fundus(case: Case, out: Extraction) -> dict:
    """Body shingles, paragraph found-rates, sub-headings, title and date of one page.
    Invisible format characters (soft hyphens, zero-width spaces: fundus keeps them in its
    truth, trafilatura and ours take them out) are ignored on both sides, as for titles."""
    exp = case.expected
    paragraphs = _visible(fundus_paragraphs(exp))
    body = _counts(shingle_counts("\n\n".join(paragraphs),
                                  INVISIBLE_RE.sub("", out["text_no_headings"])))
    truth_all = list(exp["summary"])
    for section in exp["sections"]:
        truth_all += section["headline"] + section["paragraphs"]
    found_p, found_r = found_rates(paragraphs, _visible(out["lines"]), _visible(truth_all))
    matched, predicted, expected = heading_counts(_visible(fundus_headings(exp)),
                                                  _visible(out["headings"]))
    return {
        "body": body,
        "found_precision": found_p,
        "found_recall": found_r,
        "headings": {"matched": matched, "predicted": predicted, "expected": expected},
        "title_ok": title_matches(exp["title"], out["title"]),
        "date_ok": bool(exp["published"]) and date_matches(exp["published"], out["date"]),
        "no_date": not out["date"],
        "expected_title": exp["title"], "title": out["title"],
        "expected_published": exp["published"], "date": out["date"],
    }


def score_fundus_eval(case: Case, out: Extraction) -> dict:
    """Paragraph match of the plain-text paragraphs against the manual paragraphs."""
    p, r, f = paragraph_match(case.expected["paragraphs"], out["lines"])
    return {"precision": p, "recall": r, "f1": f}


def score_evaldev(case: Case, out: Extraction) -> dict:
    """Snippet counts of the full text, exact date and title (trafilatura-eval-dev)."""
    exp = case.expected
    return {
        "snippets": snippet_counts(exp["with"], exp["without"], out["text"]),
        "has_date": bool(exp["date"]), "date_truth_valid": valid_day(exp["date"]),
        "date_ok": exact_date(exp["date"], out["date"]),
        "has_title": bool(exp["title"]),
        "title_ok": bool(exp["title"]) and title_matches(exp["title"], out["title"]),
        "expected_date": exp["date"], "date": out["date"],
        "expected_title": exp["title"], "title": out["title"],
    }


SCORERS = {"aeb": score_aeb, "fundus": score_fundus, "fundus-eval": score_fundus_eval,
           "evaldev": score_evaldev}


def evaluate_case(case: Case, tools: tuple[str, ...]) -> tuple[dict, list[dict]]:
    """Run ``tools`` on one page; return (page result, raw outputs for inspection)."""
    html = case.read_html()
    result: dict = {"set": case.set, "id": case.id, "url": case.url, "tools": {}}
    outputs = []
    for tool in tools:
        start = time.perf_counter()
        out = run_tool(tool, html, case.url)
        seconds = time.perf_counter() - start
        scores = SCORERS[case.set](case, out)
        result["tools"][tool] = {"error": out["error"], "seconds": round(seconds, 4), **scores}
        outputs.append({"set": case.set, "id": case.id, "tool": tool, **out})
    return result, outputs


def evaluate_star(args: tuple[Case, tuple[str, ...]]) -> tuple[dict, list[dict]]:
    """``evaluate_case`` for ``Pool.imap``."""
    return evaluate_case(*args)
