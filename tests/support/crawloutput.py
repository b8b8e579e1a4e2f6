"""What a test crawl wrote: the record files under an output root, their lines and records.

Read here as plain files on purpose (not with ``cleaners.archive``, which is under test): a torn
or non-JSON line makes the reading test fail.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any


def record_files(root: Path, site: str | None = None) -> list[Path]:
    """``<root>/<site>/*.jsonl`` of one or all sites; ``_runs`` and ``_seen`` left out."""
    pattern = f"{site}/*.jsonl" if site else "*/*.jsonl"
    return sorted(p for p in root.glob(pattern) if not p.parent.name.startswith("_"))


def load_records(root: Path, site: str | None = None) -> list[dict[str, Any]]:
    """Every record in file order; each non-empty line must be a JSON object."""
    records = []
    for path in record_files(root, site):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                assert isinstance(record, dict), path
                records.append(record)
    return records


def count_lines(root: Path, site: str | None = None) -> int:
    """Newline-terminated lines in the record files (safe while a crawl appends)."""
    return sum(p.read_bytes().count(b"\n") for p in record_files(root, site))


def records_by_url(root: Path) -> Counter[str]:
    """How often each URL occurs across every record file under ``root``."""
    return Counter(record["url"] for record in load_records(root))
