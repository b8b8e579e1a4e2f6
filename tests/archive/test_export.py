"""``newsclean export`` as a downstream job runs it: real subprocesses, real writer runs."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cleaners.archive.manifest import load_manifest
from cleaners.archive.writer import DatedJsonlWriter
from tests.archive.factory import article_id, make_record

REPO = Path(__file__).resolve().parents[2]


def export(root: Path, *args: str, ok: bool = True) -> list[dict]:
    """Run ``python -m cleaners export ROOT ARGS`` and parse its stdout as JSONL."""
    proc = subprocess.run(
        [sys.executable, "-m", "cleaners", "export", str(root), *args],
        cwd=REPO,
        capture_output=True,
        timeout=60,
    )
    assert (proc.returncode == 0) is ok, proc.stderr.decode()
    text = proc.stdout.decode("utf-8")
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def pairs(records: list[dict]) -> set[tuple[str, int]]:
    """(id, revision) of each record, asserting none comes twice."""
    out = [(r["id"], r["revision"]) for r in records]
    assert len(out) == len(set(out)), "a record was exported twice"
    return set(out)


def crawl(root: Path, run_id: str, records: list[dict], worker: str | None = None) -> None:
    """One writer run appending ``records``."""
    with DatedJsonlWriter(root, spider="news", run_id=run_id, worker=worker) as w:
        for record in records:
            w.write(record)


KILLED_RUN = textwrap.dedent(
    """
    import sys
    from cleaners.archive.writer import DatedJsonlWriter
    from tests.archive.factory import make_record
    w = DatedJsonlWriter(sys.argv[1], run_id="run-3", manifest_every=10**6,
                         manifest_interval=10**6, sync_every=10**6,
                         max_open_files=int(sys.argv[2]))
    for n in range(300, 340):
        w.write(make_record(n, date="2025-09-0%d" % (1 + n % 2)))
    print("written", flush=True)
    sys.stdin.readline()
    """
)


def killed_crawl(root: Path, max_open_files: int = 64) -> None:
    """Run 3: 40 new articles, then SIGKILL before any manifest update after the opens.

    With ``max_open_files=1`` every write reopens its file (one range per file all the same).
    """
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_RUN, str(root), str(max_open_files)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "written"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


def test_cursor_across_three_runs_each_article_once_edits_again(tmp_path: Path) -> None:
    root, cursor = tmp_path / "out", tmp_path / "job" / "cursor.json"
    run1 = [make_record(n, date=f"2025-09-0{1 + n % 3}") for n in range(100)]
    run1.append(make_record("u", date=None))
    crawl(root, "run-1", run1)
    got1 = export(root, "--cursor", str(cursor))
    assert pairs(got1) == pairs(run1)

    edits = [make_record(n, date=f"2025-09-0{1 + n % 3}", revision=2) for n in (5, 6, 7)]
    run2 = [make_record(n, date="2025-09-04") for n in range(100, 150)] + edits
    crawl(root, "run-2", run2, worker="w1")  # a per-worker file too
    got2 = export(root, "--cursor", str(cursor))
    assert pairs(got2) == pairs(run2)
    assert {(r["id"], r["revision"]) for r in got2 if r["revision"] == 2} == {
        (article_id(n), 2) for n in (5, 6, 7)
    }

    assert export(root, "--cursor", str(cursor)) == []  # nothing new, nothing printed

    killed_crawl(root)
    assert load_manifest(root, "run-3").status == "running"
    got3 = export(root, "--cursor", str(cursor))
    assert pairs(got3) == {(article_id(n), 1) for n in range(300, 340)}

    everything = got1 + got2 + got3
    assert len(pairs(everything)) == 101 + 53 + 40  # each (article, revision) exactly once
    saved = json.loads(cursor.read_text())
    assert saved["cursor_version"] == 1 and saved["root"] == str(root.resolve())
    assert (
        saved["files"]["demo/2025-09-04.w1.jsonl"]["offset"]
        == (root / "demo" / "2025-09-04.w1.jsonl").stat().st_size
    )


def test_cursor_never_consumes_a_half_written_line(tmp_path: Path) -> None:
    root, cursor = tmp_path / "out", tmp_path / "cursor.json"
    crawl(root, "r1", [make_record(1)])
    line = json.dumps(make_record(2), ensure_ascii=False)
    day = root / "demo" / "2025-09-03.jsonl"
    with open(day, "a") as fh:
        fh.write(line[:50])  # a writer in the middle of its line
    assert pairs(export(root, "--cursor", str(cursor))) == {(article_id(1), 1)}
    with open(day, "a") as fh:
        fh.write(line[50:] + "\n")
    assert pairs(export(root, "--cursor", str(cursor))) == {(article_id(2), 1)}


def test_replaced_file_exported_again_from_start(tmp_path: Path) -> None:
    root, cursor = tmp_path / "out", tmp_path / "cursor.json"
    crawl(root, "r1", [make_record(1), make_record(2)])
    export(root, "--cursor", str(cursor))
    day = root / "demo" / "2025-09-03.jsonl"
    first, second = day.read_bytes().splitlines(keepends=True)
    tmp = day.with_name("new.tmp")
    tmp.write_bytes(second + first)
    tmp.replace(day)  # rewritten by some other tool: the cursor cannot trust its offset
    assert len(export(root, "--cursor", str(cursor))) == 2
    day.unlink()  # the inode number may well be reused: the last-line check catches it
    day.write_bytes(first + first.replace(b"Article 1 ", b"Article 9 "))
    assert len(export(root, "--cursor", str(cursor))) == 2
    with open(day, "ab") as fh:
        fh.write(second)
    assert pairs(export(root, "--cursor", str(cursor))) == {(article_id(2), 1)}


def test_cursor_of_another_archive_refused(tmp_path: Path) -> None:
    crawl(tmp_path / "a", "r1", [make_record(1)])
    crawl(tmp_path / "b", "r1", [make_record(1)])
    cursor = tmp_path / "cursor.json"
    export(tmp_path / "a", "--cursor", str(cursor))
    export(tmp_path / "b", "--cursor", str(cursor), ok=False)


@pytest.fixture
def three_runs(tmp_path: Path) -> Path:
    """run-1 and run-2 finished, run-3 killed with a manifest behind its data."""
    crawl(tmp_path, "run-1", [make_record(n, date=f"2025-09-0{1 + n % 2}") for n in range(10)])
    crawl(tmp_path, "run-2", [make_record(n, date="2025-09-02") for n in range(200, 210)])
    killed_crawl(tmp_path, max_open_files=1)
    # its manifest on disk names no file: the range journal names both day files, and each
    # reopen continued the run's own range there (nobody else appended in between)
    assert len(load_manifest(tmp_path, "run-3").files) == 2
    return tmp_path


def test_after_run(three_runs: Path) -> None:
    after1 = pairs(export(three_runs, "--after-run", "run-1"))
    assert after1 == {(article_id(n), 1) for n in [*range(200, 210), *range(300, 340)]}
    after2 = pairs(export(three_runs, "--after-run", "run-2"))
    assert after2 == {(article_id(n), 1) for n in range(300, 340)}
    assert export(three_runs, "--after-run", "run-3") == []
    assert len(export(three_runs)) == 60  # no option: everything
    export(three_runs, "--after-run", "nope", ok=False)


def test_exactly_one_run(three_runs: Path) -> None:
    assert pairs(export(three_runs, "--run", "run-2")) == {
        (article_id(n), 1) for n in range(200, 210)
    }
    # the killed run's manifest stopped at its file opens; its data is found anyway
    assert len(export(three_runs, "--run", "run-3")) == 40
