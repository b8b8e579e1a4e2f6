"""The memory figures the fault and WARC tests assert are the child's own, not its parent's."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tests.support.peakrss import run_measured

CHILD_MB = 60
PARENT_MB = 300
_ALLOCATE = (f"x = bytearray({CHILD_MB} * 2**20)\n"
             "for i in range(0, len(x), 4096): x[i] = 1\n")
_keep: list[bytearray] = []  # the test process stays big while the children run


def _grow_parent() -> None:
    if not _keep:
        blob = bytearray(PARENT_MB * 2**20)
        for i in range(0, len(blob), 4096):
            blob[i] = 1
        _keep.append(blob)


def test_a_child_of_a_big_process_reports_its_own_peak() -> None:
    """Under a 300 MB parent, a child that touches 60 MB measures 60-150 MB, exit code kept."""
    _grow_parent()
    proc, peak_mb = run_measured([sys.executable, "-c", _ALLOCATE + "raise SystemExit(3)"],
                                 capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3, proc.stderr
    assert CHILD_MB <= peak_mb < CHILD_MB + 90, peak_mb


def test_plain_ru_maxrss_would_report_the_parent() -> None:
    """The trap the launcher avoids: ``ru_maxrss`` in a plain child is at least the parent's."""
    _grow_parent()
    probe = ("import resource; "
             "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert int(out) >= PARENT_MB


def test_a_timed_out_command_is_killed_with_its_launcher() -> None:
    """On ``timeout`` no grandchild survives the killed launcher."""
    marker = "newsclean-peakrss-sleeper-4711"
    try:
        run_measured([sys.executable, "-c", f"import time; time.sleep(60)  # {marker}"],
                     timeout=1)
    except subprocess.TimeoutExpired:
        pass
    else:
        raise AssertionError("the sleeper ended before its timeout")
    deadline = time.monotonic() + 5
    while (left := _processes_with(marker)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not left, left


def _processes_with(marker: str) -> list[int]:
    """Pids whose command line holds ``marker`` (from /proc)."""
    pids = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if marker.encode() in cmdline.read_bytes():
                pids.append(int(cmdline.parent.name))
        except OSError:
            continue
    return pids
