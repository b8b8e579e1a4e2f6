"""The dated archive layout: ``<root>/<site>/<YYYY-MM-DD|undated>[.<worker>].jsonl`` and ``_runs/``.

Every path the archive package builds or lists goes through this module, so that a hostile
``site`` or ``date`` value in a record can never point outside the root: dates must be real
``YYYY-MM-DD`` days, site names are reduced to a safe slug, worker ids must already be one.
Folders under the root whose name starts with ``_`` or ``.`` (``_runs``, ``_merged``) are
reserved and never taken for sites.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from cleaners.exceptions import InvalidRecord

UNDATED: Final = "undated"
RUNS_DIR: Final = "_runs"
SUFFIX: Final = ".jsonl"
TORN_SUFFIX: Final = ".torn"  # ``<file>.jsonl.torn`` keeps bytes cut from a torn last line

_SAFE_SITE: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
_UNSAFE_CHARS: Final = re.compile(r"[^A-Za-z0-9._-]+")
_SAFE_WORKER: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_SAFE_RUN_ID: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
_DAY: Final = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_FILE_NAME: Final = re.compile(
    r"^(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2}|undated)(?:\.(?P<worker>[A-Za-z0-9][A-Za-z0-9_-]{0,63}))?"
    r"\.jsonl$"
)


@dataclass(frozen=True, order=True)
class DayFile:
    """One archive file: its day (``None`` for undated), site folder, worker id and path."""

    sort_day: str  # the day, or "~undated" so undated files sort after every date
    site: str
    name: str
    path: Path
    worker: str | None

    @property
    def day(self) -> str | None:
        """The publication day of the file's records, or ``None`` for ``undated``."""
        return None if self.sort_day == "~" + UNDATED else self.sort_day


def site_dirname(site: str) -> str:
    """The folder name for a site: itself when it is a safe slug, else a sanitised slug."""
    if _SAFE_SITE.match(site):
        return site
    slug = _UNSAFE_CHARS.sub("_", site).lstrip("._-")[:128]
    if not slug or not _SAFE_SITE.match(slug):
        raise InvalidRecord(f"site {site!r} gives no usable folder name", "site")
    return slug


def check_day(day: str) -> str:
    """Return ``day`` when it is a real ``YYYY-MM-DD`` date, else raise ``InvalidRecord``."""
    if not isinstance(day, str) or not _DAY.match(day):
        raise InvalidRecord(f"date {day!r} is not YYYY-MM-DD", "date")
    try:
        dt.date.fromisoformat(day)
    except ValueError as exc:
        raise InvalidRecord(f"date {day!r} is not a calendar day", "date") from exc
    return day


def check_worker(worker: str) -> str:
    """Return ``worker`` when it is a usable file-name part (letters, digits, ``_``, ``-``)."""
    if not _SAFE_WORKER.match(worker):
        raise ValueError(f"worker id {worker!r} must match {_SAFE_WORKER.pattern}")
    return worker


def check_run_id(run_id: str) -> str:
    """Return ``run_id`` when it is a usable file name."""
    if not _SAFE_RUN_ID.match(run_id):
        raise ValueError(f"run id {run_id!r} must match {_SAFE_RUN_ID.pattern}")
    return run_id


def file_name(day: str | None, worker: str | None = None) -> str:
    """``<day>.jsonl``, ``undated.jsonl`` or ``<day>.<worker>.jsonl``."""
    stem = UNDATED if day is None else check_day(day)
    return f"{stem}.{check_worker(worker)}{SUFFIX}" if worker else f"{stem}{SUFFIX}"


def record_relpath(site: str, day: str | None, worker: str | None = None) -> Path:
    """The path of a record's file relative to the archive root."""
    return Path(site_dirname(site)) / file_name(day, worker)


def parse_file_name(name: str) -> tuple[str | None, str | None] | None:
    """``(day, worker)`` of an archive file name, or ``None`` if it is not one."""
    m = _FILE_NAME.match(name)
    if not m:
        return None
    day = m.group("day")
    if day != UNDATED:
        try:
            check_day(day)
        except InvalidRecord:
            return None
    return (None if day == UNDATED else day), m.group("worker")


def site_dirs(root: Path, sites: Iterable[str] | None = None) -> list[Path]:
    """The site folders under ``root`` (all of them, or the named ones that exist), sorted."""
    if sites is not None:
        wanted = sorted({site_dirname(s) for s in sites})
        return [root / s for s in wanted if (root / s).is_dir()]
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def iter_day_files(root: Path, sites: Iterable[str] | None = None) -> Iterator[DayFile]:
    """Every archive file under ``root`` (or the named sites), unsorted."""
    for site_dir in site_dirs(root, sites):
        for path in site_dir.iterdir():
            parsed = parse_file_name(path.name)
            if parsed is None or not path.is_file():
                continue
            day, worker = parsed
            sort_day = day if day is not None else "~" + UNDATED
            yield DayFile(sort_day, site_dir.name, path.name, path, worker)


def list_day_files(
    root: Path,
    sites: Iterable[str] | None = None,
    *,
    since: str | None = None,
    until: str | None = None,
) -> list[DayFile]:
    """Archive files in (day, site, name) order; with bounds, dated files inside them only."""
    bounded = since is not None or until is not None
    out = []
    for f in iter_day_files(root, sites):
        if f.day is None:
            if bounded:
                continue
        elif (since is not None and f.day < since) or (until is not None and f.day > until):
            continue
        out.append(f)
    return sorted(out)
