"""``newsclean clean PATH ...``: clean saved HTML/text files into JSONL records, no network.

Inputs: ``.html``/``.htm``/``.txt`` files, the same gzipped (``.gz``), folders (searched
recursively, sorted) and ``-`` for stdin; or WARC files (``.warc``, ``.warc.gz``), whose HTML
200 responses are streamed and cleaned (``cleaners.warc.clean_file``; ``--site`` and
``--url-pattern`` then filter the pages). Records are written in input order. With ``-o``
the output goes to a temporary file beside the target, renamed over it at the end, so a
crash never leaves a torn or half-written file; on stdout each record is one whole line,
flushed. Bad inputs are reported on stderr as ``newsclean: <path>: <reason>``.
Exit status: 0 all cleaned, 1 some failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import sys
import tempfile
import zlib
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Final

from cleaners.config import DEFAULT_CONFIG
from cleaners.exceptions import CleanError
from cleaners.io import dumps_record

HELP = "Clean saved HTML or text files (or folders of them) into JSONL records."
HTML_SUFFIXES: Final = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES: Final = (".txt",)
PROGRESS_MIN_INPUTS: Final = 8  # no progress bar for a handful of files
CHUNK_TARGET: Final = 4  # chunks per worker: small enough for even load, large enough to batch


@dataclass(frozen=True)
class Task:
    """One input to clean: a path (or '-' with the stdin bytes), plus the options."""

    source: str
    data: bytes | None = None
    url: str | None = None
    site: str | None = None
    error: str | None = None  # set when the input could not even be listed (missing path)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the command's arguments."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for stdin")
    parser.add_argument("-o", "--output", metavar="FILE", help="write JSONL here (default: stdout)")
    parser.add_argument("--url", help="the page's URL (only with a single input)")
    parser.add_argument("--site", help="site name to put in the records (default: the URL's host); "
                        "for WARC inputs also: only pages of this host (or its subdomains)")
    parser.add_argument("--url-pattern", metavar="REGEX",
                        help="WARC inputs: only pages whose URL matches this regular expression")
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: number of CPUs)",
    )


def _suffix(path: Path) -> str:
    """The content suffix of a path, looking through a trailing .gz."""
    name = path.name.lower().removesuffix(".gz")
    return os.path.splitext(name)[1]


def _is_input(path: Path) -> bool:
    """Whether a file found in a folder is something to clean."""
    return _suffix(path) in HTML_SUFFIXES + TEXT_SUFFIXES


def iter_tasks(paths: list[str], url: str | None, site: str | None) -> Iterator[Task]:
    """Expand the PATH arguments into tasks, in order; folders recursively and sorted."""
    for raw in paths:
        if raw == "-":
            yield Task("-", data=sys.stdin.buffer.read(), url=url, site=site)
            continue
        path = Path(raw)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file() and _is_input(p)):
                yield Task(str(found), url=url, site=site)
        elif path.exists():
            yield Task(raw, url=url, site=site)
        else:
            yield Task(raw, error="no such file or directory")


def _read(task: Task, limit: int) -> bytes:
    """The task's bytes (gunzipped, at most ``limit`` + 1 so an oversized input is detected)."""
    if task.data is not None:
        data = task.data
    else:
        with open(task.source, "rb") as fh:
            data = fh.read(limit + 1)
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
                data = gz.read(limit + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise CleanError(f"broken gzip data ({exc})") from exc
    return data


def _looks_like_html(task: Task, data: bytes) -> bool:
    """HTML by suffix; for other names (and stdin) by a '<' near the start."""
    suffix = _suffix(Path(task.source)) if task.source != "-" else ""
    if suffix in HTML_SUFFIXES:
        return True
    if suffix in TEXT_SUFFIXES:
        return False
    return data.lstrip()[:1] == b"<" or b"<html" in data[:2048].lower()


def clean_task(task: Task) -> tuple[str, dict[str, Any] | None, str | None]:
    """Clean one input: (source, record, None) or (source, None, reason). Runs in workers."""
    from cleaners.clean import clean_html, clean_text
    from cleaners.steps.parse import read_input

    if task.error:
        return task.source, None, task.error
    try:
        data = _read(task, DEFAULT_CONFIG.max_input_bytes)
        if _looks_like_html(task, data):
            record = clean_html(data, url=task.url, site=task.site, source=task.source)
        else:
            text = read_input(data, source=task.source)
            record = clean_text(text, url=task.url, site=task.site, source=task.source)
    except CleanError as exc:
        return task.source, None, getattr(exc, "reason", None) or str(exc)
    except OSError as exc:
        return task.source, None, (exc.strerror or str(exc)).lower()
    except RecursionError:
        return task.source, None, "too deeply nested"
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop a batch
        return task.source, None, f"internal error: {type(exc).__name__}: {exc}"
    return task.source, record, None


def _results(
    tasks: list[Task], jobs: int
) -> Iterator[tuple[str, dict[str, Any] | None, str | None]]:
    """Cleaned results in input order, in worker processes when there is more than one input."""
    workers = max(1, min(jobs, len(tasks)))
    if workers == 1:
        yield from map(clean_task, tasks)
        return
    chunksize = max(1, len(tasks) // (workers * CHUNK_TARGET))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(clean_task, tasks, chunksize=chunksize)


def _progress(results: Iterator[Any], total: int) -> Iterator[Any]:
    """Wrap results in a tqdm bar on stderr when stderr is a terminal and there are many."""
    if total < PROGRESS_MIN_INPUTS or not sys.stderr.isatty():
        return results
    from tqdm import tqdm

    return iter(tqdm(results, total=total, unit="page", file=sys.stderr))


def _write_all(tasks: list[Task], jobs: int, out: IO[str]) -> tuple[int, int]:
    """Clean every task and write the records; return (cleaned, failed)."""
    cleaned = failed = 0
    for source, record, error in _progress(_results(tasks, jobs), len(tasks)):
        if record is None:
            failed += 1
            print(f"newsclean: {source}: {error}", file=sys.stderr, flush=True)
            continue
        out.write(dumps_record(record) + "\n")
        out.flush()
        cleaned += 1
    return cleaned, failed


def run(args: argparse.Namespace) -> int:
    """Clean the inputs; exit status 0 all ok, 1 some failed, 2 usage error."""
    if args.jobs < 1:
        args._parser.error("--jobs must be at least 1")
    if args.paths.count("-") > 1:
        args._parser.error("stdin ('-') can be given only once")
    from cleaners.warc.clean_file import is_warc

    warcs = [p for p in args.paths if is_warc(p)]
    if warcs:
        if len(warcs) != len(args.paths):
            args._parser.error("WARC files cannot be mixed with other inputs in one run")
        if args.url:
            args._parser.error("--url does not apply to WARC inputs (each page has its own)")
        return _run_warcs(args, warcs)
    if args.url_pattern:
        args._parser.error("--url-pattern applies to WARC inputs only")
    tasks = list(iter_tasks(args.paths, args.url, args.site))
    if args.url and len(tasks) > 1:
        args._parser.error(f"--url applies to a single input, but {len(tasks)} were given")
    if not tasks:
        print("newsclean: no .html, .htm or .txt inputs found", file=sys.stderr)
        return 2
    return _write_output(args, lambda out: _write_all(tasks, args.jobs, out))


def _run_warcs(args: argparse.Namespace, paths: list[str]) -> int:
    """Clean the pages of WARC files (streamed) to the output."""
    import re

    from cleaners.warc.clean_file import clean_warcs
    from cleaners.warc.clean_pages import PageFilter

    try:
        pattern = re.compile(args.url_pattern) if args.url_pattern else None
    except re.error as exc:
        args._parser.error(f"--url-pattern {args.url_pattern!r}: {exc}")
    flt = PageFilter(site=args.site, url_pattern=pattern)
    return _write_output(args, lambda out: clean_warcs(
        paths, out, jobs=args.jobs, flt=flt, site=args.site, progress=sys.stderr.isatty()))


def _write_output(args: argparse.Namespace, write: Any) -> int:
    """Run ``write(out)`` into ``-o FILE`` (atomically) or stdout; print the summary."""
    if args.output:
        target = Path(args.output)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or "."
        )
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
                cleaned, failed = write(out)
                os.fsync(out.fileno())
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    else:
        cleaned, failed = write(sys.stdout)
    print(f"newsclean: {cleaned} cleaned, {failed} failed", file=sys.stderr)
    return 1 if failed else 0
