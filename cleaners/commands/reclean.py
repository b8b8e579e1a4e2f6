"""``newsclean reclean ROOT [--site S] [--since D] [--until D] [--jobs N] [--dry-run]``.

Runs the current cleaner over the archived pages of the latest records and appends a new
revision where a record changed (``cleaners.warc.reclean``). ``--dry-run`` writes nothing and
prints what would change, by field, with a few examples. Exit status: 0 done, 1 some pages
could not be read or cleaned (the rest was done), 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

HELP = "Re-clean archived pages with the current cleaner; new revisions where records changed."
SHOWN: int = 160  # characters of a field value shown in an example


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the command's arguments."""
    parser.add_argument("root", type=Path, metavar="ROOT", help="archive root (e.g. output)")
    parser.add_argument("--site", help="only this site")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="publication date from (incl.)")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help="publication date until (incl.)")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, metavar="N",
                        help="worker processes (default: number of CPUs)")
    parser.add_argument("--dry-run", action="store_true",
                        help="write nothing; print what would change, by field")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 3] + "..."


def _change(old: Any, new: Any) -> str:
    """``old -> new``; long texts around their first difference, sections by their headings."""
    if isinstance(old, list) and isinstance(new, list) and all(
            isinstance(s, dict) for s in old + new):
        def heads(v: list[Any]) -> str:
            return _short([f"{s.get('heading') or '(intro)'}: {len(s.get('paragraphs') or ())} "
                           "paragraphs" for s in v])
        return f"{len(old)} sections {heads(old)} -> {len(new)} sections {heads(new)}"
    if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > SHOWN:
        at = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
                  min(len(old), len(new)))
        lo = max(0, at - 30)
        def cut(v: str) -> str:
            return ("..." if lo else "") + v[lo:lo + SHOWN // 2] + "..."
        return f"{cut(old)!r} -> {cut(new)!r} (at char {at}; {len(old)} -> {len(new)} chars)"
    return f"{_short(old)} -> {_short(new)}"


def _print_report(report: Any, dry_run: bool) -> None:
    from cleaners.warc.reclean import FIELD_GROUPS

    rate = report.pages / report.seconds if report.seconds else 0.0
    verb = "would change" if dry_run else "changed"
    print(f"newsclean reclean: {report.pages} pages re-cleaned in {report.seconds:.1f} s "
          f"({rate:.1f} pages/s): {report.changed} records {verb}, {report.unchanged} "
          f"unchanged, {report.failed} failed, {report.no_page} without an archived page; "
          f"{report.written} revisions written", file=sys.stderr)
    if not report.changed:
        return
    print("changes by field:", file=sys.stderr)
    for name in [g for g, _ in FIELD_GROUPS] + ["artefacts removed"]:
        print(f"  {name:<18} {report.by_group.get(name, 0)}", file=sys.stderr)
    print("examples:", file=sys.stderr)
    fields = dict(FIELD_GROUPS)
    for old, new, groups in report.examples:
        print(f"  {old['id']} {old.get('url')} (revision {old['revision']} -> "
              f"{new['revision']})", file=sys.stderr)
        for group in groups:
            for f in fields.get(group, ()):
                if old.get(f) != new.get(f):
                    print(f"    {f}: {_change(old.get(f), new.get(f))}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Re-clean; print the summary on stderr."""
    from cleaners.archive.layout import check_day
    from cleaners.exceptions import InvalidRecord
    from cleaners.warc.reclean import reclean

    if args.jobs < 1:
        args._parser.error("--jobs must be at least 1")
    for name in ("since", "until"):
        value = getattr(args, name)
        if value is not None:
            try:
                check_day(value)
            except InvalidRecord as exc:
                args._parser.error(f"--{name}: {exc}")
    if not args.root.is_dir():
        print(f"newsclean reclean: {args.root}: no such archive folder", file=sys.stderr)
        return 1
    report = reclean(args.root, site=args.site, since=args.since, until=args.until,
                     jobs=args.jobs, dry_run=args.dry_run, progress=sys.stderr.isatty())
    _print_report(report, args.dry_run)
    return 1 if report.failed else 0
