"""``make bench-warc``: what keeping pages as WARC costs, and how fast an archive re-cleans.

Usage: ``python -m bench.warc [--articles 600] [--rounds 2] [--page-kb 33] [--warc-mb 1024]
[--json FILE]``. Printed side by side, as ratios from one run:

* crawl cost: the real ``scrapy crawl news`` of a generated site (``bench.scale``'s, served
  by aiohttp in its own process; cleaning pool of 2) with ``NEWS_WARC=off`` and ``articles``,
  in turn, ``--rounds`` times; median wall time and steady pages/s of each;
* re-clean throughput: ``newsclean reclean`` of that crawl's archive with the same cleaner
  (every page read back and cleaned, nothing written), ``--jobs 1`` against ``--jobs 2``;
* WARC reading cost: reading every record's page back (``read_page``) against cleaning the
  pages, in this process, one core;
* peak memory (RSS summed over the process and its workers, sampled every 50 ms) of
  ``newsclean reclean --jobs 2`` over an archive whose pages lie in one ``--warc-mb`` MB WARC
  (the articles between large non-HTML responses) and of ``newsclean clean`` of that file.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Final

import psutil

from bench.datasets import REPO_ROOT
from bench.scale import crawl_cmd, run_config, served_site

FILLER_MB: Final = 4  # size of each non-HTML response between articles in the big WARC
RSS_EVERY: Final = 0.05  # seconds between memory samples


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("REDIS_URL", "NEWSCLEAN_REDIS_URL", "NEWSCLEAN_OUTPUT_DIR")}
    env["PYTHONPATH"] = str(REPO_ROOT)
    return env


def crawl_cost(url: str, rounds: int, work: Path) -> tuple[dict[str, Any], Path]:
    """Median wall time and pages/s of crawls with NEWS_WARC=off and =articles."""
    runs: dict[str, list[Any]] = {"off": [], "articles": []}
    archive = work / "archive"
    for n in range(rounds):
        for mode in runs:
            out = work / f"crawl-{mode}-{n}"
            runs[mode].append(run_config(mode, [crawl_cmd(url, NEWS_WARC=mode,
                                                          NEWS_CLEAN_POOL="2")], out))
            if mode == "articles":
                if archive.exists():
                    shutil.rmtree(archive)
                out.rename(archive)
            else:
                shutil.rmtree(out)
    table = {}
    for mode, results in runs.items():
        table[mode] = {"wall_s": statistics.median(r.wall_s for r in results),
                       "pages_per_s": statistics.median(r.pages_per_s for r in results),
                       "records": results[-1].records}
    table["time_ratio"] = round(table["articles"]["wall_s"] / table["off"]["wall_s"], 3)
    return table, archive


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _reclean_rate(archive: Path, jobs: int) -> tuple[float, float]:
    """(pages/s as reclean reports it, CPU seconds of it and its workers per page)."""
    cpu = _cpu_children()
    proc = subprocess.run([sys.executable, "-m", "cleaners", "reclean", str(archive), "--jobs",
                           str(jobs)], cwd=REPO_ROOT, env=_env(), capture_output=True,
                          text=True, check=True)
    line = proc.stderr.splitlines()[0]  # "... pages re-cleaned in S s (R pages/s): ..."
    if "0 records changed" not in line:
        raise SystemExit(f"reclean with the same cleaner changed records: {line}")
    pages = int(line.split(": ", 1)[1].split(" pages")[0])
    return float(line.split("(")[1].split(" pages/s")[0]), (_cpu_children() - cpu) / pages


def _spin(seconds: float, counter: Any) -> None:
    end, n = time.perf_counter() + seconds, 0
    while time.perf_counter() < end:
        n += 1
    with counter.get_lock():
        counter.value += n


def cpu_headroom(seconds: float = 2.0) -> float:
    """How much two busy processes get done against one, right now: 2.0 on two idle cores,
    about 1.0 when other work already fills the machine. Measured next to the re-clean ratio
    so that a shared machine's load can be told from our own overhead."""
    import multiprocessing as mp

    def run(n: int) -> int:
        counter = mp.Value("q", 0)
        procs = [mp.Process(target=_spin, args=(seconds, counter)) for _ in range(n)]
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join()
        return counter.value

    one = run(1)
    return round(run(2) / one, 2)


def reclean_scaling(archive: Path, rounds: int) -> dict[str, Any]:
    """Re-clean pages/s with one and two worker processes (median of the rounds), and the
    machine's headroom for a second process measured around them."""
    one, two, room = [], [], []
    for _ in range(rounds):
        room.append(cpu_headroom())
        one.append(_reclean_rate(archive, 1))
        two.append(_reclean_rate(archive, 2))
    p1, p2 = statistics.median(r for r, _ in one), statistics.median(r for r, _ in two)
    c1, c2 = statistics.median(c for _, c in one), statistics.median(c for _, c in two)
    headroom = statistics.median(room)
    return {"jobs_1_pages_per_s": p1, "jobs_2_pages_per_s": p2, "ratio": round(p2 / p1, 2),
            "cpu_headroom": headroom, "load_avg_1min": round(os.getloadavg()[0], 1),
            "jobs_1_cpu_ms_per_page": round(1000 * c1, 1),
            "jobs_2_cpu_ms_per_page": round(1000 * c2, 1)}


def read_cost(archive: Path) -> dict[str, Any]:
    """Seconds to read every record's page from its WARC against seconds to clean them."""
    from cleaners.archive.reader import read_records
    from cleaners.clean import clean_html
    from cleaners.warc.reader import read_page

    records = [r for r in read_records(archive) if "warc" in r]
    t0 = time.perf_counter()
    pages = [read_page(archive, r["warc"]) for r in records]
    read_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for record, page in zip(records, pages, strict=True):
        clean_html(page.body, url=record["url"], hints=page.meta.get("hints") or {},
                   site=record["site"], encoding=page.charset)
    clean_s = time.perf_counter() - t0
    return {"pages": len(records), "read_s": round(read_s, 3), "clean_s": round(clean_s, 3),
            "read_share": round(read_s / clean_s, 4)}


def big_archive(archive: Path, target: Path, warc_mb: int) -> Path:
    """A copy of ``archive`` whose pages all lie in one WARC of about ``warc_mb`` MB."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from cleaners.archive.reader import read_records
    from cleaners.archive.writer import DatedJsonlWriter
    from cleaners.warc.exchange import HttpExchange
    from cleaners.warc.reader import read_page
    from cleaners.warc.writer import build_page_records

    records = [r for r in read_records(archive) if "warc" in r]
    site = records[0]["site"]
    rel = f"_warc/{site}/big.warc.gz"
    path = target / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    blob = os.urandom(FILLER_MB << 20)  # incompressible: the file really is that large
    fillers = warc_mb // FILLER_MB  # spread evenly before the pages
    writer = DatedJsonlWriter(target, spider="bench", sync_every=1000)
    with open(path, "wb") as fh:
        warc = WARCWriter(fh, gzip=True, warc_version="WARC/1.1")
        for n, record in enumerate(records):
            for k in range(fillers * n // len(records), fillers * (n + 1) // len(records)):
                warc.write_record(warc.create_warc_record(
                    f"http://127.0.0.1/files/{n}-{k}.pdf", "response", payload=io.BytesIO(blob),
                    http_headers=StatusAndHeaders("200 OK", [("Content-Type", "application/pdf")],
                                                  protocol="HTTP/1.1")))
            page = read_page(archive, record["warc"])
            data, _ = build_page_records(HttpExchange(
                url=page.url, status=200, body=page.body, fetched_at=page.fetched_at,
                response_headers=(("Content-Type", page.content_type),), meta=page.meta))
            fh.flush()
            offset = fh.tell()
            fh.write(data)
            writer.write({**record, "warc": {"file": rel, "offset": offset}})
    writer.close()
    return path


def peak_rss(cmd: list[str]) -> tuple[float, float]:
    """(peak MB summed over the process tree, wall seconds) of a command run to its end."""
    started = time.monotonic()
    proc = psutil.Popen(cmd, cwd=REPO_ROOT, env=_env(), stdout=subprocess.DEVNULL,
                        stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        try:
            tree = [proc, *proc.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(RSS_EVERY)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd[3]} failed: {proc.stderr.read().decode()[-2000:]}")
    return round(peak / 2**20, 1), round(time.monotonic() - started, 1)


def memory(archive: Path, work: Path, warc_mb: int) -> dict[str, Any]:
    """Peak RSS of reclean and clean over a ``warc_mb`` MB WARC."""
    target = work / "big"
    path = big_archive(archive, target, warc_mb)
    size_mb = round(path.stat().st_size / 2**20)
    py = [sys.executable, "-m", "cleaners"]
    reclean_mb, reclean_s = peak_rss([*py, "reclean", str(target), "--jobs", "2"])
    clean_mb, clean_s = peak_rss([*py, "clean", str(path), "--jobs", "2", "-o",
                                  str(work / "big-clean.jsonl")])
    return {"warc_mb": size_mb, "reclean_peak_mb": reclean_mb, "reclean_s": reclean_s,
            "clean_peak_mb": clean_mb, "clean_s": clean_s}


def main(argv: list[str] | None = None) -> int:
    """Run every measurement and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.warc", description=__doc__)
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--page-kb", type=int, default=33)
    parser.add_argument("--warc-mb", type=int, default=1024)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-warc-") as tmp:
        work = Path(tmp)
        with served_site(work / "site", args.articles, args.page_kb) as url:
            crawl, archive = crawl_cost(url, args.rounds, work)
        scaling = reclean_scaling(archive, args.rounds)
        reading = read_cost(archive)
        mem = memory(archive, work, args.warc_mb) if args.warc_mb > 0 else {}
    figures = {"crawl": crawl, "reclean": scaling, "read": reading, "memory": mem}
    off, on = crawl["off"], crawl["articles"]
    print(f"bench.warc: {args.articles} articles of ~{args.page_kb} KB, {args.rounds} rounds, "
          f"{os.cpu_count()} cores")
    print(f"  crawl NEWS_WARC=off       {off['wall_s']:7.1f} s  {off['pages_per_s']:7.1f} pages/s")
    print(f"  crawl NEWS_WARC=articles  {on['wall_s']:7.1f} s  {on['pages_per_s']:7.1f} pages/s"
          f"  time x{crawl['time_ratio']:.3f} (target <= 1.10)")
    print(f"  reclean --jobs 1          {scaling['jobs_1_pages_per_s']:7.1f} pages/s")
    print(f"  reclean --jobs 2          {scaling['jobs_2_pages_per_s']:7.1f} pages/s"
          f"  x{scaling['ratio']:.2f} (target >= 1.8)")
    print(f"  2 busy loops vs 1         x{scaling['cpu_headroom']:.2f}  (what the machine gave a "
          f"second process meanwhile; load average {scaling['load_avg_1min']})")
    print(f"  reclean CPU per page      {scaling['jobs_1_cpu_ms_per_page']:7.1f} ms (1 job), "
          f"{scaling['jobs_2_cpu_ms_per_page']:.1f} ms (2 jobs, all processes): the pool's "
          "own cost, whatever the load")
    print(f"  WARC reading              {reading['read_s']:7.3f} s for {reading['pages']} pages"
          f" = {100 * reading['read_share']:.2f} % of cleaning them ({reading['clean_s']:.1f} s;"
          " target < 5 %)")
    if mem:
        print(f"  reclean peak RSS          {mem['reclean_peak_mb']:7.1f} MB  on a "
              f"{mem['warc_mb']} MB WARC ({mem['reclean_s']} s; target < 400 MB)")
        print(f"  clean FILE.warc.gz peak   {mem['clean_peak_mb']:7.1f} MB  on the same file "
              f"({mem['clean_s']} s; target < 400 MB)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
