"""``newsclean clean`` and ``newsclean validate`` as a user runs them: real subprocesses."""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaners.validate import validate_record

NEWSCLEAN = str(Path(sys.executable).with_name("newsclean"))
ROOT = Path(__file__).resolve().parents[2]
SEED_TXT = ROOT / "crawler" / "demo_site" / "seed-article.txt"
SEED_HTML = Path(__file__).parent / "data" / "seed-article.html"
HEADINGS = [
    None,
    "Gesprekken over Oekraïne",
    "Bijeenkomst van geïsoleerde leiders",
    "Reactie Trump",
]


def run(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed console script; text output."""
    proc = subprocess.run(
        [NEWSCLEAN, *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


def records(stdout: str) -> list[dict]:
    """Every stdout line parsed and validated against the schema."""
    out = [json.loads(line) for line in stdout.splitlines()]
    for record in out:
        validate_record(record)
    return out


@pytest.fixture()
def good(tmp_path: Path) -> Path:
    """A folder with the seed as .txt, .html and .html.gz (nested), plus a file to ignore."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SEED_TXT, folder / "a-seed.txt")
    shutil.copy(SEED_HTML, folder / "b-seed.html")
    (folder / "sub" / "c-seed.html.gz").write_bytes(gzip.compress(SEED_HTML.read_bytes()))
    (folder / "notes.md").write_text("not an input")
    return folder


def test_seed_text_to_stdout() -> None:
    result = run("clean", str(SEED_TXT))
    assert result.returncode == 0, result.stderr
    [record] = records(result.stdout)
    assert record["date"] == "2025-09-03" and record["date_source"] == "input"
    assert [s["heading"] for s in record["sections"]] == HEADINGS
    assert record["source"] == str(SEED_TXT)
    assert "{{" not in record["text"] and "Vul een geldig" not in record["text"]
    assert result.stderr.strip().endswith("newsclean: 1 cleaned, 0 failed")


def test_folder_recursive_sorted_with_gzip(good: Path) -> None:
    result = run("clean", str(good), "--site", "demo")
    assert result.returncode == 0, result.stderr
    got = records(result.stdout)
    assert [Path(r["source"]).name for r in got] == ["a-seed.txt", "b-seed.html", "c-seed.html.gz"]
    assert all(r["site"] == "demo" for r in got)
    assert all([s["heading"] for s in r["sections"]] == HEADINGS for r in got)


def test_parallel_jobs_keep_input_order(good: Path, tmp_path: Path) -> None:
    for i in range(6):
        html = SEED_HTML.read_bytes().replace(b"Reactie Trump", f"Reactie {i}".encode())
        (good / f"d-{i}.html").write_bytes(html)
    result = run("clean", str(good), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    sources = [r["source"] for r in records(result.stdout)]
    assert sources == sorted(sources) and len(sources) == 9
    assert [r["sections"][-1]["heading"] for r in records(result.stdout)][2:8] == [
        f"Reactie {i}" for i in range(6)
    ]


def test_stdin_and_url(tmp_path: Path) -> None:
    result = run(
        "clean", "-", "--url", "https://www.krant.example/a/1", stdin=SEED_HTML.read_bytes()
    )
    assert result.returncode == 0, result.stderr
    [record] = records(result.stdout)
    assert record["source"] == "-"
    assert record["url"] == "https://www.krant.example/a/1"
    assert record["canonical_url"] == "https://www.krant.example/buitenland/xi-poetin-kim-peking"


def test_output_file_written_whole(good: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run("clean", str(good), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert len(records(out.read_text("utf-8"))) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.jsonl"]  # no temp file left


def make_bad_inputs(folder: Path) -> dict[str, str]:
    """Bad files next to a good one; name -> expected words of the reason."""
    folder.mkdir(exist_ok=True)
    (folder / "empty.html").write_bytes(b"")
    (folder / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    rng = random.Random(7)
    junk = bytes(rng.choice([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xC1, 0xF5, 0xFF]) for _ in range(4000))
    (folder / "invalid-utf8.html").write_bytes(b"<html><meta charset='utf-8'><p>" + junk)
    (folder / "huge.html").write_bytes(
        b"<html><body><p>" + b"a" * 10_000_000 + b"</p></body></html>"
    )
    (folder / "deep.html").write_bytes(
        b"<html><body>" + b"<div>" * 100_000 + b"x" + b"</div>" * 100_000
    )
    (folder / "empty.txt").write_text("\n\n  \n")
    return {
        "empty.html": "empty",
        "binary.html": "binary",
        "invalid-utf8.html": "undecodable",
        "huge.html": "too large",
        "deep.html": "too deeply nested",
        "empty.txt": "empty",
    }


def test_bad_inputs_reported_others_cleaned(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    expected = make_bad_inputs(folder)
    shutil.copy(SEED_HTML, folder / "good.html")
    missing = tmp_path / "does-not-exist.html"
    result = run("clean", str(folder), str(missing), "--jobs", "2")
    assert result.returncode == 1
    [record] = records(result.stdout)
    assert Path(record["source"]).name == "good.html"
    lines = result.stderr.strip().splitlines()
    for name, reason in expected.items():
        [line] = [ln for ln in lines if ln.startswith(f"newsclean: {folder / name}: ")]
        assert reason in line, line
    assert any(ln.startswith(f"newsclean: {missing}: ") and "no such file" in ln for ln in lines)
    assert lines[-1] == f"newsclean: 1 cleaned, {len(expected) + 1} failed"


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.html"
    shutil.copy(SEED_HTML, path)
    path.chmod(0)
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:
        # root reads files whatever their mode: drop the capabilities that let it
        setpriv = shutil.which("setpriv")
        if setpriv is None and os.environ.get("CI") != "true":
            pytest.skip("running as root without setpriv (util-linux) to drop DAC override")
        assert setpriv is not None, (
            "setpriv (util-linux) is needed to test unreadable files as root"
        )
        prefix = (setpriv, "--bounding-set=-dac_override,-dac_read_search")
    result = subprocess.run(
        [*prefix, NEWSCLEAN, "clean", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1, result.stderr
    assert f"newsclean: {path}: permission denied" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("clean",),
        ("clean", "a.html", "b.html", "--url", "https://x.example/a"),
        ("clean", "a.html", "--jobs", "0"),
        ("clean", "-", "-"),
        ("nonsense",),
        ("validate",),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], tmp_path: Path) -> None:
    for name in ("a.html", "b.html"):
        shutil.copy(SEED_HTML, tmp_path / name)
    result = run(*args, cwd=tmp_path, stdin=b"")
    assert result.returncode == 2, result.stderr
    assert "usage:" in result.stderr


def test_validate_good_and_bad_lines(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    result = run("clean", str(SEED_TXT), str(SEED_HTML), "-o", str(good))
    assert result.returncode == 0, result.stderr
    ok = run("validate", str(good))
    assert ok.returncode == 0 and ok.stdout == ""
    assert "2 valid, 0 invalid" in ok.stderr

    lines = good.read_text("utf-8").splitlines()
    broken = json.loads(lines[1])
    broken["date"] = "yesterday"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([lines[0], json.dumps(broken), "{not json", "[1, 2]"]) + "\n", "utf-8")
    result = run("validate", str(bad), str(tmp_path / "missing.jsonl"))
    assert result.returncode == 1
    out = result.stdout.splitlines()
    assert out[0].startswith(f"{bad}:2: date:")
    assert out[1].startswith(f"{bad}:3: not valid JSON")
    assert out[2].startswith(f"{bad}:4: ")
    assert f"newsclean: {tmp_path / 'missing.jsonl'}: " in result.stderr
    assert "1 valid, 3 invalid" in result.stderr
