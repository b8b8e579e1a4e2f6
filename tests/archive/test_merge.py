"""newsclean merge: per-worker day files into one file per day, no duplicate (id, revision)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleaners import read_records
from cleaners.archive.merge import merge_archive
from tests.archive.factory import make_record, put

REPO = Path(__file__).resolve().parents[2]


def stamped(n: int, minute: int, **kw: object) -> dict:
    """A record fetched at 10:<minute>."""
    record = make_record(n, **kw)  # type: ignore[arg-type]
    record["fetched_at"] = f"2026-01-01T10:{minute:02d}:00Z"
    return record


@pytest.fixture
def workers(tmp_path: Path) -> Path:
    """A base file and two workers' files for one day, overlapping; an undated worker file."""
    root = tmp_path / "out"
    put(root, [stamped(1, 5)])
    put(root, [stamped(2, 3), stamped(1, 5), stamped(1, 9, revision=2)], "2025-09-03.w1.jsonl")
    put(root, [stamped(3, 1), stamped(2, 3)], "2025-09-03.w2.jsonl")
    put(root, [stamped(4, 2, date=None)], "undated.w2.jsonl")
    with open(root / "demo" / "2025-09-03.w2.jsonl", "a") as fh:
        fh.write('{"id": "torn')  # worker w2 still writing
    return root


def lines(path: Path) -> list[dict]:
    """The records of a merged file."""
    return [json.loads(x) for x in path.read_text("utf-8").splitlines()]


def test_merge_one_file_per_day_no_duplicates(workers: Path) -> None:
    before = {p: p.read_bytes() for p in workers.rglob("*") if p.is_file()}
    result = merge_archive(workers)
    merged = workers / "_merged" / "demo"
    assert sorted(p.name for p in merged.iterdir()) == ["2025-09-03.jsonl", "undated.jsonl"]
    day = lines(merged / "2025-09-03.jsonl")
    assert [(r["title"].split()[1], r["revision"]) for r in day] == [
        ("3", 1),
        ("2", 1),
        ("1", 1),
        ("1", 2),
    ]  # fmt: skip  (fetched_at order)
    assert (result.records, result.duplicates, result.days_written) == (5, 2, 2)
    assert {p: p.read_bytes() for p in before} == before  # the source is untouched

    def by_key(rs: object) -> list[dict]:
        return sorted(rs, key=lambda r: (r["id"], r["revision"]))  # type: ignore[call-overload]

    assert by_key(read_records(workers / "_merged")) == by_key(read_records(workers))
    again = merge_archive(workers)
    assert (again.days_written, again.days_unchanged) == (0, 2)


def test_merged_tree_ignored_by_readers_of_the_root(workers: Path) -> None:
    merge_archive(workers)
    assert len(list(read_records(workers, latest=False))) == 5


def test_merge_into_root_refused(workers: Path) -> None:
    with pytest.raises(ValueError):
        merge_archive(workers, workers)


def test_cli_merge_out_dir(workers: Path, tmp_path: Path) -> None:
    out = tmp_path / "merged"
    proc = subprocess.run(
        [sys.executable, "-m", "cleaners", "merge", str(workers), "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "2 duplicates dropped" in proc.stderr
    assert len(lines(out / "demo" / "2025-09-03.jsonl")) == 4
    assert not list(out.rglob("*.tmp"))
