"""Running the tools ``bench.ccnews`` compares: measured processes, the other tools'
virtualenvs, the Redis database the two-worker run shares."""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import psutil

from bench.datasets import REPO_ROOT

RSS_EVERY: Final = 0.05  # seconds between memory samples
STDERR_TAIL: Final = 2000  # characters of a failed command's stderr shown
NEWSPLEASE_VENV: Final = REPO_ROOT / ".venv-newsplease"
NEWSPLEASE_REQUIREMENTS: Final = ("news-please==1.6.16",)
FUNDUS_VENV: Final = REPO_ROOT / ".venv-fundus"
# fundus 0.5.7 imports curl_cffi's normalize_browser_type, which curl_cffi 0.14 dropped
FUNDUS_REQUIREMENTS: Final = ("fundus==0.5.7", "curl_cffi>=0.10,<0.14")
REDIS_KEYS: Final = "newsclean:*"  # the run, lease and seen-store keys of newsclean ccnews


@dataclass(frozen=True)
class Measured:
    """Wall seconds, CPU seconds (user + system, every process of the run) and peak RSS MB
    (summed over the processes and their children, sampled every 50 ms) of one run."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without Redis or archive settings, the repository importable, plus
    ``extra``."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("REDIS_URL", "NEWSCLEAN_REDIS_URL", "NEWSCLEAN_OUTPUT_DIR")}
    env["PYTHONPATH"] = str(REPO_ROOT)
    return {**env, **extra}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _tree_rss(procs: list[psutil.Popen]) -> int:
    total = 0
    for proc in procs:
        try:
            tree = [proc, *proc.children(recursive=True)]
            total += sum(p.memory_info().rss for p in tree if p.is_running())
        except psutil.Error:
            pass
    return total


def measure(cmds: list[list[str]], env: dict[str, str] | None = None) -> Measured:
    """Run ``cmds`` at the same time to their end; exit status 0 or 1 (bad input named and
    the rest done) is a finished run, anything else stops the bench with the stderr tail."""
    env = env or clean_env()
    cpu_before = _children_cpu()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bench-stderr-") as tmp:
        logs = [Path(tmp) / f"{n}.err" for n in range(len(cmds))]
        with contextlib.ExitStack() as stack:
            # stderr to a file, not a pipe: a chatty tool never blocks on a full pipe
            handles = [stack.enter_context(open(log, "wb")) for log in logs]
            procs = [psutil.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL,
                                  stderr=fh) for cmd, fh in zip(cmds, handles, strict=True)]
            peak = 0
            while any(p.poll() is None for p in procs):
                peak = max(peak, _tree_rss(procs))
                time.sleep(RSS_EVERY)
        seconds = time.monotonic() - started
        for cmd, proc, log in zip(cmds, procs, logs, strict=True):
            if proc.returncode not in (0, 1):
                tail = log.read_text(errors="replace")[-STDERR_TAIL:]
                raise SystemExit(f"{' '.join(cmd[:4])} ... exited {proc.returncode}:\n{tail}")
    return Measured(round(seconds, 1), round(_children_cpu() - cpu_before, 1),
                    round(peak / 2**20, 1))


def ensure_venv(venv: Path, requirements: tuple[str, ...]) -> Path:
    """The python of ``venv``, created with ``python3 -m venv`` and ``pip install
    requirements`` unless it already holds exactly those (a stamp file says so)."""
    python = venv / "bin" / "python"
    stamp = venv / ".bench-installed"
    wanted = "\n".join(requirements) + "\n"
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    base = shutil.which("python3")
    if base is None:
        raise RuntimeError("python3 not found on PATH: cannot create " + str(venv))
    steps = [[base, "-m", "venv", str(venv)],
             [str(python), "-m", "pip", "install", "--quiet", *requirements]]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"{' '.join(step)} failed (exit {done.returncode}): "
                               f"{done.stderr.strip()[-STDERR_TAIL:]}")
    stamp.write_text(wanted)
    return python


def redis_client(url: str):  # noqa: ANN201 - redis.Redis, imported late
    """A connected client of ``url`` whose database holds no keys but newsclean's, or a
    RuntimeError saying why it cannot be used."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        raise RuntimeError(f"Redis at {url} not reachable ({exc})") from None
    for key in client.scan_iter(count=1000):
        if not key.startswith(b"newsclean:"):
            raise RuntimeError(f"Redis database {url} holds other keys ({key!r}): pick a spare "
                               "one with --redis-db")
    return client


def clear_newsclean_keys(client) -> int:  # noqa: ANN001
    """Delete the ``newsclean:*`` keys (run, leases, ledger, seen-store) of the bench's
    database; how many there were."""
    keys = list(client.scan_iter(match=REDIS_KEYS, count=1000))
    if keys:
        client.delete(*keys)
    return len(keys)
