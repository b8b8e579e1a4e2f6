"""A real Scrapyd started from ``deploy/scrapyd.conf``, the project deployed with
``scrapyd-deploy``, crawls scheduled with the exact cron line and systemd ``ExecStart``
of ``deploy/`` (``newsclean-scheduled-crawl``: schedule, wait, exit by the run's health).
"""

from __future__ import annotations

import configparser
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from base64 import b64encode
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.distributed.conftest import free_port, serve_site
from tests.support.crawloutput import records_by_url
from tests.support.healthsite import HealthSite
from tests.support.httpserver import LocalHTTPServer
from tests.support.scrapyproc import REPO

PASSWORD = "test-secret"
COPIED = ("cleaners", "crawler", "pyproject.toml", "setup.py", "scrapy.cfg", "README.md")


class Scrapyd:
    """A running Scrapyd with basic auth on a free loopback port."""

    def __init__(self, url: str, logs: Path) -> None:
        self.url = url
        self.logs = logs

    def call(self, endpoint: str, data: dict[str, str] | None = None) -> dict[str, Any]:
        """GET (or POST ``data``) one JSON endpoint with the configured credentials."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(f"{self.url}/{endpoint}", data=body)
        token = b64encode(f"newsclean:{PASSWORD}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def wait_finished(self, jobid: str, timeout: float = 90) -> None:
        """Poll listjobs.json until ``jobid`` finished."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            jobs = self.call("listjobs.json?project=newsclean")
            if any(job["id"] == jobid for job in jobs["finished"]):
                return
            time.sleep(0.3)
        raise AssertionError(f"job {jobid} did not finish: {jobs}")

    def job_log(self, jobid: str) -> str:
        """The Scrapy log of a finished job."""
        return (self.logs / "newsclean" / "news" / f"{jobid}.log").read_text(errors="replace")


def scrapyd_conf(target: Path, port: int, base: Path) -> None:
    """``deploy/scrapyd.conf`` with this test's port, password and directories."""
    config = configparser.ConfigParser()
    config.read(REPO / "deploy" / "scrapyd.conf")
    section = config["scrapyd"]
    assert section["bind_address"] == "127.0.0.1" and section["items_dir"] == ""
    section.update(http_port=str(port), password=PASSWORD, poll_interval="0.3",
                   logs_dir=str(base / "logs"), eggs_dir=str(base / "eggs"),
                   dbs_dir=str(base / "dbs"))
    with target.open("w") as fh:
        config.write(fh)


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scrapyd]:
    """Scrapyd from the venv, configured by deploy/scrapyd.conf."""
    binary = Path(sys.executable).parent / "scrapyd"
    if not binary.exists():
        pytest.fail("scrapyd is a project dependency but is not installed")
    base = tmp_path_factory.mktemp("scrapyd")
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "NEWSCLEAN_REDIS_URL")}
    for _ in range(3):  # the free port may be taken before Scrapyd binds it: then another one
        port = free_port()
        scrapyd_conf(base / "scrapyd.conf", port, base)
        proc = subprocess.Popen([str(binary)], cwd=base, env=env, stdout=subprocess.DEVNULL,
                                stderr=(base / "scrapyd.err").open("wb"))
        server = Scrapyd(f"http://127.0.0.1:{port}", base / "logs")
        if _answers(server, proc, timeout=60):
            break
        proc.kill()
        proc.wait(10)
    else:
        pytest.fail("scrapyd did not start: " + (base / "scrapyd.err").read_text()[-2000:])
    yield server
    proc.terminate()
    proc.wait(10)


def _answers(server: Scrapyd, proc: subprocess.Popen[bytes], timeout: float) -> bool:
    """True once ``server`` answers daemonstatus.json; False if ``proc`` exits or time is up."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            server.call("daemonstatus.json")
            return True
        except OSError:
            time.sleep(0.05)
    return False


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalHTTPServer]:
    """40 articles."""
    server = serve_site(tmp_path_factory.mktemp("smallsite"), 40)
    yield server
    server.stop()


def deploy(project: Path, scrapyd: Scrapyd) -> None:
    """Copy the project, point [deploy:local] at the test Scrapyd, run scrapyd-deploy local."""
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, project / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.exists():
            shutil.copy(source, project / name)
    if not (project / "README.md").exists():
        (project / "README.md").write_text("newsclean\n")
    cfg = (project / "scrapy.cfg").read_text()
    assert "[deploy:local]" in cfg and "${SCRAPYD_PASSWORD}" in cfg
    (project / "scrapy.cfg").write_text(cfg.replace("http://127.0.0.1:6800/", scrapyd.url + "/"))
    result = subprocess.run(
        [str(Path(sys.executable).parent / "scrapyd-deploy"), "local", "-v", "r1"],
        cwd=project, env={**os.environ, "SCRAPYD_PASSWORD": PASSWORD},
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and '"status": "ok"' in result.stdout, result.stderr[-2000:]


def command_from(path: Path, prefix: str) -> str:
    """The scheduling command of a deploy/ file: the cron line or the ExecStart= line."""
    for line in path.read_text().splitlines():
        if prefix == "cron" and line and not line.startswith("#"):
            return line.split(None, 5)[5]
        if prefix != "cron" and line.startswith(prefix):
            return line[len(prefix):]
    raise AssertionError(f"no command in {path}")


def localise(command: str, *, scrapyd: Scrapyd, base: Path) -> list[str]:
    """Point a deploy/ command at the test's Scrapyd, netrc, sites and output directories."""
    command = (command.replace("http://127.0.0.1:6800", scrapyd.url)
               .replace("/opt/newsclean/.venv/bin/", f"{Path(sys.executable).parent}/")
               .replace("/etc/newsclean/scrapyd.netrc", str(base / "netrc"))
               .replace("/etc/newsclean/sites", str(base / "sites"))
               .replace("/var/lib/newsclean/output", str(base / "out"))
               .replace("%i", "demo").replace(">/dev/null", ""))
    fast = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "NEWS_CLEAN_POOL=0",
            "CONCURRENT_REQUESTS_PER_DOMAIN=16")
    return [*shlex.split(command), *(arg for s in fast for arg in ("-d", f"setting={s}"))]


def write_profile_and_netrc(base: Path, site_url: str) -> None:
    """``base/sites/demo.toml`` crawling ``site_url``; ``base/netrc`` with the test password."""
    (base / "sites").mkdir()
    (base / "sites" / "demo.toml").write_text(f'name = "demo"\nstart_urls = ["{site_url}/"]\n')
    (base / "netrc").write_text(
        (REPO / "deploy" / "scrapyd.netrc.example").read_text().replace("change-me", PASSWORD))
    (base / "netrc").chmod(0o600)


def test_scrapyd_deploy_and_scheduled_runs(
    scrapyd: Scrapyd, small_site: LocalHTTPServer, tmp_path: Path,
) -> None:
    """Deploy, schedule by the cron line (records appear), again by the timer (nothing new)."""
    deploy(tmp_path / "project", scrapyd)
    assert "news" in scrapyd.call("listspiders.json?project=newsclean")["spiders"]
    write_profile_and_netrc(tmp_path, small_site.url)

    cron = localise(command_from(REPO / "deploy" / "newsclean.cron", "cron"),
                    scrapyd=scrapyd, base=tmp_path)
    first = json.loads(subprocess.run(cron, capture_output=True, text=True, check=True,
                                      timeout=180).stdout)
    assert first["status"] == "ok", first
    scrapyd.wait_finished(first["jobid"])
    counts = records_by_url(tmp_path / "out")
    assert set(counts) == {small_site.url + path for path in small_site.paths}, \
        scrapyd.job_log(first["jobid"])[-3000:]
    assert max(counts.values()) == 1

    timer = localise(command_from(REPO / "deploy" / "newsclean-crawl@.service", "ExecStart="),
                     scrapyd=scrapyd, base=tmp_path)
    second = json.loads(subprocess.run(timer, capture_output=True, text=True, check=True,
                                       timeout=180).stdout)
    scrapyd.wait_finished(second["jobid"])
    log = scrapyd.job_log(second["jobid"])
    assert "Run summary: 0 records written" in log, log[-3000:]
    assert records_by_url(tmp_path / "out") == counts


def test_scheduled_run_that_fails_a_monitor_fails_the_timer(
    scrapyd: Scrapyd, tmp_path: Path,
) -> None:
    """A site whose articles carry no date: Scrapyd says "finished", the timer's command exits
    3 naming the check, and the manifest and status file of that job say unhealthy."""
    deploy(tmp_path / "project", scrapyd)
    with LocalHTTPServer() as server:
        site = HealthSite(server)
        site.publish(5, template="bare")
        write_profile_and_netrc(tmp_path, server.url)
        timer = localise(command_from(REPO / "deploy" / "newsclean-crawl@.service", "ExecStart="),
                         scrapyd=scrapyd, base=tmp_path)
        proc = subprocess.run(timer, capture_output=True, text=True, timeout=180)
    jobid = json.loads(proc.stdout)["jobid"]
    assert proc.returncode == 3, (proc.stderr, scrapyd.job_log(jobid)[-3000:])
    assert f"job {jobid}, run " in proc.stderr and "of demo is UNHEALTHY" in proc.stderr
    assert "undated_share (100% of 5 records without a date, more than 20%)" in proc.stderr
    finished = scrapyd.call("listjobs.json?project=newsclean")["finished"]
    assert any(job["id"] == jobid for job in finished)  # all Scrapyd itself can tell
    status = json.loads((tmp_path / "out" / "_status" / "demo.json").read_text())
    assert (status["job"], status["healthy"], status["site"]) == (jobid, False, "demo")
    assert status["failed"] == ["undated_share"]
    manifest = json.loads((tmp_path / "out" / "_runs" / f"{status['run_id']}.json").read_text())
    assert manifest["healthy"] is False and manifest["health"]["job"] == jobid
    assert "Run health: UNHEALTHY" in scrapyd.job_log(jobid)


def test_scheduled_job_that_leaves_no_run_exits_4(scrapyd: Scrapyd, tmp_path: Path) -> None:
    """A job scheduled for a profile that does not exist crashes before writing a manifest."""
    deploy(tmp_path / "project", scrapyd)
    write_profile_and_netrc(tmp_path, "http://127.0.0.1:9")
    command = command_from(REPO / "deploy" / "newsclean-crawl@.service", "ExecStart=")
    timer = localise(command.replace("site=%i", "site=nosuch"), scrapyd=scrapyd, base=tmp_path)
    proc = subprocess.run(timer, capture_output=True, text=True, timeout=180)
    jobid = json.loads(proc.stdout)["jobid"]
    assert proc.returncode == 4, (proc.stderr, scrapyd.job_log(jobid)[-3000:])
    assert f"no run manifest with health for job {jobid} under {tmp_path / 'out'}" in proc.stderr
    status = json.loads((tmp_path / "out" / "_status" / "demo.json").read_text())
    assert status["healthy"] is False and status["run_id"] is None
