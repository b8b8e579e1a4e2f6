"""``newsclean show ID [--raw] [--root ROOT] [--revision N]``: one record, or its archived page.

The record (latest revision, or ``--revision N``) is printed as one JSON line; ``--raw`` prints
the page body from the WARC file its ``warc: {file, offset}`` names, as it was fetched: a
crawl's own WARC under the archive root, or for a ``source: "cc-news"`` record the Common Crawl
file it was read from, one record fetched by HTTP range from ``--base`` (default the public
Common Crawl host, or ``$NEWSCLEAN_CCNEWS_BASE``; a local folder works too).
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
    parser.add_argument("--base", metavar="URL", default=None,
                        help="where a CC-NEWS record's WARC is read from (default: "
                             "$NEWSCLEAN_CCNEWS_BASE or the public Common Crawl host)")


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
    from cleaners.ccnews.errors import CcnewsError
    from cleaners.warc.errors import WarcError
    from cleaners.warc.reader import read_page

    if "warc" not in record:
        print(f"newsclean show: record {args.id} has no archived page (no warc field)",
              file=sys.stderr)
        return 1
    try:
        if record.get("source") == "cc-news":
            body = _cc_news_body(record["warc"], args.base or _default_base())
        else:
            body = read_page(args.root, record["warc"]).body
    except (WarcError, CcnewsError) as exc:
        print(f"newsclean show: record {args.id}: {exc}", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(body)
    sys.stdout.buffer.flush()
    return 0


def _default_base() -> str:
    """``$NEWSCLEAN_CCNEWS_BASE``, else the public Common Crawl host."""
    from cleaners.ccnews.defaults import BASE_ENV, BASE_URL

    return os.environ.get(BASE_ENV) or BASE_URL


def _cc_news_body(warc: Any, base: str) -> bytes:
    """The body of the response record at ``warc["offset"]`` of the CC-NEWS file under
    ``base``: one record read from a stream opened at its offset (an HTTP range request),
    never the whole file."""
    from cleaners.ccnews.remote import open_warc
    from cleaners.warc.errors import WarcError
    from cleaners.warc.reader import iter_stream_pages

    if not isinstance(warc, dict) or not isinstance(warc.get("offset"), int) or not isinstance(
            warc.get("file"), str):
        raise WarcError(f"not a warc location: {warc!r}")
    name, offset = warc["file"], warc["offset"]
    with open_warc(base, name, offset) as stream:
        page = next(iter_stream_pages(stream, name, start=offset), None)
    if page is None or page.offset != offset:
        raise WarcError(f"{name}: no response record at offset {offset} under {base}")
    return page.body
