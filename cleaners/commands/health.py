"""``newsclean health ROOT [--site S] [--png FILE] [--check] [--status-file FILE]``.

Prints the run health of every crawl run under ROOT (from ``_runs/*.json``), per site and run:
pages, articles, record shares, sections per article, HTTP errors, and the checks it failed.
``--png`` draws articles per run, undated share and sections per article over time.
``--check`` exits 3 when the latest run of a site shown is unhealthy (for cron and systemd);
``--status-file`` writes the latest verdict per site as JSON, atomically.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cleaners.archive.manifest import write_json_atomic
from cleaners.health.runs import RunHealth, iter_run_health
from cleaners.health.trends import format_runs, plot_trends

HELP = ("Show the run health of each crawl run per site (figures and failed checks); "
        "optionally draw it over time.")
UNHEALTHY_EXIT = 3  # as `scrapy crawl` for an unhealthy run


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the command's arguments."""
    parser.add_argument("root", type=Path, metavar="ROOT", help="archive root (e.g. output)")
    parser.add_argument("--site", action="append", metavar="NAME", help="only this site (repeat)")
    parser.add_argument("--last", type=int, metavar="N", help="only the last N runs per site")
    parser.add_argument("--png", type=Path, metavar="FILE", help="also draw the trends")
    parser.add_argument("--check", action="store_true",
                        help=f"exit {UNHEALTHY_EXIT} if the latest run of a site is unhealthy")
    parser.add_argument("--status-file", type=Path, metavar="FILE",
                        help="write the latest run's verdict per site as JSON")


def _latest(runs: list[RunHealth]) -> dict[str, RunHealth]:
    latest: dict[str, RunHealth] = {}
    for run in runs:  # oldest first
        latest[run.site] = run
    return latest


def run(args: argparse.Namespace) -> int:
    """Print the table; chart, status file and exit status as asked."""
    if args.last is not None and args.last < 1:
        args._parser.error("--last must be at least 1")
    if not args.root.is_dir():
        print(f"newsclean health: {args.root}: no such archive folder", file=sys.stderr)
        return 1
    runs = list(iter_run_health(args.root))
    missing: list[str] = []
    if args.site:
        missing = sorted(set(args.site) - {r.site for r in runs})
        for site in missing:
            print(f"newsclean health: no runs with health figures for site {site!r} under "
                  f"{args.root}", file=sys.stderr)
        runs = [r for r in runs if r.site in args.site]
    if args.last:
        runs = [r for site in sorted({r.site for r in runs})
                for r in [x for x in runs if x.site == site][-args.last:]]
    if not runs:
        print(f"newsclean health: no runs with health figures under {args.root}",
              file=sys.stderr)
    sys.stdout.write(format_runs(runs))
    latest = _latest(runs)
    if args.png is not None:
        plot_trends(runs, args.png)
        print(f"newsclean health: chart written to {args.png}", file=sys.stderr)
    if args.status_file is not None:
        write_json_atomic(args.status_file, {site: {
            "run_id": r.run_id, "started_at": r.started_at, "status": r.status,
            "healthy": r.healthy, "failed": r.failed_checks} for site, r in latest.items()})
    unhealthy = sorted(site for site, r in latest.items() if not r.healthy)
    for site in unhealthy:
        print(f"newsclean health: latest run of {site} ({latest[site].run_id}) is unhealthy: "
              f"{', '.join(latest[site].failed_checks) or 'a monitor failed'}", file=sys.stderr)
    if args.check and (unhealthy or not runs or missing):
        return UNHEALTHY_EXIT
    return 0


__all__ = ["HELP", "add_arguments", "run"]
