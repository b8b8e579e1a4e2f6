"""Loss report: pages where ours trails trafilatura most, with what went wrong.

``python -m bench.losses [RESULTS_DIR] [--set fundus] [--top 10] [--lines 5]`` reads
``pages.jsonl`` and ``outputs.jsonl`` of a finished run and prints, per set, the pages with
the largest per-page F1 loss of ours against trafilatura: expected paragraphs we missed,
lines we output that are not in the truth, and title/date/heading differences.
``--compare OLD_DIR`` instead lists the pages whose F1 for ours moved most between runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.datasets import REPO_ROOT, Case, fundus_headings, fundus_paragraphs, load_set
from bench.report import page_f1
from bench.scoring import tokenize


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def truth_lines(case: Case) -> list[str]:
    """Expected body paragraphs of a page, in order."""
    if case.set == "aeb":
        return [p for p in case.expected["body"].split("\n") if p.strip()]
    if case.set == "fundus":
        return fundus_paragraphs(case.expected)
    if case.set == "evaldev":
        return list(case.expected["with"])
    return list(case.expected["paragraphs"])


def _tokens(text: str) -> str:
    return " " + " ".join(tokenize(text)) + " "


def missing_and_extra(truth: list[str], lines: list[str]) -> tuple[list[str], list[str]]:
    """Truth paragraphs absent from ``lines`` and lines absent from the truth (by tokens)."""
    out_text = _tokens(" ".join(lines))
    truth_text = _tokens(" ".join(truth))
    missing = [p for p in truth if tokenize(p) and _tokens(p) not in out_text]
    extra = [x for x in lines if tokenize(x) and _tokens(x) not in truth_text]
    return missing, extra


def describe(case: Case, page: dict, outputs: dict[str, dict], n_lines: int) -> list[str]:
    """Text lines describing one page's loss."""
    ours, traf = outputs.get("ours"), outputs.get("trafilatura")
    lines = [f"{case.id}  ours {page_f1(page, 'ours'):.3f}  trafilatura "
             f"{page_f1(page, 'trafilatura'):.3f}  {case.url}"]
    if ours is None:
        return lines
    if ours.get("error"):
        lines.append(f"    error: {ours['error']}")
    if case.set == "evaldev":
        return lines + describe_snippets(case, outputs, n_lines)
    truth = truth_lines(case)
    for tool, out in (("ours", ours), ("trafilatura", traf)):
        if out is None:
            continue
        missing, extra = missing_and_extra(truth, out["lines"])
        lines.append(f"    {tool}: missing {len(missing)}/{len(truth)}, "
                     f"extra {len(extra)}/{len(out['lines'])}")
        if tool == "ours":
            lines += [f"      - {m[:140]}" for m in missing[:n_lines]]
            lines += [f"      + {x[:140]}" for x in extra[:n_lines]]
    if ours.get("lead"):
        lines.append(f"    our lead: {ours['lead'][:140]}")
    if case.set == "fundus":
        exp = case.expected
        lines.append(f"    title: ours {ours['title']!r} / expected {exp['title']!r}")
        lines.append(f"    date: ours {ours['date']} / expected {exp['published']}")
        lines.append(f"    headings: ours {ours['headings'][:8]} / expected "
                     f"{fundus_headings(exp)[:8]}")
    return lines


def describe_snippets(case: Case, outputs: dict[str, dict], n_lines: int) -> list[str]:
    """trafilatura-eval-dev: "with" snippets missed, "without" snippets kept, date, title."""
    exp = case.expected
    lines = []
    for tool, out in sorted(outputs.items()):
        text = " ".join((out.get("text") or "").split())
        missed = [s for s in exp["with"] if " ".join(s.split()) not in text]
        kept = [s for s in exp["without"] if " ".join(s.split()) in text]
        lines.append(f"    {tool}: missed {len(missed)}/{len(exp['with'])} with, kept "
                     f"{len(kept)}/{len(exp['without'])} without; date {out.get('date')} "
                     f"title {out.get('title')!r}")
        if tool == "ours":
            lines += [f"      - {m[:140]}" for m in missed[:n_lines]]
            lines += [f"      + {x[:140]}" for x in kept[:n_lines]]
    lines.append(f"    expected: date {exp['date']} title {exp['title']!r}")
    return lines


def report_losses(results: Path, sets: tuple[str, ...], top: int, n_lines: int) -> str:
    """The loss report of one run."""
    pages = _read(results / "pages.jsonl")
    outputs: dict[tuple[str, str], dict[str, dict]] = {}
    for row in _read(results / "outputs.jsonl"):
        outputs.setdefault((row["set"], row["id"]), {})[row["tool"]] = row
    out = []
    for set_name in sets:
        sub = [p for p in pages if p["set"] == set_name and "ours" in p["tools"]]
        if not sub:
            continue
        cases = {c.id: c for c in load_set(set_name)}
        sub.sort(key=lambda p: page_f1(p, "ours") - page_f1(p, "trafilatura"))
        losses = sum(page_f1(p, "ours") < page_f1(p, "trafilatura") - 1e-9 for p in sub)
        wins = sum(page_f1(p, "ours") > page_f1(p, "trafilatura") + 1e-9 for p in sub)
        out.append(f"== {set_name}: ours better on {wins} pages, worse on {losses}")
        for page in sub[:top]:
            out += describe(cases[page["id"]], page, outputs[(set_name, page["id"])], n_lines)
    return "\n".join(out)


def report_moves(old: Path, new: Path, top: int) -> str:
    """Pages whose F1 for ours changed most between two runs."""
    before = {(p["set"], p["id"]): p for p in _read(old / "pages.jsonl")}
    out = []
    moved = []
    for page in _read(new / "pages.jsonl"):
        prev = before.get((page["set"], page["id"]))
        if prev and "ours" in page["tools"] and "ours" in prev["tools"]:
            moved.append((page_f1(page, "ours") - page_f1(prev, "ours"), page))
    moved.sort(key=lambda m: m[0])
    for delta, page in moved[:top] + moved[-top:]:
        if abs(delta) > 1e-9:
            out.append(f"{delta:+.3f}  {page['set']:<12} {page['id']}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python -m bench.losses", description=__doc__)
    parser.add_argument("results", nargs="?", type=Path, default=REPO_ROOT / "bench" / "results")
    parser.add_argument("--set", default="aeb,fundus,fundus-eval,evaldev")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--lines", type=int, default=4)
    parser.add_argument("--compare", type=Path, default=None, help="older results dir")
    args = parser.parse_args(argv)
    if args.compare:
        print(report_moves(args.compare, args.results, args.top))
    else:
        sets = tuple(s for s in args.set.split(",") if s)
        print(report_losses(args.results, sets, args.top, args.lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
