"""WarcArchiveWriter and the readers: standard files (warcio checks them), pages read back,
rotation, torn tails set aside, and a writer killed with SIGKILL at random moments."""

from __future__ import annotations

import gzip
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from cleaners.warc.errors import WarcError
from cleaners.warc.exchange import HttpExchange
from cleaners.warc.layout import list_warc_files, resolve
from cleaners.warc.members import whole_members_end
from cleaners.warc.reader import iter_pages, read_page, read_page_at
from cleaners.warc.writer import WarcArchiveWriter

REPO = Path(__file__).resolve().parents[2]


def _exchange(n: int, body: bytes | None = None) -> HttpExchange:
    return HttpExchange(
        url=f"http://127.0.0.1:9/news/{n}.html", status=200,
        body=body if body is not None else f"<html><body><p>page {n}</p></body></html>".encode(),
        fetched_at="2026-12-06T10:00:00+00:00",
        response_headers=(("Content-Type", "text/html; charset=utf-8"),
                          ("Content-Encoding", "gzip"), ("Content-Length", "3")),
        request_headers=(("User-Agent", "newsclean-test"),),
        meta={"id": f"{n:016x}", "hints": {"feed_title": f"t{n}"}})


def _warcio_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(path)],
                          capture_output=True, text=True)


def test_pages_written_as_standard_warc_and_read_back(tmp_path: Path) -> None:
    """Per page response, request and metadata (warcio reads and checks them); offsets work."""
    writer = WarcArchiveWriter(tmp_path, worker="w1")
    locations = [writer.write("demo", _exchange(n)) for n in range(5)]
    writer.close()
    files = list_warc_files(tmp_path)
    assert len(files) == 1 and files[0].name.endswith("-w1.warc.gz")
    assert not list(tmp_path.rglob("*.open"))
    assert _warcio_check(files[0]).returncode == 0
    with open(files[0], "rb") as fh:
        types = [r.rec_type for r in ArchiveIterator(fh)]
    assert types == ["warcinfo"] + ["response", "request", "metadata"] * 5
    for n, loc in enumerate(locations):
        page = read_page(tmp_path, loc.to_dict())
        assert page.body == _exchange(n).body and page.status == 200
        assert page.meta["id"] == f"{n:016x}"
        assert page.url.endswith(f"/{n}.html")
    streamed = list(iter_pages(files[0]))
    assert [p.offset for p in streamed] == [loc.offset for loc in locations]
    with gzip.open(files[0], "rb") as fh:  # body decoded: no Content-Encoding left claiming gzip
        assert b"Content-Encoding" not in fh.read()


def test_rotation_by_size_and_one_file_per_site(tmp_path: Path) -> None:
    """A file past max_size is closed; the next page starts a new one; sites never share."""
    writer = WarcArchiveWriter(tmp_path, max_size=5_000)
    for n in range(12):
        writer.write("a" if n % 2 else "b", _exchange(n, body=os.urandom(800)))
    writer.close()
    files = list_warc_files(tmp_path)
    assert {f.parent.name for f in files} == {"a", "b"}
    assert len(files) > 2
    assert all(_warcio_check(f).returncode == 0 for f in files)


def test_bad_locations_name_what_is_wrong(tmp_path: Path) -> None:
    """Paths outside _warc/<site>/, missing files, offsets not at a response: WarcError."""
    writer = WarcArchiveWriter(tmp_path)
    loc = writer.write("demo", _exchange(1))
    writer.close()
    for bad in ("../etc/passwd", "_warc/demo/../../x.warc.gz", "/abs.warc.gz", 3):
        with pytest.raises(WarcError, match="not a path under"):
            resolve(tmp_path, bad)  # type: ignore[arg-type]
    with pytest.raises(WarcError, match="no such file|No such file"):
        read_page(tmp_path, {"file": "_warc/demo/missing.warc.gz", "offset": 0})
    with pytest.raises(WarcError, match="offset 7"):
        read_page_at(tmp_path / loc.file, 7)
    with pytest.raises(WarcError, match="not a warc location"):
        read_page(tmp_path, {"file": loc.file})


def test_torn_tail_of_dead_writer_set_aside_on_next_start(tmp_path: Path) -> None:
    """Half a gzip member at the end of an unclosed file moves to .torn; whole pages stay."""
    writer = WarcArchiveWriter(tmp_path)
    loc = writer.write("demo", _exchange(1))
    path = tmp_path / loc.file
    size = path.stat().st_size
    writer._forget_after_fork()  # as if the process died: no close, marker stays
    whole = gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n" * 20)
    with open(path, "ab") as fh:
        fh.write(whole[: len(whole) // 2])
    assert path.with_name(path.name + ".open").exists()
    again = WarcArchiveWriter(tmp_path)
    assert again.repaired == [path]
    assert path.stat().st_size == size == whole_members_end(path)
    assert path.with_name(path.name + ".torn").read_bytes() == whole[: len(whole) // 2]
    assert not path.with_name(path.name + ".open").exists()
    assert read_page(tmp_path, loc.to_dict()).body == _exchange(1).body
    assert _warcio_check(path).returncode == 0
    again.close()


CHILD = """
import sys
from cleaners.warc.exchange import HttpExchange
from cleaners.warc.writer import WarcArchiveWriter
w = WarcArchiveWriter(sys.argv[1])
n = 0
while True:
    body = ("<html><body>" + "<p>word %d</p>" % n * (n % 50 + 1) + "</body></html>").encode()
    loc = w.write("site%d" % (n % 2), HttpExchange(url="http://127.0.0.1:9/%d" % n, status=200,
                  body=body, fetched_at="2026-12-06T10:00:00Z", meta={"n": n}))
    print(loc.file, loc.offset, n, flush=True)
    n += 1
"""


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sigkill_at_random_moments_loses_no_acknowledged_page(tmp_path: Path, seed: int) -> None:
    """A writer killed with SIGKILL mid-stream, three times over one archive: each file holds
    whole gzip members only (after the next start), every page it acknowledged reads back."""
    rng = random.Random(seed)
    acked: list[tuple[str, int, int]] = []
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for _ in range(3):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path)], env=env,
                                 stdout=subprocess.PIPE, text=True)
        time.sleep(0.4 + rng.random() * 0.6)
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate(timeout=10)
        for line in out.splitlines():
            if line.count(" ") == 2 and line.endswith(tuple("0123456789")):
                rel, offset, n = line.split()
                acked.append((rel, int(offset), int(n)))
    WarcArchiveWriter(tmp_path).close()  # the next start repairs what the last kill left
    assert acked
    for path in list_warc_files(tmp_path):
        assert whole_members_end(path) == path.stat().st_size, path
        assert _warcio_check(path).returncode == 0, path
    for rel, offset, n in acked:
        page = read_page(tmp_path, {"file": rel, "offset": offset})
        assert page.meta == {"n": n}
        assert page.body.startswith(b"<html><body>") and page.body.endswith(b"</body></html>")
    assert not list(tmp_path.rglob("*.open"))
