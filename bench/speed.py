"""Speed and peak memory: each tool in its own fresh single-process subprocess.

Both tools get the same pages, already decoded in memory: the AEB set (long, real-world
news pages) and trafilatura-eval-dev (``SPEED_SETS``; real pages, many not news), each set
measured in its own pair of subprocesses. An untimed warm-up (the first page, then the lazy
tables both tools share: ``bench.warmup``), then every page once.
Both the wall time and the process CPU time of the extraction loop are taken; the ratio
uses CPU time, which other jobs on a shared machine disturb far less than wall time. Peak
memory is the subprocess's own peak RSS, ``VmHWM`` (it includes the loaded pages, the same for both
tools; the baseline before the first extraction is reported too). Not ``ru_maxrss``: Linux carries
the parent's peak over into a child across ``vfork`` + ``exec``, so a big parent would mask it.

A third subprocess runs both tools in one process, page by page (``both``): its CPU ratio
is the one to compare changes by, as load on a shared machine moves it least.

Run as ``python -m bench.speed {ours,trafilatura,both} [--set SET] [--limit N]`` it prints
one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

from bench.datasets import REPO_ROOT, load_set
from bench.runners import run_tool
from bench.warmup import warm_up

SPEED_SETS = ("aeb", "evaldev")  # the first one's figures are also the top-level ones
INTERLEAVED = ("ours", "trafilatura")


def _rss_mb() -> float:
    """This process's peak RSS in MB: ``VmHWM`` where /proc has it, else ``ru_maxrss``."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(tool: str, limit: int | None, set_name: str = SPEED_SETS[0]) -> dict:
    """Time ``tool`` over the pages of ``set_name`` in this process; return the figures."""
    cases = load_set(set_name, limit=limit)
    pages = [(c.read_html(), c.url) for c in cases]
    warmup = warm_up(lambda: run_tool(tool, *pages[0]))  # imports, lazy tables
    baseline = _rss_mb()
    times, errors = [], 0
    cpu_start = time.process_time()
    start = time.perf_counter()
    for html, url in pages:
        t0 = time.perf_counter()
        errors += run_tool(tool, html, url)["error"] is not None
        times.append(time.perf_counter() - t0)
    total = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    return {
        "tool": tool, "set": set_name, "pages": len(pages), "seconds": round(total, 3),
        "pages_per_s": round(len(pages) / total, 2) if total else None,
        "cpu_seconds": round(cpu, 3),
        "cpu_pages_per_s": round(len(pages) / cpu, 2) if cpu else None,
        "median_ms": round(statistics.median(times) * 1000, 2),
        "max_ms": round(max(times) * 1000, 1),
        "peak_rss_mb": round(_rss_mb(), 1), "baseline_rss_mb": round(baseline, 1),
        "errors": errors, "warmup_cpu_seconds": round(warmup, 3),
    }


def measure_interleaved(limit: int | None, set_name: str = SPEED_SETS[0]) -> dict:
    """Both tools in this one process, page by page, which one goes first alternating: the
    CPU ratio that load on a shared machine moves least (both see the same moments of it)."""
    cases = load_set(set_name, limit=limit)
    pages = [(c.read_html(), c.url) for c in cases]
    warmup = warm_up(*(lambda t=tool: run_tool(t, *pages[0]) for tool in INTERLEAVED))
    cpu = dict.fromkeys(INTERLEAVED, 0.0)
    for i, (html, url) in enumerate(pages):
        for tool in INTERLEAVED if i % 2 == 0 else INTERLEAVED[::-1]:
            t0 = time.process_time()
            run_tool(tool, html, url)
            cpu[tool] += time.process_time() - t0
    return {"tool": "both", "set": set_name, "pages": len(pages),
            "cpu_seconds": {t: round(v, 3) for t, v in cpu.items()},
            "warmup_cpu_seconds": round(warmup, 3),
            "ratio": round(cpu["ours"] / cpu["trafilatura"], 3) if cpu["trafilatura"] else None}


def run_speed(tools: tuple[str, ...], limit: int | None = None,
              sets: tuple[str, ...] = SPEED_SETS) -> dict:
    """Measure every tool on every set, each in its own subprocess; add the ratios.

    The first set's figures are the top-level keys (``ours``, ``trafilatura``, ``ratio``,
    ``wall_ratio``); every set's are under ``sets``.
    """
    per_set = {name: _run_set(tools, limit, name) for name in sets}
    return {**per_set[sets[0]], "sets": per_set}


def _run_set(tools: tuple[str, ...], limit: int | None, set_name: str) -> dict:
    """Every tool over one set, each in its own subprocess, one after the other."""
    results: dict = {}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH", "")) if p)}
    both = ("both",) if set(INTERLEAVED) <= set(tools) else ()
    for tool in (*tools, *both):
        cmd = [sys.executable, "-m", "bench.speed", tool, "--set", set_name]
        if limit:
            cmd += ["--limit", str(limit)]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO_ROOT, env=env,
                              timeout=900, check=False)
        if proc.returncode != 0:
            results[tool] = {"tool": tool, "error": proc.stderr.strip()[-500:]}
            continue
        results[tool] = json.loads(proc.stdout.strip().splitlines()[-1])
    if both and "ratio" in results.get("both", {}):
        results["interleaved_ratio"] = results["both"]["ratio"]
    ours, traf = results.get("ours", {}), results.get("trafilatura", {})
    if ours.get("cpu_seconds") and traf.get("cpu_seconds"):
        # CPU time per page of ours / of trafilatura (<= 1.0: ours is not slower)
        results["ratio"] = round((ours["cpu_seconds"] / ours["pages"])
                                 / (traf["cpu_seconds"] / traf["pages"]), 3)
        results["wall_ratio"] = round((ours["seconds"] / ours["pages"])
                                      / (traf["seconds"] / traf["pages"]), 3)
    return results


def main(argv: list[str] | None = None) -> int:
    """Entry point of the measuring subprocess."""
    parser = argparse.ArgumentParser(prog="python -m bench.speed")
    parser.add_argument("tool", choices=("ours", "trafilatura", "both"))
    parser.add_argument("--set", default=SPEED_SETS[0], choices=SPEED_SETS)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    if args.tool == "both":
        print(json.dumps(measure_interleaved(args.limit, args.set)))
    else:
        print(json.dumps(measure(args.tool, args.limit, args.set)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
