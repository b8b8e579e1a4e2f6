"""``newsclean merge ROOT [--out DIR]``: one file per day from per-worker files, no duplicates."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cleaners.archive.merge import MERGED_DIR, merge_archive

HELP = (
    "Merge per-worker day files (<day>.<worker>.jsonl) into one file per day without duplicate "
    f"(id, revision), written atomically to DIR (default ROOT/{MERGED_DIR}); ROOT is not changed."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the command's arguments."""
    parser.add_argument("root", type=Path, metavar="ROOT", help="archive root (e.g. output)")
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help=f"merged tree (default ROOT/{MERGED_DIR})"
    )
    parser.add_argument("--site", action="append", metavar="NAME", help="only this site (repeat)")


def run(args: argparse.Namespace) -> int:
    """Merge and print a one-line summary on stderr; 1 if ROOT is not an archive folder."""
    if not args.root.is_dir():
        print(f"newsclean merge: {args.root}: no such archive folder", file=sys.stderr)
        return 1
    try:
        result = merge_archive(args.root, args.out, site=args.site)
    except ValueError as exc:
        args._parser.error(str(exc))
    out = args.out if args.out is not None else args.root / MERGED_DIR
    print(
        f"newsclean merge: {result.files_read} files -> {out}: {result.days_written} day files "
        f"written, {result.days_unchanged} unchanged, {result.records} records, "
        f"{result.duplicates} duplicates dropped",
        file=sys.stderr,
    )
    return 0
