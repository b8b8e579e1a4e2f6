"""``python -m bench.widgetinject [--seed 2] [--limit N] [--jobs 2]``: fundus pages with
injected widgets, newsclean and trafilatura side by side (see the package docstring)."""

from __future__ import annotations

import argparse
import sys
from multiprocessing import Pool

from bench.datasets import benchmarks_root, fundus_paragraphs, load_set
from bench.runners import TOOLS, run_tool
from bench.scoring import found_rates, mean, normalize_space
from bench.widgetinject.inject import inject


def _score(task: tuple) -> dict | None:
    case, seed = task
    html = case.read_html()
    page = inject(html, fundus_paragraphs(case.expected), seed, case.id)
    if page is None:
        return None
    row: dict = {"id": case.id, "shapes": page.shapes, "residue": len(page.residue)}
    truth = fundus_paragraphs(case.expected)
    for tool in TOOLS:
        plain = run_tool(tool, html, case.url)
        out = run_tool(tool, page.html, case.url)
        full = out["text"] or ""
        if out.get("lead") and out["lead"] not in full:
            full = f"{out['lead']}\n{full}"
        flat = normalize_space(full)
        _, recall = found_rates(truth, out["lines"])
        _, plain_recall = found_rates(truth, plain["lines"])
        row[tool] = {"left": [r for r in page.residue if normalize_space(r) in flat],
                     "recall": recall, "plain_recall": plain_recall, "error": out["error"]}
    return row


def run(seed: int, limit: int | None = None, jobs: int = 2) -> tuple[list[dict], str]:
    """(per-page rows, printed table) of one seed over the fundus pages."""
    cases = load_set("fundus", benchmarks_root(), limit)
    with Pool(jobs) as pool:
        rows = [r for r in pool.imap(_score, [(c, seed) for c in cases]) if r]
    role = "looked at" if seed == 1 else "held out"
    out = [f"fundus with injected widgets, seed {seed} ({role}; {len(rows)} pages, "
           f"{sum(len(r['shapes']) for r in rows)} widgets)",
           f"  {'metric':<40}{'ours':>10}{'trafilatura':>14}   target"]
    total = sum(r["residue"] for r in rows)
    lines = [
        ("pages with residue left", lambda t: str(sum(bool(r[t]["left"]) for r in rows)), "0"),
        ("residue strings left", lambda t: f"{sum(len(r[t]['left']) for r in rows)}/{total}", "0"),
        ("paragraph recall, pages as published",
         lambda t: f"{mean(r[t]['plain_recall'] for r in rows):.3f}", ""),
        ("paragraph recall, widgets injected",
         lambda t: f"{mean(r[t]['recall'] for r in rows):.3f}", "as published"),
        ("pages where the tool raised", lambda t: str(sum(bool(r[t]["error"]) for r in rows)), ""),
    ]
    for name, value, target in lines:
        out.append(f"  {name:<40}{value('ours'):>10}{value('trafilatura'):>14}   {target}")
    return rows, "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.widgetinject", description=__doc__)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show", action="store_true", help="list the residue left (ours)")
    args = parser.parse_args(argv)
    if not benchmarks_root().is_dir():
        print(f"benchmark data not found at {benchmarks_root()}: nothing to inject into")
        return 1
    rows, table = run(args.seed, args.limit, args.jobs)
    print(table)
    if args.show:
        for r in rows:
            if r["ours"]["left"]:
                print(f"  {r['id']} {r['shapes']}: {r['ours']['left']}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
