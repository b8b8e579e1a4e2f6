"""``make bench-scale``: crawl throughput with cleaning on: one process, the pool, two workers.

Usage: ``python -m bench.scale [--articles 1500] [--rounds 3] [--page-kb 33] [--json FILE]``.

A generated news site (``bench/newssite.py``: robots.txt -> sitemap -> articles of
about ``--page-kb`` KB with navigation, sidebar and comments) is served by an aiohttp server in
its own process. The real ``scrapy crawl news`` runs three times, always with cleaning on:

* ``inline``: one process, cleaning inline in the crawler (``NEWS_CLEAN_POOL=0``);
* ``pool``: one process, cleaning in a process pool (``NEWS_CLEAN_POOL=2``);
* ``2 workers``: two scrapy-redis workers sharing a private redis-server, cleaning inline.

pages/s is the steady rate: records written between 10 % and 90 % of the output bytes, divided by
the time between those two points, so interpreter start-up and the idle close of distributed
workers do not count. Wall time (start to exit) is printed too. The setups run in turn,
``--rounds`` times, and the table shows each one's median round: on a shared machine, load from
other processes then hits all setups alike instead of whichever ran at the wrong moment.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Final

import redis

from bench.datasets import REPO_ROOT
from bench.newssite import SiteArticle, article_html, robots, sitemap_xml, write_site

PARAGRAPHS: Final = 30  # per article; padding is chosen to reach the page size
SAMPLE_EVERY: Final = 0.05  # seconds between output-size samples
CRAWL_SETTINGS: Final = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "LOG_LEVEL": "WARNING",
    "MAX_IDLE_TIME_BEFORE_CLOSE": "2",
}


@dataclass(frozen=True)
class Result:
    """One configuration's measurement."""

    config: str
    records: int
    pages_per_s: float
    wall_s: float


def free_port() -> int:
    """A free loopback TCP port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def padding_for(page_kb: int) -> int:
    """Boilerplate items per block so an article page is at least ``page_kb`` KB."""
    padding = 0
    while len(article_html(SiteArticle(0), paragraphs=PARAGRAPHS, padding=padding)) \
            < page_kb * 1000:
        padding += 10
    return padding


def _serve(root: str, port: int) -> None:
    from aiohttp import web

    base = Path(root)
    files = {"/" + p.relative_to(base).as_posix(): p.read_bytes()
             for p in base.rglob("*") if p.is_file()}
    files["/"] = files["/index.html"]

    async def handle(request: web.Request) -> web.Response:
        body = files.get(request.path)
        if body is None:
            return web.Response(status=404)
        kind = {".xml": "application/xml", ".txt": "text/plain"}.get(
            Path(request.path).suffix, "text/html")
        return web.Response(body=body, content_type=kind)

    app = web.Application()
    app.router.add_get("/{tail:.*}", handle)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


@contextmanager
def served_site(root: Path, articles: int, page_kb: int) -> Iterator[str]:
    """Generate the site, serve it from a separate process, yield its base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    paths = write_site(root, articles, paragraphs=PARAGRAPHS, padding=padding_for(page_kb))
    (root / "robots.txt").write_text(robots(base))
    (root / "sitemap.xml").write_text(sitemap_xml(base, paths))
    server = multiprocessing.get_context("spawn").Process(target=_serve, args=(str(root), port),
                                                          daemon=True)
    server.start()
    _wait_port(port)
    try:
        yield base + "/"
    finally:
        server.terminate()
        server.join(5)


@contextmanager
def private_redis(workdir: Path) -> Iterator[str]:
    """A redis-server without persistence on a free port."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server not found (apt-get install redis-server)")
    port = free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(workdir)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_port(port)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(10)


def _wait_port(port: int) -> None:
    for _ in range(200):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise SystemExit(f"nothing listens on port {port}")


def crawl_cmd(url: str, **settings: str) -> list[str]:
    """``scrapy crawl news -a url=URL`` with the benchmark settings."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"url={url}"]
    for name, value in {**CRAWL_SETTINGS, **settings}.items():
        cmd += ["-s", f"{name}={value}"]
    return cmd


def run_config(name: str, commands: list[list[str]], out: Path) -> Result:
    """Run the crawl processes to the end, sampling the output size; measure the steady rate."""
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "NEWSCLEAN_REDIS_URL")}
    env["NEWSCLEAN_OUTPUT_DIR"] = str(out)
    started = time.monotonic()
    procs = [subprocess.Popen(cmd, cwd=REPO_ROOT, env=env) for cmd in commands]
    samples: list[tuple[float, int]] = []
    while any(proc.poll() is None for proc in procs):
        samples.append((time.monotonic(), _output_bytes(out)))
        time.sleep(SAMPLE_EVERY)
    wall = time.monotonic() - started
    if any(proc.returncode for proc in procs):
        raise SystemExit(f"{name}: a crawl process failed")
    records = sum(p.read_bytes().count(b"\n") for p in _record_files(out))
    return Result(name, records, round(_steady_rate(samples, records), 1), round(wall, 1))


def _record_files(out: Path) -> list[Path]:
    return [p for p in out.glob("*/*.jsonl") if not p.parent.name.startswith("_")]


def _output_bytes(out: Path) -> int:
    total = 0
    for path in _record_files(out):
        try:
            total += path.stat().st_size
        except FileNotFoundError:
            continue
    return total


def _steady_rate(samples: list[tuple[float, int]], records: int) -> float:
    """Records per second between 10 % and 90 % of the final output size."""
    final = samples[-1][1] if samples else 0
    if not final or records < 10:
        return 0.0
    t10 = next(t for t, size in samples if size >= 0.1 * final)
    t90 = next(t for t, size in samples if size >= 0.9 * final)
    return 0.8 * records / max(t90 - t10, SAMPLE_EVERY)


def configs(url: str, redis_url: str) -> dict[str, list[list[str]]]:
    """The three setups: crawl command lines per configuration."""
    workers = [crawl_cmd(url, NEWS_CLEAN_POOL="0", REDIS_URL=redis_url, NEWS_WORKER=name)
               for name in ("w1", "w2")]
    return {"inline": [crawl_cmd(url, NEWS_CLEAN_POOL="0")],
            "pool": [crawl_cmd(url, NEWS_CLEAN_POOL="2")],
            "2 workers": workers}


def measure(url: str, redis_url: str, rounds: int, work: Path) -> list[Result]:
    """Run the setups in turn, ``rounds`` times (so load from others hits all alike)."""
    results = []
    client = redis.Redis.from_url(redis_url)
    for number in range(rounds):
        for name, commands in configs(url, redis_url).items():
            client.flushdb()  # a fresh queue and seen-store: every article is new again
            result = run_config(name, commands, work / f"{name.replace(' ', '-')}-{number}")
            print(f"  round {number + 1}: {result.config:<10} {result.pages_per_s:6.1f} pages/s",
                  flush=True)
            results.append(result)
    client.close()
    return results


def summary(results: list[Result]) -> list[Result]:
    """Per configuration: the median round (by pages/s)."""
    picked = []
    for name in dict.fromkeys(r.config for r in results):
        runs = sorted((r for r in results if r.config == name), key=lambda r: r.pages_per_s)
        picked.append(runs[len(runs) // 2])
    return picked


def main(argv: list[str] | None = None) -> int:
    """Run the three configurations and print a table of their median rates."""
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--articles", type=int, default=1500,
        help="articles per crawl (with 500 the steady window is too short to measure well)",
    )
    parser.add_argument("--rounds", type=int, default=3, help="runs of each setup, interleaved")
    parser.add_argument("--page-kb", type=int, default=33)
    parser.add_argument("--json", type=Path, help="also write every round's results here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        work = Path(tmp)
        with served_site(work / "site", args.articles, args.page_kb) as url, \
                private_redis(work) as redis_url:
            load = " ".join(f"{x:.2f}" for x in os.getloadavg())
            print(f"site: {args.articles} articles of ~{args.page_kb} KB at {url}; "
                  f"{os.cpu_count()} cores, load average {load}", flush=True)
            results = measure(url, redis_url, args.rounds, work)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    table = summary(results)
    base = table[0].pages_per_s or 1.0
    print(f"median of {args.rounds} rounds:")
    print(f"{'config':<12}{'records':>9}{'pages/s':>10}{'x inline':>10}{'wall s':>9}")
    for r in table:
        print(f"{r.config:<12}{r.records:>9}{r.pages_per_s:>10.1f}{r.pages_per_s / base:>10.2f}"
              f"{r.wall_s:>9.1f}")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
