"""Per-case report of the fixture set: which expected fields the cleaner gets wrong.

    .venv/bin/python scripts/check_fixtures.py [CASE_SUBSTRING ...] [--text]

Read-only: it cleans each ``tests/fixtures/<site>/<case>/page.html``, compares the record with
the hand-written ``expected.json`` beside it and prints the mismatches. It never rewrites an
expectation; a wrong expectation is fixed by hand, a wrong record by fixing the cleaner.
Exit status: 0 when every selected case passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cleaners.exceptions import InvalidRecord  # noqa: E402
from cleaners.validate import validate_record  # noqa: E402
from tests.cleaners.test_fixtures import CASES, Comparison, case_name, compare_fixture  # noqa: E402


def build_parser() -> argparse.ArgumentParser:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "cases", nargs="*", help="only cases whose <site>/<case> name contains one of these"
    )
    parser.add_argument(
        "--text", action="store_true", help="print the record's text for failing cases"
    )
    return parser


def report_case(page: Path, show_text: bool) -> Comparison | None:
    """Print one case's result; None when the cleaner raised."""
    name = case_name(page)
    try:
        comparison, record = compare_fixture(page)
    except Exception:  # report every case even when one crashes the cleaner
        trace = traceback.format_exc().splitlines(True)
        print(f"ERROR {name}\n" + "".join("    " + line for line in trace))
        return None
    try:
        validate_record(record)
    except InvalidRecord as exc:
        comparison.fields.append(f"schema: {exc}")
    if comparison.ok:
        print(f"PASS  {name}")
        return comparison
    print(f"FAIL  {name}")
    for line in comparison.problems():
        print("    " + line.split("] ", 1)[1])
    if show_text:
        print("    --- record text ---")
        for line in (record.get("text") or "").splitlines():
            print("    | " + line)
    return comparison


def summary(pages: int, done: list[Comparison]) -> str:
    """One line of totals over the compared cases."""

    def total(attr: str) -> int:
        return sum(len(getattr(r, attr)) for r in done)

    passed = sum(r.ok for r in done)
    return (
        f"{pages} cases: {passed} pass, {len(done) - passed} fail, {pages - len(done)} errors | "
        f"paragraphs missing {total('missing')}/{sum(r.paragraphs_checked for r in done)}, "
        f"leaks {total('leaks')} (of {sum(r.negatives_checked for r in done)} checks), "
        f"traps damaged {total('traps_damaged')}/{sum(r.traps_checked for r in done)}, "
        f"field mismatches {total('fields')}"
    )


def main(argv: list[str] | None = None) -> int:
    """Report every (selected) case, then the totals."""
    args = build_parser().parse_args(argv)
    pages = [p for p in CASES if not args.cases or any(c in case_name(p) for c in args.cases)]
    results = [report_case(page, args.text) for page in pages]
    done = [r for r in results if r is not None]
    print("\n" + summary(len(pages), done))
    return 0 if done and len(done) == len(results) and all(r.ok for r in done) else 1


if __name__ == "__main__":
    sys.exit(main())
