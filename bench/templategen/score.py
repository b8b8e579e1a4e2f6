"""Score newsclean and trafilatura on generated templates (``bench.templategen.generate``).

Both tools get the page's HTML string and URL through ``bench.runners.run_tool`` (the
same calls as the rest of ``make bench``): ours is ``cleaners.clean.clean_html`` (text =
``record["text"]`` with the lead, headings = ``sections[].heading``), trafilatura is
``bare_extraction(html, url=url, include_comments=False, with_metadata=True)`` (text =
``.text``, headings = the ``<head>`` elements of its XML body, ``.title``, ``.date``).

Per page and tool: date exact (YYYY-MM-DD), title exact and heading list exact (both
whitespace-normalised, case kept; a tool heading equal to the title is not counted as a
sub-heading), paragraphs found (truth paragraph, whitespace-normalised,
a substring of the whitespace-normalised text), residue strings left in the text.
"""

from __future__ import annotations

import re
from collections import Counter

from bench.runners import TOOLS, run_tool
from bench.templategen.generate import Page, generate

_WS = re.compile(r"\s+")


def norm(text: str | None) -> str:
    """Whitespace-normalised text."""
    return _WS.sub(" ", text or "").strip()


def score_page(page: Page, tool: str) -> dict:
    """One tool's result on one page."""
    out = run_tool(tool, page.html, page.url)
    text = norm(out["text"])
    found = [p for p in page.paragraphs if norm(p) in text]
    left = [r for r in page.residue if norm(r) in text]
    # a heading equal to the title is the title, not a sub-heading (trafilatura keeps the h1)
    headings = [norm(h) for h in out["headings"] if norm(h) != norm(page.title)]
    return {
        "date": out["date"], "date_ok": out["date"] == page.date,
        "title": out["title"], "title_ok": norm(out["title"]) == norm(page.title),
        "headings": headings, "headings_ok": headings == [norm(h) for h in page.headings],
        "paragraphs": len(page.paragraphs), "found": len(found),
        "missed": [p[:80] for p in page.paragraphs if p not in found],
        "residue": len(page.residue), "residue_left": left, "error": out["error"],
    }


def score_pages(pages: list[Page], tools: tuple[str, ...] = TOOLS) -> list[dict]:
    """Per-page rows: truth summary, features and each tool's result."""
    rows = []
    for i, page in enumerate(pages):
        rows.append({"index": i, "url": page.url, "date": page.date, "title": page.title,
                     "headings": page.headings, "features": page.features,
                     "tools": {tool: score_page(page, tool) for tool in tools}})
    return rows


def summarize(rows: list[dict], tool: str) -> dict:
    """Aggregate figures of one tool over ``rows``."""
    rs = [r["tools"][tool] for r in rows if tool in r["tools"]]
    n = len(rs) or 1
    paragraphs = sum(r["paragraphs"] for r in rs)
    return {
        "pages": len(rs),
        "date_exact": sum(r["date_ok"] for r in rs) / n,
        "title_exact": sum(r["title_ok"] for r in rs) / n,
        "headings_exact": sum(r["headings_ok"] for r in rs) / n,
        "paragraph_recall": sum(r["found"] for r in rs) / paragraphs if paragraphs else 0.0,
        "pages_with_residue": sum(1 for r in rs if r["residue_left"]),
        "residue_left": sum(len(r["residue_left"]) for r in rs),
        "residue_total": sum(r["residue"] for r in rs),
        "errors": sum(1 for r in rs if r["error"] not in (None, "no result")),
    }


def date_by_mode(rows: list[dict], tool: str) -> dict[str, tuple[int, int]]:
    """{date mode: (exact, pages)} for one tool."""
    ok: Counter = Counter()
    total: Counter = Counter()
    for r in rows:
        mode = r["features"]["date_mode"]
        total[mode] += 1
        ok[mode] += bool(r["tools"][tool]["date_ok"])
    return {m: (ok[m], total[m]) for m in sorted(total)}


def residue_by_kind(rows: list[dict], tool: str) -> dict[str, tuple[int, int]]:
    """{widget kind: (residue strings left, residue strings)} for one tool."""
    left: Counter = Counter()
    total: Counter = Counter()
    for r in rows:
        kinds = r["features"].get("residue_kind", {})
        for kind in kinds.values():
            total[kind] += 1
        for string in r["tools"][tool]["residue_left"]:
            left[kinds.get(string, "?")] += 1
    return {k: (left[k], total[k]) for k in sorted(total)}


ROWS = (("date exact", "date_exact"), ("title exact", "title_exact"),
        ("heading list exact", "headings_exact"), ("paragraph recall", "paragraph_recall"),
        ("pages with residue left", "pages_with_residue"),
        ("residue strings left", "residue_left"), ("pages where the tool raised", "errors"))


def format_table(seed: int, rows: list[dict], tools: tuple[str, ...] = TOOLS,
                 by_mode: bool = True) -> str:
    """The ours-vs-trafilatura table of one seed."""
    sums = {t: summarize(rows, t) for t in tools}
    pages = len(rows)
    role = {1: "tuning", 2: "held out"}.get(seed, "other")
    lines = [f"templategen seed {seed} ({role}, {pages} generated pages)",
             f"  {'metric':<38}{'ours':>12}{'trafilatura':>14}"]
    for label, key in ROWS:
        vals = []
        for t in TOOLS:
            v = sums[t][key] if t in sums else None
            if v is None:
                vals.append("n/a")
            elif isinstance(v, float):
                vals.append(f"{v:.3f}")
            elif key == "residue_left":
                vals.append(f"{v}/{sums[t]['residue_total']}")
            else:
                vals.append(str(v))
        lines.append(f"  {label:<38}{vals[0]:>12}{vals[1]:>14}")
    if by_mode:
        modes = {t: date_by_mode(rows, t) for t in tools}
        lines.append("  date exact by evidence kind:")
        for mode in sorted(next(iter(modes.values()))):
            vals = []
            for t in TOOLS:
                ok, total = modes[t][mode] if t in modes else (None, None)
                vals.append("n/a" if ok is None else f"{ok}/{total}")
            lines.append(f"    {mode:<36}{vals[0]:>12}{vals[1]:>14}")
        kinds = {t: residue_by_kind(rows, t) for t in tools}
        lines.append("  residue strings left by widget kind:")
        for kind in sorted(next(iter(kinds.values()))):
            vals = []
            for t in TOOLS:
                left, total = kinds[t][kind] if t in kinds else (None, None)
                vals.append("n/a" if left is None else f"{left}/{total}")
            lines.append(f"    {kind:<36}{vals[0]:>12}{vals[1]:>14}")
    return "\n".join(lines)


def run(seed: int, n: int, tools: tuple[str, ...] = TOOLS) -> tuple[list[dict], str]:
    """Generate ``n`` pages of ``seed``, score them; (rows, table)."""
    rows = score_pages(generate(seed, n), tools)
    return rows, format_table(seed, rows, tools)
