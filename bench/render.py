"""``python -m bench.render``: what render = auto costs a crawl of a site without shells.

Usage: ``python -m bench.render [--articles 1500] [--rounds 3] [--page-kb 33] [--json FILE]``.

The generated news site of ``make bench-scale`` (``bench/newssite.py``: robots.txt -> sitemap
-> server-rendered articles, no script-built shell among them) is crawled by the real
``scrapy crawl news`` with ``-s NEWS_RENDER=never`` and with ``-s NEWS_RENDER=auto``, in turn,
``--rounds`` times, cleaning in the pool. In ``auto`` every record is checked for being a
shell and no page may reach the browser (a record with ``rendered`` fails the run). The table
shows each mode's median steady rate (records/s between 10 % and 90 % of the output, as in
``bench.scale``), ``auto``'s rate as a share of ``never``'s, and the median CPU seconds of a
crawl (the crawler and its cleaning pool), which load from other processes disturbs less.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Final

from bench.scale import Result, crawl_cmd, run_config, served_site, summary

MODES: Final = ("never", "auto")


def measure(url: str, rounds: int, work: Path,
            cpu_s: dict[str, list[float]]) -> list[Result]:
    """Crawl with each mode in turn, ``rounds`` times; CPU seconds per run go to ``cpu_s``."""
    results = []
    for number in range(rounds):
        for mode in MODES:
            out = work / f"{mode}-{number}"
            summary_file = out / "summary.json"
            cmd = crawl_cmd(url, NEWS_CLEAN_POOL="2", NEWS_RENDER=mode,
                            NEWS_SUMMARY_FILE=str(summary_file), LOG_LEVEL="ERROR")
            before = _children_cpu()
            result = run_config(mode, [cmd], out)
            cpu = _children_cpu() - before
            rendered = sum(p.read_bytes().count(b'"rendered":') for p in out.glob("*/*.jsonl"))
            if rendered:
                raise SystemExit(f"{mode}: {rendered} pages went through the browser on a site "
                                 "without shells")
            print(f"  round {number + 1}: {mode:<6} {result.pages_per_s:6.1f} pages/s "
                  f"({result.records} records, {cpu:.1f} CPU s)", flush=True)
            results.append(result)
            cpu_s.setdefault(mode, []).append(cpu)
    return results


def _children_cpu() -> float:
    """User + system CPU seconds of the finished crawls (their pool workers included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    """Run both modes and print their median rates."""
    parser = argparse.ArgumentParser(prog="python -m bench.render", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each mode, interleaved")
    parser.add_argument("--page-kb", type=int, default=33)
    parser.add_argument("--json", type=Path, help="also write every round's results here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
        work = Path(tmp)
        with served_site(work / "site", args.articles, args.page_kb) as url:
            load = " ".join(f"{x:.2f}" for x in os.getloadavg())
            print(f"site: {args.articles} articles of ~{args.page_kb} KB, no shells, at {url}; "
                  f"{os.cpu_count()} cores, load average {load}", flush=True)
            cpu_s: dict[str, list[float]] = {}
            results = measure(url, args.rounds, work, cpu_s)
    table = summary(results)
    never = next(r for r in table if r.config == "never").pages_per_s or 1.0
    print(f"median of {args.rounds} rounds:")
    cpu = {mode: sorted(v)[len(v) // 2] for mode, v in cpu_s.items()}
    print(f"{'render':<8}{'records':>9}{'pages/s':>10}{'x never':>9}{'wall s':>9}"
          f"{'CPU s':>8}{'x never':>9}")
    for r in table:
        print(f"{r.config:<8}{r.records:>9}{r.pages_per_s:>10.1f}{r.pages_per_s / never:>9.3f}"
              f"{r.wall_s:>9.1f}{cpu[r.config]:>8.1f}{cpu[r.config] / cpu['never']:>9.3f}")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
