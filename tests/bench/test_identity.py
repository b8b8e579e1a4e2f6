"""bench.identity: a comparison leaves out the fields that change without the records changing."""

from __future__ import annotations

import json
from pathlib import Path

from bench.identity import compare


def _dump(path: Path, **record: object) -> Path:
    row = {"set": "aeb", "id": "1", "record": {"text": "Body.", **record}}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return path


def test_cleaner_version_and_fetched_at_are_not_compared(tmp_path: Path) -> None:
    old = _dump(tmp_path / "old.jsonl", cleaner_version="0.1.0+aaaa", fetched_at="2026-01-01")
    new = _dump(tmp_path / "new.jsonl", cleaner_version="0.1.0+bbbb")
    assert compare(new, old) == []


def test_a_changed_field_is_named(tmp_path: Path) -> None:
    old = _dump(tmp_path / "old.jsonl", title="A")
    new = _dump(tmp_path / "new.jsonl", title="B")
    lines = compare(new, old)
    assert lines[0].startswith("1 of 1 records differ")
    assert lines[1] == "  aeb 1: title"
