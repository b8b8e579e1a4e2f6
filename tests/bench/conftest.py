"""Shared fixtures for the benchmark tests: the public data root, or a clear skip."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.datasets import ENV_VAR, benchmarks_root


@pytest.fixture(scope="session")
def bench_root() -> Path:
    """The benchmark data directory; skip when absent, except under CI=true (then fail)."""
    root = benchmarks_root()
    if not (root / "article-extraction-benchmark" / "ground-truth.json").is_file():
        reason = (f"benchmark data not found at {root} "
                  f"(expected <repo>/../shared/benchmarks or ${ENV_VAR})")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return root
