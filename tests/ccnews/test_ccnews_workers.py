"""Two ``newsclean ccnews`` workers sharing one run through a real Redis (a private
redis-server on loopback): seeded once, each file leased once, one worker SIGKILLed mid-file
and its file finished by the other after the lease expired; every article exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.distributed.conftest import launch_redis
from tests.support.ccnewssite import Article, CcnewsServer, warc_rel, write_listing, write_warc
from tests.support.scrapyproc import REPO

pytestmark = pytest.mark.slow  # real subprocesses and servers

FILES = [warc_rel(f"2025090{d}000000", d) for d in range(3, 7)]
PER_FILE = 120
LEASE_TTL = "3"


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "redis").mkdir()
    proc, url = launch_redis(tmp_path / "redis")  # skips without redis-server (fails in CI)
    yield url
    proc.terminate()
    proc.wait(10)


def _worker(name: str, base: str, root: Path, url: str, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NEWSCLEAN_REDIS_URL": url}
    return subprocess.Popen(
        [sys.executable, "-m", "cleaners", "ccnews", "--from", "2025-09-01", "--to",
         "2025-09-30", "--base", base, "--root", str(root), "--jobs", "1", "--worker", name,
         "--lease-ttl", LEASE_TTL],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=log.open("wb"))


def _records(root: Path) -> list[dict[str, object]]:
    return [json.loads(line) for p in sorted(root.glob("*/*.jsonl"))
            if not p.parent.name.startswith("_") for line in p.read_text().splitlines()]


def test_two_workers_one_killed_mid_file(tmp_path: Path, redis_server: str) -> None:
    data = tmp_path / "data"
    wanted = []
    for n, rel in enumerate(FILES):
        arts = [Article(f"www.s{i % 3}.nl", f"f{n}-{i}", f"2025-09-0{1 + i % 4}")
                for i in range(PER_FILE)]
        write_warc(data / rel, arts, padding=20_000)
        wanted += arts
    write_listing(data, 2025, 9, FILES)
    root = tmp_path / "out"
    client = redis.Redis.from_url(redis_server)
    with CcnewsServer(data) as srv:
        w1 = _worker("w1", srv.base, root, redis_server, tmp_path / "w1.log")
        w2 = _worker("w2", srv.base, root, redis_server, tmp_path / "w2.log")
        # Kill w1 once it saved an offset inside a file it holds (the ledger is in Redis).
        deadline = time.monotonic() + 90
        victim = None
        while victim is None:
            assert time.monotonic() < deadline, "w1 never got half-way into a file"
            assert w1.poll() is None, (tmp_path / "w1.log").read_text()
            for key in client.scan_iter("newsclean:ccnews:*:owners"):
                prefix = key.decode().rsplit(":", 1)[0]
                for path, owner in client.hgetall(key).items():
                    if owner == b"w1" and client.hexists(f"{prefix}:handled", path):
                        victim = (prefix, path.decode())
            time.sleep(0.05)
        w1.send_signal(signal.SIGKILL)
        w1.wait(10)
        prefix, path = victim
        assert w2.wait(timeout=180) == 0, (tmp_path / "w2.log").read_text()
    log1, log2 = (tmp_path / "w1.log").read_text(), (tmp_path / "w2.log").read_text()
    assert [log1.count("seeded run"), log2.count("seeded run")] in ([1, 0], [0, 1])
    assert "took over 1 files" in log2
    assert {p.decode() for p in client.smembers(f"{prefix}:done")} == set(FILES)
    assert client.zcard(f"{prefix}:leases") == 0
    records = _records(root)
    counts = Counter(r["url"] for r in records)
    assert set(counts) == {a.url for a in wanted}
    assert [u for u, c in counts.items() if c > 1] == []
    assert {r["revision"] for r in records} == {1}
    assert client.hlen("newsclean:seen") == len(wanted)  # the shared Redis seen-store
    assert not (root / "_seen" / "seen.sqlite3").exists()
    by_worker = Counter(p.name.split(".")[1] for p in root.glob("*/*.jsonl")
                        if not p.parent.name.startswith("_"))
    assert set(by_worker) == {"w1", "w2"}
    # the file w1 was killed in holds records of both workers
    victims = {r["url"] for r in records if r["warc"]["file"] == path}  # type: ignore[index]
    assert len(victims) == PER_FILE


def test_a_failed_file_is_tried_again_by_the_next_worker(tmp_path: Path,
                                                         redis_server: str) -> None:
    data = tmp_path / "data"
    present, missing = FILES[0], FILES[1]
    arts = [Article("www.s1.nl", f"late-{i}", "2025-09-02") for i in range(3)]
    write_warc(data / present, [Article("www.s1.nl", "early", "2025-09-01")])
    write_listing(data, 2025, 9, [present, missing])
    root = tmp_path / "out"
    with CcnewsServer(data) as srv:
        first = _worker("w1", srv.base, root, redis_server, tmp_path / "w1.log")
        assert first.wait(60) == 1
        log = (tmp_path / "w1.log").read_text()
        assert f"{srv.base}/{missing}: HTTP 404 Not Found" in log
        write_warc(data / missing, arts)  # the file turns up
        second = _worker("w2", srv.base, root, redis_server, tmp_path / "w2.log")
        assert second.wait(60) == 0, (tmp_path / "w2.log").read_text()
    log = (tmp_path / "w2.log").read_text()
    assert "joined run" in log and "1 failed files to try again" in log
    assert "1 WARC files (0 failed)" in log
    assert sorted(r["url"] for r in _records(root)) == sorted(
        [a.url for a in arts] + ["https://www.s1.nl/nieuws/2025-09-01/early.html"])
