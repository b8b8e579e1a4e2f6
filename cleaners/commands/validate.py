"""``newsclean validate FILE.jsonl ...``: check every line against the record schema."""

from __future__ import annotations

import argparse
import json
import sys

from cleaners.validate import record_errors

HELP = "Validate JSONL record files against the record schema; exit 1 if any line is invalid."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the command's arguments."""
    parser.add_argument(
        "files", nargs="+", metavar="FILE.jsonl", help="JSONL files to check ('-' for stdin)"
    )


def _check_line(line: str) -> str | None:
    """The problem with one line, or None when it is a valid record."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"not valid JSON ({exc.msg} at column {exc.colno})"
    errors = record_errors(record)
    if not errors:
        return None
    more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
    return errors[0] + more


def _check_file(path: str) -> tuple[int, int]:
    """Print one line per bad record of a file; return (valid, invalid) counts."""
    valid = invalid = 0
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace")  # noqa: SIM115
    with stream:
        for lineno, line in enumerate(stream, 1):
            if not line.strip():
                continue
            problem = _check_line(line)
            if problem is None:
                valid += 1
            else:
                invalid += 1
                print(f"{path}:{lineno}: {problem}")
    return valid, invalid


def run(args: argparse.Namespace) -> int:
    """Validate every file; 0 when all lines are valid records, 1 otherwise."""
    valid = invalid = unreadable = 0
    for path in args.files:
        try:
            ok, bad = _check_file(path)
        except OSError as exc:
            print(f"newsclean: {path}: {exc.strerror or exc}", file=sys.stderr)
            unreadable += 1
            continue
        valid, invalid = valid + ok, invalid + bad
    extra = f", {unreadable} unreadable file(s)" if unreadable else ""
    print(f"newsclean: {valid} valid, {invalid} invalid record(s){extra}", file=sys.stderr)
    return 1 if invalid or unreadable else 0
