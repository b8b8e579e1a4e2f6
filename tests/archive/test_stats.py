"""newsclean stats: figures per site and day, the table, and the PNG chart."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cleaners.archive.stats import compute_stats, format_table
from tests.archive.factory import make_record, put

REPO = Path(__file__).resolve().parents[2]


def small_archive(root: Path) -> None:
    """demo: 2 articles on 09-01 (one edited), 1 on 09-02, 1 undated; other: 1 on 09-02."""
    put(root, [make_record(1, date="2025-09-01", sections=3, words=10, blocks=2, tokens=1)])
    put(root, [make_record(2, date="2025-09-01", sections=1, words=20)])
    put(root, [make_record(1, date="2025-09-01", revision=2, sections=2, words=10, blocks=1)])
    put(root, [make_record(3, date="2025-09-02"), make_record(4, date=None)])
    put(root, [make_record(5, site="other", date="2025-09-02", tokens=4)])


def test_figures_per_site_and_day(tmp_path: Path) -> None:
    small_archive(tmp_path)
    stats = {(s.site, s.day): s for s in compute_stats(tmp_path)}
    assert list(stats) == [
        ("demo", "2025-09-01"), ("demo", "2025-09-02"), ("other", "2025-09-02"), ("demo", None)
    ]  # fmt: skip
    d1 = stats["demo", "2025-09-01"]
    assert (d1.articles, d1.revisions, d1.sections_per_article) == (2, 3, 1.5)
    assert (d1.template_blocks, d1.template_tokens) == (1, 0)  # newest revision of article 1
    newest = (
        make_record(1, revision=2, sections=2, words=10),
        make_record(2, words=20, sections=1),
    )
    assert d1.words == sum(r["word_count"] for r in newest)
    assert stats["other", "2025-09-02"].template_tokens == 4
    assert stats["demo", None].articles == 1
    assert [s.site for s in compute_stats(tmp_path, site="other")] == ["other"]


def test_table_readable(tmp_path: Path) -> None:
    small_archive(tmp_path)
    table = format_table(compute_stats(tmp_path))
    lines = table.splitlines()
    assert lines[0].split() == [
        "site", "day", "articles", "revisions", "sect/art", "words", "tmpl", "blocks", "tmpl",
        "tokens",
    ]  # fmt: skip
    assert any(line.split()[:3] == ["demo", "undated", "1"] for line in lines)
    assert "demo total   2 days, 1 undated" in table
    assert "other total  1 day, 0 undated" in table
    assert lines[2].split()[:5] == ["demo", "2025-09-01", "2", "3", "1.5"]


def test_cli_table_and_png(tmp_path: Path) -> None:
    small_archive(tmp_path / "out")
    png = tmp_path / "chart.png"
    proc = subprocess.run(
        [sys.executable, "-m", "cleaners", "stats", str(tmp_path / "out"), "--png", str(png)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "2025-09-02" in proc.stdout and "other total" in proc.stdout
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 5000


def test_cli_empty_and_missing_root(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "cleaners", "stats"]
    empty = subprocess.run([*run, str(tmp_path)], cwd=REPO, capture_output=True, text=True)
    assert empty.returncode == 0 and "no records" in empty.stderr
    missing = subprocess.run([*run, str(tmp_path / "nope")], cwd=REPO, capture_output=True)
    assert missing.returncode == 1
