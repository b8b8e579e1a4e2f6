"""``make bench-ccnews``: how fast ``newsclean ccnews`` turns CC-NEWS-like WARCs into records.

Usage: ``python -m bench.ccnews [--files 2] [--repeat 1] [--json FILE]``.

The public benchmark pages (article-extraction-benchmark, Fundus fixtures, fundus-evaluation;
read in place from ``../shared/benchmarks`` or ``NEWSCLEAN_BENCHMARKS``, never copied into the
repository) are written, in a temporary folder, as ``--files`` WARCs in Common Crawl's CC-NEWS
layout (one gzip member per record, a ``warcinfo`` first, an image and a 404 page after every
third article, as in a real CC-NEWS file) with the monthly ``warc.paths.gz``. They are served on
127.0.0.1 by ``bench.rangeserver`` and the real command runs over HTTP:

* ``newsclean ccnews --jobs 1`` and ``--jobs 2``, each into a fresh archive: wall time, pages
  cleaned per second, WARC MB read per second, peak RSS summed over the process and its
  cleaning workers, records written;
* ``newsclean clean FILE.warc.gz --jobs 2`` over the same files on disk: the same cleaning with
  no HTTP, no seen-store and no dated archive, for the cost of those.

Not measured here: a comparison with news-please (left for later).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
import tempfile
from pathlib import Path
from typing import Any, Final

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bench.datasets import benchmarks_root, load_aeb, load_fundus, load_fundus_eval
from bench.rangeserver import CcnewsServer
from bench.warc import peak_rss

DAY: Final = "20250903"
FILLER_BYTES: Final = 30_000  # an image between articles, as CC-NEWS files hold


def _pages(repeat: int) -> list[tuple[str, bytes]]:
    root = benchmarks_root()
    cases = [*load_aeb(root), *load_fundus(root), *load_fundus_eval(root)]
    pages = []
    for r in range(repeat):
        for case in cases:
            url = case.url or f"https://bench.invalid/{case.set}/{case.id}"
            if r:
                url += ("&" if "?" in url else "?") + f"bench_copy={r}"
            pages.append((url, case.read_html().encode("utf-8")))
    return pages


def build(base: Path, files: int, repeat: int) -> tuple[list[str], int, int]:
    """Write the WARCs and listing under ``base``; return (paths, pages, bytes)."""
    pages = _pages(repeat)
    rels = []
    size = 0
    for n in range(files):
        rel = f"crawl-data/CC-NEWS/2025/09/CC-NEWS-{DAY}{n:02d}0000-{n:05d}.warc.gz"
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            w = WARCWriter(fh, gzip=True)
            w.write_record(w.create_warcinfo_record(path.name, {"software": "bench.ccnews"}))
            for i, (url, body) in enumerate(pages[n::files]):
                _response(w, url, "200 OK", "text/html; charset=utf-8", body)
                if i % 3 == 0:
                    _response(w, url + "#logo.png", "200 OK", "image/png",
                              b"\x89PNG\r\n\x1a\n" + bytes(FILLER_BYTES))
                    _response(w, url.rsplit("/", 1)[0] + "/gone", "404 Not Found", "text/html",
                              b"<html><body>Not found</body></html>")
        size += path.stat().st_size
        rels.append(rel)
    listing = base / "crawl-data/CC-NEWS/2025/09/warc.paths.gz"
    listing.write_bytes(gzip.compress(("\n".join(rels) + "\n").encode()))
    return rels, len(pages), size


def _response(w: WARCWriter, url: str, status: str, ctype: str, body: bytes) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype),
                                        ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body),
                                        length=len(body), http_headers=headers))


def _records(root: Path) -> int:
    return sum(len(p.read_bytes().splitlines()) for p in root.glob("*/*.jsonl")
               if not p.parent.name.startswith("_"))


def run(files: int, repeat: int) -> dict[str, Any]:
    """Build, serve, time; the figures as a dict."""
    py = [sys.executable, "-m", "cleaners"]
    with tempfile.TemporaryDirectory(prefix="bench-ccnews-") as tmp:
        work = Path(tmp)
        rels, pages, size = build(work / "data", files, repeat)
        out: dict[str, Any] = {"pages": pages, "files": files, "warc_mb": round(size / 2**20, 1)}
        with CcnewsServer(work / "data") as srv:
            for jobs in (1, 2):
                root = work / f"out-j{jobs}"
                mb, secs = peak_rss([*py, "ccnews", "--from", "2025-09-03", "--to", "2025-09-03",
                                     "--base", srv.base, "--root", str(root),
                                     "--jobs", str(jobs)])
                out[f"ccnews_jobs{jobs}"] = {
                    "seconds": secs, "pages_per_s": round(pages / secs, 1),
                    "warc_mb_per_s": round(size / 2**20 / secs, 2), "peak_rss_mb": mb,
                    "records": _records(root)}
        target = work / "clean.jsonl"
        mb, secs = peak_rss([*py, "clean", *[str(work / "data" / r) for r in rels],
                             "--jobs", "2", "-o", str(target)])
        out["clean_local_jobs2"] = {"seconds": secs, "pages_per_s": round(pages / secs, 1),
                                    "peak_rss_mb": mb,
                                    "records": len(target.read_bytes().splitlines())}
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the figures side by side (and write them as JSON with ``--json``)."""
    parser = argparse.ArgumentParser(prog="python -m bench.ccnews", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=2, help="WARC files to spread pages over")
    parser.add_argument("--repeat", type=int, default=1,
                        help="copies of each benchmark page (different URLs)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    res = run(args.files, args.repeat)
    print(f"CC-NEWS-like input: {res['pages']} benchmark pages in {res['files']} WARC files, "
          f"{res['warc_mb']} MB (with images and 404s between them), served on 127.0.0.1")
    print(f"{'run':<34}{'seconds':>9}{'pages/s':>9}{'WARC MB/s':>11}{'peak RSS MB':>13}"
          f"{'records':>9}")
    rows = (("newsclean ccnews --jobs 1 (HTTP)", res["ccnews_jobs1"]),
            ("newsclean ccnews --jobs 2 (HTTP)", res["ccnews_jobs2"]),
            ("newsclean clean FILE --jobs 2 (disk)", res["clean_local_jobs2"]))
    for name, r in rows:
        print(f"{name:<34}{r['seconds']:>9}{r['pages_per_s']:>9}"
              f"{r.get('warc_mb_per_s', '-'):>11}{r['peak_rss_mb']:>13}{r['records']:>9}")
    j1, j2 = res["ccnews_jobs1"]["seconds"], res["ccnews_jobs2"]["seconds"]
    print(f"2 jobs vs 1: {j1 / j2:.2f}x; ccnews (HTTP, seen-store, dated archive) vs clean "
          f"(disk, JSONL): {res['clean_local_jobs2']['seconds'] / j2:.2f}x the speed")
    if args.json:
        args.json.write_text(json.dumps(res, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
