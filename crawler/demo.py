"""``make demo``: serve the bundled demo news site on 127.0.0.1, crawl it, print a summary.

    python -m crawler.demo [--output DIR]

Writes ``<output>/demo/<YYYY-MM-DD>.jsonl`` (output: ``--output``, else env NEWSCLEAN_OUTPUT_DIR,
else ``output``). Works offline. A second run adds no record and fetches no article again:
the seen-store under ``<output>/_seen/`` knows them. The site is served on the port of the
previous run when it is free (remembered in ``<output>/_seen/demo-port``), so article URLs,
which carry the port, stay the same from run to run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from collections import Counter
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from crawler.extensions.runsummary import FAILURE_PREFIX
from crawler.paths import OUTPUT_ENV, SEEN_DIR

SITE_ROOT = Path(__file__).resolve().parent / "demo_site" / "www"
SITE_NAME = "demo"
SEED_MARK = "xi-poetin"
# Politeness is for real sites; on loopback the demo crawls as fast as the machine allows.
LOOPBACK_SETTINGS = {
    "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "DOWNLOAD_SLOTS": {}, "LOG_LEVEL": "WARNING",
}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """No access log on the console."""


def _port_file(output: Path) -> Path:
    return output / SEEN_DIR / "demo-port"


def previous_port(output: Path) -> int:
    """The port the last demo run served on (0 = none known: any free port)."""
    try:
        return int(_port_file(output).read_text("ascii").strip())
    except (OSError, ValueError):
        return 0


def remember_port(output: Path, port: int) -> None:
    """Note the port for the next run."""
    _port_file(output).parent.mkdir(parents=True, exist_ok=True)
    _port_file(output).write_text(f"{port}\n", "ascii")


def serve_demo_site(root: Path = SITE_ROOT, port: int = 0) -> ThreadingHTTPServer:
    """Serve ``root`` on 127.0.0.1 (``port``, else a free one) in a daemon thread."""
    handler = partial(_QuietHandler, directory=str(root))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError:  # taken: URLs change, so known articles are fetched (and skipped) again
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True, name="demo-site").start()
    return server


def run_crawl(base_url: str, output: Path, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Crawl the demo site with the news spider in this process; return the crawl stats."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from scrapy.crawler import AsyncCrawlerProcess
    from scrapy.utils.project import get_project_settings

    from crawler.spiders.news import NewsSpider

    settings = get_project_settings()
    settings.setdict({**LOOPBACK_SETTINGS, "OUTPUT_DIR": str(output), **(extra or {})},
                     priority="cmdline")
    process = AsyncCrawlerProcess(settings)
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, site=SITE_NAME, url=base_url + "/")
    process.start()
    return dict(crawler.stats.get_stats())


def summarize(output: Path, stats: dict[str, Any], seconds: float) -> str:
    """A short human summary of the archive of the demo site and of this run."""
    site_dir = output / SITE_NAME
    per_day: Counter[str] = Counter()
    sections = artefacts = 0
    seed: dict[str, Any] | None = None
    for path in sorted(site_dir.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            record = json.loads(line)
            per_day[record["date"] or "undated"] += 1
            sections += len(record["sections"])
            artefacts += record["cleaning"]["template_blocks_removed"]
            if SEED_MARK in record["url"]:
                seed = record
    g = stats.get
    lines = [
        f"Demo crawl finished in {seconds:.1f} s ({g('finish_reason', '?')}): "
        f"{g('news/pages_fetched', 0)} pages fetched, {g('news/articles_written', 0)} articles "
        f"written, {g('news/skipped_seen', 0)} known articles not fetched again, "
        f"{g('news/duplicates_skipped', 0)} fetched but unchanged, "
        f"{g('news/revisions', 0)} revisions.",
        f"Template artefact blocks removed this run: {g('news/template_blocks_removed', 0)} "
        f"(inline tokens: {g('news/template_tokens_removed', 0)}).",
        f"Archive {site_dir}/ holds {sum(per_day.values())} records, {sections} sections, "
        f"{artefacts} artefact blocks removed:",
        *(f"  {day}: {n} articles  -> {site_dir / (day + '.jsonl')}"
          for day, n in sorted(per_day.items())),
    ]
    failures = {k.removeprefix(FAILURE_PREFIX): v for k, v in stats.items()
                if k.startswith(FAILURE_PREFIX)}
    if failures:
        kinds = ", ".join(f"{k}={v}" for k, v in sorted(failures.items()))
        lines.append(f"Not fetched or not written, by kind: {kinds}")
    if seed:
        heads = [s["heading"] for s in seed["sections"] if s["heading"]]
        lines.append(f"Seed article ({seed['date']}): {seed['title']!r}, headings {heads}")
    if (healthy := stats.get("news/health/healthy")) is not None:  # crawler.monitoring
        verdict = "healthy" if healthy else f"UNHEALTHY (failed: {g('news/health/failed')})"
        lines.append(f"Run health: {verdict}; trends: newsclean health {output}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Serve, crawl, summarise; exit status 0 when the crawl finished normally."""
    parser = argparse.ArgumentParser(prog="python -m crawler.demo",
                                     description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--output", type=Path, default=Path(os.environ.get(OUTPUT_ENV) or "output"),
                        help="output root (default: $NEWSCLEAN_OUTPUT_DIR or ./output)")
    args = parser.parse_args(argv)
    server = serve_demo_site(port=previous_port(args.output))
    remember_port(args.output, server.server_address[1])
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    print(f"Serving the demo site from {SITE_ROOT} at {base_url}/", flush=True)
    started = time.monotonic()
    try:
        stats = run_crawl(base_url, args.output)
    finally:
        server.shutdown()
        server.server_close()
    print(summarize(args.output, stats, time.monotonic() - started))
    return 0 if stats.get("finish_reason") == "finished" else 1


if __name__ == "__main__":
    sys.exit(main())
