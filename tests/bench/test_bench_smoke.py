"""Smoke test: a real ``python -m bench --limit 3`` subprocess on every set."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.datasets import REPO_ROOT


def test_bench_runs_on_a_few_pages(bench_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "results"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--limit", "3", "--jobs", "1", "--out", str(out)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    table = proc.stdout
    for heading in ("article-extraction-benchmark (3 pages)", "fundus (3 pages)",
                    "fundus-evaluation (3 pages)", "trafilatura-eval-dev (3 pages)",
                    "snippet F1 (micro)", "speed (single process, 3 AEB pages)",
                    "sub-heading F1", "date accuracy", "time/page ratio ours/trafilatura (CPU)",
                    "profile of ours, aeb (3 pages", "(garbage collection, in the above)"):
        assert heading in table
    pages = [json.loads(line) for line in (out / "pages.jsonl").read_text().splitlines()]
    assert sorted({p["set"] for p in pages}) == ["aeb", "evaldev", "fundus", "fundus-eval"]
    assert len(pages) == 12
    assert all("trafilatura" in p["tools"] for p in pages)
    assert (out / "outputs.jsonl").stat().st_size > 0
    assert (out / "f1.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    summary = json.loads((out / "summary.json").read_text())
    assert summary["speed"]["trafilatura"]["pages"] == 3


def test_unknown_set_is_rejected() -> None:
    proc = subprocess.run([sys.executable, "-m", "bench", "--sets", "nope"], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2 and "unknown set" in proc.stderr
