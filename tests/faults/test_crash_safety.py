"""Crash safety, proven with ``kill -9``: a crawl killed three times at random moments, then a
rerun, holds every article exactly once, only whole JSONL lines, and a seen-store that agrees
with the archive; ``newsclean clean -o`` killed mid-batch leaves no torn output file.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.support import faultsite as site
from tests.support.crawloutput import count_lines, load_records, record_files
from tests.support.faultserver import FaultServer
from tests.support.scrapyproc import LOOPBACK_SETTINGS, REPO, news_crawl_cmd, scrapy_env

pytestmark = pytest.mark.slow

ARTICLES = 200  # articles on the plain site
KILL_SEEDS = (11, 23, 47)  # one kill -9 per seed, at a random moment after records start
CLEAN_INPUTS = 1500  # files for the `newsclean clean -o` batch: it must outlast the kill
# moment (up to 0.15 s after its first record) several times over; 400 took 0.2 s after it
CRAWL_SETTINGS = {
    **LOOPBACK_SETTINGS, "DOWNLOAD_TIMEOUT": "5", "CONCURRENT_REQUESTS_PER_DOMAIN": "4",
    "NEWS_CLEAN_POOL": "1",
}


def _start(cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """Start a job in its own process group (so kill -9 takes its worker processes too)."""
    return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log.open("wb"),
                            stderr=subprocess.STDOUT, start_new_session=True)


def _kill9(proc: subprocess.Popen[bytes]) -> bool:
    """SIGKILL the job's process group; True when it was still running."""
    alive = proc.poll() is None
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(10)
    return alive


def _wait_for(predicate: Any, timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end and not predicate():
        time.sleep(0.05)


def _seen_keys(root: Path) -> set[str]:
    with sqlite3.connect(root / "_seen" / "seen.sqlite3") as db:
        return {row[0] for row in db.execute("SELECT key FROM seen")}


def test_crawl_killed_three_times_then_rerun_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    """3 x kill -9 mid-crawl (seeded random moments), then a full rerun: exactly-once output."""
    from crawler.pipelines.seen import seen_key

    out = tmp_path / "output"
    env = scrapy_env(output=out)
    killed_alive = 0
    with FaultServer(plain=ARTICLES, delay=0.15) as server:
        cmd = news_crawl_cmd(server.url, CRAWL_SETTINGS)
        for n, seed in enumerate(KILL_SEEDS):
            before = count_lines(out)
            proc = _start(cmd, env, tmp_path / f"killed-{n}.log")
            _wait_for(lambda b=before, p=proc: p.poll() is not None or
                      count_lines(out) > b, 60)
            time.sleep(random.Random(seed).uniform(0.0, 0.6))
            killed_alive += _kill9(proc)
            print(f"kill {n}: alive={proc.returncode == -9}, lines {before} -> {count_lines(out)}")
        final = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr[-3000:]
    assert killed_alive >= 2, "the kills should land while the crawl runs"

    records, files = load_records(out), record_files(out)  # raises on a line not whole JSON
    for path in files:
        assert path.read_bytes().endswith(b"\n"), path
    markers = Counter(re.search(r"\bfmplain\d+", r["text"]).group(0) for r in records)
    expected = {site.Page(f"plain-{n:04d}", "ok").marker for n in range(ARTICLES)}
    assert set(markers) == expected, sorted(expected - set(markers))[:5]
    assert max(markers.values()) == 1, markers.most_common(3)
    keys = {seen_key(r) for r in records}
    assert keys == _seen_keys(out)  # every record's key is seen, every seen key has a record
    assert not list((out / "_seen").glob("journal-*.jsonl")), "a clean run leaves no journal"


def _article_files(folder: Path, count: int) -> None:
    folder.mkdir()
    for n in range(count):
        page = site.Page(f"batch-{n:04d}", "ok")
        (folder / f"{n:04d}.html").write_text(site.article_html(page), "utf-8")


def _clean_cmd(inputs: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "cleaners", "clean", str(inputs), "-o", str(out)]


def _temps(folder: Path) -> list[Path]:
    """Temporary files of `newsclean clean -o out.jsonl` (a killed run leaves its own behind)."""
    return list(folder.glob(".out.jsonl.*.tmp"))


def _check_output(out: Path) -> list[dict[str, Any]]:
    """The -o file is absent or whole JSON lines; returns its records."""
    if not out.exists():
        return []
    raw = out.read_bytes()
    assert raw == b"" or raw.endswith(b"\n")
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


def test_newsclean_clean_killed_mid_batch_leaves_no_torn_file(tmp_path: Path) -> None:
    """kill -9 in `newsclean clean -o`: no output or a whole one; a rerun has each input once."""
    inputs, out = tmp_path / "pages", tmp_path / "out.jsonl"
    _article_files(inputs, CLEAN_INPUTS)
    env = scrapy_env()
    alive = 0
    for n, seed in enumerate(KILL_SEEDS):
        proc = _start(_clean_cmd(inputs, out), env, tmp_path / f"clean-{n}.log")
        old = set(_temps(tmp_path))
        _wait_for(lambda p=proc, old=old: p.poll() is not None or any(
            t.stat().st_size for t in _temps(tmp_path) if t not in old), 60)
        time.sleep(random.Random(seed).uniform(0.0, 0.15))  # records are being written now
        alive += _kill9(proc)
        records = _check_output(out)
        assert len(records) in (0, CLEAN_INPUTS), len(records)
    assert alive == len(KILL_SEEDS), "every kill should land mid-batch"
    final = subprocess.run(_clean_cmd(inputs, out), cwd=REPO, env=env, capture_output=True,
                           text=True, timeout=180)
    assert final.returncode == 0, final.stderr[-2000:]
    records = _check_output(out)
    sources = Counter(Path(r["source"]).name for r in records)
    assert len(sources) == CLEAN_INPUTS and max(sources.values()) == 1
    litter = [p.name for p in tmp_path.iterdir() if p.name.endswith(".jsonl") and p != out]
    assert not litter, litter  # killed runs leave only hidden *.tmp files, never a *.jsonl
    assert len(_temps(tmp_path)) <= len(KILL_SEEDS)
