"""A process's own peak resident set size, not the one Linux hands down from its parent.

``ru_maxrss`` is the wrong figure for a child of a big process: Linux keeps the larger of the
old and new address space's peak across ``execve``, and ``subprocess`` starts children with
``vfork`` + ``exec``, so a child of a pytest worker that has grown to 420 MB reports at least
420 MB however small it stays (Scrapy's ``memusage/max`` is that figure too). Two ways out:

- inside the measured process, :func:`own_peak_mb` reads ``VmHWM`` (the peak of this address
  space only);
- from outside, :func:`run_measured` starts the command through this file as a small launcher
  that ``fork``\\ s (a fresh signal struct, so nothing of the test process's peak is inherited),
  ``exec``\\ s the command and reads the child's peak from ``wait4``. That figure covers the
  command and, as a maximum not a sum, the children it waited for (a process pool's workers).

Run as a script: ``python peakrss.py OUT -- CMD ...`` writes the peak in KiB to OUT and exits
with CMD's exit code.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any


def own_peak_mb() -> float:
    """This process's peak RSS in MB: ``VmHWM`` where /proc has it, else ``ru_maxrss``."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def run_measured(cmd: list[str], **kwargs: Any) -> tuple[subprocess.CompletedProcess, float]:
    """``subprocess.run(cmd, **kwargs)`` and the command's own peak RSS in MB.

    On a ``timeout`` the launcher is killed and takes the command with it (a parent-death
    signal), so no crawler is left running.
    """
    with tempfile.TemporaryDirectory(prefix="newsclean-peakrss-") as tmp:
        out = Path(tmp) / "peak_kb"
        proc = subprocess.run([sys.executable, __file__, str(out), "--", *cmd], **kwargs)
        peak_kb = int(out.read_text()) if out.exists() else 0
    return proc, peak_kb / 1024


def _kill_with_parent() -> None:
    """In the forked child: die when the launcher dies (Linux ``PR_SET_PDEATHSIG``)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _launch(out: str, cmd: list[str]) -> int:
    pid = os.fork()
    if pid == 0:  # the child: nothing of the launcher's own peak beyond its small size
        _kill_with_parent()
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    for sig in (signal.SIGTERM, signal.SIGINT):  # pass a stop on to the command
        signal.signal(sig, lambda signum, _frame: os.kill(pid, signum))
    while True:
        try:
            _pid, status, usage = os.wait4(pid, 0)
            break
        except InterruptedError:
            continue
    Path(out).write_text(str(usage.ru_maxrss))
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    _out, _sep, *_cmd = sys.argv[1:]
    assert _sep == "--" and _cmd, "usage: peakrss.py OUT -- CMD ..."
    code = _launch(_out, _cmd)
    sys.exit(code if code >= 0 else 128 - code)
