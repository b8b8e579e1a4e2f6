"""``newsclean-scheduled-crawl``: schedule a crawl on Scrapyd, wait for it, exit with its health.

Scrapyd's ``listjobs.json`` carries no exit status, so a cron line or systemd timer that only
POSTs ``schedule.json`` never learns that a run failed. This takes curl's arguments for that
POST (URL, ``--netrc-file``, ``-d key=value``), prints Scrapyd's answer on stdout, polls
``listjobs.json`` until the job finished, reads the run's manifest (the one whose
``health.job`` is the job id, under the ``OUTPUT_DIR`` given as ``-d setting=OUTPUT_DIR=...``)
and exits:

    0  the run is healthy
    3  the run failed a health check (named on stderr and in the status file)
    4  the job finished without a run manifest with health (crashed, cancelled, bad arguments)
    1  Scrapyd refused the job, could not be reached, or the job did not finish in --timeout

``--status-file FILE`` also writes the verdict as JSON (atomically) for other tools to read.
"""

from __future__ import annotations

import argparse
import base64
import json
import netrc
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Final

from cleaners.archive.manifest import utc_now, write_json_atomic
from cleaners.health import iter_run_health
from cleaners.health.text import checks_line, figures_line

EXIT_UNHEALTHY: Final = 3
EXIT_NO_RUN: Final = 4
EXIT_SCRAPYD: Final = 1


class ScrapydError(Exception):
    """Scrapyd could not be reached or refused a request; the message says which."""


def build_parser() -> argparse.ArgumentParser:
    """curl-like arguments: URL of schedule.json, --netrc-file, -d key=value."""
    parser = argparse.ArgumentParser(prog="newsclean-scheduled-crawl", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", metavar="SCHEDULE_URL",
                        help="Scrapyd's schedule.json, e.g. http://127.0.0.1:6800/schedule.json")
    parser.add_argument("-d", "--data", action="append", default=[], metavar="KEY=VALUE",
                        help="a schedule.json parameter, as for curl (repeat)")
    parser.add_argument("--netrc-file", type=Path, metavar="FILE",
                        help="Scrapyd credentials (netrc format)")
    parser.add_argument("--status-file", type=Path, metavar="FILE",
                        help="write the run's verdict here as JSON")
    parser.add_argument("--poll", type=float, default=2.0, metavar="SECONDS",
                        help="seconds between listjobs.json calls (default 2)")
    parser.add_argument("--timeout", type=float, default=6 * 3600, metavar="SECONDS",
                        help="give up waiting for the job after this long (default 6 h)")
    return parser


def _auth_header(url: str, netrc_file: Path | None) -> dict[str, str]:
    if netrc_file is None:
        return {}
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        found = netrc.netrc(str(netrc_file)).authenticators(host)
    except (OSError, netrc.NetrcParseError) as exc:
        raise ScrapydError(f"{netrc_file}: unreadable netrc file ({exc})") from exc
    if found is None:
        raise ScrapydError(f"{netrc_file}: no machine {host!r} (or default) in the netrc file")
    login, _account, password = found
    token = base64.b64encode(f"{login}:{password or ''}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def _call(url: str, headers: dict[str, str], data: list[tuple[str, str]] | None = None,
          ) -> dict[str, Any]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            answer = json.loads(response.read())
    except (OSError, ValueError) as exc:
        raise ScrapydError(f"{url}: {exc}") from exc
    if not isinstance(answer, dict) or answer.get("status") != "ok":
        raise ScrapydError(f"{url}: Scrapyd answered {answer!r}")
    return answer


def _pairs(items: list[str], parser: argparse.ArgumentParser) -> list[tuple[str, str]]:
    pairs = []
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            parser.error(f"-d {item!r}: expected KEY=VALUE")
        pairs.append((key, value))
    return pairs


def _output_dir(pairs: list[tuple[str, str]]) -> Path | None:
    for key, value in pairs:
        if key == "setting" and value.startswith("OUTPUT_DIR="):
            return Path(value.removeprefix("OUTPUT_DIR="))
    return None


def _wait(listjobs: str, headers: dict[str, str], jobid: str, *, poll: float,
          timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        jobs = _call(listjobs, headers)
        if any(job.get("id") == jobid for job in jobs.get("finished", ())):
            return
        time.sleep(poll)
    raise ScrapydError(f"job {jobid} did not finish within {timeout:g} s")


def verdict_of(root: Path, jobid: str) -> dict[str, Any]:
    """The verdict of the run Scrapyd job ``jobid`` wrote under ``root``."""
    runs = [r for r in iter_run_health(root) if r.health.get("job") == jobid]
    if not runs:
        return {"job": jobid, "run_id": None, "healthy": False, "failed": [],
                "reason": f"no run manifest with health for job {jobid} under {root}",
                "checked_at": utc_now()}
    run = runs[-1]
    return {"job": jobid, "run_id": run.run_id, "site": run.site, "status": run.status,
            "healthy": run.healthy, "failed": run.failed_checks,
            "reason": checks_line(run.checks), "figures": figures_line(run.health),
            "checked_at": utc_now()}


def main(argv: list[str] | None = None) -> int:
    """Schedule, wait, judge; the exit status says how the run went."""
    parser = build_parser()
    args = parser.parse_args(argv)
    pairs = _pairs(args.data, parser)
    root = _output_dir(pairs)
    if root is None:
        parser.error("give the archive root as -d setting=OUTPUT_DIR=DIR")
    if not args.url.endswith("/schedule.json"):
        parser.error(f"{args.url}: expected the URL of Scrapyd's schedule.json")
    project = dict(pairs).get("project", "default")
    try:
        headers = _auth_header(args.url, args.netrc_file)
        answer = _call(args.url, headers, pairs)
        print(json.dumps(answer), flush=True)
        jobid = str(answer["jobid"])
        listjobs = args.url.removesuffix("schedule.json") + "listjobs.json?" + \
            urllib.parse.urlencode({"project": project})
        _wait(listjobs, headers, jobid, poll=args.poll, timeout=args.timeout)
    except (ScrapydError, KeyError) as exc:
        print(f"newsclean-scheduled-crawl: {exc}", file=sys.stderr)
        return EXIT_SCRAPYD
    verdict = verdict_of(root, jobid)
    if args.status_file is not None:
        write_json_atomic(args.status_file, verdict)
    if verdict["run_id"] is None:
        print(f"newsclean-scheduled-crawl: {verdict['reason']}", file=sys.stderr)
        return EXIT_NO_RUN
    if not verdict["healthy"]:
        print(f"newsclean-scheduled-crawl: job {jobid}, run {verdict['run_id']} of "
              f"{verdict['site']} is UNHEALTHY: {verdict['reason']}", file=sys.stderr)
        return EXIT_UNHEALTHY
    return 0


if __name__ == "__main__":
    sys.exit(main())
