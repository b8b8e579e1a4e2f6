"""Scoring of the generated template pages: both tools on each page, against its truth.

Per page and tool: ``date_ok`` (exact YYYY-MM-DD, the publisher's local day), ``title_ok``
(exact after whitespace normalisation), ``headings_ok`` (the ordered list of sub-headings
equal, whitespace-normalised, case kept), paragraph found precision/recall (word-token
containment, blind to segmentation and punctuation, as the fundus rows), ``residue_left``
(truth residue strings found in the tool's text, lead included, whitespace-normalised) and
``boilerplate_left`` (read-also lines, teaser titles, captions, kickers found).
"""

from __future__ import annotations

import math
import time

from bench.confirmgen.generate import make_page
from bench.runners import Extraction, run_tool
from bench.scoring import found_rates, harmonic, mean, normalize_space, title_matches, tokenize

SEEDS = {1: "tune", 2: "held-out"}
DEFAULT_PAGES = 150


def set_name(seed: int) -> str:
    """The result-set name of one seed (``templategen-s1``)."""
    return f"templategen-s{seed}"


def _tokens_in(needle: str, haystack: str) -> bool:
    toks = tokenize(needle)
    return bool(toks) and f" {' '.join(toks)} " in haystack


def score_page(truth: dict, out: Extraction) -> dict:
    """Scores of one tool's output against one page's truth."""
    full = out["text"] or ""
    if out.get("lead") and out["lead"] not in full:
        full = f"{out['lead']}\n{full}"
    flat = normalize_space(full)
    residue = [s for s in truth["residue"] if normalize_space(s) in flat]
    joined = " " + " ".join(tokenize(full)) + " "
    boiler = [s for s in truth["boilerplate"] if _tokens_in(s, joined)]
    precision, recall = found_rates(truth["paragraphs"], out["lines"],
                                    truth["paragraphs"] + truth["headings"])
    headings = [normalize_space(h) for h in out["headings"] if h.strip()]
    return {
        "date_ok": out["date"] == truth["published"], "no_date": not out["date"],
        "date_is_modified": bool(truth["modified"]) and truth["modified"] != truth["published"]
        and out["date"] == truth["modified"],
        "title_ok": title_matches(truth["title"], out["title"]),
        "headings_ok": headings == [normalize_space(h) for h in truth["headings"]],
        "found_precision": precision, "found_recall": recall,
        "residue_left": residue, "boilerplate_left": boiler,
        "date": out["date"], "expected_date": truth["published"],
        "headings": headings, "title": out["title"],
    }


def evaluate_page(task: tuple[int, int, tuple[str, ...]]) -> tuple[dict, list[dict]]:
    """Generate page ``index`` of ``seed`` and score ``tools`` on it (for ``Pool.imap``)."""
    seed, index, tools = task
    page = make_page(seed, index)
    truth = page["truth"]
    result: dict = {"set": set_name(seed), "id": page["id"], "url": page["url"],
                    "date_mode": truth["date_mode"], "features": truth["features"], "tools": {}}
    outputs = []
    for tool in tools:
        start = time.perf_counter()
        out = run_tool(tool, page["html"], page["url"])
        seconds = time.perf_counter() - start
        result["tools"][tool] = {"error": out["error"], "seconds": round(seconds, 4),
                                 **score_page(truth, out)}
        outputs.append({"set": result["set"], "id": page["id"], "tool": tool, **out})
    return result, outputs


def tasks(tools: tuple[str, ...], limit: int | None = None,
          pages: int = DEFAULT_PAGES) -> list[tuple[int, int, tuple[str, ...]]]:
    """Every (seed, index, tools) task of both seeds (``limit`` pages per seed if given)."""
    n = min(limit, pages) if limit else pages
    return [(seed, i, tools) for seed in SEEDS for i in range(n)]


def summarize(pages: list[dict], tool: str) -> dict:
    """Rates over one seed's pages for one tool."""
    rows = [p["tools"][tool] for p in pages if tool in p["tools"]]
    n = len(rows) or 1
    fp, fr = mean(r["found_precision"] for r in rows), mean(r["found_recall"] for r in rows)
    return {
        "date_exact": sum(r["date_ok"] for r in rows) / n,
        "no_date": sum(r["no_date"] for r in rows),
        "date_is_modified": sum(r["date_is_modified"] for r in rows),
        "headings_exact": sum(r["headings_ok"] for r in rows) / n,
        "found_recall": fr, "found_precision": fp,
        "found_f1": harmonic(fp, fr) if not (math.isnan(fp) or math.isnan(fr)) else math.nan,
        "residue_pages": sum(1 for r in rows if r["residue_left"]),
        "residue_lines": sum(len(r["residue_left"]) for r in rows),
        "boilerplate_lines": sum(len(r["boilerplate_left"]) for r in rows),
        "title_exact": sum(r["title_ok"] for r in rows) / n,
        "pages": len(rows),
    }


ROWS = (("date exact (publisher's local day)", "date_exact"),
        ("pages without date", "no_date"),
        ("date = the updated day instead", "date_is_modified"),
        ("sub-heading list exact (per page)", "headings_exact"),
        ("paragraphs found: recall", "found_recall"),
        ("paragraphs found: precision", "found_precision"),
        ("pages with template residue left", "residue_pages"),
        ("template residue strings left", "residue_lines"),
        ("read-also/teaser/caption strings left", "boilerplate_lines"),
        ("title exact match", "title_exact"))
TARGETS = {"date_exact": ">= 0.98", "headings_exact": ">= 0.95", "residue_pages": "0",
           "residue_lines": "0"}


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.confirmgen [--pages 150] [--jobs 2]``: both seeds, newsclean and
    trafilatura side by side, as a table."""
    import argparse
    from multiprocessing import Pool

    parser = argparse.ArgumentParser(prog="python -m bench.confirmgen")
    parser.add_argument("--pages", type=int, default=DEFAULT_PAGES)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    tools = ("ours", "trafilatura")
    work = tasks(tools, pages=args.pages)
    with Pool(args.jobs) as pool:
        results = [r for r, _ in pool.imap(evaluate_page, work, chunksize=4)]
    for seed, role in SEEDS.items():
        pages = [r for r in results if r["set"] == set_name(seed)]
        sums = {tool: summarize(pages, tool) for tool in tools}
        print(f"confirmgen seed {seed} ({role}, {len(pages)} pages)")
        print(f"  {'metric':<44}{'ours':>8}{'trafilatura':>14}   target")
        for label, key in ROWS:
            a, b = sums["ours"][key], sums["trafilatura"][key]
            fmt = (lambda v: f"{v:.3f}") if isinstance(a, float) else str
            print(f"  {label:<44}{fmt(a):>8}{fmt(b):>14}   {TARGETS.get(key, '')}")
    return 0
