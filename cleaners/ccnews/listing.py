"""Which CC-NEWS WARC files a date range covers: the monthly ``warc.paths.gz`` listings under a
base, filtered by the crawl date in each file's name."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from datetime import date

from cleaners.ccnews.defaults import PATHS_LISTING, WARC_NAME
from cleaners.ccnews.errors import CcnewsError, UsageError
from cleaners.ccnews.remote import fetch_small, url_of


def parse_range(start: str, end: str) -> tuple[date, date]:
    """``--from``/``--to`` as dates; ``UsageError`` naming the bad value."""
    days = []
    for name, value in (("--from", start), ("--to", end)):
        try:
            days.append(date.fromisoformat(value))
        except (TypeError, ValueError):
            raise UsageError(f"{name} {value!r} is not a date YYYY-MM-DD") from None
    if days[0] > days[1]:
        raise UsageError(f"--from {start} is after --to {end}")
    return days[0], days[1]


def months(first: date, last: date) -> Iterator[tuple[int, int]]:
    """(year, month) from ``first``'s month to ``last``'s, in order."""
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def crawl_day(path: str) -> date | None:
    """The crawl date in a CC-NEWS WARC's name, or None when it is not named like one."""
    m = WARC_NAME.search(path)
    if m is None:
        return None
    try:
        return date.fromisoformat(f"{m['day'][:4]}-{m['day'][4:6]}-{m['day'][6:]}")
    except ValueError:
        return None


def list_warcs(base: str, first: date, last: date) -> tuple[list[str], list[str]]:
    """The WARC paths (relative to ``base``) crawled from ``first`` to ``last``, sorted by
    name, and an error per monthly listing that could not be fetched or read (naming it; the
    other months are listed all the same)."""
    found: list[str] = []
    errors: list[str] = []
    for year, month in months(first, last):
        rel = PATHS_LISTING.format(year=year, month=month)
        try:
            data = fetch_small(base, rel)
            text = gzip.decompress(data).decode("utf-8")
        except CcnewsError as exc:
            errors.append(str(exc))
            continue
        except (OSError, EOFError, zlib.error, UnicodeDecodeError) as exc:
            errors.append(f"{url_of(base, rel)}: not a gzipped list of paths ({exc})")
            continue
        for line in text.splitlines():
            line = line.strip()
            day = crawl_day(line)
            if day is not None and first <= day <= last:
                found.append(line)
    return sorted(set(found)), errors
