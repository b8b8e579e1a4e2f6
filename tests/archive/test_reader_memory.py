"""A 100 000-record archive read in a subprocess with bounded peak memory (its own VmHWM)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import IO

from cleaners.io import dumps_record
from tests.archive.factory import make_record

REPO = Path(__file__).resolve().parents[2]
RECORDS = 100_000
DAYS = 100
SITES = ("demo", "other")
EDITED_EVERY = 10  # every 10th article also gets a revision 2 (every 100th one on a new date)

READER = textwrap.dedent(
    """
    import json, sys, time
    from cleaners.archive.reader import read_records

    def peak_kb():
        # VmHWM: this process's peak resident set size. Not ru_maxrss, which Linux carries
        # over from the parent across fork+exec (a big pytest parent would mask our figure).
        with open("/proc/self/status") as fh:
            return next(int(l.split()[1]) for l in fh if l.startswith("VmHWM:"))

    start = time.perf_counter()
    baseline = peak_kb()
    count = words = 0
    for record in read_records(sys.argv[1], latest=sys.argv[3] == "latest"):
        count += 1
        words += record["word_count"]
    peak = peak_kb()
    print(json.dumps({"count": count, "words": words, "baseline_kb": baseline,
                      "peak_kb": peak, "seconds": round(time.perf_counter() - start, 2)}))
    """
)


def build_archive(root: Path) -> tuple[int, int]:
    """Write the archive with plain buffered writes; return (bytes, distinct articles)."""
    template = dumps_record(
        make_record("N", date="2099-01-01", revision=7777, body="lorem ipsum dolor " * 10)
    ).replace(make_record("N")["id"], "IDIDIDIDIDIDIDID")
    handles: dict[Path, IO[str]] = {}
    articles = 0
    for n in range(RECORDS):
        edit = n % EDITED_EVERY == EDITED_EVERY - 1
        base, revision = (n - 1, 2) if edit else (n, 1)  # an edit: revision 2 of article n-1
        day = f"2025-{1 + (base // 500) % 12:02d}-{1 + (base // 6000) % 28:02d}"
        if edit and n % (EDITED_EVERY * 10) == EDITED_EVERY * 10 - 1:
            day = "2025-12-31"  # the edit moved the publication date
        articles += revision == 1
        line = (
            template.replace("IDIDIDIDIDIDIDID", f"{base:016x}")
            .replace("2099-01-01", day)
            .replace('"revision":7777', f'"revision":{revision}')
            .replace("Article N", f"Article {base}")
        )
        path = root / SITES[base % 2] / f"{day}.jsonl"
        fh = handles.get(path)
        if fh is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            fh = handles[path] = open(path, "w", encoding="utf-8")  # noqa: SIM115
        fh.write(line + "\n")
    for fh in handles.values():
        fh.close()
    return sum(p.stat().st_size for p in handles), articles


def run_reader(root: Path, mode: str) -> dict[str, int]:
    """Read the whole archive in a fresh interpreter; return its counts and VmHWM (KiB)."""
    out = subprocess.run(
        [sys.executable, "-c", READER, str(root), "-", mode],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def test_read_100k_archive_with_bounded_memory(tmp_path: Path) -> None:
    size, articles = build_archive(tmp_path)
    latest = run_reader(tmp_path, "latest")
    every = run_reader(tmp_path, "all")
    print(
        f"\n100k archive: {size / 2**20:.1f} MiB in {len(list(tmp_path.glob('*/*.jsonl')))} files;"
        f" latest=True: {latest['count']} records, peak RSS {latest['peak_kb'] / 1024:.1f} MiB"
        f" (interpreter + imports {latest['baseline_kb'] / 1024:.1f} MiB), {latest['seconds']} s;"
        f" latest=False: {every['count']} records, peak RSS {every['peak_kb'] / 1024:.1f} MiB,"
        f" {every['seconds']} s"
    )
    assert every["count"] == RECORDS
    assert latest["count"] == articles == RECORDS - RECORDS // EDITED_EVERY
    for result in (latest, every):
        growth_kb = result["peak_kb"] - result["baseline_kb"]
        assert result["peak_kb"] * 1024 < size / 4, result  # far below the archive
        assert growth_kb < 40 * 1024, result  # one day file and the edit index, not the archive
