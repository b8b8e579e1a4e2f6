"""Byte-identity of the records: dump every benchmark page's record, compare two dumps.

A speed change must leave the records as they were unless it also moves a quality figure.
This cleans every page of the public sets and of the generated ones (templategen and
confirmgen, seeds 1 and 2) and writes one line per page: set, id and the record as sorted
JSON without ``fetched_at`` (it changes between runs) and ``cleaner_version`` (a hash of the
cleaning sources: any code change moves it, the very change under test), or the error.

    .venv/bin/python -m bench.identity dump /tmp/before.jsonl
    .venv/bin/python -m bench.identity dump /tmp/after.jsonl --compare /tmp/before.jsonl

Keep the dumps outside the repository. ``--compare`` prints how many records differ, per
set, and the first differing fields of a few; exit status 1 when any differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from bench.datasets import SETS, benchmarks_root, load_set

GENERATED_PAGES: Final = 150  # per generator and seed, as make bench
GENERATED_SEEDS: Final = (1, 2)
SHOWN: Final = 10  # differing records described
# Record fields left out of a dump and of a comparison (an older dump may still hold them).
VOLATILE: Final = ("fetched_at", "cleaner_version")


def _pages(limit: int | None) -> Iterator[tuple[str, str, str, str]]:
    """(set, id, html, url) of every page of every set, in a fixed order."""
    root = benchmarks_root()
    for name in SETS:
        for case in load_set(name, root, limit):
            yield name, case.id, case.read_html(), case.url
    from bench.confirmgen.generate import generate as confirmgen
    from bench.templategen.generate import generate as templategen

    n = min(GENERATED_PAGES, limit or GENERATED_PAGES)
    for seed in GENERATED_SEEDS:
        for i, page in enumerate(templategen(seed, n)):
            yield f"templategen-{seed}", str(i), page.html, page.url
        for page in confirmgen(seed, n):
            yield f"confirmgen-{seed}", str(page["id"]), page["html"], page["url"]


def _line(set_name: str, page_id: str, html: str, url: str) -> str:
    """One dump line: the record without its ``VOLATILE`` fields, or the error it raised."""
    from cleaners.clean import clean_html

    try:
        record = clean_html(html, url=url or None)
        for field in VOLATILE:
            record.pop(field, None)
        out = {"set": set_name, "id": page_id, "record": record}
    except Exception as exc:  # noqa: BLE001 - a rejection is part of the behaviour
        out = {"set": set_name, "id": page_id, "error": f"{type(exc).__name__}: {exc}"}
    return json.dumps(out, ensure_ascii=False, sort_keys=True)


def dump(path: Path, limit: int | None = None) -> int:
    """Write the dump of every page to ``path``; the number of lines."""
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for page in _pages(limit):
            fh.write(_line(*page) + "\n")
            count += 1
    return count


def _read(path: Path) -> dict[tuple[str, str], dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        for field in VOLATILE:
            (row.get("record") or {}).pop(field, None)
    return {(r["set"], r["id"]): r for r in rows}


def compare(new: Path, old: Path) -> list[str]:
    """Lines describing how ``new`` differs from ``old`` (empty when identical)."""
    a, b = _read(old), _read(new)
    differ = [k for k in a.keys() | b.keys() if a.get(k) != b.get(k)]
    if not differ:
        return []
    per_set = Counter(k[0] for k in differ)
    lines = [f"{len(differ)} of {len(a)} records differ: "
             + ", ".join(f"{s} {n}" for s, n in sorted(per_set.items()))]
    for key in sorted(differ)[:SHOWN]:
        x, y = a.get(key) or {}, b.get(key) or {}
        rx, ry = x.get("record") or {}, y.get("record") or {}
        fields = sorted(f for f in rx.keys() | ry.keys() if rx.get(f) != ry.get(f))
        if x.get("error") != y.get("error"):
            fields.insert(0, "error")
        lines.append(f"  {key[0]} {key[1]}: {', '.join(fields)}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """``dump PATH [--compare OLD] [--limit N]``."""
    parser = argparse.ArgumentParser(prog="python -m bench.identity", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="clean every benchmark page, write the records")
    d.add_argument("path", type=Path)
    d.add_argument("--compare", type=Path, help="an earlier dump to compare with")
    d.add_argument("--limit", type=int, default=None, help="first N pages of each set")
    c = sub.add_parser("compare", help="compare two dumps")
    c.add_argument("new", type=Path)
    c.add_argument("old", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        print(f"{dump(args.path, args.limit)} records -> {args.path}")
        if not args.compare:
            return 0
        new, old = args.path, args.compare
    else:
        new, old = args.new, args.old
    lines = compare(new, old)
    print("\n".join(lines) if lines else "identical")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
