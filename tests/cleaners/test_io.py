"""cleaners.io: whole JSON lines out, clear errors in."""

from __future__ import annotations

import io
import json

import pytest

from cleaners.exceptions import CleanError
from cleaners.io import dumps_record, read_jsonl, write_jsonl


def test_write_then_read_round_trip_keeps_utf8(tmp_path):
    records = [{"title": "Gesprekken over Oekraïne", "n": 1}, {"title": "Reactie Trump", "n": 2}]
    buf = io.StringIO()
    assert write_jsonl(records, buf) == 2
    text = buf.getvalue()
    assert "Oekraïne" in text  # not ASCII-escaped
    assert text.count("\n") == 2 and all(json.loads(line) for line in text.splitlines())
    path = tmp_path / "r.jsonl"
    path.write_text(text, encoding="utf-8")
    assert list(read_jsonl(path)) == records


def test_dumps_record_sorts_keys_on_one_line():
    assert dumps_record({"b": 1, "a": "x\ny"}) == '{"a":"x\\ny","b":1}'


@pytest.mark.parametrize(
    ("content", "lineno"),
    [('{"a": 1}\n{"a": \n', 2), ('{"a": 1}\n\n[1, 2]\n', 3)],
    ids=["broken-json", "not-an-object"],
)
def test_bad_line_names_file_and_line(tmp_path, content, lineno):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CleanError, match=rf"bad\.jsonl:{lineno}:"):
        list(read_jsonl(path))
