"""Shared helpers for crawler tests: run scrapy in a subprocess with fast loopback settings."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import scrapyproc
from tests.support.httpserver import LocalHTTPServer
from tests.support.scrapyproc import LOOPBACK_SETTINGS, REPO, scrapy_env

FAST: dict[str, Any] = {**LOOPBACK_SETTINGS, "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
                        "NEWS_CLEAN_POOL": 0}


def scrapy_cmd(*args: str, output: Path | None,
               settings: dict[str, Any] | None = None) -> list[str]:
    """``python -m scrapy ARGS -s K=V ...`` with the fast loopback settings."""
    merged = {**FAST, **(settings or {})}
    if output is not None:
        merged["OUTPUT_DIR"] = str(output)
    return scrapyproc.scrapy_cmd(*args, settings=merged)


def run_scrapy(*args: str, output: Path | None, settings: dict[str, Any] | None = None,
               timeout: float = 90) -> subprocess.CompletedProcess[str]:
    """Run a scrapy command from the repo root and return the finished process."""
    return subprocess.run(scrapy_cmd(*args, output=output, settings=settings), cwd=REPO,
                          env=scrapy_env(), capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def server() -> Iterator[LocalHTTPServer]:
    """An empty local HTTP server; tests add routes."""
    with LocalHTTPServer() as srv:
        yield srv
