"""Run health over time: a table of runs per site and a chart, so a redesign shows as a step."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from cleaners.archive.manifest import write_bytes_atomic
from cleaners.health.runs import RunHealth
from cleaners.health.text import pct

# (header, alignment) of the table's columns.
COLUMNS: Final = (("site", "<"), ("started", "<"), ("run", "<"), ("status", "<"),
                  ("health", "<"), ("pages", ">"), ("found", ">"), ("written", ">"),
                  ("undated", ">"), ("weak date", ">"), ("no subhead", ">"), ("short", ">"),
                  ("sect/art", ">"), ("http err", ">"), ("retries", ">"), ("robots", ">"),
                  ("failed checks", "<"))


def _row(run: RunHealth) -> tuple[str, ...]:
    h, shares = run.health, run.health.get("shares") or {}
    per = h.get("sections_per_article")
    return (run.site, run.started_at[:16].replace("T", " "), run.run_id, run.status,
            "ok" if run.healthy else "FAIL", str(h.get("pages_fetched", 0)),
            str(h.get("articles_found", 0)), str(h.get("articles_written", 0)),
            pct(shares.get("undated")), pct(shares.get("weak_date")),
            pct(shares.get("no_subheading")), pct(shares.get("short")),
            "-" if per is None else f"{per:.1f}", str(h.get("http_errors", 0)),
            str(h.get("retries", 0)), str(h.get("robots_forbidden", 0)),
            ", ".join(run.failed_checks) or "-")


def format_runs(runs: Sequence[RunHealth]) -> str:
    """A plain-text table, one row per run, grouped by site, oldest first."""
    ordered = sorted(runs, key=lambda r: (r.site, r.started_at, r.run_id))
    header = tuple(name for name, _ in COLUMNS)
    rows = [_row(r) for r in ordered]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(COLUMNS))]

    def fmt(row: tuple[str, ...]) -> str:
        cells = (f"{c:{a}{w}}" for c, (_n, a), w in zip(row, COLUMNS, widths, strict=True))
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(header), rule, *(fmt(r) for r in rows)]) + "\n"


def _when(run: RunHealth) -> dt.datetime:
    return dt.datetime.fromisoformat(run.started_at.replace("Z", "+00:00"))


# (title, y label, value of a run) for each panel of the chart.
PANELS: Final = (
    ("Articles found per run", "articles", lambda r: r.health.get("articles_found", 0)),
    ("Records without a date", "share", lambda r: (r.health.get("shares") or {}).get("undated")),
    ("Sections per article", "sections", lambda r: r.health.get("sections_per_article")),
)


def plot_trends(runs: Sequence[RunHealth], path: Path | str) -> None:
    """Draw the panels over run start time, a step line per site, failed runs marked (PNG)."""
    import matplotlib  # noqa: PLC0415 (only --png pays for matplotlib)

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt  # noqa: PLC0415

    fig, axes = plt.subplots(len(PANELS), 1, figsize=(10, 8), dpi=100, sharex=True)
    try:
        for ax, (title, label, value) in zip(axes, PANELS, strict=True):
            for site in sorted({r.site for r in runs}):
                mine = sorted((r for r in runs if r.site == site), key=_when)
                xs = [_when(r) for r in mine]
                ys = [value(r) for r in mine]
                ys = [float("nan") if y is None else y for y in ys]
                ax.plot(xs, ys, marker="o", markersize=3, drawstyle="steps-post", label=site)
                bad = [(x, y) for x, y, r in zip(xs, ys, mine, strict=True) if not r.healthy]
                if bad:
                    ax.scatter(*zip(*bad, strict=True), marker="x", s=60, color="red",
                               zorder=3, label=f"{site}: unhealthy run")
            ax.set_title(title)
            ax.set_ylabel(label)
            ax.set_ylim(bottom=0)
            ax.grid(True, alpha=0.3)
        if runs:
            axes[0].legend(loc="best", fontsize="small")
        axes[-1].set_xlabel("run started (UTC)")
        fig.autofmt_xdate()
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
    finally:
        plt.close(fig)
    write_bytes_atomic(Path(path), buffer.getvalue())
