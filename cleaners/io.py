"""Reading and writing JSON Lines: one record per line, UTF-8, never ASCII-escaped."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from cleaners.exceptions import CleanError


def dumps_record(record: dict[str, Any]) -> str:
    """One record as one JSON line (no trailing newline), keys sorted, UTF-8 kept."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write records to an open text stream, one whole line each, flushed; return the count."""
    n = 0
    for record in records:
        out.write(dumps_record(record) + "\n")
        out.flush()
        n += 1
    return n


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """Yield the objects of a JSONL file; a bad line raises ``CleanError`` naming file and line."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CleanError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from exc
            if not isinstance(obj, dict):
                raise CleanError(f"{path}:{lineno}: a record must be a JSON object")
            yield obj
