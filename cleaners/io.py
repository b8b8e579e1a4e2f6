"""Reading and writing JSON Lines: one record per line, UTF-8, never ASCII-escaped."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import jsonlines

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
    with open(path, encoding="utf-8") as fh, jsonlines.Reader(fh) as reader:
        try:
            yield from reader.iter(type=dict, skip_empty=True)
        except jsonlines.InvalidLineError as exc:
            raise CleanError(f"{path}:{exc.lineno}: {exc}") from exc
