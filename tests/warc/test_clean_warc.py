"""``newsclean clean FILE.warc.gz``: any WARC in (written here with warcio the way other
crawlers write them), HTML 200 responses out as records, streamed, in parallel, filtered."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.crawler.sitegen import article_list
from tests.support.peakrss import run_measured
from tests.support.scrapyproc import REPO, scrapy_env

ARTS = article_list(6, days=3)
HOST = "news.example"


def _chunked(data: bytes) -> bytes:
    return b"".join(b"%x\r\n%s\r\n" % (len(data[i:i + 500]), data[i:i + 500])
                    for i in range(0, len(data), 500)) + b"0\r\n\r\n"


def _response(writer: WARCWriter, url: str, body: bytes, *, status: str = "200 OK",
              ctype: str = "text/html; charset=utf-8", extra: list[tuple[str, str]] | None = None,
              date: str = "2025-08-20T06:00:00Z") -> None:
    headers = [("Content-Type", ctype), *(extra or [])]
    writer.write_record(writer.create_warc_record(
        url, "response", payload=io.BytesIO(body),
        http_headers=StatusAndHeaders(status, headers, protocol="HTTP/1.1"),
        warc_headers_dict={"WARC-Date": date}))
    writer.write_record(writer.create_warc_record(
        url, "request", payload=io.BytesIO(b""),
        http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", HOST)], is_http_request=True),
        warc_headers_dict={"WARC-Date": date}))


def foreign_warc(path: Path, *, gz: bool = True) -> dict[str, str]:
    """A WARC as another crawler leaves it: raw bodies (gzip, chunked), other responses too."""
    expected = {}
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "other/1"}))
        for n, art in enumerate(ARTS):
            url = f"https://{'www.' if n % 2 else ''}{HOST}{art.path}"
            body = art.html(size=1).encode()
            date = f"2025-08-2{n}T06:00:00Z"
            if n == 1:  # stored raw as the server sent it: gzip-encoded and chunked
                _response(writer, url, _chunked(gzip.compress(body)), date=date,
                          extra=[("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")])
            else:
                _response(writer, url, body, date=date)
            expected[url] = date.replace("Z", "+00:00")
        _response(writer, f"https://{HOST}/gone.html", b"<html>gone</html>", status="404 Not Found")
        _response(writer, f"https://{HOST}/logo.png", b"\x89PNG" + bytes(500), ctype="image/png")
        _response(writer, f"https://{HOST}/moved", b"", status="301 Moved Permanently",
                  extra=[("Location", "/")])
        _response(writer, f"https://other.example{ARTS[0].path}", ARTS[0].html(size=1).encode())
        expected[f"https://other.example{ARTS[0].path}"] = "2025-08-20T06:00:00+00:00"
    return expected


def _clean(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleaners", "clean", *args], cwd=REPO,
                          env=scrapy_env(), capture_output=True, text=True, timeout=120)


def _records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_html_200_responses_become_records_with_url_and_warc_date(tmp_path: Path) -> None:
    """Only the HTML 200s; url = target URI, fetched_at = WARC-Date; gzip+chunked decoded."""
    path = tmp_path / "crawl.warc.gz"
    expected = foreign_warc(path)
    proc = _clean(str(path), "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    records = _records(proc.stdout)
    assert {r["url"]: r["fetched_at"] for r in records} == expected
    by_url = {r["url"]: r for r in records}
    for n, art in enumerate(ARTS):
        rec = by_url[f"https://{'www.' if n % 2 else ''}{HOST}{art.path}"]
        assert rec["title"] == art.title and rec["date"] == art.day
        assert rec["source"] == str(path)
    assert "6 cleaned" not in proc.stderr and f"{len(expected)} cleaned, 0 failed" in proc.stderr


def test_jobs_filters_and_plain_warc(tmp_path: Path) -> None:
    """--jobs 2 gives the same records in the same order; --site keeps a host and its
    subdomains; --url-pattern a regex; an uncompressed .warc reads the same."""
    path = tmp_path / "crawl.warc.gz"
    foreign_warc(path)
    plain = tmp_path / "crawl.warc"
    foreign_warc(plain, gz=False)
    one, two = _clean(str(path), "--jobs", "1"), _clean(str(path), "--jobs", "2")
    strip = [{k: v for k, v in r.items() if k != "source"} for r in _records(one.stdout)]
    assert [r["url"] for r in _records(two.stdout)] == [r["url"] for r in strip]
    assert [r["content_hash"] for r in _records(two.stdout)] == [r["content_hash"] for r in strip]
    site = _records(_clean(str(path), "--site", HOST).stdout)
    assert len(site) == len(ARTS) and all(r["site"] == HOST for r in site)
    assert all(HOST in r["url"] for r in site)
    pattern = _records(_clean(str(path), r"--url-pattern=-(1|3)\.html$").stdout)
    assert sorted(r["url"].rsplit("/", 1)[1] for r in pattern) == sorted(
        a.path.rsplit("/", 1)[1] for a in ARTS if a.number in (1, 3))
    assert [r["url"] for r in _records(_clean(str(plain)).stdout)] == [r["url"] for r in strip]


def test_bad_files_are_named_and_the_rest_goes_on(tmp_path: Path) -> None:
    """A missing file, a non-WARC and a truncated WARC are reported by name; exit 1; the good
    file's records and the pages before a truncation are still written."""
    good = tmp_path / "good.warc.gz"
    expected = foreign_warc(good)
    data = good.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) * 2 // 3])
    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(b"this is not a warc file\n" * 10)
    proc = _clean(str(tmp_path / "missing.warc.gz"), str(junk), str(cut), str(good),
                  "-o", str(tmp_path / "out.jsonl"))
    assert proc.returncode == 1
    assert "missing.warc.gz" in proc.stderr and "junk.warc.gz" in proc.stderr
    assert "cut.warc.gz" in proc.stderr
    records = _records((tmp_path / "out.jsonl").read_text("utf-8"))
    good_urls = [r["url"] for r in records if r["source"] == str(good)]
    assert sorted(good_urls) == sorted(expected)
    assert 0 < sum(r["source"] == str(cut) for r in records) < len(expected)
    mixed = _clean(str(good), str(tmp_path / "page.html"))
    assert mixed.returncode == 2 and "cannot be mixed" in mixed.stderr


def test_memory_stays_flat_in_the_file_size(tmp_path: Path) -> None:
    """A 200 MB WARC (big non-HTML responses between articles): peak RSS far below it."""
    path = tmp_path / "big.warc"
    blob = bytes(range(256)) * 4096 * 2  # 2 MB
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        for n in range(100):
            _response(writer, f"https://{HOST}/file{n}.bin", blob, ctype="application/pdf")
            if n % 10 == 0:
                art = ARTS[n // 10 % len(ARTS)]
                _response(writer, f"https://{HOST}{art.path}?n={n}", art.html(size=1).encode())
    assert path.stat().st_size > 200_000_000
    proc, peak_mb = run_measured(
        [sys.executable, "-m", "cleaners", "clean", str(path), "--jobs", "1", "-o",
         str(tmp_path / "out.jsonl")],
        cwd=REPO, env=scrapy_env(), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 10
    assert 0 < peak_mb < 200, f"peak RSS {peak_mb:.0f} MB"
