"""Scrapy subprocesses for tests: the command line and an isolated environment, in one place.

Every test that runs ``python -m scrapy ...`` (crawler, distributed and fault tests, ``make
faults``) builds it here, so each child runs the project from the repository root and never
picks up a developer's output root, Redis or settings module from the environment.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

REPO: Final = Path(__file__).resolve().parents[2]
# Variables that would send a test crawl elsewhere: output root, distributed mode, other project.
ISOLATED_ENV: Final = ("NEWSCLEAN_OUTPUT_DIR", "NEWSCLEAN_REDIS_URL", "REDIS_URL",
                       "SCRAPY_SETTINGS_MODULE")
# Politeness is for real sites: test crawls of loopback servers switch it off with -s settings,
# never by changing crawler/settings.py. Callers add their own concurrency and timeouts.
LOOPBACK_SETTINGS: Final = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "LOG_LEVEL": "INFO"}
_STATS_DUMP: Final = re.compile(r"Dumping Scrapy stats:\n(\{.*?\})\n(?=\d{4}-\d\d-\d\d |\Z)", re.S)


def scrapy_env(output: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment for a scrapy child: repo on PYTHONPATH, ``ISOLATED_ENV`` removed.

    ``output`` becomes ``NEWSCLEAN_OUTPUT_DIR``; ``extra`` adds more variables.
    """
    env = {k: v for k, v in os.environ.items() if k not in ISOLATED_ENV}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    if output is not None:
        env["NEWSCLEAN_OUTPUT_DIR"] = str(output)
    env.update(extra)
    return env


def scrapy_cmd(*args: str, settings: Mapping[str, Any] | None = None) -> list[str]:
    """``python -m scrapy ARGS -s K=V ...`` (dict and list values as JSON)."""
    cmd = [sys.executable, "-m", "scrapy", *args]
    for key, value in (settings or {}).items():
        cmd += ["-s", f"{key}={json.dumps(value) if isinstance(value, (dict, list)) else value}"]
    return cmd


def news_crawl_cmd(url: str, settings: Mapping[str, Any] | None = None) -> list[str]:
    """``python -m scrapy crawl news -a url=URL -s K=V ...``."""
    return scrapy_cmd("crawl", "news", "-a", f"url={url}", settings=settings)


def stats_of(log: str) -> dict[str, Any]:
    """The stats dict Scrapy dumps at the end of a crawl log ({} if absent)."""
    match = _STATS_DUMP.search(log)
    if not match:
        return {}
    # pprint output of plain values and datetimes only; evaluated with no builtins.
    return eval(match.group(1), {"__builtins__": {}, "datetime": datetime})  # noqa: S307
