"""``newsclean show ID [--raw] [--root ROOT] [--revision N]``: one record, or its archived page.

The record (latest revision, or ``--revision N``) is printed as one JSON line; ``--raw`` prints
the page body from the WARC file its ``warc: {file, offset}`` names, as it was fetched.
Exit status: 0 found, 1 not found or no archived page.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any

from cleaners.io import dumps_record

HELP = "Print one record by id (latest revision), or with --raw the archived HTML of its page."
_ID = re.compile(r"^[0-9a-f]{16,64}$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the command's arguments."""
    parser.add_argument("id", metavar="ID", help="record id")
    parser.add_argument("--root", type=Path,
                        default=Path(os.environ.get("NEWSCLEAN_OUTPUT_DIR") or "output"),
                        help="archive root (default: $NEWSCLEAN_OUTPUT_DIR or output)")
    parser.add_argument("--raw", action="store_true",
                        help="print the archived page body (from its WARC) instead of the record")
    parser.add_argument("--revision", type=int, metavar="N", help="this revision, not the latest")


def find_record(root: Path, record_id: str, revision: int | None = None) -> dict[str, Any] | None:
    """The record with this id at ``revision`` (or its highest revision) in the archive."""
    from cleaners.archive.layout import list_day_files
    from cleaners.archive.reader import iter_file_records

    needle = record_id.encode("ascii")
    best: dict[str, Any] | None = None
    for day_file in list_day_files(root):
        with open(day_file.path, "rb") as fh:
            if needle not in fh.read():
                continue
        for _, record in iter_file_records(day_file.path):
            if record.get("id") != record_id:
                continue
            if revision is not None:
                if record.get("revision") == revision:
                    return record
            elif best is None or record.get("revision", 0) > best.get("revision", 0):
                best = record
    return best


def run(args: argparse.Namespace) -> int:
    """Print the record or its page; 1 when there is none."""
    if not _ID.match(args.id):
        args._parser.error(f"{args.id!r} is not a record id (16-64 lowercase hex digits)")
    if not args.root.is_dir():
        print(f"newsclean show: {args.root}: no such archive folder", file=sys.stderr)
        return 1
    record = find_record(args.root, args.id, args.revision)
    if record is None:
        which = f" revision {args.revision}" if args.revision else ""
        print(f"newsclean show: no record {args.id}{which} under {args.root}", file=sys.stderr)
        return 1
    if not args.raw:
        sys.stdout.write(dumps_record(record) + "\n")
        return 0
    from cleaners.warc.errors import WarcError
    from cleaners.warc.reader import read_page

    if "warc" not in record:
        print(f"newsclean show: record {args.id} has no archived page (no warc field)",
              file=sys.stderr)
        return 1
    try:
        page = read_page(args.root, record["warc"])
    except WarcError as exc:
        print(f"newsclean show: record {args.id}: {exc}", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(page.body)
    sys.stdout.buffer.flush()
    return 0
