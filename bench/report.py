"""Aggregate per-page results into the summary table, the JSONL files and the F1 chart."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path

from bench.evaldev_notes import WRONG_DATE_TRUTH
from bench.profile import format_profile
from bench.scoring import ShingleCounts, corpus_scores, harmonic, mean, micro_prf

TOOLS = ("ours", "trafilatura")
TARGETS = {
    ("aeb", "f1"): ">= 0.970", ("aeb", "precision"): ">= trafilatura",
    ("fundus", "body_recall"): ">= trafilatura", ("fundus", "body_f1"): ">= trafilatura",
    ("fundus-eval", "f1"): ">= trafilatura", ("fundus", "heading_f1"): ">= 0.90",
    ("fundus", "date_accuracy"): ">= 0.99", ("fundus", "title_exact"): ">= 0.84",
    ("speed", "ratio"): "<= 0.6",
    ("evaldev", "f1"): ">= 0.95, > trafilatura", ("evaldev", "date_accuracy_trusted"): ">= 0.93",
    ("evaldev", "title_exact"): ">= trafilatura",
}


def _shingles(d: dict) -> ShingleCounts:
    return ShingleCounts(d["tp"], d["fp"], d["fn"], d["exact"])


def summarize_aeb(pages: list[dict], tool: str) -> dict:
    """Corpus AEB scores; for ours the better of full text / text minus headings."""
    rows = [p["tools"][tool] for p in pages if tool in p["tools"]]
    full = corpus_scores(_shingles(r["full"]) for r in rows)
    bare = corpus_scores(_shingles(r["no_headings"]) for r in rows)
    if tool == "ours" and bare["f1"] > full["f1"]:
        return {**bare, "variant": "no_headings", "other_f1": full["f1"]}
    return {**full, "variant": "full", "other_f1": bare["f1"]}


def summarize_fundus(pages: list[dict], tool: str) -> dict:
    """Body shingles, paragraph found-rates, headings (micro), title, date."""
    rows = [p["tools"][tool] for p in pages if tool in p["tools"]]
    body = corpus_scores(_shingles(r["body"]) for r in rows)
    matched = sum(r["headings"]["matched"] for r in rows)
    predicted = sum(r["headings"]["predicted"] for r in rows)
    expected = sum(r["headings"]["expected"] for r in rows)
    hp = matched / predicted if predicted else 0.0
    hr = matched / expected if expected else 0.0
    n = len(rows) or 1
    return {
        "body_precision": body["precision"], "body_recall": body["recall"],
        "body_f1": body["f1"],
        "found_precision": mean(r["found_precision"] for r in rows),
        "found_recall": mean(r["found_recall"] for r in rows),
        "heading_precision": hp, "heading_recall": hr, "heading_f1": harmonic(hp, hr),
        "title_exact": sum(r["title_ok"] for r in rows) / n,
        "date_accuracy": sum(r["date_ok"] for r in rows) / n,
        "no_date": sum(r["no_date"] for r in rows), "pages": len(rows),
    }


def summarize_fundus_eval(pages: list[dict], tool: str) -> dict:
    """Mean paragraph-match P/R/F1 (NaN pages skipped, as in FORMAT.md's table)."""
    rows = [p["tools"][tool] for p in pages if tool in p["tools"]]
    return {"precision": mean(r["precision"] for r in rows),
            "recall": mean(r["recall"] for r in rows),
            "f1": mean(r["f1"] for r in rows), "pages": len(rows)}


def summarize_evaldev(pages: list[dict], tool: str) -> dict:
    """Micro snippet P/R/F1 over all pages; exact dates over dated pages (also without the
    impossible or listed-wrong truths); exact titles over titled pages."""
    rows = [(p["id"], p["tools"][tool]) for p in pages if tool in p["tools"]]
    tp, fp, fn = (sum(r["snippets"][k] for _, r in rows) for k in ("tp", "fp", "fn"))
    precision, recall, f1 = micro_prf(tp, fp, fn)
    dated = [(pid, r) for pid, r in rows if r["has_date"]]
    trusted = [(pid, r) for pid, r in dated
               if r["date_truth_valid"] and pid not in WRONG_DATE_TRUTH]
    titled = [r for _, r in rows if r["has_title"]]

    def share(items: list, key: str) -> float:
        return sum(r[key] for *_, r in items) / len(items) if items else math.nan

    return {
        "precision": precision, "recall": recall, "f1": f1,
        "date_accuracy": share(dated, "date_ok"), "dated_pages": len(dated),
        "date_accuracy_trusted": share(trusted, "date_ok"), "trusted_dated": len(trusted),
        "no_date": sum(1 for _, r in dated if not r["date"]),
        "title_exact": share([(r,) for r in titled], "title_ok"), "titled_pages": len(titled),
        "pages": len(rows),
    }


def count_errors(pages: list[dict], tool: str) -> int:
    """Pages where ``tool`` raised (scored as empty output)."""
    errors = ((p["tools"].get(tool) or {}).get("error") for p in pages)
    return sum(1 for e in errors if e not in (None, "no result"))


SUMMARIZERS = {"aeb": summarize_aeb, "fundus": summarize_fundus,
               "fundus-eval": summarize_fundus_eval, "evaldev": summarize_evaldev}


def summarize(pages: list[dict], tools: Iterable[str]) -> dict:
    """{set: {tool: summary}} over every set present in ``pages``."""
    out: dict = {}
    for set_name, fn in SUMMARIZERS.items():
        sub = [p for p in pages if p["set"] == set_name]
        if sub:
            out[set_name] = {tool: {**fn(sub, tool), "errors": count_errors(sub, tool)}
                             for tool in tools}
    return out


def _fmt(value: object, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


ROWS = {
    "aeb": (("F1", "f1"), ("precision", "precision"), ("recall", "recall"),
            ("accuracy (exact tokens)", "accuracy")),
    "fundus": (("paragraph precision (shingles)", "body_precision"),
               ("paragraph recall (shingles)", "body_recall"),
               ("paragraph F1 (shingles)", "body_f1"),
               ("paragraphs found: precision", "found_precision"),
               ("paragraphs found: recall", "found_recall"),
               ("sub-heading precision", "heading_precision"),
               ("sub-heading recall", "heading_recall"),
               ("sub-heading F1", "heading_f1"),
               ("title exact match", "title_exact"),
               ("date accuracy (any UTC-12..+14 day)", "date_accuracy"),
               ("pages without date", "no_date")),
    "fundus-eval": (("paragraph match precision", "precision"),
                    ("paragraph match recall", "recall"),
                    ("paragraph match F1", "f1")),
    "evaldev": (("snippet precision (micro)", "precision"),
                ("snippet recall (micro)", "recall"),
                ("snippet F1 (micro)", "f1"),
                ("date exact (dated pages)", "date_accuracy"),
                ("date exact (wrong truths left out)", "date_accuracy_trusted"),
                ("dated pages without a date", "no_date"),
                ("title exact (titled pages)", "title_exact")),
}
TITLES = {"aeb": "article-extraction-benchmark", "fundus": "fundus",
          "fundus-eval": "fundus-evaluation", "evaldev": "trafilatura-eval-dev"}


def format_table(summary: dict, speed: dict | None, tools: tuple[str, ...]) -> str:
    """The side-by-side summary table printed on stdout."""
    lines = [f"{'metric':<40}{'ours':>12}{'trafilatura':>14}   target", "-" * 80]
    for set_name, rows in ROWS.items():
        if set_name not in summary:
            continue
        per_tool = summary[set_name]
        pages = per_tool[tools[-1]]["pages"]
        lines.append(f"{TITLES[set_name]} ({pages} pages)")
        for label, key in rows:
            vals = [_fmt(per_tool[t].get(key)) if t in per_tool else "n/a" for t in TOOLS]
            target = TARGETS.get((set_name, key), "")
            lines.append(f"  {label:<38}{vals[0]:>12}{vals[1]:>14}   {target}")
        errors = [str(per_tool[t]["errors"]) if t in per_tool else "n/a" for t in TOOLS]
        lines.append(f"  {'pages where the tool raised':<38}{errors[0]:>12}{errors[1]:>14}")
        if set_name == "aeb" and "ours" in per_tool:
            o = per_tool["ours"]
            which = ("record text minus headings" if o["variant"] == "no_headings"
                     else "record text with headings")
            lines.append(f"  (ours scored on {which}; the other variant gives F1 "
                         f"{_fmt(o['other_f1'])}; trafilatura on its plain-text output)")
        if set_name == "evaldev":
            o = per_tool[tools[-1]]
            lines.append(f"  ({o['dated_pages']} dated pages, {o['trusted_dated']} with a "
                         f"trusted date; {o['titled_pages']} titled; snippets searched in "
                         "each tool's full text)")
        if set_name == "fundus":
            lines.append("  (paragraph scores: both tools' text without their headings vs "
                         "summary + paragraphs; sub-headings micro-averaged)")
    if speed:
        lines += _speed_rows(speed)
    return "\n".join(lines)


_SPEED_SET_NAMES = {"aeb": "AEB", "evaldev": "trafilatura-eval-dev"}


def _speed_rows(speed: dict) -> list[str]:
    lines: list[str] = []
    for set_name, figures in (speed.get("sets") or {"aeb": speed}).items():
        lines += _speed_set_rows(figures, _SPEED_SET_NAMES.get(set_name, set_name))
    for set_name, figures in (speed.get("profile") or {}).items():
        lines += format_profile(figures) if figures else [f"profile of {set_name}: none"]
    return lines


def _speed_set_rows(speed: dict, set_label: str) -> list[str]:
    lines = []
    first = next((v for v in speed.values() if isinstance(v, dict) and "pages" in v), None)
    lines.append(f"speed (single process, {first['pages'] if first else '?'} {set_label} pages)")
    for label, key in (("pages/s (CPU time)", "cpu_pages_per_s"),
                       ("pages/s (wall time)", "pages_per_s"),
                       ("median ms/page (wall)", "median_ms"),
                       ("peak RSS MB (own subprocess)", "peak_rss_mb"),
                       ("untimed warm-up CPU s (bench.warmup)", "warmup_cpu_seconds")):
        vals = [_fmt(speed.get(t, {}).get(key), 1) for t in TOOLS]
        lines.append(f"  {label:<38}{vals[0]:>12}{vals[1]:>14}")
    lines.append(f"  {'time/page ratio ours/trafilatura (CPU)':<38}{_fmt(speed.get('ratio')):>12}"
                 f"{'':>14}   {TARGETS[('speed', 'ratio')]}")
    lines.append(f"  {'time/page ratio (wall)':<38}{_fmt(speed.get('wall_ratio')):>12}")
    if speed.get("interleaved_ratio") is not None:
        lines.append(f"  {'ratio, both in one process (CPU)':<38}"
                     f"{_fmt(speed['interleaved_ratio']):>12}{'':>14}   "
                     f"{TARGETS[('speed', 'ratio')]}")
    for tool in TOOLS:
        if "error" in (speed.get(tool) or {}):
            lines.append(f"  {tool} speed run failed: {speed[tool]['error'][-200:]}")
    return lines


def write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    """Write one JSON object per line (UTF-8, not ASCII-escaped)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def page_f1(page: dict, tool: str) -> float:
    """The per-page F1 drawn in the chart (AEB/fundus: shingles; fundus-eval: paragraphs)."""
    r = page["tools"].get(tool)
    if r is None:
        return math.nan
    if page["set"] == "aeb":
        return r["no_headings" if tool == "ours" and page.get("ours_variant") ==
                 "no_headings" else "full"]["f1"]
    if page["set"] == "fundus":
        return r["body"]["f1"]
    if page["set"] == "evaldev":
        c = r["snippets"]
        return micro_prf(c["tp"], c["fp"], c["fn"])[2]
    f1 = r["f1"]
    return 0.0 if math.isnan(f1) else f1
