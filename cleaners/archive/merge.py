"""Merge per-worker day files into one file per day: ``<out>/<site>/<day>.jsonl``.

Distributed crawls write ``<day>.<worker>.jsonl`` per worker. ``merge_archive`` gives tools that
want one file per day (DuckDB, pandas) exactly that, in a separate tree (default
``<root>/_merged``, which readers of ``<root>`` ignore): for every (site, day), the whole,
valid lines of ``<day>.jsonl`` and every ``<day>.*.jsonl``, each ``(id, revision)`` once (the
first copy met wins), sorted by ``fetched_at``, written atomically (temporary file, fsync,
rename). The source is never modified, so it is safe while workers are still appending (their
unfinished lines are left for the next merge), and ``newsclean export --cursor`` on the source
keeps working. Re-running rewrites only the days whose merged content changed.

Why not in place: rewriting ``<day>.jsonl`` would invalidate every export cursor on it and race
with writers holding the file's lock; the merged tree is a snapshot for batch readers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Final

from cleaners.archive.layout import DayFile, file_name, list_day_files
from cleaners.archive.manifest import write_bytes_atomic
from cleaners.archive.reader import iter_file_records

MERGED_DIR: Final = "_merged"


@dataclass
class MergeResult:
    """What a merge did: files read, day files written or unchanged, records, duplicates."""

    files_read: int = 0
    days_written: int = 0
    days_unchanged: int = 0
    records: int = 0
    duplicates: int = 0


def merge_archive(
    root: Path | str, out: Path | str | None = None, *, site: str | Iterable[str] | None = None
) -> MergeResult:
    """Merge every (site, day) of ``root`` into ``out`` (default ``<root>/_merged``)."""
    root = Path(root)
    out = Path(out) if out is not None else root / MERGED_DIR
    if out.resolve() == root.resolve():
        raise ValueError("merge output must not be the archive root itself (use --out DIR)")
    sites = [site] if isinstance(site, str) else (list(site) if site is not None else None)
    result = MergeResult()
    files = sorted(list_day_files(root, sites), key=lambda f: (f.site, f.sort_day, f.name))
    for (site_name, _sort_day), group in groupby(files, key=lambda f: (f.site, f.sort_day)):
        day_files = list(group)
        target = out / site_name / file_name(day_files[0].day)
        merge_day(day_files, target, result)
    return result


def merge_day(files: list[DayFile], target: Path, result: MergeResult) -> None:
    """Merge one day's files (base file first, then workers) into ``target``."""
    files = sorted(files, key=lambda f: (f.worker is not None, f.name))
    seen: set[tuple[str, int]] = set()
    rows: list[tuple[str, str, int, bytes]] = []
    for f in files:
        result.files_read += 1
        for line, record in iter_file_records(f.path):
            key = (record["id"], record["revision"])
            if key in seen:
                result.duplicates += 1
                continue
            seen.add(key)
            rows.append((str(record.get("fetched_at") or ""), key[0], key[1], line.data))
    rows.sort(key=lambda r: r[:3])
    data = b"".join(r[3] for r in rows)
    result.records += len(rows)
    if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
        result.days_unchanged += 1
        return
    write_bytes_atomic(target, data)
    result.days_written += 1
