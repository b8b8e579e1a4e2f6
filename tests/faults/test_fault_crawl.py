"""One real ``scrapy crawl news`` of the fault site, then every promise checked against it.

The crawl (subprocess, low DOWNLOAD_TIMEOUT, 2 retries, no delay) runs once per module.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support import faultsite as site
from tests.support.faultreport import (
    FAILURE_STATS,
    MAX_RSS_MB,
    FaultRun,
    leaks,
    run_fault_crawl,
    table_rows,
)

pytestmark = pytest.mark.slow

SECRET = "S3cretPassw0rd"  # an HTTP auth password given with -s: must never be logged

@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> FaultRun:
    """The fault crawl, once."""
    work = tmp_path_factory.mktemp("faults")
    return run_fault_crawl(work, extra={
        "HTTPAUTH_USER": "newsclean", "HTTPAUTH_PASS": SECRET, "HTTPAUTH_DOMAIN": "127.0.0.1",
        "NEWS_SUMMARY_FILE": str(work / "summary.json"),
    })


def test_crawl_finishes_in_bounded_time(run: FaultRun) -> None:
    """The crawl ends by itself, cleanly, well inside the deadline."""
    assert run.returncode == 0, run.log[-3000:]
    assert run.stats.get("finish_reason") == "finished"
    assert run.seconds < 90


def test_every_readable_article_is_written_exactly_once(run: FaultRun) -> None:
    """Records expected == records written; nothing lost, nothing duplicated."""
    for page in site.PAGES:
        found = run.records_for(page)
        if page.readable:
            assert len(found) == 1, (page.slug, len(found))
    rows = table_rows(run)
    assert sum(r["lost"] for r in rows) == 0
    assert sum(r["duplicates"] for r in rows) == 0
    assert len(run.records) == sum(p.readable for p in site.PAGES)


def test_transient_faults_are_injected_then_recovered_by_retry(run: FaultRun) -> None:
    """Each transient page failed first (the server says so) and still has its record."""
    transient = [p for p in site.PAGES if p.mode == site.TRANSIENT]
    assert len(transient) == 7
    for page in transient:
        assert run.injected[page.kind] >= 1, page.kind
        assert run.records_for(page), page.slug
    assert run.stats.get("retry/count", 0) >= len(transient)


def test_retry_after_is_waited_out_before_the_retry(run: FaultRun) -> None:
    """429 and 503 carry Retry-After: 1; the retry comes at least a second later."""
    for slug in ("http-429-transient", "http-503-transient"):
        times = [h.time for h in run.hits if h.path == site.page(slug).path]
        assert len(times) == 2, slug
        assert times[1] - times[0] >= 0.95, (slug, times[1] - times[0])
    assert run.stats.get("news/retry_after/waits", 0) >= 2


def test_permanent_failures_are_retried_only_when_worth_it(run: FaultRun) -> None:
    """5xx, timeouts, resets, data loss: retried (3 attempts); 403/404: asked once."""
    attempts = {p.slug: sum(1 for h in run.hits if h.path.split("?")[0] == p.path)
                for p in site.PAGES}
    for slug in ("http-500-always", "timeout-always", "reset-always", "truncated-always"):
        assert attempts[slug] == 3, (slug, attempts[slug])
    for slug in ("http-403-always", "http-404-always", "pdf-at-article-url", "empty-200"):
        assert attempts[slug] == 1, (slug, attempts[slug])


def test_every_failure_is_counted_by_kind_in_the_stats(run: FaultRun) -> None:
    """Each unreadable fault shows up under news/failures/<kind>."""
    missing = {kind: stat for kind, stat in FAILURE_STATS.items()
               if not run.stats.get(f"news/failures/{stat}")}
    assert not missing, sorted(k for k in run.stats if k.startswith("news/failures/"))
    assert run.stats.get("offsite/filtered", 0) >= 2  # the off-site redirect and meta refresh


def test_the_run_summary_counts_failures_by_kind(run: FaultRun) -> None:
    """The summary (log and JSON file) lists the same failure counts as the stats."""
    summary: dict[str, Any] = json.loads((run.output.parent / "summary.json").read_text("utf-8"))
    failures = summary["failures"]
    for stat in set(FAILURE_STATS.values()):
        assert failures.get(stat, 0) == run.stats[f"news/failures/{stat}"], stat
    assert failures.get("offsite") == run.stats["offsite/filtered"]
    assert summary["records_written"] == len(run.records)
    assert "Run summary" in run.log


def test_nothing_off_site_off_scheme_disallowed_or_leaked(run: FaultRun) -> None:
    """No off-site request, no XML parser network access, no /private/, no /etc/passwd anywhere."""
    assert leaks(run) == []
    assert run.injected["redirect_offsite"] == 1
    assert run.injected["meta_refresh_offsite"] == 1
    assert run.injected["meta_refresh_file_scheme"] == 1
    assert run.injected["offsite_request_received"] == 0
    assert not any(h.path.startswith("/etc/") for h in run.hits)


def test_hostile_xml_was_served_and_parsed_without_harm(run: FaultRun) -> None:
    """The bomb and XXE documents were fetched (so the parsers met them) and nothing expanded."""
    for kind in ("sitemap_entity_bomb", "sitemap_xxe", "feed_xxe"):
        assert run.injected[kind] == 1, kind
    assert run.injected["xml_parser_network_access"] == 0
    assert "lollollol" not in run.log
    # the URLs inside the hostile documents were read, with every entity reference left out
    paths = {h.path for h in run.hits}
    for leak in ("bomb-target.html?lol=", "xxe-leak.html?x=", "feed-leak.html?x="):
        assert f"/news/2025/09/03/{leak}" in paths, leak


def test_size_caps_bound_downloads_and_decompression(run: FaultRun) -> None:
    """The gzip bombs (page and .xml.gz sitemap, 2 GiB inflated each) and the 50 MB page are
    dropped; the crawler stays small."""
    assert "exceeded DOWNLOAD_MAXSIZE" in run.log and "during decompression" in run.log
    # served, and not fetched again and again (one timeout retry on a loaded machine is fine)
    assert 1 <= run.injected["sitemap_gzip_bomb"] <= 2
    assert run.stats.get("news/failures/bad_sitemap", 0) >= 1
    assert 0 < run.max_rss_mb < MAX_RSS_MB, run.max_rss_mb
    assert not run.records_for(site.page("gzip-bomb"))


def test_mislabelled_charsets_still_decode_sensibly(run: FaultRun) -> None:
    """cp1252 bytes labelled UTF-8, UTF-8 labelled cp1252, no label: the accents come out right."""
    for slug in ("charset-cp1252-as-utf8", "charset-utf8-as-cp1252", "charset-missing"):
        (record,) = run.records_for(site.page(slug))
        for word in site.ACCENTED:
            assert word in record["text"], (slug, word, record["text"][-120:])
        assert "\ufffd" not in record["text"] and "Ã" not in record["text"], slug


def test_no_credentials_or_control_endpoints_in_the_log(run: FaultRun) -> None:
    """The HTTP auth password is never logged; telnet and remote control never listen."""
    assert SECRET not in run.log
    assert "Telnet console listening" not in run.log
    assert "remote control" not in run.log.lower().replace("remote_control_enabled", "")


def test_every_jsonl_file_is_valid(run: FaultRun) -> None:
    """Whole lines of JSON objects only."""
    for path in run.files:
        raw = Path(path).read_bytes()
        assert raw.endswith(b"\n")
        for line in raw.decode("utf-8").splitlines():
            assert isinstance(json.loads(line), dict)
