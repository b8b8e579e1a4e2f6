"""``make bench``: newsclean vs trafilatura 2.3.1 on four public sets, plus speed.

Usage: ``python -m bench [--sets aeb,fundus,fundus-eval,evaldev,templategen,widgets,speed]
[--limit N] [--jobs 2] [--out bench/results]``. ``templategen`` scores generated unseen
templates of seed 1 (tuning) and seed 2 (held out), 150 pages each (``--limit`` caps it); it
needs no data. ``widgets`` scores the fundus pages with generated widgets injected
(``bench.widgetinject``, seeds 1 and 2).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from multiprocessing import get_context
from pathlib import Path

from bench.chart import plot_f1
from bench.datasets import REPO_ROOT, SETS, benchmarks_root, load_set
from bench.evaluate import evaluate_star
from bench.profile import run_profile
from bench.report import format_table, summarize, write_jsonl
from bench.runners import TOOLS, ours_available
from bench.speed import SPEED_SETS, run_speed
from bench.templategen.score import run as run_templategen
from bench.templategen.score import summarize as summarize_templategen
from bench.widgetinject.__main__ import run as run_widgetinject

ALL_SETS = (*SETS, "templategen", "widgets", "speed")
TEMPLATEGEN_SEEDS = (1, 2)
TEMPLATEGEN_PAGES = 150


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sets", default=",".join(ALL_SETS),
                        help=f"comma-separated subset of {','.join(ALL_SETS)}")
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the quality part")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    args.sets = tuple(s.strip() for s in args.sets.split(",") if s.strip())
    unknown = set(args.sets) - set(ALL_SETS)
    if unknown:
        parser.error(f"unknown set(s): {', '.join(sorted(unknown))}")
    return args


def run_quality(sets: tuple[str, ...], tools: tuple[str, ...], limit: int | None,
                jobs: int) -> tuple[list[dict], list[dict]]:
    """Evaluate every page of ``sets`` with ``tools``; (page results, raw outputs)."""
    root = benchmarks_root()
    tasks = [(case, tools) for name in SETS if name in sets
             for case in load_set(name, root, limit)]
    pages, outputs = [], []
    if jobs > 1 and len(tasks) > 1:
        with get_context("spawn").Pool(jobs, maxtasksperchild=100) as pool:
            results = list(pool.imap(evaluate_star, tasks, chunksize=2))
    else:
        results = [evaluate_star(t) for t in tasks]
    for page, outs in results:
        pages.append(page)
        outputs.extend(outs)
    return pages, outputs


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the table, write the result files."""
    args = parse_args(argv)
    root = benchmarks_root()
    if any(name in SETS for name in args.sets) and not root.is_dir():
        print(f"benchmark data not found at {root} (set NEWSCLEAN_BENCHMARKS)", file=sys.stderr)
        return 2
    missing = ours_available()
    tools = TOOLS if missing is None else ("trafilatura",)
    if missing:
        print(f"note: cleaners.clean.clean_html unavailable ({missing}); trafilatura only",
              file=sys.stderr)
    started = time.perf_counter()
    pages, outputs = run_quality(args.sets, tools, args.limit, args.jobs)
    summary = summarize(pages, tools)
    variant = summary.get("aeb", {}).get("ours", {}).get("variant")
    for page in pages:
        if page["set"] == "aeb" and variant:
            page["ours_variant"] = variant
    templategen = {}
    if "templategen" in args.sets:
        n = min(TEMPLATEGEN_PAGES, args.limit or TEMPLATEGEN_PAGES)
        for seed in TEMPLATEGEN_SEEDS:
            rows, table = run_templategen(seed, n, tools)
            write_jsonl(args.out / f"templategen-seed{seed}.jsonl", rows)
            templategen[seed] = table
            summary[f"templategen-seed{seed}"] = {
                tool: summarize_templategen(rows, tool) for tool in tools}
    widgets = []
    if "widgets" in args.sets and root.is_dir():
        for seed in TEMPLATEGEN_SEEDS:  # seed 1 looked at, seed 2 held out
            rows, table = run_widgetinject(seed, args.limit, args.jobs)
            write_jsonl(args.out / f"widgets-seed{seed}.jsonl", rows)
            widgets.append(table)
    quality_s = time.perf_counter() - started
    speed = run_speed(tools, args.limit) if "speed" in args.sets else None
    if speed is not None and "ours" in tools:
        speed["profile"] = run_profile(SPEED_SETS, args.limit)  # where ours spends it
    args.out.mkdir(parents=True, exist_ok=True)
    write_jsonl(args.out / "pages.jsonl", pages)
    write_jsonl(args.out / "outputs.jsonl", outputs)
    chart = plot_f1(pages, args.out / "f1.png")
    (args.out / "summary.json").write_text(json.dumps(
        {"summary": summary, "speed": speed, "tools": tools}, indent=1, default=str))
    if pages or speed:
        print(format_table(summary, speed, tools))
    for table in [*templategen.values(), *widgets]:
        print(f"\n{table}")
    total = time.perf_counter() - started
    print(f"\nquality part {quality_s:.0f} s with {args.jobs} processes; total {total:.0f} s")
    print(f"per-page results: {args.out / 'pages.jsonl'}; outputs: {args.out / 'outputs.jsonl'}")
    if chart:
        print(f"chart: {chart}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
