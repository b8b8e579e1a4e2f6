"""read_records on real files: date order, bounds, revisions, per-worker files, bad lines."""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cleaners import read_records
from cleaners.exceptions import InvalidRecord
from tests.archive.factory import article_id, make_record, put

REPO = Path(__file__).resolve().parents[2]


def keys(records: object) -> list[tuple[str, int]]:
    """(title-number, revision) pairs, to compare yields readably."""
    return [(r["title"].split()[1], r["revision"]) for r in records]  # type: ignore[attr-defined]


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """Two sites over three days plus undated articles, with one edited article."""
    put(tmp_path, [make_record("a1", date="2025-09-03"), make_record("a2", date="2025-09-01")])
    put(tmp_path, [make_record("b1", site="other", date="2025-09-02")])
    put(tmp_path, [make_record("u1", date=None)])
    put(tmp_path, [make_record("a1", date="2025-09-03", revision=2)])
    put(tmp_path, [make_record("a3", date="2025-09-03")])
    return tmp_path


def test_latest_in_date_order_undated_last(archive: Path) -> None:
    assert keys(read_records(archive)) == [
        ("a2", 1), ("b1", 1), ("a1", 2), ("a3", 1), ("u1", 1)
    ]  # fmt: skip


def test_all_revisions(archive: Path) -> None:
    assert keys(read_records(archive, latest=False)) == [
        ("a2", 1), ("b1", 1), ("a1", 1), ("a1", 2), ("a3", 1), ("u1", 1)
    ]  # fmt: skip


def test_date_bounds_inclusive_and_no_undated(archive: Path) -> None:
    assert keys(read_records(archive, since="2025-09-02", until="2025-09-03")) == [
        ("b1", 1), ("a1", 2), ("a3", 1)
    ]  # fmt: skip
    assert keys(read_records(archive, since=dt.date(2025, 9, 3))) == [("a1", 2), ("a3", 1)]
    assert keys(read_records(archive, until="2025-09-01")) == [("a2", 1)]
    assert list(read_records(archive, since="2025-09-04")) == []


def test_site_filter(archive: Path) -> None:
    assert keys(read_records(archive, site="other")) == [("b1", 1)]
    assert keys(read_records(archive, site=["other", "nope"])) == [("b1", 1)]


def test_bad_bound_is_an_error(archive: Path) -> None:
    with pytest.raises(ValueError, match="since"):
        list(read_records(archive, since="03-09-2025"))


def test_missing_root_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        list(read_records(tmp_path / "nope"))
    assert list(read_records(tmp_path)) == []  # an empty archive is fine


def test_revision_whose_date_changed(tmp_path: Path) -> None:
    put(tmp_path, [make_record("m", date="2025-09-01"), make_record("m", date=None)])
    put(tmp_path, [make_record("m", date="2025-09-05", revision=2)])
    assert keys(read_records(tmp_path)) == [("m", 2)]
    # the newest revision is dated outside the bounds: the article is not in that window
    assert list(read_records(tmp_path, until="2025-09-02")) == []
    assert keys(read_records(tmp_path, until="2025-09-02", latest=False)) == [("m", 1)]


def test_per_worker_files_and_duplicates_across_workers(tmp_path: Path) -> None:
    put(tmp_path, [make_record("w1")], "2025-09-03.w1.jsonl")
    put(tmp_path, [make_record("w2"), make_record("w1")], "2025-09-03.w2.jsonl")
    put(tmp_path, [make_record("w1", revision=2)], "2025-09-03.w2.jsonl")
    put(tmp_path, [make_record("w0")])
    assert keys(read_records(tmp_path)) == [("w0", 1), ("w2", 1), ("w1", 2)]
    assert sorted(keys(read_records(tmp_path, latest=False))) == [
        ("w0", 1), ("w1", 1), ("w1", 2), ("w2", 1)
    ]  # fmt: skip


def test_reserved_and_foreign_files_ignored(tmp_path: Path) -> None:
    put(tmp_path, [make_record("x")])
    (tmp_path / "_runs").mkdir()
    (tmp_path / "_runs" / "2025-09-03.jsonl").write_text("junk\n")
    (tmp_path / "demo" / "notes.jsonl").write_text("junk\n")
    (tmp_path / "demo" / "2025-09-03.jsonl.torn").write_text("junk\n")
    assert keys(read_records(tmp_path)) == [("x", 1)]


def test_torn_last_line_skipped_with_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    put(tmp_path, [make_record("t1")])
    with open(tmp_path / "demo" / "2025-09-03.jsonl", "a") as fh:
        fh.write('{"schema_version": 1, "id": "')
    with caplog.at_level(logging.WARNING, logger="cleaners.archive.reader"):
        assert keys(read_records(tmp_path, strict=True)) == [("t1", 1)]
    assert "2025-09-03.jsonl: skipped 29 bytes after the last newline" in caplog.text


def test_invalid_line_reported_with_file_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    put(tmp_path, [make_record("v1")])
    path = tmp_path / "demo" / "2025-09-03.jsonl"
    with open(path, "a") as fh:
        fh.write("not json\n[1, 2]\n")
        fh.write('{"id": "XYZ", "revision": 1, "site": "demo", "date": null}\n')
    put(tmp_path, [make_record("v2")])
    with caplog.at_level(logging.WARNING, logger="cleaners.archive.reader"):
        assert keys(read_records(tmp_path)) == [("v1", 1), ("v2", 1)]
    for n, why in ((2, "not valid JSON"), (3, "not a JSON object"), (4, "id 'XYZ'")):
        assert f"{path}:{n}: skipped, not a valid record: {why}" in caplog.text
    with pytest.raises(InvalidRecord, match=r"2025-09-03.jsonl:2: not valid JSON"):
        list(read_records(tmp_path, strict=True))


APPENDER = textwrap.dedent(
    """
    import sys
    from cleaners.archive.writer import DatedJsonlWriter
    from tests.archive.factory import make_record
    with DatedJsonlWriter(sys.argv[1], sync_every=64) as w:
        print("started", flush=True)
        for n in range(int(sys.argv[2])):
            w.write(make_record(n, date="2025-09-0%d" % (1 + n % 3), body="x" * (n * 37 % 9000)))
    """
)


def test_reader_never_yields_half_a_record_while_a_writer_appends(tmp_path: Path) -> None:
    total = 3000
    proc = subprocess.Popen(
        [sys.executable, "-c", APPENDER, str(tmp_path), str(total)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "started"
    passes, counts = 0, []
    while True:
        done = proc.poll() is not None
        n = 0
        for record in read_records(tmp_path, latest=False):
            k = int(record["title"].split()[1])
            assert record == make_record(k, date=record["date"], body="x" * (k * 37 % 9000))
            n += 1
        counts.append(n)
        passes += 1
        if done:
            break
    assert proc.returncode == 0
    assert counts[-1] == total and counts == sorted(counts)
    print(f"{passes} reader passes during the write, distinct counts {sorted(set(counts))}")
    assert passes >= 2
    assert {r["id"] for r in read_records(tmp_path)} == {article_id(n) for n in range(total)}


def test_broken_newer_revision_does_not_hide_the_valid_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    put(tmp_path, [make_record("k")])
    broken = '{"id": "%s", "revision": 2, "site": "demo", "date": "2025-09-03", oops}\n'
    with open(tmp_path / "demo" / "2025-09-03.jsonl", "a") as fh:
        fh.write(broken % article_id("k"))
    with caplog.at_level(logging.WARNING, logger="cleaners.archive.reader"):
        assert keys(read_records(tmp_path)) == [("k", 1)]
    assert "2025-09-03.jsonl:2: skipped, not a valid record" in caplog.text
