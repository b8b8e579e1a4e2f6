"""Loaders for the four public benchmark sets in ``<repo>/../shared/benchmarks``.

The data is read in place and never copied into the repository. ``NEWSCLEAN_BENCHMARKS``
overrides the location.
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
ENV_VAR = "NEWSCLEAN_BENCHMARKS"
SETS = ("aeb", "fundus", "fundus-eval", "evaldev")
AEB_DIR = "article-extraction-benchmark"
FUNDUS_DIR = "fundus"
FUNDUS_EVAL_DIR = "fundus-evaluation"
EVALDEV_DIR = "trafilatura-eval-dev"


@dataclass(frozen=True)
class Case:
    """One benchmark page: its HTML file and the expected extraction.

    ``expected`` depends on the set: AEB ``{"body": str}``; fundus ``{"title", "published",
    "summary", "sections": [{"headline": [...], "paragraphs": [...]}]}``; fundus-eval
    ``{"paragraphs": [...]}``; evaldev ``{"with": [...], "without": [...], "title", "date"}``.
    """

    set: str
    id: str
    url: str
    html_path: Path
    expected: dict = field(hash=False)

    def read_html(self) -> str:
        """The page's HTML, decoded from gzip (evaldev: bytes as fetched, charset sniffed)."""
        if self.set == "evaldev":
            return read_gzip_sniffed(self.html_path)
        return read_gzip_text(self.html_path)


def read_gzip_text(path: Path) -> str:
    """Decode a (possibly gzipped) UTF-8 file, replacing invalid bytes."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def read_gzip_sniffed(path: Path) -> str:
    """Decode a gzipped page stored as fetched: BOM, ``<meta charset>``, UTF-8, detection
    (the cleaner's own decoder, so both tools get the same string); UTF-8 with replacement
    characters when nothing fits."""
    data = gzip.decompress(path.read_bytes())
    try:
        from cleaners.steps.parse import decode_bytes

        return decode_bytes(data, source=str(path))
    except Exception:  # noqa: BLE001 - undecodable pages are still scored, as trafilatura does
        return data.decode("utf-8", errors="replace")


def benchmarks_root() -> Path:
    """Benchmark data root: ``$NEWSCLEAN_BENCHMARKS`` or ``<repo>/../shared/benchmarks``."""
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else REPO_ROOT.parent / "shared" / "benchmarks"


def load_aeb(root: Path, limit: int | None = None) -> list[Case]:
    """The 181 article-extraction-benchmark pages with their ``articleBody``."""
    base = root / AEB_DIR
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    cases = [
        Case("aeb", page_id, item.get("url") or "", base / "html" / f"{page_id}.html.gz",
             {"body": item.get("articleBody") or ""})
        for page_id, item in sorted(truth.items())
    ]
    return cases[:limit] if limit else cases


def load_fundus(root: Path, limit: int | None = None) -> list[Case]:
    """The 258 Fundus fixture pages, paired to their expected JSON by ``manifest.json``."""
    base = root / FUNDUS_DIR
    manifest = json.loads((base / "manifest.json").read_text(encoding="utf-8"))
    entries: dict[str, dict] = {}
    cases = []
    for rec in manifest[:limit] if limit else manifest:
        if rec["json"] not in entries:
            entries[rec["json"]] = json.loads((base / rec["json"]).read_text(encoding="utf-8"))
        entry = entries[rec["json"]][rec["version"]]
        body = entry.get("body") or {}
        expected = {
            "title": entry.get("title") or "",
            "published": entry.get("publishing_date"),
            "summary": list(body.get("summary") or []),
            "sections": [{"headline": list(s.get("headline") or []),
                          "paragraphs": list(s.get("paragraphs") or [])}
                         for s in body.get("sections") or []],
        }
        page_id = Path(rec["html"]).relative_to("test_data").as_posix().removesuffix(".html.gz")
        cases.append(Case("fundus", page_id, rec["url"], base / rec["html"], expected))
    return cases


def load_fundus_eval(root: Path, limit: int | None = None) -> list[Case]:
    """The 80 fundus-evaluation pages with their manually extracted paragraphs."""
    base = root / FUNDUS_EVAL_DIR / "dataset"
    truth = json.loads((base / "ground_truth.json").read_text(encoding="utf-8"))
    cases = [
        Case("fundus-eval", name.removesuffix(".html.gz"), item.get("url") or "",
             base / "html" / name, {"paragraphs": list(item["body"])})
        for name, item in sorted(truth.items(), key=lambda kv: _natural_key(kv[0]))
    ]
    return cases[:limit] if limit else cases


def load_evaldev(root: Path, limit: int | None = None) -> list[Case]:
    """The 487 trafilatura-eval-dev pages with their snippets, title and date."""
    base = root / EVALDEV_DIR
    truth = json.loads((base / "truth.json").read_text(encoding="utf-8"))
    cases = [
        Case("evaldev", item["id"], item.get("url") or "", base / item["page"],
             {"with": list(item.get("with") or []), "without": list(item.get("without") or []),
              "title": item.get("title"), "date": item.get("date")})
        for item in truth
    ]
    return cases[:limit] if limit else cases


def _natural_key(name: str) -> tuple[str, int]:
    stem = name.removesuffix(".html.gz")
    publisher, _, index = stem.rpartition("_")
    return publisher, int(index) if index.isdigit() else 0


LOADERS = {"aeb": load_aeb, "fundus": load_fundus, "fundus-eval": load_fundus_eval,
           "evaldev": load_evaldev}


def load_set(name: str, root: Path | None = None, limit: int | None = None) -> list[Case]:
    """Load one set by name (``aeb``, ``fundus``, ``fundus-eval`` or ``evaldev``)."""
    return LOADERS[name](root or benchmarks_root(), limit)


def fundus_paragraphs(expected: dict) -> list[str]:
    """Expected body paragraphs of a fundus page: summary, then every section's paragraphs."""
    pars = list(expected["summary"])
    for section in expected["sections"]:
        pars.extend(section["paragraphs"])
    return pars


def fundus_headings(expected: dict) -> list[str]:
    """Expected sub-headings of a fundus page, in order."""
    return [h for section in expected["sections"] for h in section["headline"]]
