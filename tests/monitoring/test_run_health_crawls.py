"""``scrapy crawl news`` on loopback sites that change between runs: run health in the manifest,
the closing log line, the HTML report, the webhook and the exit status.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.crawler.conftest import run_scrapy
from tests.support.healthsite import HealthSite
from tests.support.httpserver import LocalHTTPServer

UNHEALTHY_EXIT = 3  # NEWS_MONITOR_FAIL_EXIT
SUBHEADINGS = {"NEWS_MONITOR_MAX_NO_SECTIONS": 0.5}  # this site's articles have sub-headings


def manifests(root: Path) -> list[dict[str, Any]]:
    """Every run manifest under ``root``, oldest first."""
    found = [json.loads(p.read_text("utf-8")) for p in (root / "_runs").glob("*.json")]
    return sorted(found, key=lambda m: m["started_at"])


def crawl(site: HealthSite, out: Path, *extra: str, settings: dict[str, Any] | None = None,
          ) -> tuple[int, str, dict[str, Any]]:
    """One crawl of the site; exit status, log and the run's manifest."""
    args = extra or ("-a", f"url={site.server.url}/")
    before = {m["run_id"] for m in manifests(out)} if (out / "_runs").is_dir() else set()
    proc = run_scrapy("crawl", "news", *args, output=out, settings=settings)
    new = [m for m in manifests(out) if m["run_id"] not in before]
    assert len(new) == 1, proc.stderr[-3000:]
    return proc.returncode, proc.stderr, new[0]


def failed(manifest: dict[str, Any]) -> set[str]:
    """Names of the checks a run failed."""
    return {c["name"] for c in manifest["checks"] if not c["passed"]}


@pytest.fixture
def site() -> Iterator[HealthSite]:
    """A fresh loopback site with six articles in the full template."""
    with LocalHTTPServer() as server:
        site = HealthSite(server)
        site.publish(6)
        yield site


def test_redesign_fails_the_monitor_on_run_3_not_before(site: HealthSite, tmp_path: Path) -> None:
    """Runs 1-2 healthy; from run 3 the template has no dates or sub-headings: exit 3, named."""
    results = []
    for run in (1, 2, 3):
        if run > 1:
            site.publish(6, template="bare" if run == 3 else "full")
        results.append(crawl(site, tmp_path, settings=SUBHEADINGS))
    (rc1, _, m1), (rc2, _, m2), (rc3, log3, m3) = results
    assert (rc1, rc2) == (0, 0), results[1][1][-3000:]
    assert m1["healthy"] is True and m2["healthy"] is True
    assert all(c["passed"] for c in m1["checks"] + m2["checks"])
    assert rc3 == UNHEALTHY_EXIT, log3[-3000:]
    assert m3["healthy"] is False and m3["status"] == "finished"
    assert failed(m3) == {"undated_share", "no_sections_share"}
    undated = next(c for c in m3["checks"] if c["name"] == "undated_share")
    assert (undated["value"], undated["threshold"]) == (1.0, 0.2)
    sections = next(c for c in m3["checks"] if c["name"] == "no_sections_share")
    assert sections["reason"] == "100% of 6 records without a sub-heading, more than 50%"
    assert undated["reason"] == "100% of 6 records without a date, more than 20%"
    health = m3["health"]
    assert health["site"] == "127.0.0.1"
    assert (health["articles_written"], health["articles_known"], health["articles_found"]) == (
        6, 12, 18)
    assert health["pages"] == {"robots": 1, "sitemap": 1, "listing": 1, "article": 6}
    assert health["shares"]["no_subheading"] == 1.0 and health["sections_per_article"] == 1
    assert m2["health"]["sections_per_article"] == 3 and m2["health"]["shares"]["undated"] == 0
    assert "Run health: UNHEALTHY (failed: undated_share (100% of 6 records" in log3
    assert "scrapy crawl: run unhealthy (undated_share,no_sections_share): exit status 3" in log3
    report = (tmp_path / "_runs" / f"{m3['run_id']}.html").read_text("utf-8")
    assert "UNHEALTHY" in report and "no_sections_share" in report


class _Hook(BaseHTTPRequestHandler):
    bodies: list[dict[str, Any]]

    def do_POST(self) -> None:  # noqa: N802
        """Record the JSON body, answer 204."""
        length = int(self.headers.get("Content-Length", 0))
        self.bodies.append(json.loads(self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet."""


@pytest.fixture
def webhook() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """A loopback webhook receiver: its URL and the bodies it got."""
    bodies: list[dict[str, Any]] = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), type("Hook", (_Hook,), {"bodies": bodies}))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/hook", bodies
    httpd.shutdown()
    httpd.server_close()


def test_sitemap_gone_fails_the_article_count_and_calls_the_webhook(
        site: HealthSite, tmp_path: Path, webhook: tuple[str, list[dict[str, Any]]]) -> None:
    """A profile with [monitoring]; the sitemap disappears: article_count and drop fail."""
    url, bodies = webhook
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "gazette.toml").write_text(
        f'name = "gazette"\nstart_urls = ["{site.server.url}/"]\n'
        "[monitoring]\nmin_articles = 5\nmax_drop = 0.3\nmin_history = 1\n", "utf-8")
    out = tmp_path / "out"
    settings = {"NEWS_SITES_DIR": str(sites), "NEWS_MONITOR_WEBHOOK_URL": url,
                "NEWS_MONITOR_REPORT": str(tmp_path / "reports" / "{site}-{run_id}.html"),
                "NEWS_MONITOR_FAILED_ACTIONS": "crawler.monitoring.actions.SendRunHealthWebhook"}
    rc1, log1, m1 = crawl(site, out, "-a", "site=gazette", settings=settings)
    assert rc1 == 0 and m1["healthy"] is True, log1[-3000:]
    assert m1["thresholds"]["min_articles"] == 5 and m1["thresholds"]["max_drop"] == 0.3
    assert m1["thresholds"]["min_history"] == 1
    assert bodies == []  # the webhook is for failed runs
    site.remove_sitemap()
    rc2, log2, m2 = crawl(site, out, "-a", "site=gazette", settings=settings)
    assert rc2 == UNHEALTHY_EXIT, log2[-3000:]
    assert m2["healthy"] is False
    assert failed(m2) == {"article_count", "drop_against_median"}
    count = next(c for c in m2["checks"] if c["name"] == "article_count")
    assert count["reason"] == "0 articles found, fewer than 5"
    drop = next(c for c in m2["checks"] if c["name"] == "drop_against_median")
    assert drop["value"] == 1.0 and "median of 6" in drop["reason"]
    assert len(bodies) == 1
    assert bodies[0]["run_id"] == m2["run_id"] and bodies[0]["site"] == "gazette"
    report = tmp_path / "reports" / f"gazette-{m2['run_id']}.html"
    assert "0 articles found, fewer than 5" in report.read_text("utf-8")
    assert set(bodies[0]["failed"]) == {"article_count", "drop_against_median"}


def test_healthy_site_passes_every_run(site: HealthSite, tmp_path: Path) -> None:
    """New articles every run, template unchanged: every check passes, exit 0 each time."""
    for run in (1, 2, 3):
        if run > 1:
            site.publish(3)
        rc, log, manifest = crawl(site, tmp_path, settings=SUBHEADINGS)
        assert rc == 0, log[-3000:]
        assert manifest["healthy"] is True
        assert {c["name"] for c in manifest["checks"]} == {
            "article_count", "undated_share", "no_sections_share", "drop_against_median"}
        assert failed(manifest) == set()
        assert "Run health: healthy (all 4 checks passed)" in log
    assert manifest["health"]["articles_found"] == 12


def test_a_bad_threshold_setting_stops_the_crawl_naming_it(site: HealthSite,
                                                         tmp_path: Path) -> None:
    """-s NEWS_MONITOR_MAX_UNDATED=lots: no crawl, the setting and value named."""
    proc = run_scrapy("crawl", "news", "-a", f"url={site.server.url}/", output=tmp_path,
                      settings={"NEWS_MONITOR_MAX_UNDATED": "lots"})
    assert proc.returncode != 0
    assert "setting NEWS_MONITOR_MAX_UNDATED: not a number: 'lots'" in proc.stderr
    assert site.server.requests == []


def test_monitoring_off_leaves_the_run_unjudged(tmp_path: Path) -> None:
    """-s NEWS_MONITOR_ENABLED=False: undated records, yet exit 0 and no health in the manifest."""
    with LocalHTTPServer() as server:
        site = HealthSite(server)
        site.publish(3, template="bare")
        rc, log, manifest = crawl(site, tmp_path, settings={"NEWS_MONITOR_ENABLED": False,
                                                            "NEWS_MONITOR_REPORT": False})
    assert rc == 0, log[-3000:]
    assert "health" not in manifest and "healthy" not in manifest
    assert "Run health:" not in log
    assert list((tmp_path / "_runs").glob("*.html")) == []
