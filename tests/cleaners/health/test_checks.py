"""cleaners.health: figures from stats, thresholds, checks, and health in run manifests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaners.archive.manifest import RunManifest
from cleaners.health import (
    HealthError,
    Thresholds,
    evaluate,
    health_figures,
    iter_run_health,
    record_flags,
    record_health,
    site_history,
)


def test_record_flags() -> None:
    """Undated, weak date, no sub-heading, short, warnings, artefacts."""
    record = {"date": "2025-09-03", "date_source": "url", "word_count": 20,
              "sections": [{"heading": None}, {"heading": "Next"}],
              "cleaning": {"warnings": ["x"], "template_blocks_removed": 1}}
    assert record_flags(record) == {"undated": False, "weak_date": True, "no_subheading": False,
                                    "short": True, "warnings": True, "artefacts": True}
    assert record_flags({"date": None, "sections": [{"heading": None}], "word_count": 500}) == {
        "undated": True, "weak_date": False, "no_subheading": True, "short": False,
        "warnings": False, "artefacts": False}


def test_health_figures_from_stats() -> None:
    """Pages by kind, found = written + unchanged + known, shares over records, HTTP errors."""
    stats = {"news/health/pages/article": 4, "news/health/pages/sitemap": 1,
             "news/articles_written": 4, "news/duplicates_skipped": 1, "news/skipped_seen": 5,
             "news/health/records": 4, "news/health/records/undated": 1,
             "news/health/sections": 10, "news/health/subheadings": 6,
             "downloader/response_status_count/200": 5,
             "downloader/response_status_count/404": 2,
             "downloader/response_status_count/503": 1, "retry/count": 2,
             "robotstxt/forbidden": 3}
    health = health_figures(stats)
    assert health["pages"] == {"article": 4, "sitemap": 1} and health["pages_fetched"] == 5
    assert health["articles_found"] == 10
    assert health["shares"]["undated"] == 0.25 and health["shares"]["short"] == 0.0
    assert health["sections_per_article"] == 2.5 and health["subheadings_per_article"] == 1.5
    assert health["http_errors"] == 3 and health["http_status"] == {"404": 2, "503": 1}
    assert (health["retries"], health["robots_forbidden"]) == (2, 3)
    assert health_figures({})["shares"]["undated"] is None


def _health(found: int, records: int = 10, undated: float = 0.0) -> dict:
    return {"articles_found": found, "records": records,
            "shares": {"undated": undated, "no_subheading": 0.0}}


def test_checks_pass_fail_and_nothing_to_judge() -> None:
    """Each check names value, threshold and reason; no records or history passes."""
    limits = Thresholds(min_articles=5, max_undated=0.2, max_no_sections=0.5, max_drop=0.5)
    by_name = {c.name: c for c in evaluate(_health(3, undated=0.5), limits, [10, 12, 8])}
    assert not by_name["article_count"].passed
    assert by_name["article_count"].reason == "3 articles found, fewer than 5"
    assert not by_name["undated_share"].passed and by_name["undated_share"].value == 0.5
    drop = by_name["drop_against_median"]
    assert (drop.passed, drop.value) == (False, 0.7)
    assert "median of 10 over the last 3 runs" in drop.reason
    assert by_name["no_sections_share"].passed
    quiet = {c.name: c for c in evaluate(_health(0, records=0) | {"shares": {}}, limits, [9, 9])}
    assert quiet["undated_share"].passed and quiet["undated_share"].value is None
    assert quiet["drop_against_median"].passed
    assert quiet["drop_against_median"].reason == (
        "2 earlier runs of the site, 3 needed to compare with")


def test_a_backfill_run_is_outvoted_by_the_median() -> None:
    """Run 1 read every listing page (70), incremental runs find 14: no alarm once judged."""
    limits = Thresholds()
    drops = [next(c for c in evaluate(_health(14), limits, history[:n])
                  if c.name == "drop_against_median") for n, history in
             ((1, [70]), (2, [70, 14]), (3, [70, 14, 14]))]
    assert [(c.passed, c.value) for c in drops] == [(True, None), (True, None), (True, 0.0)]


def test_a_distributed_worker_is_not_judged_by_counts() -> None:
    """A worker's share of a distributed run varies: count checks pass, saying why."""
    checks = {c.name: c for c in evaluate(_health(0) | {"distributed": True}, Thresholds(),
                                          [50, 50, 50])}
    assert checks["article_count"].passed and checks["drop_against_median"].passed
    assert "distributed" in checks["article_count"].reason


def test_drop_uses_the_last_history_runs_only() -> None:
    """The median is over the last ``history_runs`` earlier runs."""
    limits = Thresholds(history_runs=2, min_history=2, max_drop=0.5)
    check = {c.name: c for c in evaluate(_health(6), limits, [100, 100, 10, 10])}
    assert check["drop_against_median"].passed and check["drop_against_median"].value == 0.4


def test_a_switched_off_check_is_left_out() -> None:
    """A threshold of None removes its check (max_no_sections is None by default)."""
    limits = Thresholds(min_articles=None, max_no_sections=0.5, max_drop=None)
    names = [c.name for c in evaluate(_health(0), limits)]
    assert names == ["undated_share", "no_sections_share"]


@pytest.mark.parametrize(("values", "message"), [
    ({"max_undated": 1.5}, "max_undated must be a share between 0 and 1, got 1.5"),
    ({"min_articles": -1}, "min_articles must be a non-negative integer"),
    ({"min_articles": "many"}, "min_articles must be a non-negative integer"),
    ({"history_runs": 0}, "history_runs must be a non-negative integer (at least 1)"),
    ({"min_history": None}, "min_history must be a non-negative integer (at least 1)"),
    ({"max_undatd": 0.1}, "unknown monitoring key(s): max_undatd"),
])
def test_bad_thresholds_are_named(values: dict, message: str) -> None:
    """The source, key and value are in the message."""
    with pytest.raises(HealthError, match="^sites/x.toml: ") as info:
        Thresholds().updated(values, source="sites/x.toml")
    assert message in str(info.value)


def test_health_in_manifests_and_site_history(tmp_path: Path) -> None:
    """record_health adds the keys atomically; history reads finished runs of the site."""
    for number, (site, found, status) in enumerate(
            [("a", 10, "finished"), ("b", 99, "finished"), ("a", 20, "failed"),
             ("a", 30, "finished")]):
        manifest = RunManifest(run_id=f"2026120{number}T000000.000000Z-00000{number}",
                               status=status, started_at=f"2026-12-0{number}T00:00:00Z")
        manifest.save(tmp_path)
        health = {"site": site, **_health(found)}
        checks = evaluate(health, Thresholds())
        record_health(tmp_path, manifest.run_id, health=health, checks=checks, healthy=True,
                      thresholds=Thresholds())
    runs = list(iter_run_health(tmp_path, "a"))
    assert [r.health["articles_found"] for r in runs] == [10, 20, 30]
    assert site_history(tmp_path, "a") == [10, 30]
    assert site_history(tmp_path, "a", before=runs[-1].run_id) == [10]
    saved = json.loads(next((tmp_path / "_runs").glob("*-000000.json")).read_text())
    assert saved["healthy"] is True and saved["status"] == "finished"
    assert saved["checks"][0]["name"] == "article_count" and "thresholds" in saved
    assert not list((tmp_path / "_runs").glob(".*"))  # no temporary file left


def test_an_unreadable_manifest_is_skipped_with_a_warning(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A torn manifest does not stop reading the others."""
    test_health_in_manifests_and_site_history(tmp_path)
    (tmp_path / "_runs" / "20261209T000000.000000Z-bad000.json").write_text('{"run_id": ')
    assert len(list(iter_run_health(tmp_path))) == 4
    assert "20261209T000000.000000Z-bad000.json: unreadable run manifest skipped" in caplog.text


def test_record_health_without_a_manifest_names_the_run(tmp_path: Path) -> None:
    """No manifest: HealthError naming the path and run."""
    with pytest.raises(HealthError, match="no manifest of run '20261201T000000.000000Z-abcdef'"):
        record_health(tmp_path, "20261201T000000.000000Z-abcdef", health={}, checks=(),
                      healthy=False, thresholds=Thresholds())
