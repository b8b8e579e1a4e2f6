"""``python -m bench.templategen [--seed 2] [--pages 150] [--out FILE.jsonl] [--dump N]``.

Generates unseen news-article templates of one seed (1 = tuning, 2 = held out), runs
newsclean and trafilatura on them and prints the table; ``--out`` writes per-page rows,
``--dump N`` also writes the first N generated pages (HTML + truth) next to it.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from bench.report import write_jsonl
from bench.runners import TOOLS, ours_available
from bench.templategen.generate import generate
from bench.templategen.score import format_table, score_pages


def main(argv: list[str] | None = None) -> int:
    """Score one seed and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.templategen", description=__doc__)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--pages", type=int, default=150)
    parser.add_argument("--out", type=Path, default=None, help="per-page rows (JSONL)")
    parser.add_argument("--dump", type=int, default=0, help="also write the first N pages")
    args = parser.parse_args(argv)
    tools = TOOLS if ours_available() is None else ("trafilatura",)
    pages = generate(args.seed, args.pages)
    rows = score_pages(pages, tools)
    print(format_table(args.seed, rows, tools))
    if args.out:
        write_jsonl(args.out, rows)
        if args.dump:
            folder = args.out.with_suffix("")
            folder.mkdir(parents=True, exist_ok=True)
            for i, page in enumerate(pages[: args.dump]):
                (folder / f"{i:03d}.html").write_text(page.html, encoding="utf-8")
                truth = {k: v for k, v in asdict(page).items() if k != "html"}
                (folder / f"{i:03d}.json").write_text(
                    json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"per-page rows: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
