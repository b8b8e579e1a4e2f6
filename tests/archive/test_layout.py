"""Archive layout rules: file names, safe folder names, listing order."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaners.archive.layout import (
    file_name,
    list_day_files,
    parse_file_name,
    record_relpath,
    site_dirname,
)
from cleaners.exceptions import InvalidRecord


@pytest.mark.parametrize(
    ("name", "parsed"),
    [
        ("2025-09-03.jsonl", ("2025-09-03", None)),
        ("undated.jsonl", (None, None)),
        ("2025-09-03.w1.jsonl", ("2025-09-03", "w1")),
        ("undated.pid42.jsonl", (None, "pid42")),
        ("2025-02-30.jsonl", None),  # not a calendar day
        ("2025-09-03.jsonl.torn", None),
        ("2025-09-03.a.b.jsonl", None),
        (".2025-09-03.jsonl.1.tmp", None),
        ("notes.jsonl", None),
    ],
)
def test_parse_file_name(name: str, parsed: tuple[str | None, str | None] | None) -> None:
    assert parse_file_name(name) == parsed


def test_names_round_trip() -> None:
    for day in ("2025-09-03", None):
        for worker in (None, "w-1"):
            assert parse_file_name(file_name(day, worker)) == (day, worker)
    assert record_relpath("nos.nl", None, "w1") == Path("nos.nl/undated.w1.jsonl")


def test_site_dirname() -> None:
    assert site_dirname("www.nos.nl") == "www.nos.nl"
    assert site_dirname("a/../../b") == "a_.._.._b"
    with pytest.raises(InvalidRecord):
        site_dirname("///")


def test_listing_order_and_bounds(tmp_path: Path) -> None:
    for rel in ("b/2025-09-02.jsonl", "a/undated.jsonl", "a/2025-09-02.w2.jsonl",
                "a/2025-09-02.jsonl", "a/2025-09-01.jsonl", "_runs/2025-09-01.jsonl"):  # fmt: skip
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).touch()
    names = [f"{f.site}/{f.name}" for f in list_day_files(tmp_path)]
    assert names == [
        "a/2025-09-01.jsonl", "a/2025-09-02.jsonl", "a/2025-09-02.w2.jsonl",
        "b/2025-09-02.jsonl", "a/undated.jsonl",
    ]  # fmt: skip
    bounded = list_day_files(tmp_path, since="2025-09-02", until="2025-09-02")
    assert [f.day for f in bounded] == ["2025-09-02"] * 3
    assert [f.site for f in list_day_files(tmp_path, ["b"])] == ["b"]
