"""Where WARC files live: ``<root>/_warc/<site>/newsclean-<stamp>-<pid>-<n>[-<worker>].warc.gz``.

A record's ``warc.file`` is relative to the archive root (``_warc/<site>/<name>``);
``resolve`` refuses anything that would point outside ``<root>/_warc``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Final

from cleaners.archive.layout import check_worker, site_dirname
from cleaners.warc.errors import WarcError

WARC_DIR: Final = "_warc"
WARC_SUFFIX: Final = ".warc.gz"
OPEN_SUFFIX: Final = ".open"  # ``<file>.open`` marks a file a writer has not closed yet
TORN_SUFFIX: Final = ".torn"  # ``<file>.torn`` keeps bytes cut from a torn tail
PREFIX: Final = "newsclean"
_SAFE_REL: Final = re.compile(
    r"^_warc/[A-Za-z0-9][A-Za-z0-9._-]{0,127}/[A-Za-z0-9][A-Za-z0-9._-]*\.warc(\.gz)?$")


def site_warc_dir(root: Path, site: str) -> Path:
    """The folder of one site's WARC files."""
    return root / WARC_DIR / site_dirname(site)


def warc_file_name(stamp: str, serial: int, worker: str | None = None) -> str:
    """``newsclean-<stamp>-<pid>-<serial>[-<worker>].warc.gz`` (stamp: UTC, digits only)."""
    tail = f"-{check_worker(worker)}" if worker else ""
    return f"{PREFIX}-{stamp}-{os.getpid()}-{serial:05d}{tail}{WARC_SUFFIX}"


def resolve(root: Path, rel: str) -> Path:
    """The path of a record's ``warc.file`` under ``root``; ``WarcError`` if it is not one."""
    if not isinstance(rel, str) or not _SAFE_REL.match(rel) or ".." in rel.split("/"):
        raise WarcError(f"warc file {rel!r} is not a path under {WARC_DIR}/<site>/")
    return root / rel


def list_warc_files(root: Path, site: str | None = None) -> list[Path]:
    """Every WARC file under ``<root>/_warc`` (or one site's), sorted by path."""
    base = root / WARC_DIR
    if site is not None:
        base = base / site_dirname(site)
    if not base.is_dir():
        return []
    return sorted(p for p in base.rglob("*.warc*") if p.is_file()
                  and p.name.endswith((".warc", ".warc.gz")))
