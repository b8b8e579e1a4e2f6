"""Where the crawler writes: the output root (setting, environment) and files under it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

OUTPUT_ENV = "NEWSCLEAN_OUTPUT_DIR"
SEEN_DIR = "_seen"  # under the output root: the SQLite seen-store and its journals


def output_root(settings: BaseSettings) -> Path:
    """``-s OUTPUT_DIR`` beats env ``NEWSCLEAN_OUTPUT_DIR`` beats the project default."""
    explicit = settings.getpriority("OUTPUT_DIR") or 0
    env = os.environ.get(OUTPUT_ENV)
    if env and explicit <= 20:  # 20 = project settings module
        return Path(env)
    return Path(settings.get("OUTPUT_DIR") or "output")
