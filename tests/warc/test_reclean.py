"""``newsclean reclean``: the archive a real crawl wrote (pages as WARC), re-cleaned with the
same cleaner (nothing written) and with one rule changed in the test (exactly the affected
records get revision 2, once, even when the re-clean is killed with SIGKILL and rerun)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import psutil
import pytest

from cleaners.validate import validate_record
from cleaners.warc.reader import read_page
from tests.crawler.conftest import run_scrapy
from tests.crawler.sitegen import article_list
from tests.support.crawloutput import load_records
from tests.support.httpserver import LocalHTTPServer
from tests.support.scrapyproc import REPO, scrapy_env

SITE = "127.0.0.1"
POLL = ('<div class="poll"><p>Vote in our poll: which of the bridges in town do you like '
        'best this week?</p></div><h2>What comes next</h2>')
# The changed rule: "poll" is no longer a boilerplate class token (rules as data, one place).
PATCH = ("import cleaners.rules.boilerplate as b; b.BOILERPLATE_CLASS_TOKENS = tuple("
         "t for t in b.BOILERPLATE_CLASS_TOKENS if t != 'poll'); ")


def crawl_archive(out: Path, count: int, *, every: int = 3) -> set[str]:
    """Crawl a loopback site of ``count`` articles; every ``every``-th has a poll box.
    Returns the URLs of the articles with a poll."""
    arts = article_list(count, days=4)
    routes: dict[str, str] = {}
    polled = set()
    for a in arts:
        html = a.html(size=1)
        if a.number % every == 0:
            html = html.replace("<h2>What comes next</h2>", POLL)
            polled.add(a.path)
        routes[a.path] = html
    chunks = [arts[i:i + 25] for i in range(0, count, 25)]
    for n, chunk in enumerate(chunks):
        links = "".join(f'<a href="{a.path}">{a.title}</a> ' for a in chunk)
        nxt = f'<a href="/list?page={n + 1}">next</a>' if n + 1 < len(chunks) else ""
        routes["/" if n == 0 else f"/list?page={n}"] = f"<html><body>{links}{nxt}</body></html>"
    routes["/robots.txt"] = "User-agent: *\nDisallow:\n"
    with LocalHTTPServer() as server:
        server.set_routes(routes)
        proc = run_scrapy("crawl", "news", "-a", f"url={server.url}/", output=out,
                          settings={"NEWS_LISTING_DEPTH": 20, "NEWS_CLEAN_POOL": 2})
        assert proc.returncode == 0, proc.stderr[-3000:]
        return {server.url + p for p in polled}


# Each page's cleaning made 40 ms slower, so a re-clean of 150 pages lasts seconds and a
# kill at a random moment lands inside it on a fast machine too.
SLOW = ("import time, cleaners.clean as c; _clean = c.clean_html; "
        "c.clean_html = lambda *a, **k: (time.sleep(0.04), _clean(*a, **k))[1]; ")


def reclean_cmd(*args: str, patched: bool = False, slow: bool = False) -> list[str]:
    """``newsclean reclean ARGS`` as a subprocess, with the changed rule when ``patched``."""
    code = (PATCH if patched else "") + (SLOW if slow else "") + (
        "import sys; from cleaners.cli import main; sys.exit(main(sys.argv[1:]))")
    return [sys.executable, "-c", code, "reclean", *args]


def reclean(*args: str, patched: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(reclean_cmd(*args, patched=patched), cwd=REPO, env=scrapy_env(),
                          capture_output=True, text=True, timeout=120)


def _orphans(out: Path) -> list[int]:
    """Processes still running a re-clean of ``out`` (forked workers share the command line)."""
    found = []
    for proc in psutil.process_iter(["pid", "cmdline"]):
        if str(out) in (proc.info["cmdline"] or []) and "reclean" in proc.info["cmdline"]:
            found.append(proc.info["pid"])
    return found


def _snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in out.glob(f"{SITE}/*.jsonl")}


def test_same_cleaner_writes_nothing_changed_rule_writes_exactly_the_affected(
        tmp_path: Path) -> None:
    """Same cleaner: 0 lines. One rule changed: --dry-run reports the affected records by
    field and writes nothing; the real run writes revision 2 of exactly those; again: 0."""
    out = tmp_path / "out"
    polled = crawl_archive(out, 24)
    before = _snapshot(out)
    same = reclean(str(out), "--jobs", "2")
    assert same.returncode == 0, same.stderr
    assert "24 pages re-cleaned" in same.stderr and "0 records changed" in same.stderr
    assert _snapshot(out) == before

    dry = reclean(str(out), "--dry-run", patched=True)
    assert dry.returncode == 0, dry.stderr
    assert f"{len(polled)} records would change" in dry.stderr
    assert f"  text               {len(polled)}" in dry.stderr
    assert f"  artefacts removed  {len(polled)}" in dry.stderr
    assert "  date               0" in dry.stderr and "Vote in our poll" in dry.stderr
    assert _snapshot(out) == before

    run = reclean(str(out), "--jobs", "2", patched=True)
    assert run.returncode == 0, run.stderr
    records = load_records(out, SITE)
    revised = [r for r in records if r["revision"] == 2]
    assert sorted(r["url"] for r in revised) == sorted(polled)
    first = {r["id"]: r for r in records if r["revision"] == 1}
    for r in revised:
        old = first[r["id"]]
        assert "Vote in our poll" in r["text"] and "Vote in our poll" not in old["text"]
        assert r["content_hash"] != old["content_hash"]
        assert (r["url"], r["fetched_at"], r["warc"], r["date"]) == (
            old["url"], old["fetched_at"], old["warc"], old["date"])
        assert r["cleaner_version"]
        validate_record(r)
        assert read_page(out, r["warc"]).url == r["url"]
    shown = subprocess.run([sys.executable, "-m", "cleaners", "show", revised[0]["id"], "--root",
                            str(out)], cwd=REPO, env=scrapy_env(), capture_output=True, text=True)
    assert json.loads(shown.stdout)["revision"] == 2
    first_shown = subprocess.run([sys.executable, "-m", "cleaners", "show", revised[0]["id"],
                                  "--root", str(out), "--revision", "1"], cwd=REPO,
                                 env=scrapy_env(), capture_output=True, text=True)
    assert json.loads(first_shown.stdout) == first[revised[0]["id"]]
    after = _snapshot(out)
    again = reclean(str(out), patched=True)
    assert "0 records changed" in again.stderr and _snapshot(out) == after


def test_next_crawl_seen_store_learns_the_new_revisions(tmp_path: Path) -> None:
    """The re-clean journals its revisions for the crawl's seen-store: when the next crawl
    opens it, each affected URL is at (new hash, revision 2), the others untouched."""
    import asyncio

    from crawler.pipelines.seen import SeenTracker, seen_key
    from crawler.seenstore import SqliteSeenStore

    out = tmp_path / "out"
    polled = crawl_archive(out, 9)
    assert reclean(str(out), patched=True).returncode == 0
    assert list((out / "_seen").glob("journal-*.jsonl"))
    store = SqliteSeenStore(out / "_seen" / "seen.sqlite3")
    stats = SimpleNamespace(inc_value=lambda *a, **k: None)
    tracker = SeenTracker(store=store, root=out, stats=stats)
    asyncio.run(tracker.open())  # what SeenStorePipeline.open_spider does
    latest = {r["url"]: r for r in sorted(load_records(out, SITE), key=lambda r: r["revision"])}
    for url, record in latest.items():
        expected = (record["content_hash"], 2 if url in polled else 1)
        assert record["revision"] == expected[1]
        assert store.get(seen_key(record)) == expected, url
    asyncio.run(tracker.close())
    assert not list((out / "_seen").glob("journal-*.jsonl"))


def test_filters_and_bad_arguments(tmp_path: Path) -> None:
    """--site and --since/--until select records; bad dates and roots are usage errors."""
    out = tmp_path / "out"
    crawl_archive(out, 8)
    days = sorted({r["date"] for r in load_records(out, SITE)})
    in_range = sum(r["date"] >= days[1] for r in load_records(out, SITE))
    since = reclean(str(out), "--since", days[1], "--dry-run")
    assert f"{in_range} pages re-cleaned" in since.stderr
    other = reclean(str(out), "--site", "elsewhere", "--dry-run")
    assert "0 pages re-cleaned" in other.stderr
    bad = reclean(str(out), "--since", "2025-13-01")
    assert bad.returncode == 2 and "--since" in bad.stderr
    missing = reclean(str(tmp_path / "nope"))
    assert missing.returncode == 1 and "no such archive folder" in missing.stderr
    # a WARC cut in half: the pages after the cut are named as failed, the others re-cleaned
    (warc,) = (out / "_warc" / SITE).glob("*.warc.gz")
    warc.write_bytes(warc.read_bytes()[: warc.stat().st_size // 2])
    cut = reclean(str(out), "--dry-run")
    assert cut.returncode == 1
    summary = cut.stderr.splitlines()[-1]
    lost = sum(1 for line in cut.stderr.splitlines() if warc.name in line)
    assert 0 < lost < 8 and f"{8 - lost} pages re-cleaned" in summary
    assert f"{8 - lost} unchanged, {lost} failed" in summary


@pytest.mark.slow
def test_killed_at_random_moments_and_rerun_writes_each_change_once(tmp_path: Path) -> None:
    """SIGKILL the re-clean (2 jobs) at random moments, rerun each time, then finish: each
    affected record has exactly one revision 2, no revision 3; the others only revision 1."""
    out = tmp_path / "out"
    polled = crawl_archive(out, 150)
    rng = random.Random(12)
    kills = 0
    for _ in range(4):
        proc = subprocess.Popen(reclean_cmd(str(out), "--jobs", "2", patched=True, slow=True),
                                cwd=REPO, env=scrapy_env(), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(0.8 + rng.random() * 1.2)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=10)
    assert kills >= 2, "re-clean finished before it could be killed"
    deadline = time.monotonic() + 5  # the killed runs' pool workers exit on their own
    while _orphans(out) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _orphans(out)
    final = reclean(str(out), "--jobs", "2", patched=True)
    assert final.returncode == 0, final.stderr
    revisions: dict[str, list[int]] = {}
    urls: dict[str, str] = {}
    for path in out.glob(f"{SITE}/*.jsonl"):
        data = path.read_bytes()
        assert data.endswith(b"\n")
        for line in data.decode("utf-8").splitlines():
            r = json.loads(line)
            revisions.setdefault(r["id"], []).append(r["revision"])
            urls[r["id"]] = r["url"]
    for rid, revs in revisions.items():
        expected = [1, 2] if urls[rid] in polled else [1]
        assert sorted(revs) == expected, (urls[rid], revs)
    assert len(revisions) == 150
