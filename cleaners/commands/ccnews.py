"""``newsclean ccnews --from D --to D [--sites P,...|--hosts RE] [--languages nl,de] [--jobs N]
[--base URL] [--root DIR]``: Common Crawl's CC-NEWS WARCs into the dated archive.

Lists the WARC files crawled in the date range, streams each (``cleaners.ccnews``), and writes
the HTML 200 pages of the wanted hosts and languages as records with ``source: "cc-news"`` and
``warc: {file, offset}``, through the seen-store (revisions) like a crawl. Resumable: a rerun
goes on where a killed one stopped. Exit status: 0 done, 1 some files or pages failed (the rest
was done), 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from cleaners.ccnews.defaults import BASE_ENV, BASE_URL

HELP = "Clean Common Crawl CC-NEWS WARCs of a date range into the dated archive (resumable)."
OUTPUT_ENV = "NEWSCLEAN_OUTPUT_DIR"  # the archive root, as for crawls
WORKER_ENV = "NEWS_WORKER"
REDIS_ENVS = ("NEWSCLEAN_REDIS_URL", "REDIS_URL")  # as for crawls: the first one set wins


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the command's arguments."""
    parser.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD",
                        help="first crawl day (from the WARC file names)")
    parser.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD",
                        help="last crawl day (inclusive)")
    parser.add_argument("--sites", metavar="PROFILE,...",
                        help="only the hosts of these site profiles (sites/NAME.toml)")
    parser.add_argument("--hosts", metavar="REGEX", help="only hosts matching this pattern")
    parser.add_argument("--languages", metavar="nl,de",
                        help="only records in these languages (ISO 639-1)")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, metavar="N",
                        help="cleaning processes (default: number of CPUs)")
    parser.add_argument("--base", default=os.environ.get(BASE_ENV) or BASE_URL, metavar="URL",
                        help=f"where crawl-data/ lives: a URL or a local folder (${BASE_ENV}, "
                             f"else {BASE_URL})")
    parser.add_argument("--root", type=Path, default=None, metavar="DIR",
                        help=f"archive root (default: ${OUTPUT_ENV}, else output)")
    parser.add_argument("--sites-dir", type=Path, default=Path("sites"), metavar="DIR",
                        help="folder of site profiles (default: sites)")
    parser.add_argument("--worker", default=os.environ.get(WORKER_ENV) or None, metavar="NAME",
                        help=f"per-worker archive files <date>.<NAME>.jsonl (${WORKER_ENV}; "
                        "with Redis default <host>-<pid>)")
    parser.add_argument("--lease-ttl", type=float, default=None, metavar="SECONDS",
                        help="with Redis: seconds before a silent worker's file goes to another")


def redis_url() -> str | None:
    """``NEWSCLEAN_REDIS_URL``, else ``REDIS_URL`` (empty: off)."""
    for name in REDIS_ENVS:
        if name in os.environ:
            return os.environ[name] or None
    return None


def run(args: argparse.Namespace) -> int:
    """List, stream, clean, write; the summary on stderr."""
    from cleaners.archive.layout import check_worker
    from cleaners.ccnews.errors import CcnewsError, UsageError
    from cleaners.ccnews.ledger import FileLedger, LocalQueue, ledger_path
    from cleaners.ccnews.listing import list_warcs, parse_range
    from cleaners.ccnews.run import CcnewsRun
    from cleaners.ccnews.select import build_selection

    if args.jobs < 1:
        args._parser.error("--jobs must be at least 1")
    if args.lease_ttl is not None and args.lease_ttl <= 0:
        args._parser.error("--lease-ttl must be more than 0 seconds")
    if args.worker is not None:
        try:
            check_worker(args.worker)
        except ValueError as exc:
            args._parser.error(f"--worker: {exc}")
    try:
        first, last = parse_range(args.start, args.end)
        selection = build_selection(sites=args.sites, hosts=args.hosts,
                                    languages=args.languages, sites_dir=args.sites_dir)
    except UsageError as exc:
        args._parser.error(str(exc))
    root = args.root or Path(os.environ.get(OUTPUT_ENV) or "output")
    paths, listing_errors = list_warcs(args.base, first, last)
    for error in listing_errors:
        print(f"newsclean ccnews: {error}", file=sys.stderr, flush=True)
    print(f"newsclean ccnews: {len(paths)} WARC files crawled {first} to {last} under "
          f"{args.base}", file=sys.stderr, flush=True)
    url = redis_url()
    ledger = queue = store = None
    try:
        if url is None:
            ledger = FileLedger(ledger_path(root))
            queue = LocalQueue(ledger, paths)
            worker = args.worker
        else:
            queue, store, worker = _shared(args, url, paths)
        report = CcnewsRun(base=args.base, root=root, selection=selection, queue=queue,
                           jobs=args.jobs, worker=worker, progress=sys.stderr.isatty(),
                           total_files=len(paths), seen_store=store).run()
    except CcnewsError as exc:
        print(f"newsclean ccnews: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        if url is None or type(exc).__module__.split(".")[0] != "redis":
            raise
        print(f"newsclean ccnews: Redis at {url} failed ({exc}); this worker stops, its file "
              "goes to another worker when its lease expires", file=sys.stderr)
        return 1
    finally:
        if ledger is not None:
            ledger.close()
    print(report.summary(), file=sys.stderr)
    if getattr(queue, "taken_over", 0):
        print(f"newsclean ccnews: worker {worker} took over {queue.taken_over} files whose "
              "worker stopped (lease expired)", file=sys.stderr)
    return 1 if listing_errors or report.files_failed or report.failed else 0


def _shared(args: argparse.Namespace, url: str, paths: list[str]) -> tuple[Any, Any, str]:
    """The Redis queue (seeded once per run), the shared seen-store, this worker's name."""
    import socket

    from cleaners.ccnews.defaults import LEASE_TTL
    from cleaners.ccnews.shared import RedisQueue, connect, run_key
    from cleaners.seen.redis_store import RedisSeenStore

    client = connect(url)
    worker = args.worker or f"{socket.gethostname().split('.')[0]}-{os.getpid()}"
    selection = f"{args.sites or ''}|{args.hosts or ''}|{args.languages or ''}"
    prefix = run_key(args.base, args.start, args.end, selection)
    queue = RedisQueue(client, prefix, worker, ttl=args.lease_ttl or LEASE_TTL)
    queue.seed(paths)
    how = "seeded" if queue.seeded_here else "joined"
    again = f"; {queue.retried} failed files to try again" if queue.retried else ""
    print(f"newsclean ccnews: worker {worker} {how} run {prefix}{again}", file=sys.stderr,
          flush=True)
    return queue, RedisSeenStore.from_url(url), worker
