"""``newsclean stats ROOT [--png FILE]``: a table per site and day, optionally a chart."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cleaners.archive.stats import compute_stats, format_table, plot_articles_per_day

HELP = "Show articles, revisions, sections, words and template removals per site and day."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the command's arguments."""
    parser.add_argument("root", type=Path, metavar="ROOT", help="archive root (e.g. output)")
    parser.add_argument("--png", type=Path, metavar="FILE", help="also draw articles per day")
    parser.add_argument("--site", action="append", metavar="NAME", help="only this site (repeat)")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="first publication day")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help="last publication day")


def run(args: argparse.Namespace) -> int:
    """Print the table (and write the chart); 1 if ROOT is not an archive folder."""
    if not args.root.is_dir():
        print(f"newsclean stats: {args.root}: no such archive folder", file=sys.stderr)
        return 1
    try:
        stats = compute_stats(args.root, site=args.site, since=args.since, until=args.until)
    except ValueError as exc:
        args._parser.error(str(exc))
    if not stats:
        print(f"newsclean stats: no records under {args.root}", file=sys.stderr)
    sys.stdout.write(format_table(stats))
    if args.png is not None:
        plot_articles_per_day(stats, args.png)
        print(f"newsclean stats: chart written to {args.png}", file=sys.stderr)
    return 0
