"""Run manifests: ``<root>/_runs/<run_id>.json``, what one writer run appended where.

Format (``manifest_version`` 1), written atomically (temporary file, fsync, rename)::

    {"manifest_version": 1, "run_id": "20261127T210501Z-3f9a1c", "spider": "news",
     "worker": null, "pid": 4242, "host": "box", "status": "running" | "finished" | "failed",
     "started_at": "...Z", "updated_at": "...Z", "finished_at": null | "...Z",
     "sites": ["demo"], "records": 12,
     "files": [{"path": "demo/2025-09-03.jsonl", "from": 0, "to": 5120, "records": 3}, ...]}

Each ``files`` entry is one contiguous byte range ``[from, to)`` the run appended to a file
while it held that file's lock; a file can appear more than once if another writer appended
to it between two of this run's opens (a reopen where this run left off continues its
range). The manifest is rewritten every few records or seconds, so a killed run leaves one
that is at most a little behind the data: readers of ranges treat the end of a range of an
unfinished run as "up to where the next run started appending, or the file's whole lines".

A range the run opens between two rewrites is first appended as one JSON line
(``{"path": ..., "from": N}``) to the run's range journal ``<root>/_runs/<run_id>.opens``,
made durable before any record of that range is: so a killed run's manifest plus its
journal name every range it appended, at the cost of one short line per new file instead of
a rewrite of the whole manifest (a CC-NEWS day opens tens of thousands of site/day files).
``load_manifest`` merges the journal in; the writer removes it once the finished manifest
holds every range.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from cleaners.archive.errors import ArchiveError, UnknownRun
from cleaners.archive.layout import RUNS_DIR, check_run_id

MANIFEST_VERSION: Final = 1


def utc_now() -> str:
    """The current UTC time as ISO 8601 with a ``Z``, to the microsecond."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_run_id() -> str:
    """A fresh run id: UTC timestamp plus a short random part (sorts by start time)."""
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ") + "-" + secrets.token_hex(3)


def write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as JSON to ``path`` atomically (see ``write_bytes_atomic``)."""
    payload = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    write_bytes_atomic(path, payload)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically: temporary file, fsync, rename, dir fsync."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o644)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(path: Path) -> None:
    """fsync a directory so that a file created or renamed in it survives a crash."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass
class FileRange:
    """One byte range ``[start, end)`` a run appended to a file, with its record count."""

    path: str  # relative to the archive root, "/" separated
    start: int
    end: int
    records: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The manifest form of the range."""
        return {"path": self.path, "from": self.start, "to": self.end, "records": self.records}


@dataclass
class RunManifest:
    """The manifest of one writer run, as kept in memory by the writer or loaded by readers."""

    run_id: str
    spider: str | None = None
    worker: str | None = None
    status: str = "running"
    started_at: str = field(default_factory=utc_now)
    updated_at: str | None = None
    finished_at: str | None = None
    pid: int = field(default_factory=os.getpid)
    host: str = field(default_factory=lambda: os.uname().nodename)
    files: list[FileRange] = field(default_factory=list)

    @property
    def records(self) -> int:
        """Records appended by the run, over all files."""
        return sum(r.records for r in self.files)

    @property
    def sites(self) -> list[str]:
        """The site folders the run appended to."""
        return sorted({r.path.split("/", 1)[0] for r in self.files})

    def to_dict(self) -> dict[str, Any]:
        """The JSON form written to ``_runs/<run_id>.json``."""
        return {
            "manifest_version": MANIFEST_VERSION,
            "run_id": self.run_id,
            "spider": self.spider,
            "worker": self.worker,
            "pid": self.pid,
            "host": self.host,
            "status": self.status,
            "started_at": self.started_at,
            "updated_at": self.updated_at,
            "finished_at": self.finished_at,
            "sites": self.sites,
            "records": self.records,
            "files": [r.to_dict() for r in self.files],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunManifest:
        """A manifest from its JSON form."""
        files = [
            FileRange(f["path"], int(f["from"]), int(f["to"]), int(f.get("records", 0)))
            for f in data.get("files", ())
        ]
        return cls(
            run_id=data["run_id"],
            spider=data.get("spider"),
            worker=data.get("worker"),
            status=data.get("status", "running"),
            started_at=data["started_at"],
            updated_at=data.get("updated_at"),
            finished_at=data.get("finished_at"),
            pid=int(data.get("pid", 0)),
            host=data.get("host", ""),
            files=files,
        )

    def save(self, root: Path) -> None:
        """Write the manifest atomically under ``<root>/_runs/``."""
        self.updated_at = utc_now()
        write_json_atomic(manifest_path(root, self.run_id), self.to_dict())


def manifest_path(root: Path, run_id: str) -> Path:
    """``<root>/_runs/<run_id>.json``."""
    return root / RUNS_DIR / f"{check_run_id(run_id)}.json"


def journal_path(root: Path, run_id: str) -> Path:
    """``<root>/_runs/<run_id>.opens``: the ranges opened since the last manifest rewrite."""
    return root / RUNS_DIR / f"{check_run_id(run_id)}.opens"


def journal_line(path: str, start: int) -> bytes:
    """One range journal line."""
    return (json.dumps({"path": path, "from": start}, ensure_ascii=False) + "\n").encode()


def _journal_ranges(path: Path) -> list[FileRange]:
    """The whole lines of a range journal as empty ranges (a torn last line is skipped)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    ranges = []
    for line in data.split(b"\n")[:-1]:
        try:
            entry = json.loads(line)
            ranges.append(FileRange(str(entry["path"]), int(entry["from"]), int(entry["from"])))
        except (ValueError, KeyError, TypeError):
            continue
    return ranges


def load_manifest(root: Path, run_id: str) -> RunManifest:
    """Load one run's manifest; ``UnknownRun`` if there is none."""
    path = manifest_path(root, run_id)
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise UnknownRun(f"{path}: no run {run_id!r} under {root}") from exc
    except (json.JSONDecodeError, KeyError) as exc:
        raise ArchiveError(f"{path}: unreadable run manifest ({exc})") from exc
    manifest = RunManifest.from_dict(data)
    known = {(r.path, r.start) for r in manifest.files}
    for extra in _journal_ranges(journal_path(root, run_id)):
        if (extra.path, extra.start) not in known:
            known.add((extra.path, extra.start))
            manifest.files.append(extra)
    return manifest


def iter_manifests(root: Path) -> Iterator[RunManifest]:
    """Every run manifest under the root, in start-time order."""
    runs_dir = root / RUNS_DIR
    if not runs_dir.is_dir():
        return
    loaded = []
    for path in runs_dir.glob("*.json"):
        if path.name.startswith("."):
            continue
        loaded.append(load_manifest(root, path.stem))
    yield from sorted(loaded, key=lambda m: (m.started_at, m.run_id))
