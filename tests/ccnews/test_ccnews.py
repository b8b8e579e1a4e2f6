"""``newsclean ccnews``: WARCs written here in Common Crawl's CC-NEWS layout, served by a real
HTTP server on 127.0.0.1 (Range requests, broken connections, 404s), cleaned by the real
command in a subprocess into the dated archive."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cleaners.ccnews.errors import UsageError
from cleaners.ccnews.listing import crawl_day, list_warcs, parse_range
from cleaners.validate import record_errors
from tests.support.ccnewssite import Article, CcnewsServer, warc_rel, write_listing, write_warc
from tests.support.crawloutput import load_records
from tests.support.scrapyproc import REPO

pytestmark = pytest.mark.slow  # real subprocesses and servers

SEPT = [Article("www.nu.nl", f"nu-{i}", f"2025-09-0{1 + i % 3}") for i in range(6)]
OTHER = [Article("www.other.example", f"ot-{i}", "2025-09-02") for i in range(3)]
GERMAN = [Article("www.nu.nl", "duits", "2025-09-02", language="de")]
OCT = [Article("m.nu.nl", f"okt-{i}", "2025-10-01") for i in range(2)]
LATER = Article("www.nu.nl", "later", "2025-09-20")
F1 = warc_rel("20250903123456", 1)
F2 = warc_rel("20250904000000", 2)
F_OUT = warc_rel("20250920000000", 3)  # outside the range asked
F_OCT = warc_rel("20251001080000", 1)


def _site(tmp: Path) -> tuple[Path, dict[str, list[int]]]:
    data = tmp / "data"
    offsets = {F1: write_warc(data / F1, SEPT[:3] + OTHER[:2] + GERMAN),
               F2: write_warc(data / F2, SEPT[3:] + OTHER[2:]),
               F_OUT: write_warc(data / F_OUT, [LATER]),
               F_OCT: write_warc(data / F_OCT, OCT)}
    write_listing(data, 2025, 9, [F1, F2, F_OUT])
    write_listing(data, 2025, 10, [F_OCT])
    sites = tmp / "sites"
    sites.mkdir()
    (sites / "nu.toml").write_text('name = "nu"\nallowed_domains = ["nu.nl"]\n')
    return data, offsets


def _ccnews(*args: str, root: Path, sites: Path | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "cleaners", "ccnews", "--root", str(root), *args]
    if sites is not None:
        cmd += ["--sites-dir", str(sites)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=REPO)


def test_files_are_chosen_by_the_crawl_date_in_their_names(tmp_path: Path) -> None:
    data, _ = _site(tmp_path)
    assert crawl_day(F1).isoformat() == "2025-09-03"
    assert crawl_day("crawl-data/CC-NEWS/2025/09/warc.paths.gz") is None
    paths, errors = list_warcs(str(data), *parse_range("2025-09-03", "2025-10-31"))
    assert (paths, errors) == ([F1, F2, F_OUT, F_OCT], [])
    paths, errors = list_warcs(str(data), *parse_range("2025-09-01", "2025-09-04"))
    assert paths == [F1, F2]
    with pytest.raises(UsageError, match="--to 2025-09-01"):
        parse_range("2025-09-04", "2025-09-01")
    with pytest.raises(UsageError, match="'2025-02-30' is not a date"):
        parse_range("2025-02-30", "2025-03-01")


def test_streams_cleans_and_archives_the_wanted_hosts(tmp_path: Path) -> None:
    data, offsets = _site(tmp_path)
    root = tmp_path / "out"
    with CcnewsServer(data) as srv:
        srv.break_after(F1, 3000, times=2)  # two broken connections: resumed with Range
        srv.busy(F2, 2)  # and two "503 Slow Down" answers: tried again
        done = _ccnews("--from", "2025-09-01", "--to", "2025-10-01", "--base", srv.base,
                       "--hosts", r"(^|\.)nu\.nl$", "--languages", "nl", "--jobs", "2",
                       root=root, sites=tmp_path / "sites")
        ranges, hits = list(srv.state.ranges), dict(srv.state.hits)
    assert done.returncode == 0, done.stderr
    assert [r for r in ranges if r[0] == F1] and all(start > 0 for _, start in ranges)
    assert hits[F2] == 3
    records = load_records(root)
    assert sorted(r["url"] for r in records) == sorted(a.url for a in SEPT + OCT + [LATER])
    by_url = {r["url"]: r for r in records}
    for art in SEPT + OCT + [LATER]:
        rec = by_url[art.url]
        assert record_errors(rec) == []
        assert (rec["site"], rec["date"], rec["source"], rec["revision"]) == (
            "nu", art.day, "cc-news", 1)
        assert rec["title"] == art.title
        rel = next(f for f, arts in ((F1, SEPT[:3]), (F2, SEPT[3:]), (F_OCT, OCT),
                                                  (F_OUT, [LATER]))
                   if art in arts)
        assert rec["warc"]["file"] == rel and rec["warc"]["offset"] in offsets[rel]
    assert sorted(p.relative_to(root).as_posix() for p in root.glob("*/*.jsonl")) == [
        "nu/2025-09-01.jsonl", "nu/2025-09-02.jsonl", "nu/2025-09-03.jsonl",
        "nu/2025-09-20.jsonl", "nu/2025-10-01.jsonl"]
    assert "4 WARC files" in done.stderr and "9 records written" in done.stderr
    assert "1 other languages" in done.stderr  # the German page


def test_site_is_the_host_without_a_profile_and_reruns_write_only_changes(
        tmp_path: Path) -> None:
    data, _ = _site(tmp_path)
    root = tmp_path / "out"
    args = ("--from", "2025-09-03", "--to", "2025-09-04", "--base", str(data),
            "--hosts", "other", "--jobs", "1")
    first = _ccnews(*args, root=root, sites=tmp_path / "sites")
    assert first.returncode == 0, first.stderr
    assert {r["site"] for r in load_records(root)} == {"www.other.example"}
    assert len(load_records(root)) == 3
    # The same month again with one article edited in a new file: only it, as revision 2.
    edited = Article("www.other.example", "ot-0", "2025-09-02", version=2)
    f_new = warc_rel("20250904120000", 4)
    write_warc(data / f_new, [edited, OTHER[1]])
    write_listing(data, 2025, 9, [F1, F2, F_OUT, f_new])
    (root / "_ccnews" / "ledger.sqlite3").unlink()  # even with the ledger gone: no duplicates
    again = _ccnews(*args, root=root, sites=tmp_path / "sites")
    assert again.returncode == 0, again.stderr
    records = load_records(root)
    assert sorted((r["url"], r["revision"]) for r in records) == sorted(
        [(a.url, 1) for a in OTHER] + [(edited.url, 2)])
    assert "1 records written (1 new revisions)" in again.stderr


def test_bad_inputs_are_named_and_the_rest_goes_on(tmp_path: Path) -> None:
    data, offsets = _site(tmp_path)
    missing = warc_rel("20250903000000", 9)
    truncated = warc_rel("20250903200000", 7)
    arts = [Article("www.nu.nl", f"cut-{i}", "2025-09-03") for i in range(3)]
    cut_offsets = write_warc(data / truncated, arts, extras=False)
    whole = (data / truncated).read_bytes()
    (data / truncated).write_bytes(whole[: cut_offsets[2] + 50])  # last record broken off
    write_listing(data, 2025, 9, [missing, truncated, F1])
    root = tmp_path / "out"
    with CcnewsServer(data) as srv:
        done = _ccnews("--from", "2025-08-31", "--to", "2025-09-03", "--base", srv.base,
                       "--sites", "nu", root=root, sites=tmp_path / "sites")
    assert done.returncode == 1
    assert f"{srv.base}/crawl-data/CC-NEWS/2025/08/warc.paths.gz: HTTP 404" in done.stderr
    assert f"{srv.base}/{missing}: HTTP 404" in done.stderr
    assert (f"{srv.base}/{truncated}: truncated: the record at offset {cut_offsets[2]} "
            "ends early") in done.stderr
    urls = sorted(r["url"] for r in load_records(root))
    assert urls == sorted([a.url for a in arts[:2]] + [a.url for a in SEPT[:3] + GERMAN])
    bad = _ccnews("--from", "2025-09-03", "--to", "2025-09-01", root=root)
    assert bad.returncode == 2 and "--from 2025-09-03 is after --to 2025-09-01" in bad.stderr
    bad = _ccnews("--from", "2025-09-01", "--to", "2025-09-03", "--sites", "nope",
                  root=root, sites=tmp_path / "sites")
    assert bad.returncode == 2 and "no profile 'nope'" in bad.stderr



def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    """On a terminal (a pty of 150 columns) the tqdm bar counts pages, files and kept records."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    data, _ = _site(tmp_path)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command with the pty as its terminal
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 150, 0, 0))
        os.chdir(REPO)
        os.execv(sys.executable, [sys.executable, "-m", "cleaners", "ccnews", "--from",
                                  "2025-09-01", "--to", "2025-09-04", "--base", str(data),
                                  "--root", str(tmp_path / "out"), "--jobs", "1"])
    out = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    text = out.decode("utf-8", "replace").replace("\r", "\n")
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert "ccnews: 10page [" in text and "files=2/2, kept=10" in text, text
    assert "page/s" in text


def test_ccnews_imports_without_scrapy() -> None:
    code = ("import sys, cleaners.commands.ccnews, cleaners.ccnews.run, cleaners.ccnews.shared, "
            "cleaners.seen.redis_store; assert 'scrapy' not in sys.modules, 'scrapy imported'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr


def test_one_local_run_per_archive_root(tmp_path: Path) -> None:
    from cleaners.ccnews.errors import CcnewsError
    from cleaners.ccnews.ledger import FileLedger, ledger_path

    data, _ = _site(tmp_path)
    root = tmp_path / "out"
    held = FileLedger(ledger_path(root))
    try:
        done = _ccnews("--from", "2025-09-03", "--to", "2025-09-03", "--base", str(data),
                       root=root)
        assert done.returncode == 1
        assert "another newsclean ccnews runs on this archive root" in done.stderr
        with pytest.raises(CcnewsError, match="another newsclean ccnews"):
            FileLedger(ledger_path(root))
    finally:
        held.close()
    assert _ccnews("--from", "2025-09-03", "--to", "2025-09-03", "--base", str(data),
                   root=root).returncode == 0


def test_show_raw_reads_a_cc_news_record_back_by_range_from_its_file(tmp_path: Path) -> None:
    """``newsclean show ID --raw`` of a CC-NEWS record fetches that one record of the
    Common Crawl file (HTTP Range from its offset), not the archive's own WARC."""
    data, _ = _site(tmp_path)
    root = tmp_path / "out"
    with CcnewsServer(data) as srv:
        done = _ccnews("--from", "2025-09-03", "--to", "2025-09-03", "--base", srv.base,
                       "--hosts", "other", "--jobs", "1", root=root)
        assert done.returncode == 0, done.stderr
        record = next(r for r in load_records(root) if r["url"] == OTHER[1].url)
        show = subprocess.run(
            [sys.executable, "-m", "cleaners", "show", record["id"], "--raw", "--root",
             str(root), "--base", srv.base], capture_output=True, timeout=60, cwd=REPO)
        ranges = list(srv.state.ranges)
    assert show.returncode == 0, show.stderr
    assert OTHER[1].title.encode() in show.stdout and OTHER[0].title.encode() not in show.stdout
    assert (F1, record["warc"]["offset"]) in ranges
    missing = subprocess.run(
        [sys.executable, "-m", "cleaners", "show", record["id"], "--raw", "--root", str(root),
         "--base", str(tmp_path / "nowhere")], capture_output=True, text=True, timeout=60,
        cwd=REPO)
    assert missing.returncode == 1 and "nowhere" in missing.stderr
