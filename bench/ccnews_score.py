"""Quality of CC-NEWS outputs against the benchmark truth, for ``bench.ccnews``.

Each tool's output (newsclean's dated archive, news-please's or fundus's JSON lines written by
the drivers in ``bench/drivers/``) is read into one comparable extraction per URL
(``bench.runners``' output dict) and scored with the same functions as ``make bench`` and
``python -m bench.widgetinject``:

* AEB body F1: ``bench.evaluate.score_aeb`` per page, ``bench.report.summarize_aeb`` over them
  (4-gram shingles, macro-averaged; newsclean's better of text with and without headings, as
  ``make bench`` reports it);
* fundus sub-heading F1 (micro) and date accuracy: ``bench.evaluate.score_fundus``,
  ``bench.report.summarize_fundus``;
* template residue: on the fundus pages with injected widgets (``bench.widgetinject.inject``),
  the residue strings found in the tool's text, whitespace-normalised, as
  ``bench.widgetinject`` counts them.

A truth page the tool wrote nothing for scores as an empty extraction (``scope="all"``), or is
left out (``scope="output"``: for fundus, which only extracts its own publishers).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from bench.datasets import Case
from bench.evaluate import score_aeb, score_fundus
from bench.report import summarize_aeb, summarize_fundus
from bench.runners import Extraction, empty_extraction, record_to_extraction
from bench.scoring import normalize_space


@dataclass(frozen=True)
class TruthPage:
    """One page of the CC-NEWS-like files: its URL, its benchmark case, and for a page with
    injected widgets (``widget=True``) the residue strings the widgets left in the HTML."""

    url: str
    case: Case
    widget: bool = False
    residue: tuple[str, ...] = ()


@dataclass
class Quality:
    """The quality figures of one tool's output."""

    aeb_f1: float
    aeb_pages: int
    heading_f1: float
    date_accuracy: float
    fundus_pages: int
    residue_left: int
    residue_total: int
    widget_pages: int
    pages_out: int  # truth pages the tool wrote an article for
    pages_in: int  # truth pages scored
    extra: dict = field(default_factory=dict)


def read_jsonl(path: Path) -> Iterator[dict]:
    """The JSON objects of a JSON-lines file; a line that is not one is a clear error."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not a JSON line ({exc.msg})") from None


def newsclean_outputs(root: Path) -> dict[str, Extraction]:
    """URL -> extraction of every record in a newsclean archive (``<root>/<site>/*.jsonl``,
    per-worker files too; ``_``-folders are the archive's own)."""
    out = {}
    for path in sorted(root.glob("*/*.jsonl")):
        if path.parent.name.startswith("_"):
            continue
        for record in read_jsonl(path):
            out[record["url"]] = record_to_extraction(record)
    return out


def driver_extraction(line: dict) -> Extraction:
    """A news-please or fundus driver line (``url``, ``maintext``, ``title``,
    ``date_publish``, fundus also ``headings``) as the comparable output dict. news-please's
    ``maintext`` is plain text with no heading markup, so it has no sub-headings; its
    ``date_publish`` is ``YYYY-MM-DD HH:MM:SS``, fundus's an ISO timestamp."""
    text = line.get("maintext") or ""
    headings = [normalize_space(h) for h in line.get("headings") or [] if h.strip()]
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    heading_set = set(headings)
    body = [ln for ln in lines if normalize_space(ln) not in heading_set]
    date = line.get("date_publish")
    return {**empty_extraction(), "text": text, "text_no_headings": "\n".join(body),
            "lines": lines, "headings": headings, "title": line.get("title"),
            "date": str(date)[:10] if date else None}


def driver_outputs(path: Path) -> dict[str, Extraction]:
    """URL -> extraction of every line a driver wrote."""
    return {line["url"]: driver_extraction(line) for line in read_jsonl(path)}


def residue_left(page: TruthPage, out: Extraction) -> list[str]:
    """The page's residue strings found in the tool's text (lead included)."""
    full = out["text"] or ""
    if out.get("lead") and out["lead"] not in full:
        full = f"{out['lead']}\n{full}"
    flat = normalize_space(full)
    return [r for r in page.residue if normalize_space(r) in flat]


def score(truth: Iterable[TruthPage], outputs: dict[str, Extraction],
          scope: Literal["all", "output"] = "all", tool: str = "other") -> Quality:
    """The quality figures of ``outputs`` over the truth pages (see the module docstring);
    ``tool="ours"`` lets the AEB figure take newsclean's better text variant."""
    aeb, fundus, widgets = [], [], []
    pages_in = pages_out = 0
    for page in truth:
        out = outputs.get(page.url)
        if out is None and scope == "output":
            continue
        pages_in += 1
        pages_out += out is not None
        out = out or empty_extraction("no output")
        if page.widget:
            widgets.append((page, residue_left(page, out)))
        elif page.case.set == "aeb":
            aeb.append({"tools": {tool: score_aeb(page.case, out)}})
        elif page.case.set == "fundus":
            fundus.append({"tools": {tool: score_fundus(page.case, out)}})
    a = summarize_aeb(aeb, tool) if aeb else {"f1": float("nan")}
    f = summarize_fundus(fundus, tool) if fundus else {"heading_f1": float("nan"),
                                                       "date_accuracy": float("nan")}
    return Quality(
        aeb_f1=a["f1"], aeb_pages=len(aeb), heading_f1=f["heading_f1"],
        date_accuracy=f["date_accuracy"], fundus_pages=len(fundus),
        residue_left=sum(len(left) for _, left in widgets),
        residue_total=sum(len(p.residue) for p, _ in widgets), widget_pages=len(widgets),
        pages_out=pages_out, pages_in=pages_in)
