"""``make bench-ccnews``: newsclean's CC-NEWS path against news-please's and fundus's, on the
same CC-NEWS-like WARCs served on loopback.

Usage: ``python -m bench.ccnews [--files 2] [--repeat 1] [--seed 2] [--redis-db 14]
[--no-newsplease] [--no-fundus] [--no-redis] [--json FILE]``.

The public benchmark pages (article-extraction-benchmark, Fundus fixtures, fundus-evaluation;
read in place from ``../shared/benchmarks`` or ``NEWSCLEAN_BENCHMARKS``, never copied into the
repository), plus a copy of every fundus page with template widgets injected
(``bench.widgetinject.inject``, ``--seed``; its URL, canonical link and ``og:url`` end in
``bench_widget=SEED``, so it is an article of its own), are
written, in a temporary folder, as ``--files`` WARCs in Common Crawl's CC-NEWS layout (one
gzip member per record, a ``warcinfo`` first, an image and a 404 page after every third
article, as in a real CC-NEWS file) with the monthly ``warc.paths.gz``. They are served on
127.0.0.1 by ``bench.rangeserver`` and each tool runs its real CC-NEWS path over HTTP:

* ``newsclean ccnews --jobs 1`` and ``--jobs 2``, each into a fresh archive;
* two ``newsclean ccnews --worker w1`` / ``--worker w2`` processes (``--jobs 1`` each) sharing
  one run through Redis (``redis://127.0.0.1:6379/<--redis-db>``, ``NEWSCLEAN_BENCH_REDIS``
  overrides; the database must hold no keys but newsclean's, whose ``newsclean:*`` keys are
  deleted before and after);
* news-please 1.6.16's ``news-please-cc`` path (``crawl_from_commoncrawl``: listing, download,
  warcio, ``NewsPlease.from_warc`` on every response record; one process, its default), in
  its own ``.venv-newsplease`` created here (its pins clash with ours), driven by
  ``bench/drivers/newsplease_cc.py``;
* fundus 0.5.7's ``CCNewsCrawler`` (its ``server_address`` pointed at the loopback server,
  ``processes=0``: the main process only), in ``.venv-fundus``, driven by
  ``bench/drivers/fundus_cc.py``. Fundus only extracts pages of its own publishers, so its
  quality figures cover only the pages it wrote, and its speed counts all pages read (the
  others' records skipped unparsed). The Fundus fixtures are the pages its parsers were
  written and tested against, so its fundus figures are its own test set;
* ``newsclean clean FILE.warc.gz --jobs 2`` over the same files on disk: the same cleaning
  with no HTTP, no seen-store and no dated archive, for the cost of those.

Per run: pages/s (HTML pages in the files over wall time), CPU seconds per page (user +
system of every process of the run, summed over cores), peak RSS (summed over the process
tree), and quality against the benchmark truth (``bench.ccnews_score``): AEB body F1, fundus
sub-heading F1 and date accuracy, residue strings of the injected widgets left in the text.
The ratios the issue's targets name are printed after the table.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import math
import os
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any, Final

import lxml.html
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bench.ccnews_score import (
    Quality,
    TruthPage,
    driver_outputs,
    newsclean_outputs,
    score,
)
from bench.ccnews_tools import (
    FUNDUS_REQUIREMENTS,
    FUNDUS_VENV,
    NEWSPLEASE_REQUIREMENTS,
    NEWSPLEASE_VENV,
    Measured,
    clean_env,
    clear_newsclean_keys,
    ensure_venv,
    measure,
    redis_client,
)
from bench.datasets import (
    REPO_ROOT,
    benchmarks_root,
    fundus_paragraphs,
    load_aeb,
    load_fundus,
    load_fundus_eval,
)
from bench.rangeserver import CcnewsServer
from bench.warc import cpu_headroom
from bench.widgetinject.inject import inject

DAY: Final = "20250903"
FILLER_BYTES: Final = 30_000  # an image between articles, as CC-NEWS files hold
DRIVERS: Final = REPO_ROOT / "bench" / "drivers"
TARGET_PER_CORE: Final = 3.0
TARGET_TWO_WORKERS: Final = 1.7


def _with_query(url: str, key: str, value: object) -> str:
    return url + ("&" if "?" in url else "?") + f"{key}={value}"


def republished(html: str, url: str) -> str:
    """A copy of a page published under ``url``: its ``rel=canonical`` link and ``og:url``
    name ``url``, so that a tool keying articles on the canonical URL (newsclean's seen-store
    does) takes it for its own article rather than the original page again."""
    tree = lxml.html.fromstring(html)
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            link.set("href", url)
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:url":
            meta.set("content", url)
    return lxml.html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")


def truth_pages(repeat: int, seed: int) -> list[tuple[TruthPage, bytes]]:
    """Every benchmark page (``repeat`` copies under different URLs) and, once, every fundus
    page with widgets injected (a copy under its own URL, ``republished``); each with its HTML
    bytes."""
    root = benchmarks_root()
    cases = [*load_aeb(root), *load_fundus(root), *load_fundus_eval(root)]
    pages = []
    for r in range(repeat):
        for case in cases:
            url = case.url or f"https://bench.invalid/{case.set}/{case.id}"
            html = case.read_html()
            if r:
                url = _with_query(url, "bench_copy", r)
                html = republished(html, url)
            pages.append((TruthPage(url, case), html.encode("utf-8")))
    for case in cases:
        if case.set != "fundus":
            continue
        injected = inject(case.read_html(), fundus_paragraphs(case.expected), seed, case.id)
        if injected is not None:
            url = _with_query(case.url, "bench_widget", seed)
            page = TruthPage(url, case, widget=True, residue=tuple(injected.residue))
            pages.append((page, republished(injected.html, url).encode("utf-8")))
    return pages


def build(base: Path, files: int, pages: list[tuple[TruthPage, bytes]]) -> tuple[list[str], int]:
    """Write the WARCs and listing under ``base``; return (relative paths, bytes)."""
    rels = []
    size = 0
    for n in range(files):
        rel = f"crawl-data/CC-NEWS/2025/09/CC-NEWS-{DAY}{n:02d}0000-{n:05d}.warc.gz"
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            w = WARCWriter(fh, gzip=True)
            w.write_record(w.create_warcinfo_record(path.name, {"software": "bench.ccnews"}))
            for i, (page, body) in enumerate(pages[n::files]):
                _response(w, page.url, "200 OK", "text/html; charset=utf-8", body)
                if i % 3 == 0:
                    _response(w, page.url + "#logo.png", "200 OK", "image/png",
                              b"\x89PNG\r\n\x1a\n" + bytes(FILLER_BYTES))
                    _response(w, page.url.rsplit("/", 1)[0] + "/gone", "404 Not Found",
                              "text/html", b"<html><body>Not found</body></html>")
        size += path.stat().st_size
        rels.append(rel)
    listing = base / "crawl-data/CC-NEWS/2025/09/warc.paths.gz"
    listing.write_bytes(gzip.compress(("\n".join(rels) + "\n").encode()))
    return rels, size


def _response(w: WARCWriter, url: str, status: str, ctype: str, body: bytes) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype),
                                        ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body),
                                        length=len(body), http_headers=headers))


def _ccnews_cmd(base: str, root: Path, jobs: int, worker: str | None = None) -> list[str]:
    day = f"{DAY[:4]}-{DAY[4:6]}-{DAY[6:]}"
    cmd = [sys.executable, "-m", "cleaners", "ccnews", "--from", day, "--to", day,
           "--base", base, "--root", str(root), "--jobs", str(jobs)]
    return cmd + (["--worker", worker] if worker else [])


def _row(run: Measured, pages: int, quality: Quality | None, records: int) -> dict[str, Any]:
    return {**asdict(run), "pages_per_s": round(pages / run.seconds, 1),
            "cpu_s_per_page": round(run.cpu_seconds / pages, 4), "records": records,
            "quality": asdict(quality) if quality else None}


def run_newsclean(srv: CcnewsServer, work: Path, truth: list[TruthPage], jobs: int,
                  ) -> dict[str, Any]:
    """``newsclean ccnews --jobs N`` into a fresh archive."""
    root = work / f"out-j{jobs}"
    run = measure([_ccnews_cmd(srv.base, root, jobs)])
    outputs = newsclean_outputs(root)
    return _row(run, len(truth), score(truth, outputs, tool="ours"), len(outputs))


def run_redis_workers(srv: CcnewsServer, work: Path, truth: list[TruthPage], url: str,
                      ) -> dict[str, Any]:
    """Two ``newsclean ccnews --worker`` processes sharing one run through Redis at ``url``."""
    client = redis_client(url)
    clear_newsclean_keys(client)
    root = work / "out-redis"
    try:
        run = measure([_ccnews_cmd(srv.base, root, 1, "w1"), _ccnews_cmd(srv.base, root, 1, "w2")],
                      env=clean_env(REDIS_URL=url))
    finally:
        clear_newsclean_keys(client)
    outputs = newsclean_outputs(root)
    return _row(run, len(truth), score(truth, outputs, tool="ours"), len(outputs))


def run_clean_local(work: Path, rels: list[str], pages: int) -> dict[str, Any]:
    """``newsclean clean FILE.warc.gz --jobs 2`` of the files on disk."""
    target = work / "clean.jsonl"
    run = measure([[sys.executable, "-m", "cleaners", "clean",
                    *[str(work / "data" / r) for r in rels], "--jobs", "2", "-o", str(target)]])
    return _row(run, pages, None, len(target.read_bytes().splitlines()))


def run_newsplease(srv: CcnewsServer, work: Path, truth: list[TruthPage]) -> dict[str, Any]:
    """news-please's CC-NEWS path in its own virtualenv (``bench/drivers/newsplease_cc.py``)."""
    python = ensure_venv(NEWSPLEASE_VENV, NEWSPLEASE_REQUIREMENTS)
    out = work / "newsplease.jsonl"
    run = measure([[str(python), str(DRIVERS / "newsplease_cc.py"), "--base", srv.base + "/",
                    "--month", f"{DAY[:4]}-{DAY[4:6]}", "--out", str(out)]])
    outputs = driver_outputs(out)
    return _row(run, len(truth), score(truth, outputs), len(outputs))


def run_fundus(srv: CcnewsServer, work: Path, truth: list[TruthPage]) -> tuple[dict, set[str]]:
    """fundus's CCNewsCrawler in its own virtualenv (``bench/drivers/fundus_cc.py``); also
    the URLs it wrote, to score newsclean on the same pages."""
    python = ensure_venv(FUNDUS_VENV, FUNDUS_REQUIREMENTS)
    out = work / "fundus.jsonl"
    day = f"{DAY[:4]}-{DAY[4:6]}-{DAY[6:]}"
    run = measure([[str(python), str(DRIVERS / "fundus_cc.py"), "--base", srv.base + "/",
                    "--day", day, "--out", str(out)]])
    outputs = driver_outputs(out)
    return _row(run, len(truth), score(truth, outputs, scope="output"), len(outputs)), set(outputs)


def run(files: int, repeat: int, seed: int, others: dict[str, bool], redis_url: str | None,
        ) -> dict[str, Any]:
    """Build, serve, time, score; the figures as a dict (``skipped``: row -> reason)."""
    with tempfile.TemporaryDirectory(prefix="bench-ccnews-") as tmp:
        work = Path(tmp)
        pages = truth_pages(repeat, seed)
        truth = [p for p, _ in pages]
        rels, size = build(work / "data", files, pages)
        res: dict[str, Any] = {"pages": len(truth), "widget_pages": sum(p.widget for p in truth),
                               "files": files, "warc_mb": round(size / 2**20, 1),
                               "rows": {}, "skipped": {}}
        rows, skipped = res["rows"], res["skipped"]
        res["cpu_headroom"] = [cpu_headroom()]
        res["load_avg_1min"] = [round(os.getloadavg()[0], 1)]
        with CcnewsServer(work / "data") as srv:
            for jobs in (1, 2):
                rows[f"newsclean ccnews --jobs {jobs}"] = run_newsclean(srv, work, truth, jobs)
            if redis_url:
                try:
                    rows["newsclean ccnews, 2 workers (Redis)"] = run_redis_workers(
                        srv, work, truth, redis_url)
                except RuntimeError as exc:
                    skipped["newsclean ccnews, 2 workers (Redis)"] = str(exc)
            else:
                skipped["newsclean ccnews, 2 workers (Redis)"] = "--no-redis"
            res["cpu_headroom"].append(cpu_headroom())
            res["load_avg_1min"].append(round(os.getloadavg()[0], 1))
            _run_other(rows, skipped, "news-please 1.6.16 (news-please-cc)",
                       others["newsplease"], lambda: run_newsplease(srv, work, truth))
            fundus_urls: set[str] = set()

            def fundus_row() -> dict:
                row, urls = run_fundus(srv, work, truth)
                fundus_urls.update(urls)
                return row

            _run_other(rows, skipped, "fundus 0.5.7 CCNewsCrawler", others["fundus"], fundus_row)
            if fundus_urls:
                ours = newsclean_outputs(work / "out-j1")
                subset = [p for p in truth if p.url in fundus_urls]
                res["newsclean_on_fundus_pages"] = asdict(score(subset, ours, tool="ours"))
        rows["newsclean clean FILE --jobs 2 (disk)"] = run_clean_local(work, rels, len(truth))
    return res


def _run_other(rows: dict, skipped: dict, name: str, wanted: bool, job: Any) -> None:
    """One other tool's row, or the reason it was skipped (not wanted, venv not installable)."""
    if not wanted:
        skipped[name] = "skipped on the command line"
        return
    try:
        rows[name] = job()
    except RuntimeError as exc:
        skipped[name] = str(exc)


def _fmt(value: float, digits: int = 3) -> str:
    return "-" if value is None or (isinstance(value, float) and math.isnan(value)) \
        else f"{value:.{digits}f}"


HEADER: Final = (f"{'run':<40}{'pages/s':>8}{'CPU s/page':>11}{'peak RSS MB':>12}{'AEB F1':>8}"
                 f"{'sub-head F1':>12}{'dates':>7}{'residue left':>14}{'pages out':>11}")


def format_row(name: str, row: dict) -> str:
    """One table line."""
    q = row["quality"]
    quality = (f"{_fmt(q['aeb_f1']):>8}{_fmt(q['heading_f1']):>12}{_fmt(q['date_accuracy']):>7}"
               f"{q['residue_left']:>6}/{q['residue_total']:<7}") if q else f"{'':>41}"
    pages_out = f"{q['pages_out']}/{q['pages_in']}" if q else str(row["records"])
    return (f"{name:<40}{row['pages_per_s']:>8}{row['cpu_s_per_page']:>11.4f}"
            f"{row['peak_rss_mb']:>12}{quality}{pages_out:>11}")


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def ratio_lines(res: dict) -> list[str]:
    """The issue's targets as ratios of this run."""
    rows = res["rows"]
    one, two = rows["newsclean ccnews --jobs 1"], rows["newsclean ccnews --jobs 2"]
    out = []
    np_row = rows.get("news-please 1.6.16 (news-please-cc)")
    if np_row:
        per_cpu = np_row["cpu_s_per_page"] / one["cpu_s_per_page"]
        wall = one["pages_per_s"] / np_row["pages_per_s"]
        out.append(f"throughput per core >= {TARGET_PER_CORE:g}x news-please: {per_cpu:.2f}x pages "
                   f"per CPU second ({wall:.2f}x pages/s, one process each): "
                   f"{_verdict(min(per_cpu, wall) >= TARGET_PER_CORE)}")
        ours, theirs = one["quality"], np_row["quality"]
        better = {"AEB F1": ours["aeb_f1"] > theirs["aeb_f1"],
                  "sub-heading F1": ours["heading_f1"] > theirs["heading_f1"],
                  "dates": ours["date_accuracy"] > theirs["date_accuracy"],
                  "residue left": ours["residue_left"] < theirs["residue_left"]}
        worse = [k for k, v in better.items() if not v]
        out.append("quality better on every figure than news-please: "
                   + (_verdict(not worse) if not worse else f"NOT met ({', '.join(worse)})"))
    for name, row in (("--jobs 2", two), ("2 Redis workers", rows.get(
            "newsclean ccnews, 2 workers (Redis)"))):
        if row:
            x = one["seconds"] / row["seconds"]
            out.append(f"2 workers on one machine >= {TARGET_TWO_WORKERS:g}x one ({name}): "
                       f"{x:.2f}x: {_verdict(x >= TARGET_TWO_WORKERS)}")
    clean = rows["newsclean clean FILE --jobs 2 (disk)"]
    out.append("ccnews --jobs 2 (HTTP, seen-store, dated archive) vs clean --jobs 2 (disk, "
               f"JSONL): {clean['seconds'] / two['seconds']:.2f}x the speed")
    return out


def format_report(res: dict) -> str:
    """The printed table, notes and ratios."""
    lines = [f"CC-NEWS-like input: {res['pages']} HTML pages ({res['widget_pages']} of them fundus "
             f"pages with injected widgets) in {res['files']} WARC files, {res['warc_mb']} MB "
             "(with images and 404s between them), served on 127.0.0.1", HEADER]
    lines += [format_row(name, row) for name, row in res["rows"].items()]
    lines.append("(pages/s: HTML pages in the files / wall s; CPU s/page: user+system of all "
                 "the run's processes; AEB F1 over 181 pages, sub-heading F1 (micro) and dates "
                 "over 258 fundus pages, residue over the widget pages; pages out: benchmark "
                 "pages the tool wrote an article for, of those scored; a page without one "
                 "scores as empty)")
    fundus = res["rows"].get("fundus 0.5.7 CCNewsCrawler")
    if fundus:
        q, ours = fundus["quality"], res.get("newsclean_on_fundus_pages")
        lines.append(f"fundus: quality over the pages it wrote only: {q['aeb_pages']} AEB, "
                     f"{q['fundus_pages']} fundus, {q['widget_pages']} widget pages (its own "
                     "publishers; the fundus pages are its parsers' test fixtures)")
        if ours:
            lines.append(format_row("newsclean --jobs 1 on fundus's pages",
                                    {**res["rows"]["newsclean ccnews --jobs 1"], "quality": ours}))
    for name, reason in res["skipped"].items():
        lines.append(f"skipped: {name}: {reason}")
    if res.get("cpu_headroom"):
        before, after = res["cpu_headroom"]
        lines.append(f"machine: 2 busy loops got x{before:.2f} of one before the newsclean runs, "
                     f"x{after:.2f} after them (2.00 on two idle cores); 1-minute load "
                     f"{res['load_avg_1min'][0]} / {res['load_avg_1min'][1]}")
    return "\n".join(lines + ratio_lines(res))


def main(argv: list[str] | None = None) -> int:
    """Print the table (and write the figures as JSON with ``--json``)."""
    parser = argparse.ArgumentParser(prog="python -m bench.ccnews", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=2, help="WARC files to spread pages over")
    parser.add_argument("--repeat", type=int, default=1,
                        help="copies of each benchmark page (different URLs)")
    parser.add_argument("--seed", type=int, default=2, help="widget injection seed")
    parser.add_argument("--redis-db", type=int, default=14,
                        help="spare database of redis://127.0.0.1:6379 for the 2-worker run")
    parser.add_argument("--no-redis", action="store_true")
    parser.add_argument("--no-newsplease", action="store_true")
    parser.add_argument("--no-fundus", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if not benchmarks_root().is_dir():
        print(f"benchmark data not found at {benchmarks_root()}", file=sys.stderr)
        return 1
    redis_url = None if args.no_redis else (os.environ.get("NEWSCLEAN_BENCH_REDIS")
                                            or f"redis://127.0.0.1:6379/{args.redis_db}")
    res = run(args.files, args.repeat, args.seed,
              {"newsplease": not args.no_newsplease, "fundus": not args.no_fundus}, redis_url)
    print(format_report(res))
    if args.json:
        args.json.write_text(json.dumps(res, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
