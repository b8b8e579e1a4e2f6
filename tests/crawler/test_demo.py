"""``python -m crawler.demo`` (``make demo``): offline crawl, summary, idempotent second run."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from cleaners.validate import validate_record
from tests.support.scrapyproc import REPO, scrapy_env

ARTEFACT_MARKERS = ("{{", "}}", "{%", "<<", "@lang", "trans(", "<%", "[[", "{!!", "__(",
                    "customs.", "Vul een geldig emailadres")


def _demo(out: Path) -> subprocess.CompletedProcess[str]:
    env = scrapy_env(output=out)  # NEWSCLEAN_OUTPUT_DIR, honoured by the demo
    return subprocess.run([sys.executable, "-m", "crawler.demo"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60)


def test_demo_twice(tmp_path: Path) -> None:
    """Per-day files, valid records, the clean seed article; the second run fetches no article."""
    started = time.monotonic()
    first = _demo(tmp_path)
    assert first.returncode == 0, first.stderr[-3000:]
    assert time.monotonic() - started < 60
    files = sorted((tmp_path / "demo").glob("*.jsonl"))
    assert [p.stem for p in files] == ["2025-09-01", "2025-09-02", "2025-09-03", "2025-09-04"]
    records = [json.loads(line) for p in files for line in p.read_text("utf-8").splitlines()]
    assert len(records) >= 30 and {r["language"] for r in records} >= {"nl", "en"}
    for record in records:
        validate_record(record)
        for marker in ARTEFACT_MARKERS:
            assert marker not in record["text"], (record["url"], marker)
    # inline tokens are cut out of real sentences, the sentences stay
    assert sum(r["cleaning"]["template_tokens_removed"] for r in records) >= 1
    assert any("De redactie volgt het nieuws op de voet." in r["text"] for r in records)
    seed = next(r for r in records if "xi-poetin" in r["url"])
    assert seed["date"] == "2025-09-03"
    assert [s["heading"] for s in seed["sections"]] == [
        None, "Gesprekken over Oekraïne", "Bijeenkomst van geïsoleerde leiders", "Reactie Trump"]
    assert seed["cleaning"]["template_blocks_removed"] >= 1
    assert not any("embargo" in r["url"] for r in records)  # robots.txt Disallow
    assert "articles written" in first.stdout and str(tmp_path / "demo") in first.stdout
    assert "Run health: healthy; trends: newsclean health" in first.stdout
    second = _demo(tmp_path)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "0 articles written, 36 known articles not fetched again" in second.stdout
    again = [line for p in files for line in p.read_text("utf-8").splitlines()]
    assert len(again) == len(records)
