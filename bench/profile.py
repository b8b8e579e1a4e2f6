"""Where a record's time goes: CPU time per cleaning step, per page, with the slowest pages.

Each step function that ``cleaners.clean.clean_html`` calls is wrapped (for the run only)
with a CPU-time counter, and so are the costly calls inside two of them: trafilatura's
``bare_extraction`` and our boilerplate pruning and paragraph restoring (inside
``extract_main``), and htmldate (inside ``find_dates``). The wrapped names are data
(``STEPS``, ``INNER``); a step is counted where ``clean_html`` looks it up, so nothing in
``cleaners`` knows it is measured. The wrappers cost a few microseconds per call, so the
totals are slightly above the unwrapped speed run's.

The garbage collector's runs are timed too (``gc.callbacks``), per generation and per page:
a full collection walks every object of the process (dateparser's tables once htmldate has
loaded them, about 50 ms here), so a slow page may be a median page one landed on; the
slowest pages say so.

Run as ``python -m bench.profile SET [--limit N]`` it prints one JSON line; ``run_profile``
runs it in a fresh subprocess per set, as the speed run does.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, Final

from bench.datasets import REPO_ROOT, load_set
from bench.warmup import warm_up

# (module, attribute) of each step as clean_html calls it, in pipeline order.
STEPS: Final = tuple(("cleaners.clean", name) for name in (
    "check_markup_limits", "parse_html", "check_tree_limits", "strip_template_artefacts",
    "read_jsonld", "find_lead_element", "read_metadata", "find_dates", "extract_main",
    "recover_headings", "drop_boilerplate_blocks", "split_sections", "guess_language",
    "build_record",
))
# Costly calls inside a step: (module, attribute, the step it is part of, label).
INNER: Final = (
    ("cleaners.steps.extract_main", "prune_boilerplate", "extract_main", "prune_boilerplate"),
    ("cleaners.steps.extract_main", "bare_extraction", "extract_main", "trafilatura"),
    ("cleaners.steps.extract_main", "restore_template_paragraphs", "extract_main",
     "restore_template_paragraphs"),
    ("cleaners.steps.find_dates", "_htmldate", "find_dates", "htmldate"),
)
SLOWEST: Final = 5  # pages named in the table
PERCENTILES: Final = (50, 90, 99)


class _Clock:
    """CPU seconds and calls per label for the page being cleaned."""

    def __init__(self) -> None:
        self.page: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def wrap(self, label: str, func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                self.page[label] = self.page.get(label, 0.0) + time.process_time() - t0
                self.calls[label] = self.calls.get(label, 0) + 1
        return timed


class _GcClock:
    """CPU seconds of the garbage collector's runs: per generation, and on the current page."""

    def __init__(self) -> None:
        self.page = 0.0
        self.seconds = [0.0, 0.0, 0.0]
        self.runs = [0, 0, 0]
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.process_time()
            return
        spent = time.process_time() - self._started
        self.seconds[info["generation"]] += spent
        self.runs[info["generation"]] += 1
        self.page += spent


@contextmanager
def _collections_timed(clock: _GcClock) -> Iterator[None]:
    """``clock`` told of every collection in the block (a strong reference is held by it)."""
    gc.callbacks.append(clock)
    try:
        yield
    finally:
        gc.callbacks.remove(clock)


@contextmanager
def _instrumented(clock: _Clock) -> Iterator[None]:
    """Every step of ``STEPS`` and ``INNER`` wrapped with ``clock`` for the block's duration."""
    saved = []
    for module_name, attr, *rest in (*STEPS, *INNER):
        module = importlib.import_module(module_name)
        original = getattr(module, attr)
        saved.append((module, attr, original))
        setattr(module, attr, clock.wrap(rest[-1] if rest else attr, original))
    try:
        yield
    finally:
        for module, attr, original in reversed(saved):
            setattr(module, attr, original)


def _percentile(values: list[float], p: int) -> float:
    """The p-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def profile(set_name: str, limit: int | None) -> dict[str, Any]:
    """Clean every page of ``set_name`` with the steps timed; the figures as a dict."""
    from cleaners.clean import clean_html

    cases = load_set(set_name, limit=limit)
    pages = [(c.id, c.read_html(), c.url) for c in cases]
    warm_up(lambda: clean_html(pages[0][1], url=pages[0][2] or None))  # see bench.warmup
    clock, gc_clock = _Clock(), _GcClock()
    rows = []
    with _instrumented(clock), _collections_timed(gc_clock):
        for page_id, html, url in pages:
            clock.page, clock.calls, gc_clock.page = {}, {}, 0.0
            t0 = time.process_time()
            with suppress(Exception):  # a rejected page still cost its time
                clean_html(html, url=url or None)
            rows.append({"id": page_id, "total": time.process_time() - t0,
                         "steps": clock.page, "calls": clock.calls, "gc": gc_clock.page})
    labels = [attr for _, attr in STEPS] + [inner[3] for inner in INNER]
    totals = [r["total"] for r in rows]
    grand = sum(totals) or 1e-9
    steps = {}
    for label in labels:
        per_page = [r["steps"].get(label, 0.0) for r in rows]
        steps[label] = {
            "seconds": round(sum(per_page), 4), "share": round(sum(per_page) / grand, 4),
            "calls": sum(r["calls"].get(label, 0) for r in rows),
            **{f"p{p}_ms": round(_percentile(per_page, p) * 1000, 2) for p in PERCENTILES},
            "max_ms": round(max(per_page) * 1000, 2),
        }
    outside = sum(r["total"] - sum(r["steps"].get(a, 0.0) for _, a in STEPS) for r in rows)
    slowest = sorted(rows, key=lambda r: r["total"], reverse=True)[:SLOWEST]
    return {
        "set": set_name, "pages": len(rows), "cpu_seconds": round(grand, 3),
        "steps": steps, "outside_steps_seconds": round(outside, 4),
        "inner_of": {inner[3]: inner[2] for inner in INNER},
        "gc": {
            "seconds": round(sum(gc_clock.seconds), 4),
            "share": round(sum(gc_clock.seconds) / grand, 4),
            "collections": gc_clock.runs,
            "seconds_by_generation": [round(x, 4) for x in gc_clock.seconds],
        },
        "page_ms": {
            **{f"p{p}": round(_percentile(totals, p) * 1000, 2) for p in PERCENTILES},
            "mean": round(statistics.fmean(totals) * 1000, 2),
            "max": round(max(totals) * 1000, 2),
        },
        "slowest": [
            {"id": r["id"], "ms": round(r["total"] * 1000, 1),
             "trafilatura_runs": r["calls"].get("trafilatura", 0),
             "gc_ms": round(r["gc"] * 1000, 1),
             "top": sorted(((round(v * 1000, 1), k) for k, v in r["steps"].items()),
                           reverse=True)[:3]}
            for r in slowest
        ],
    }


def run_profile(sets: tuple[str, ...], limit: int | None = None) -> dict[str, Any]:
    """Profile each set in its own fresh subprocess; {set: figures or {"error": ...}}."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH", "")) if p)}
    out: dict[str, Any] = {}
    for set_name in sets:
        cmd = [sys.executable, "-m", "bench.profile", set_name]
        if limit:
            cmd += ["--limit", str(limit)]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO_ROOT, env=env,
                              timeout=1800, check=False)
        if proc.returncode != 0:
            out[set_name] = {"error": proc.stderr.strip()[-500:]}
            continue
        out[set_name] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


def format_profile(figures: dict[str, Any]) -> list[str]:
    """The profile of one set as table lines (steps by share, inner calls indented)."""
    if "error" in figures:
        return [f"  profile failed: {figures['error'][-200:]}"]
    steps, inner_of = figures["steps"], figures["inner_of"]
    n = figures["pages"]
    lines = [f"profile of ours, {figures['set']} ({n} pages, CPU "
             f"{figures['cpu_seconds']:.1f} s; page ms p50/p90/p99/max "
             f"{figures['page_ms']['p50']}/{figures['page_ms']['p90']}/"
             f"{figures['page_ms']['p99']}/{figures['page_ms']['max']}, p99/p50 "
             f"{figures['page_ms']['p99'] / max(figures['page_ms']['p50'], 1e-9):.1f})",
             f"  {'step':<34}{'share':>7}{'calls':>7}{'ms/page':>9}"
             f"{'p50 ms':>8}{'p99 ms':>8}{'max ms':>8}"]
    top = sorted((k for k in steps if k not in inner_of), key=lambda k: -steps[k]["seconds"])
    for label in top:
        for name in [label, *[k for k, v in inner_of.items() if v == label]]:
            s = steps[name]
            shown = name if name == label else f"  of which {name}"
            lines.append(f"  {shown:<34}{s['share']:>7.1%}{s['calls']:>7}"
                         f"{s['seconds'] * 1000 / n:>9.2f}{s['p50_ms']:>8.2f}"
                         f"{s['p99_ms']:>8.2f}{s['max_ms']:>8.1f}")
    lines.append(f"  {'(outside the steps)':<34}"
                 f"{figures['outside_steps_seconds'] / figures['cpu_seconds']:>7.1%}")
    collected = figures.get("gc")
    if collected:
        full = collected["collections"][2]
        mean = collected["seconds_by_generation"][2] / full * 1000 if full else 0.0
        lines.append(f"  {'(garbage collection, in the above)':<34}{collected['share']:>7.1%}"
                     f"   collections {'/'.join(map(str, collected['collections']))}"
                     f" by generation, a full one {mean:.0f} ms")
    lines.append("  slowest pages (id: ms, trafilatura runs, garbage collection and costliest "
                 "steps ms):")
    lines += [f"    {p['id'][:16]}: {p['ms']:.0f} ms, trafilatura x{p['trafilatura_runs']}, "
              + ", ".join([*([f"gc {p['gc_ms']:.0f}"] if p.get("gc_ms", 0) >= 1 else []),
                           *(f"{k} {v:.0f}" for v, k in p["top"])])
              for p in figures["slowest"]]
    return lines


def main(argv: list[str] | None = None) -> int:
    """Entry point of the profiling subprocess."""
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("set", choices=("aeb", "fundus", "fundus-eval", "evaldev"))
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    print(json.dumps(profile(args.set, args.limit)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
