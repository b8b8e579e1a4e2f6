"""DatedJsonlWriter on real files: layout, whole lines, manifest, torn-line repair, locking."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from cleaners.archive.errors import ArchiveError, ArchiveLocked
from cleaners.archive.manifest import load_manifest
from cleaners.archive.writer import DatedJsonlWriter
from cleaners.exceptions import InvalidRecord
from tests.archive.factory import make_record

REPO = Path(__file__).resolve().parents[2]


def lines_of(path: Path) -> list[dict]:
    """Every line of a file as JSON; fails on a line without its newline."""
    data = path.read_bytes()
    assert data.endswith(b"\n")
    return [json.loads(line) for line in data.splitlines()]


def test_layout_dated_undated_and_worker_files(tmp_path: Path) -> None:
    with DatedJsonlWriter(tmp_path, spider="news") as w:
        p1 = w.write(make_record(1, date="2025-09-03"))
        p2 = w.write(make_record(2, date=None))
        p3 = w.write(make_record(3, date="2025-09-03", site="other"))
    assert p1 == tmp_path / "demo" / "2025-09-03.jsonl"
    assert p2 == tmp_path / "demo" / "undated.jsonl"
    assert p3 == tmp_path / "other" / "2025-09-03.jsonl"
    with DatedJsonlWriter(tmp_path, worker="w1") as w:
        p4 = w.write(make_record(4, date="2025-09-03"))
    assert p4 == tmp_path / "demo" / "2025-09-03.w1.jsonl"
    assert [r["id"] for r in lines_of(p1)] == [make_record(1)["id"]]
    assert lines_of(p4)[0] == make_record(4)


def test_appends_whole_lines_across_runs(tmp_path: Path) -> None:
    for run in range(3):
        with DatedJsonlWriter(tmp_path) as w:
            for n in range(5):
                w.write(make_record(f"{run}-{n}"))
    records = lines_of(tmp_path / "demo" / "2025-09-03.jsonl")
    assert len(records) == 15
    raw = (tmp_path / "demo" / "2025-09-03.jsonl").read_text("utf-8")
    assert "\\u" not in raw  # UTF-8 kept, not ASCII-escaped


@pytest.mark.parametrize(
    ("site", "date"),
    [("demo", "../../etc/passwd"), ("demo", "2025-13-45"), ("demo", "2025/09/03"), ("", None)],
)
def test_hostile_date_or_empty_site_rejected(tmp_path: Path, site: str, date: str | None) -> None:
    with DatedJsonlWriter(tmp_path) as w, pytest.raises(InvalidRecord):
        w.write(make_record(1, site=site, date=date))
    assert not list(tmp_path.glob("*/*.jsonl"))


@pytest.mark.parametrize(
    ("site", "folder"),
    [
        ("../../etc", "etc"),
        ("/abs/path", "abs_path"),
        ("127.0.0.1:8080", "127.0.0.1_8080"),
        ("_runs", "runs"),
        ("..", None),
    ],
)
def test_site_folder_sanitised(tmp_path: Path, site: str, folder: str | None) -> None:
    with DatedJsonlWriter(tmp_path / "out") as w:
        if folder is None:
            with pytest.raises(InvalidRecord):
                w.write(make_record(1, site=site))
            return
        path = w.write(make_record(1, site=site))
    assert path == tmp_path / "out" / folder / "2025-09-03.jsonl"
    assert path.resolve().is_relative_to((tmp_path / "out").resolve())


def test_bad_worker_id_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        DatedJsonlWriter(tmp_path, worker="../w")


def test_manifest_start_periodic_and_finish(tmp_path: Path) -> None:
    w = DatedJsonlWriter(tmp_path, spider="news", run_id="run-1", manifest_every=3)
    m = load_manifest(tmp_path, "run-1")
    assert (m.status, m.spider, m.files, m.finished_at) == ("running", "news", [], None)
    for n in range(4):
        w.write(make_record(n))
    m = load_manifest(tmp_path, "run-1")  # rewritten after 3 records at the latest
    assert m.status == "running" and m.records >= 3
    w.write(make_record(9, site="other", date=None))
    w.close()
    m = load_manifest(tmp_path, "run-1")
    size = (tmp_path / "demo" / "2025-09-03.jsonl").stat().st_size
    assert m.status == "finished" and m.finished_at
    assert m.sites == ["demo", "other"]
    assert [(f.path, f.start, f.end, f.records) for f in m.files] == [
        ("demo/2025-09-03.jsonl", 0, size, 4),
        ("other/undated.jsonl", 0, (tmp_path / "other" / "undated.jsonl").stat().st_size, 1),
    ]
    with DatedJsonlWriter(tmp_path, run_id="run-2") as w2:
        w2.write(make_record(5))
    r2 = load_manifest(tmp_path, "run-2").files[0]
    assert (r2.start, r2.records) == (size, 1)


def test_run_id_used_once(tmp_path: Path) -> None:
    DatedJsonlWriter(tmp_path, run_id="once").close()
    with pytest.raises(ArchiveError, match="already used"):
        DatedJsonlWriter(tmp_path, run_id="once")
    with pytest.raises(ValueError):
        DatedJsonlWriter(tmp_path, run_id="../escape")


def test_failed_run_marked(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), DatedJsonlWriter(tmp_path, run_id="bad") as w:
        w.write(make_record(1))
        raise RuntimeError("boom")
    assert load_manifest(tmp_path, "bad").status == "failed"


def test_torn_last_line_repaired_and_set_aside(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    day = tmp_path / "demo" / "2025-09-03.jsonl"
    day.parent.mkdir(parents=True)
    whole = json.dumps(make_record(1)) + "\n"
    day.write_text(whole + '{"schema_version": 1, "id": "ab', "utf-8")
    with caplog.at_level(logging.WARNING), DatedJsonlWriter(tmp_path, run_id="r") as w:
        w.write(make_record(2))
    assert "torn last line" in caplog.text
    assert [r["id"] for r in lines_of(day)] == [make_record(1)["id"], make_record(2)["id"]]
    assert (day.parent / "2025-09-03.jsonl.torn").read_text() == '{"schema_version": 1, "id": "ab\n'
    assert load_manifest(tmp_path, "r").files[0].start == len(whole.encode())


HOLDER = textwrap.dedent(
    """
    import sys
    from cleaners.archive.writer import DatedJsonlWriter
    from tests.archive.factory import make_record
    with DatedJsonlWriter(sys.argv[1], run_id="holder") as w:
        w.write(make_record("held"))
        print("ready", flush=True)
        sys.stdin.readline()
    """
)


def start_holder(root: Path) -> subprocess.Popen[str]:
    """A second process holding the lock of demo/2025-09-03.jsonl until its stdin closes."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root)],
        cwd=REPO,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def test_second_process_gets_clear_lock_error(tmp_path: Path) -> None:
    proc = start_holder(tmp_path)
    try:
        with DatedJsonlWriter(tmp_path) as w:
            with pytest.raises(ArchiveLocked, match="another process is appending"):
                w.write(make_record(1))
            w.write(make_record(2, date="2025-09-04"))  # other files stay writable
    finally:
        proc.communicate("\n", timeout=30)
    assert proc.returncode == 0
    with DatedJsonlWriter(tmp_path) as w:  # lock released when the holder closed
        w.write(make_record(3))
    assert len(lines_of(tmp_path / "demo" / "2025-09-03.jsonl")) == 2


def test_second_process_falls_back_to_pid_file(tmp_path: Path) -> None:
    proc = start_holder(tmp_path)
    try:
        with DatedJsonlWriter(tmp_path, on_locked="suffix", run_id="fb") as w:
            path = w.write(make_record(1))
            assert w.write(make_record(2)) == path
    finally:
        proc.communicate("\n", timeout=30)
    assert path.name == f"2025-09-03.pid{os.getpid()}.jsonl"
    assert len(lines_of(path)) == 2
    assert load_manifest(tmp_path, "fb").files[0].path == f"demo/{path.name}"


KILLED = textwrap.dedent(
    """
    import sys
    from cleaners.archive.writer import DatedJsonlWriter
    from tests.archive.factory import make_record
    w = DatedJsonlWriter(sys.argv[1], run_id="killed", manifest_every=50)
    n = 0
    while True:
        w.write(make_record(n, body="x" * 3000))
        n += 1
        if n == 20:
            print("going", flush=True)
    """
)


def test_killed_writer_leaves_whole_lines_and_a_running_manifest(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(tmp_path)], cwd=REPO, text=True, stdout=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "going"
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    path = tmp_path / "demo" / "2025-09-03.jsonl"
    data = path.read_bytes()
    # Linux lets SIGKILL cut a write() to a regular file short, so the tail may be torn:
    # everything before the last newline must be whole records, the rest is repaired below.
    whole, torn = data[: data.rfind(b"\n") + 1], data[data.rfind(b"\n") + 1 :]
    records = [json.loads(line) for line in whole.splitlines()]
    assert len(records) >= 20
    m = load_manifest(tmp_path, "killed")
    assert m.status == "running" and m.finished_at is None
    assert m.files[0].end <= len(data)
    with DatedJsonlWriter(tmp_path, run_id="after") as w:  # the next writer repairs the tail
        w.write(make_record(10_000, date="2025-09-03"))
    assert len(lines_of(path)) == len(records) + 1
    torn_file = path.with_name(path.name + ".torn")
    assert (torn_file.read_bytes() if torn_file.exists() else b"") == torn


def test_forked_child_does_not_keep_the_lock(tmp_path: Path) -> None:
    """A cleaning-pool worker forked while a file is open must not hold its lock afterwards."""
    ctx = multiprocessing.get_context("fork")
    with DatedJsonlWriter(tmp_path, max_open_files=1) as w:
        w.write(make_record(1, date="2025-09-03"))
        stop = ctx.Event()
        child = ctx.Process(target=stop.wait, args=(30,))
        child.start()
        try:
            w.write(make_record(2, date="2025-09-04"))  # closes (unlocks) 09-03
            w.write(make_record(3, date="2025-09-03"))  # reopens it: must not be "locked"
        finally:
            stop.set()
            child.join(30)
    assert len(lines_of(tmp_path / "demo" / "2025-09-03.jsonl")) == 2


DISK_FULL = textwrap.dedent(
    """
    import resource, signal, sys
    from cleaners.archive.writer import DatedJsonlWriter
    from tests.archive.factory import make_record
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # over the limit: short write, then EFBIG
    w = DatedJsonlWriter(sys.argv[1], run_id="full")
    limit = int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    n = 0
    try:
        while True:
            w.write(make_record(n, body="y" * 500))
            n += 1
    except OSError as exc:
        print(n, exc.errno, flush=True)
    """
)


def test_short_write_rolled_back_never_half_a_line(tmp_path: Path) -> None:
    line_size = len(json.dumps(make_record(0, body="y" * 500), separators=(",", ":"))) + 1
    limit = 3 * line_size + line_size // 2  # the 4th record only half fits
    proc = subprocess.run(
        [sys.executable, "-c", DISK_FULL, str(tmp_path), str(limit)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    written, errno_ = map(int, proc.stdout.split())
    assert written == 3 and errno_ == 27  # EFBIG, as a full disk would give ENOSPC
    records = lines_of(tmp_path / "demo" / "2025-09-03.jsonl")
    assert [r["title"] for r in records] == [make_record(n)["title"] for n in range(3)]


def test_bytes_appended_behind_the_lock_start_a_new_range(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING), DatedJsonlWriter(tmp_path, run_id="r") as w:
        day = w.write(make_record(1))
        foreign = json.dumps(make_record(2), separators=(",", ":")) + "\n"
        with open(day, "a") as fh:  # e.g. `cat >>`, which takes no lock
            fh.write(foreign)
        w.write(make_record(3))
    assert "not written by this run" in caplog.text
    ranges = [(f.start, f.end, f.records) for f in load_manifest(tmp_path, "r").files]
    first = ranges[0][1]
    assert ranges == [(0, first, 1), (first + len(foreign), day.stat().st_size, 1)]
    assert len(lines_of(day)) == 3


def test_new_files_go_to_the_range_journal_not_a_manifest_rewrite(tmp_path: Path) -> None:
    """Opening a file between manifest rewrites appends one journal line (a run over
    thousands of site/day files must not rewrite a growing manifest per file); readers see
    the range anyway, a reopen continues the run's range, and closing leaves the manifest
    complete and no journal."""
    w = DatedJsonlWriter(tmp_path, run_id="r1", manifest_every=10**6,
                         manifest_interval=10**6, max_open_files=2)
    for n in range(30):
        w.write(make_record(n, site=f"site{n % 5}"))
    on_disk = json.loads((tmp_path / "_runs" / "r1.json").read_text())
    assert on_disk["files"] == []  # never rewritten since the start
    journal = (tmp_path / "_runs" / "r1.opens").read_bytes().splitlines()
    assert len(journal) == 5  # one line per file: the reopens continued their ranges
    ranges = load_manifest(tmp_path, "r1").files
    assert sorted(r.path.split("/")[0] for r in ranges) == [f"site{i}" for i in range(5)]
    w.close()
    assert not (tmp_path / "_runs" / "r1.opens").exists()
    done = load_manifest(tmp_path, "r1")
    assert done.status == "finished" and done.records == 30 and len(done.files) == 5
    assert all(r.start == 0 and r.end == (tmp_path / r.path).stat().st_size for r in done.files)
