"""``newsclean ccnews`` killed with SIGKILL at random moments and run again: every article is
in the archive exactly once, no line is torn, the ledger resumes unfinished files at the
offset reached (a Range request) and skips finished ones."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from cleaners.ccnews.ledger import FileLedger, ledger_path
from cleaners.validate import record_errors
from tests.support.ccnewssite import Article, CcnewsServer, warc_rel, write_listing, write_warc
from tests.support.scrapyproc import REPO

pytestmark = pytest.mark.slow  # real subprocesses and servers

FILES = [warc_rel(f"202509{d:02d}0{h}0000", n) for n, (d, h) in
         enumerate([(3, 1), (3, 2), (4, 1), (4, 2)], start=1)]
PER_FILE = 150


def _articles(n: int) -> list[Article]:
    return [Article(f"www.site{i % 4}.nl", f"f{n}-a{i}", f"2025-09-0{1 + i % 5}")
            for i in range(PER_FILE)]


def _lines(root: Path) -> list[bytes]:
    return [line for p in sorted(root.glob("*/*.jsonl")) if not p.parent.name.startswith("_")
            for line in p.read_bytes().splitlines()]


def _mid_file(root: Path) -> bool:
    """Whether the ledger holds an offset reached in an unfinished file."""
    if not ledger_path(root).exists():
        return False
    db = sqlite3.connect(f"file:{ledger_path(root)}?mode=ro", uri=True, timeout=5)
    try:
        return bool(db.execute("SELECT 1 FROM files WHERE NOT finished AND handled IS NOT NULL"
                               ).fetchone())
    except sqlite3.OperationalError:
        return False
    finally:
        db.close()


def _start(base: str, root: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "cleaners", "ccnews", "--from", "2025-09-01", "--to",
         "2025-09-30", "--base", base, "--root", str(root), "--jobs", "2"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_killed_at_random_moments_and_rerun_nothing_lost_nothing_twice(tmp_path: Path) -> None:
    data = tmp_path / "data"
    wanted: list[Article] = []
    for n, rel in enumerate(FILES, start=1):
        arts = _articles(n)
        write_warc(data / rel, arts, padding=20_000)
        wanted += arts
    write_listing(data, 2025, 9, FILES)
    root = tmp_path / "out"
    rng = random.Random(int(os.environ.get("CCNEWS_KILL_SEED", "13")))
    kills = mid_kills = round_ = 0
    with CcnewsServer(data) as srv:
        # Five rounds, and more (up to twelve) until some kill fell while the ledger held an
        # offset inside an unfinished file: the ledger also saves that offset just before it
        # marks a file finished, so a kill that follows a sighting of it may land after the end.
        while round_ < 5 or (mid_kills == 0 and round_ < 12):
            proc = _start(srv.base, root)
            # Kill after a random number of new records (load-independent); every other round
            # first waits until the ledger saved an offset inside a file, so that some kill
            # falls while a file is half done.
            before = len(_lines(root))
            deadline = time.monotonic() + 90
            while round_ % 2 == 0 and proc.poll() is None and not _mid_file(root):
                assert time.monotonic() < deadline
                time.sleep(0.02)
            target = len(_lines(root)) + rng.randint(1, 20 if round_ % 2 == 0 else 100)
            while proc.poll() is None and len(_lines(root)) < target:
                assert time.monotonic() < deadline
                time.sleep(0.02)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.wait(timeout=30)
            err = proc.stderr.read().decode() if proc.stderr else ""
            assert proc.returncode in (-signal.SIGKILL, 0), err
            assert len(_lines(root)) > before or proc.returncode == 0
            mid_kills += proc.returncode == -signal.SIGKILL and _mid_file(root)
            round_ += 1
            if proc.returncode == 0:
                break  # every file is done: no later round has anything to kill
        final = _start(srv.base, root)
        _, err = final.communicate(timeout=180)
        resumed = [start for rel, start in srv.state.ranges if start > 0]
    assert final.returncode == 0, err.decode()
    assert kills >= 3
    seed = os.environ.get("CCNEWS_KILL_SEED", "13")
    assert mid_kills, f"no kill fell inside an unfinished file in {round_} rounds (seed {seed})"
    lines = _lines(root)
    records = [json.loads(line) for line in lines]  # every line whole (a torn tail of a
    # killed run was moved to <file>.torn by the next writer, and its page written again)
    counts = Counter(r["url"] for r in records)
    assert set(counts) == {a.url for a in wanted}
    assert [u for u, c in counts.items() if c > 1] == []
    assert {r["revision"] for r in records} == {1}
    assert all(record_errors(r) == [] for r in records[:20])
    assert resumed, "no run resumed a file at the offset it had reached"
    ledger = FileLedger(ledger_path(root))
    try:
        assert ledger.finished() == set(FILES)
    finally:
        ledger.close()
    again = subprocess.run(
        [sys.executable, "-m", "cleaners", "ccnews", "--from", "2025-09-01", "--to",
         "2025-09-30", "--base", str(data), "--root", str(root), "--jobs", "1"],
        cwd=REPO, capture_output=True, text=True, timeout=60)
    assert again.returncode == 0 and "0 WARC files (0 failed), 0 pages" in again.stderr, \
        again.stderr
    assert len(_lines(root)) == len(lines)
