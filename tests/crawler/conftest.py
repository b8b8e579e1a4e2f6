"""Shared helpers for crawler tests: run scrapy in a subprocess, read the archive it wrote."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.httpserver import LocalHTTPServer

REPO = Path(__file__).resolve().parents[2]
# Loopback speed: politeness off via settings (never by changing crawler/settings.py).
FAST: dict[str, Any] = {
    "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "NEWS_CLEAN_POOL": 0, "LOG_LEVEL": "INFO",
}
_STAT = re.compile(r"'([a-z_]+/[^']+|finish_reason|item_scraped_count|item_dropped_count)': "
                   r"('?[\w.]+'?)")


def scrapy_env() -> dict[str, str]:
    """The environment for scrapy subprocesses: no inherited output-dir override."""
    env = {k: v for k, v in os.environ.items() if k != "NEWSCLEAN_OUTPUT_DIR"}
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def scrapy_cmd(*args: str, output: Path | None,
               settings: dict[str, Any] | None = None) -> list[str]:
    """``python -m scrapy ARGS -s K=V ...`` with the fast loopback settings."""
    merged = {**FAST, **(settings or {})}
    if output is not None:
        merged["OUTPUT_DIR"] = str(output)
    cmd = [sys.executable, "-m", "scrapy", *args]
    for key, value in merged.items():
        cmd += ["-s", f"{key}={json.dumps(value) if isinstance(value, (dict, list)) else value}"]
    return cmd


def run_scrapy(*args: str, output: Path | None, settings: dict[str, Any] | None = None,
               timeout: float = 90) -> subprocess.CompletedProcess[str]:
    """Run a scrapy command from the repo root and return the finished process."""
    return subprocess.run(scrapy_cmd(*args, output=output, settings=settings), cwd=REPO,
                          env=scrapy_env(), capture_output=True, text=True, timeout=timeout)


def stats_of(stderr: str) -> dict[str, Any]:
    """The numeric and reason entries of Scrapy's final stats dump."""
    block = stderr.rsplit("Dumping Scrapy stats", 1)[-1]
    out: dict[str, Any] = {}
    for key, value in _STAT.findall(block):
        out[key] = value.strip("'") if value.startswith("'") else float(value) \
            if "." in value else int(value)
    return out


def read_archive(root: Path, site: str) -> dict[Path, list[dict[str, Any]]]:
    """Every JSONL file of a site; each line must be a JSON object (else the test fails)."""
    files: dict[Path, list[dict[str, Any]]] = {}
    for path in sorted((root / site).glob("*.jsonl")):
        lines = path.read_text("utf-8").splitlines()
        files[path] = [json.loads(line) for line in lines]
        assert all(isinstance(r, dict) for r in files[path]), path
    return files


def all_records(root: Path, site: str) -> list[dict[str, Any]]:
    """All records of a site, in file order."""
    return [r for recs in read_archive(root, site).values() for r in recs]


@pytest.fixture
def server() -> Iterator[LocalHTTPServer]:
    """An empty local HTTP server; tests add routes."""
    with LocalHTTPServer() as srv:
        yield srv
