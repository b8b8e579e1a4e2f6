"""``newsclean health ROOT``: table per site and run, failed checks, --png, --check, status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaners.archive.manifest import RunManifest
from cleaners.cli import main
from cleaners.health import Thresholds, evaluate, record_health


def _run(root: Path, number: int, site: str, *, found: int, undated: float,
         sections: float) -> str:
    manifest = RunManifest(run_id=f"2026120{number}T010000.000000Z-{site[:3]}00{number}",
                           status="finished", started_at=f"2026-12-0{number}T01:00:00.000000Z")
    manifest.save(root)
    health = {"site": site, "pages_fetched": found + 3, "articles_found": found,
              "articles_written": found, "records": found, "sections_per_article": sections,
              "shares": {"undated": undated, "no_subheading": 0.0}, "http_errors": 1}
    checks = evaluate(health, Thresholds(), [])
    record_health(root, manifest.run_id, health=health, checks=checks,
                  healthy=all(c.passed for c in checks), thresholds=Thresholds())
    return manifest.run_id


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """Two sites; 'gazette' is redesigned on run 3 (undated from then on)."""
    for n in (1, 2, 3):
        _run(tmp_path, n, "gazette", found=10, undated=0.9 if n == 3 else 0.0,
             sections=1.0 if n == 3 else 3.0)
        _run(tmp_path, n, "herald", found=5, undated=0.0, sections=2.0)
    return tmp_path


def test_table_names_failed_checks(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One row per run, the redesigned run FAIL with its check; exit 0 without --check."""
    assert main(["health", str(archive)]) == 0
    out, err = capsys.readouterr()
    rows = [line for line in out.splitlines() if line.startswith(("gazette", "herald"))]
    assert len(rows) == 6
    assert "FAIL" in rows[2] and rows[2].endswith("undated_share") and "90%" in rows[2]
    assert all(" ok " in row for row in rows[:2] + rows[3:])
    assert "latest run of gazette (20261203T010000.000000Z-gaz003) is unhealthy: undated_share" \
        in err


def test_check_site_png_and_status_file(archive: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """--check exits 3 for an unhealthy latest run; --site narrows; files written."""
    png, status = tmp_path / "trend.png", tmp_path / "state" / "health.json"
    code = main(["health", str(archive), "--check", "--png", str(png),
                 "--status-file", str(status)])
    assert code == 3
    capsys.readouterr()
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    verdicts = json.loads(status.read_text())
    assert verdicts["gazette"]["healthy"] is False
    assert verdicts["gazette"]["failed"] == ["undated_share"]
    assert verdicts["herald"] == {"run_id": "20261203T010000.000000Z-her003",
                                  "started_at": "2026-12-03T01:00:00.000000Z",
                                  "status": "finished", "healthy": True, "failed": []}
    assert main(["health", str(archive), "--site", "herald", "--check", "--last", "2"]) == 0
    out = capsys.readouterr().out
    assert "gazette" not in out and out.count("herald ") == 2


def test_unknown_site_and_missing_root(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A site without runs is named (and fails --check); a missing root is exit 1."""
    assert main(["health", str(archive), "--site", "nope", "--check"]) == 3
    assert "no runs with health figures for site 'nope'" in capsys.readouterr().err
    assert main(["health", str(archive / "missing")]) == 1
    assert "no such archive folder" in capsys.readouterr().err
