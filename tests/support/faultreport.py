"""Crawl the fault site with the real ``scrapy crawl news`` and report what survived.

``python -m tests.support.faultreport`` (``make faults``) prints one row per fault kind:
faults injected, survived, records expected, written, lost (must be 0), duplicates (must be 0),
and the crawl stats that counted it. It exits 1 when anything was lost, duplicated, leaked or
followed off-site. ``run_fault_crawl`` is shared with ``tests/faults/test_fault_crawl.py``.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from tests.support import faultsite as site
from tests.support.crawloutput import load_records, record_files
from tests.support.faultserver import FaultServer
from tests.support.peakrss import run_measured
from tests.support.scrapyproc import (
    LOOPBACK_SETTINGS,
    REPO,
    news_crawl_cmd,
    scrapy_env,
    stats_of,
)

CRAWL_DEADLINE: Final = 150  # seconds: the whole fault crawl must end before this
MAX_RSS_MB: Final = 400  # the crawler process must stay below this peak RSS

# Test settings: short timeouts, few retries, no politeness delay; everything else as shipped.
FAULT_SETTINGS: Final = {
    **LOOPBACK_SETTINGS,
    "DOWNLOAD_TIMEOUT": "3",
    "RETRY_TIMES": "2",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "CLOSESPIDER_TIMEOUT": "120",
}

# Fault kind -> the news/failures/<kind> stat that must count it when the page stays unreadable.
FAILURE_STATS: Final = {
    "http_500": "http_500",
    "http_403": "http_403",
    "http_404": "http_404",
    "timeout": "DownloadTimeoutError",
    "trickle_stall": "DownloadTimeoutError",
    "reset": "DownloadFailedError",
    "truncated": "ResponseDataLossError",
    "huge_page": "DownloadCancelledError",  # streamed past DOWNLOAD_MAXSIZE: Scrapy cancels it
    "gzip_bomb": "too_large",
    "redirect_loop": "redirect_loop",
    "redirect_file_scheme": "http_301",
    "redirect_ftp_scheme": "http_301",
    "meta_refresh_file_scheme": "bad_input/no_text_in_the_document",  # refresh not followed
    "non_html_pdf": "not_html",
    "non_html_image": "not_html",
    "empty_200": "bad_input/empty_input",
    "deep_nesting": "bad_input/too_deeply_nested",
    "sitemap_gzip_bomb": "bad_sitemap",  # the bounded gunzip refuses it
}
# Fault kind -> the retry/reason_count/<reason> stat that counts its retries (transient faults).
RETRY_STATS: Final = {
    "http_500": "500 Internal Server Error",
    "http_502": "502 Bad Gateway",
    "http_503": "503 Service Unavailable",
    "http_429": "429 Unknown Status",
    "timeout": "scrapy.exceptions.DownloadTimeoutError",
    "reset": "scrapy.exceptions.DownloadFailedError",
    "truncated": "scrapy.exceptions.ResponseDataLossError",
}
OTHER_STATS: Final = {"redirect_offsite": "offsite/filtered",
                      "meta_refresh_offsite": "offsite/filtered"}


@dataclass
class FaultRun:
    """Everything one fault crawl produced."""

    returncode: int
    seconds: float
    records: list[dict[str, Any]]
    stats: dict[str, Any]
    log: str
    injected: Counter[str]
    hits: list[Any]
    max_rss_mb: float  # the crawler's own peak (and its pool workers', as a maximum), from wait4
    output: Path
    files: list[Path] = field(default_factory=list)

    def records_for(self, page: site.Page) -> list[dict[str, Any]]:
        """Records whose text carries the page's marker."""
        return [r for r in self.records if page.marker in (r.get("text") or "")]


def run_fault_crawl(work: Path, *, extra: dict[str, str] | None = None) -> FaultRun:
    """Serve the fault site, crawl it once in a subprocess, collect records, stats and hits."""
    output = work / "output"
    settings = {**FAULT_SETTINGS, **(extra or {})}
    with FaultServer() as server:
        started = time.monotonic()
        proc, rss = run_measured(news_crawl_cmd(server.url, settings), cwd=REPO,
                                 env=scrapy_env(output=output),
                                 capture_output=True, text=True, timeout=CRAWL_DEADLINE)
        seconds = time.monotonic() - started
        injected, hits = server.injected, server.hits
    records, files = load_records(output), record_files(output)
    log = proc.stdout + proc.stderr
    (work / "crawl.log").write_text(log, "utf-8")
    stats = stats_of(log)
    return FaultRun(proc.returncode, seconds, records, stats, log, injected, hits, rss, output,
                    files)


def stat_count(stats: dict[str, Any], kind: str) -> str:
    """Where the crawl counted a fault kind: failures and retries from its stats."""
    parts = []
    if kind in FAILURE_STATS:
        name = FAILURE_STATS[kind]
        parts.append(f"{name}={stats.get('news/failures/' + name, 0)}")
    if kind in RETRY_STATS:
        parts.append(f"retries={stats.get('retry/reason_count/' + RETRY_STATS[kind], 0)}")
    if kind in OTHER_STATS:
        parts.append(f"{OTHER_STATS[kind]}={stats.get(OTHER_STATS[kind], 0)}")
    return ", ".join(parts) or "-"


def table_rows(run: FaultRun) -> list[dict[str, Any]]:
    """One row per fault kind: injected, expected, written, lost, duplicates, counted, survived."""
    kinds: dict[str, list[site.Page]] = {}
    for page in site.PAGES:
        kinds.setdefault(page.kind, []).append(page)
    rows = []
    for kind, pages in kinds.items():
        expected = sum(p.readable for p in pages)
        per_page = [len(run.records_for(p)) for p in pages]
        written = sum(min(n, 1) for n in per_page)
        lost = sum(1 for p, n in zip(pages, per_page, strict=True) if p.readable and n == 0)
        dups = sum(max(n - 1, 0) for n in per_page)
        rows.append({"kind": kind, "injected": run.injected.get(kind, 0) if kind != "ok" else 0,
                     "expected": expected, "written": written, "lost": lost, "duplicates": dups,
                     "counted": stat_count(run.stats, kind),
                     "survived": "yes" if run.returncode == 0 and not lost and not dups else "NO"})
    for kind in ("sitemap_entity_bomb", "sitemap_gzip_bomb", "sitemap_xxe", "feed_xxe"):
        rows.append({"kind": kind, "injected": run.injected.get(kind, 0), "expected": 0,
                     "written": 0, "lost": 0, "duplicates": 0,
                     "counted": stat_count(run.stats, kind),
                     "survived": "yes" if run.returncode == 0 and not leaks(run) else "NO"})
    return rows


def leaks(run: FaultRun) -> list[str]:
    """Every breach: off-site or canary requests, /etc/passwd text in output, log or URLs."""
    found = [f"off-site request {h.host}{h.path}" for h in run.hits
             if not h.host.startswith("127.0.0.1:")]
    found += [f"XML parser fetched {h.path}" for h in run.hits if h.path.startswith("/canary/")]
    found += [f"robots.txt ignored: {h.path}" for h in run.hits if h.path.startswith("/private/")]
    found += [f"passwd in URL {h.path}" for h in run.hits if "root:x:0" in h.path]
    if site.PASSWD_MARK in run.log:
        found.append("passwd text in the crawl log")
    for path in run.output.rglob("*") if run.output.exists() else ():
        if path.is_file() and site.PASSWD_MARK.encode() in path.read_bytes():
            found.append(f"passwd text in {path}")
    return found


def format_table(rows: list[dict[str, Any]]) -> str:
    """The rows as a fixed-width text table with a totals line."""
    cols = ("kind", "injected", "survived", "expected", "written", "lost", "duplicates", "counted")
    head = ("fault kind", "injected", "survived", "records expected", "records written",
            "records lost", "duplicates", "counted in stats (news/failures/<kind>, retries)")
    widths = [max(len(h), *(len(str(r[c])) for r in rows)) for c, h in zip(cols, head, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True))
    out = [line, "-" * len(line)]
    for r in rows:
        out.append("  ".join(str(r[c]).ljust(w) for c, w in zip(cols, widths, strict=True)))
    total = {c: sum(r[c] for r in rows if isinstance(r[c], int))
             for c in cols[1:] if c not in ("survived", "counted")}
    out.append("-" * len(line))
    out.append("  ".join(
        ("TOTAL" if c == "kind" else str(total.get(c, "-"))).ljust(w)
        for c, w in zip(cols, widths, strict=True)))
    return "\n".join(out)


def main() -> int:
    """Run the fault crawl in a temporary folder and print the table; 1 on any loss or leak."""
    with tempfile.TemporaryDirectory(prefix="newsclean-faults-") as tmp:
        run = run_fault_crawl(Path(tmp))
        rows = table_rows(run)
        print(format_table(rows))
        breaches = leaks(run)
        print(f"\ncrawl exit code {run.returncode}, {run.seconds:.1f} s, peak RSS "
              f"{run.max_rss_mb:.0f} MB, {len(run.records)} records in {len(run.files)} files, "
              f"{len(run.hits)} requests served, finish_reason="
              f"{run.stats.get('finish_reason', '?')}")
        print("breaches: " + ("; ".join(breaches) if breaches else "none"))
        summary = re.search(r"Run summary: .*", run.log)
        print(summary.group(0) if summary else "no run summary in the crawl log")
        bad = run.returncode != 0 or breaches or any(r["lost"] or r["duplicates"] for r in rows)
        if bad:
            print(run.log[-4000:], file=sys.stderr)
        return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
