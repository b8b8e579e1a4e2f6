"""``newsclean export ROOT [--cursor FILE | --after-run RUN_ID | --run RUN_ID]``: new records."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import IO

from cleaners.archive.errors import ArchiveError
from cleaners.archive.export import (
    ExportResult,
    export_run,
    export_since,
    export_with_cursor,
    positions_after_run,
)

HELP = "Print archive records as JSONL: all, those new since a cursor, or after/by a crawl run."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the command's arguments."""
    parser.add_argument("root", type=Path, metavar="ROOT", help="archive root (e.g. output)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--cursor",
        type=Path,
        metavar="FILE",
        help="print the records appended since the offsets in FILE, then advance FILE "
        "(created on first use, so the first export prints everything)",
    )
    which.add_argument(
        "--after-run",
        metavar="RUN_ID",
        help="print the records appended after run RUN_ID (and the runs before it)",
    )
    which.add_argument("--run", metavar="RUN_ID", help="print exactly the records RUN_ID appended")
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")


def run(args: argparse.Namespace) -> int:
    """Export to stdout; 0 on success, 1 on an archive problem (unknown run, bad cursor)."""
    root: Path = args.root
    if not root.is_dir():
        print(f"newsclean export: {root}: no such archive folder", file=sys.stderr)
        return 1
    out = sys.stdout.buffer
    try:
        result = _export(args, root, out)
    except ArchiveError as exc:
        print(f"newsclean export: {exc}", file=sys.stderr)
        return 1
    out.flush()
    if not args.quiet:
        print(
            f"newsclean export: {result.records} records from {result.files} files",
            file=sys.stderr,
        )
    return 0


def _export(args: argparse.Namespace, root: Path, out: IO[bytes]) -> ExportResult:
    """Dispatch on the chosen mode."""
    if args.cursor is not None:
        return export_with_cursor(root, args.cursor, out)
    if args.run is not None:
        return export_run(root, args.run, out)
    positions = positions_after_run(root, args.after_run) if args.after_run else {}
    return export_since(root, positions, out)
