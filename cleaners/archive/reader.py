"""``read_records``: stream the dated archive in date order, latest revisions or all of them.

Memory stays bounded by one day, not the archive: files are read line by line, one day at a
time, with a per-day set of the ids already yielded (duplicates of one ``(id, revision)`` across
per-worker files are yielded once). Revisions of an article normally land in the same day file
(same publication date); when an edit changes the date they do not, so ``latest=True`` first
makes one quick pass over the ``revision`` and ``id`` fields of every file of the selected
sites and keeps ``{id: highest revision}`` for edited articles only (revision > 1, ids stored
as integers). The newest revision of an article whose date moved outside ``since``/``until``
is outside the bounds, so the article is not yielded there.

Problems are logged on the ``cleaners.archive.reader`` logger (WARNING), never silent:

* a torn last line (a writer at work, or an old crash) is skipped, never raised;
* a line that is not a valid record (bad JSON, not an object, no hex ``id``, no integer
  ``revision``) is reported with file and line number and skipped, or raised as
  ``InvalidRecord`` with ``strict=True``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path
from typing import Any, Final

from cleaners.archive.layout import DayFile, check_day, iter_day_files, list_day_files
from cleaners.archive.lines import Line, Tail, iter_lines
from cleaners.exceptions import InvalidRecord

logger = logging.getLogger(__name__)

_HEX_ID: Final = re.compile(r"^[0-9a-f]{16,64}$")
_REVISION_FIELD: Final = re.compile(rb'"revision"\s*:\s*([0-9]+)')

Day = str | dt.date | None


def read_records(
    root: Path | str,
    *,
    site: str | Iterable[str] | None = None,
    since: Day = None,
    until: Day = None,
    latest: bool = True,
    strict: bool = False,
) -> Iterator[dict[str, Any]]:
    """Yield the archive's records in publication-date order (undated last, only unbounded).

    ``site`` limits to one site (or several); ``since``/``until`` are inclusive ``YYYY-MM-DD``
    bounds on ``date``; ``latest=True`` yields each article once at its highest revision,
    ``latest=False`` every revision once. A missing ``root`` raises ``FileNotFoundError``.
    """
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no such archive folder")
    sites = [site] if isinstance(site, str) else (list(site) if site is not None else None)
    lo, hi = _bound(since, "since"), _bound(until, "until")
    files = list_day_files(root, sites, since=lo, until=hi)
    newest = revision_index(iter_day_files(root, sites)) if latest and files else {}
    for _, day_files in groupby(files, key=lambda f: f.sort_day):
        seen: set[int] | set[tuple[int, int]] = set()
        for f in day_files:
            for _line, record in iter_file_records(f.path, strict=strict):
                key = int(record["id"], 16)
                revision = record["revision"]
                if latest:
                    if revision != newest.get(key, 1) or key in seen:
                        continue
                    seen.add(key)  # type: ignore[arg-type]
                else:
                    if (key, revision) in seen:
                        continue
                    seen.add((key, revision))  # type: ignore[arg-type]
                yield record


def iter_file_records(
    path: Path, start: int = 0, end: int | None = None, *, strict: bool = False
) -> Iterator[tuple[Line, dict[str, Any]]]:
    """Yield ``(line, record)`` for the valid records of one file between two offsets."""
    for item in iter_lines(path, start, end):
        if isinstance(item, Tail):
            warn_tail(item)
            return
        record = parse_record_line(item, path, strict=strict)
        if record is not None:
            yield item, record


def parse_record_line(line: Line, path: Path, *, strict: bool = False) -> dict[str, Any] | None:
    """The record on one line, or ``None`` (logged with file and line) if it is not a record."""
    if not line.data.strip():
        return None
    try:
        record = json.loads(line.data)
        problem = record_problem(record)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        problem = f"not valid JSON ({exc})"
    if problem is None:
        return record  # type: ignore[no-any-return]
    where = f"{path}:{line.number}"
    if strict:
        raise InvalidRecord(problem, where)
    logger.warning("%s: skipped, not a valid record: %s", where, problem)
    return None


def record_problem(record: object) -> str | None:
    """Why ``record`` is not a usable archive record, or ``None`` if it is one."""
    if not isinstance(record, dict):
        return "not a JSON object"
    rid, revision = record.get("id"), record.get("revision")
    if not isinstance(rid, str) or not _HEX_ID.match(rid):
        return f"id {rid!r} is not 16-64 lowercase hex digits"
    if type(revision) is not int or revision < 1:
        return f"revision {revision!r} is not a positive integer"
    if not isinstance(record.get("site"), str):
        return "no site"
    day = record.get("date")
    if day is not None:
        try:
            check_day(day)
        except InvalidRecord as exc:
            return str(exc)
    return None


def warn_tail(tail: Tail) -> None:
    """Log a skipped torn or unfinished last line."""
    logger.warning(
        "%s: skipped %d bytes after the last newline at offset %d "
        "(a writer still at work, or an earlier crash)",
        tail.path,
        tail.size,
        tail.start,
    )


def revision_index(files: Iterable[DayFile]) -> dict[int, int]:
    """``{id as int: highest revision}`` for articles with a revision above 1, from raw lines."""
    newest: dict[int, int] = {}
    for f in files:
        with open(f.path, "rb") as fh:
            for data in fh:
                if not data.endswith(b"\n"):
                    break  # a torn tail: reported when the file is read for records
                found = _id_and_revision(data)
                if found is not None and found[1] > newest.get(found[0], 1):
                    newest[found[0]] = found[1]
    return newest


def _id_and_revision(data: bytes) -> tuple[int, int] | None:
    """``(id, revision)`` of a valid record line with revision > 1, else ``None``.

    A regex skips the common case (revision 1) without parsing; edited records are parsed in
    full, so a broken line can never hide the revision below it.
    """
    m = _REVISION_FIELD.search(data)
    if m is not None and m.group(1) == b"1" and data.count(b'"revision"') == 1:
        return None
    try:
        record = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None  # reported when the line is read for its record
    if record_problem(record) is not None or record["revision"] == 1:
        return None
    return int(record["id"], 16), record["revision"]


def _bound(value: Day, name: str) -> str | None:
    if value is None:
        return None
    day = value.strftime("%Y-%m-%d") if isinstance(value, dt.date) else value
    try:
        return check_day(day)
    except InvalidRecord as exc:
        raise ValueError(f"{name}: {exc}") from None
