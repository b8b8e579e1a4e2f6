"""``RangeStream`` against the loopback Range server: resumes, and the errors it names."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaners.ccnews.errors import CcnewsError
from cleaners.ccnews.remote import RangeStream, fetch_small
from tests.support.ccnewssite import CcnewsServer

DATA = bytes(range(256)) * 4096  # 1 MiB


def _serve(tmp_path: Path) -> Path:
    (tmp_path / "f.bin").write_bytes(DATA)
    return tmp_path


def test_reads_the_whole_file_across_broken_connections(tmp_path: Path) -> None:
    with CcnewsServer(_serve(tmp_path)) as srv:
        srv.break_after("f.bin", 100_000, times=3)
        stream = RangeStream(f"{srv.base}/f.bin", backoff=0)
        got = b"".join(iter(lambda: stream.read(65_536), b""))
        ranges = list(srv.state.ranges)
    assert got == DATA and stream.reconnects == 3 and stream.size == len(DATA)
    assert [start for _, start in ranges] == [100_000, 200_000, 300_000]


def test_starts_at_an_offset(tmp_path: Path) -> None:
    with CcnewsServer(_serve(tmp_path)) as srv:
        stream = RangeStream(f"{srv.base}/f.bin", 1000, backoff=0)
        assert stream.read(10) == DATA[1000:1010]


def test_errors_name_the_url_and_the_cause(tmp_path: Path) -> None:
    with CcnewsServer(_serve(tmp_path)) as srv:
        with pytest.raises(CcnewsError, match=rf"{srv.base}/nope.bin: HTTP 404"):
            RangeStream(f"{srv.base}/nope.bin", backoff=0)
        stream = RangeStream(f"{srv.base}/f.bin", retries=2, backoff=0)
        assert len(stream.read(1000)) == 1000
        srv.break_after("f.bin", 0, times=10)  # from now on no connection gives a byte
        stream._resp.close()  # the open connection breaks too
        with pytest.raises(CcnewsError, match=r"f.bin: broken at byte 1000 of 1048576 after 2"):
            while stream.read(65_536):
                pass
        srv.state.ignore_range = True
        with pytest.raises(CcnewsError, match="ignored Range: bytes=5- .HTTP 200.; cannot resume"):
            RangeStream(f"{srv.base}/f.bin", 5, backoff=0)
        srv.state.ignore_range = False
        srv.busy("f.bin", 9)
        with pytest.raises(CcnewsError, match="HTTP 503"):
            RangeStream(f"{srv.base}/f.bin", retries=1, backoff=0)
        with pytest.raises(CcnewsError, match=rf"{srv.base}/listing.gz: HTTP 404"):
            fetch_small(srv.base, "listing.gz")
