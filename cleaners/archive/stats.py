"""Archive statistics per site and day, as a table or a chart of articles per day.

Figures per (site, day): ``articles`` (distinct article ids of that day), ``revisions`` (records
stored, every revision counted), and over each article's newest revision of that day:
sections per article, words, template blocks and inline tokens removed (``record["cleaning"]``).
Undated articles are one row per site with day ``undated``. Streaming, one day in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any, Final

from cleaners.archive.reader import Day, read_records

UNDATED_LABEL: Final = "undated"
COLUMNS: Final = (
    ("site", "<"),
    ("day", "<"),
    ("articles", ">"),
    ("revisions", ">"),
    ("sect/art", ">"),
    ("words", ">"),
    ("tmpl blocks", ">"),
    ("tmpl tokens", ">"),
)


@dataclass
class DayStats:
    """Counts for one site on one publication day (``day`` None: undated articles)."""

    site: str
    day: str | None
    articles: int = 0
    revisions: int = 0
    sections: int = 0
    words: int = 0
    template_blocks: int = 0
    template_tokens: int = 0

    @property
    def sections_per_article(self) -> float:
        """Mean number of sections of the day's articles."""
        return self.sections / self.articles if self.articles else 0.0

    def row(self) -> tuple[str, ...]:
        """The table row of this day."""
        return (
            self.site,
            self.day or UNDATED_LABEL,
            str(self.articles),
            str(self.revisions),
            f"{self.sections_per_article:.1f}",
            str(self.words),
            str(self.template_blocks),
            str(self.template_tokens),
        )


def compute_stats(
    root: Path | str,
    *,
    site: str | Iterable[str] | None = None,
    since: Day = None,
    until: Day = None,
) -> list[DayStats]:
    """Per (site, day) statistics in day order, then site; undated rows last."""
    records = read_records(root, site=site, since=since, until=until, latest=False)
    out: list[DayStats] = []
    for _day, day_records in groupby(records, key=lambda r: r["date"]):
        per_site: dict[str, DayStats] = {}
        newest: dict[tuple[str, str], dict[str, Any]] = {}
        for record in day_records:
            st = per_site.setdefault(record["site"], DayStats(record["site"], record["date"]))
            st.revisions += 1
            key = (record["site"], record["id"])
            if key not in newest or record["revision"] > newest[key]["revision"]:
                newest[key] = _summary(record)
        for (site_name, _id), summary in newest.items():
            st = per_site[site_name]
            st.articles += 1
            st.sections += summary["sections"]
            st.words += summary["words"]
            st.template_blocks += summary["blocks"]
            st.template_tokens += summary["tokens"]
        out.extend(per_site[name] for name in sorted(per_site))
    return out


def _summary(record: dict[str, Any]) -> dict[str, Any]:
    """The few numbers stats needs from a record (keeps the per-day memory small)."""
    cleaning = record.get("cleaning") or {}
    return {
        "revision": record["revision"],
        "sections": len(record.get("sections") or ()),
        "words": int(record.get("word_count") or 0),
        "blocks": int(cleaning.get("template_blocks_removed") or 0),
        "tokens": int(cleaning.get("template_tokens_removed") or 0),
    }


def format_table(stats: list[DayStats]) -> str:
    """A plain-text table with one row per (site, day) and a total line per site."""
    rows = [s.row() for s in stats]
    for site_name, group in groupby(sorted(stats, key=lambda s: s.site), key=lambda s: s.site):
        days = list(group)
        total = DayStats(site_name, None)
        for d in days:
            for name in ("articles", "revisions", "sections", "words"):
                setattr(total, name, getattr(total, name) + getattr(d, name))
            total.template_blocks += d.template_blocks
            total.template_tokens += d.template_tokens
        undated = sum(d.articles for d in days if d.day is None)
        dated_days = sum(1 for d in days if d.day is not None)
        rows.append(
            (
                f"{site_name} total",
                f"{dated_days} day{'s' * (dated_days != 1)}, {undated} undated",
                *total.row()[2:],
            )
        )
    header = tuple(name for name, _ in COLUMNS)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(COLUMNS))]

    def fmt(row: tuple[str, ...]) -> str:
        cells = (f"{c:{a}{w}}" for c, (_n, a), w in zip(row, COLUMNS, widths, strict=True))
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    body = [fmt(r) for r in rows[: len(stats)]]
    totals = [fmt(r) for r in rows[len(stats) :]]
    return "\n".join([fmt(header), rule, *body, rule, *totals]) + "\n"


def plot_articles_per_day(stats: list[DayStats], path: Path | str) -> None:
    """Draw articles per publication day, one line per site, to a PNG file (Agg backend).

    Days without articles inside the archive's date range are drawn as 0, not interpolated.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import dates as mdates
    from matplotlib import pyplot as plt
    from matplotlib.ticker import MaxNLocator

    dated = [s for s in stats if s.day is not None]
    days = _day_range(dated)
    fig, ax = plt.subplots(figsize=(10, 4.5), dpi=100)
    try:
        for site_name in sorted({s.site for s in stats}):
            per_day = {s.day: s.articles for s in dated if s.site == site_name}
            undated = sum(s.articles for s in stats if s.site == site_name and s.day is None)
            label = f"{site_name} ({undated} undated)" if undated else site_name
            ys = [per_day.get(d.isoformat(), 0) for d in days]
            ax.plot(days, ys, marker="o", markersize=3, label=label)
        ax.set_title("Articles per publication day")
        ax.set_xlabel("publication date")
        ax.set_ylabel("articles")
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=12))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
        ax.grid(True, alpha=0.3)
        if stats:
            ax.legend(loc="best", fontsize="small")
        fig.autofmt_xdate()
        fig.tight_layout()
        fig.savefig(path, format="png")
    finally:
        plt.close(fig)


def _day_range(dated: list[DayStats]) -> list[dt.date]:
    """Every day from the first to the last dated row (a day either side if only one)."""
    if not dated:
        return []
    first = min(dt.date.fromisoformat(s.day) for s in dated if s.day)
    last = max(dt.date.fromisoformat(s.day) for s in dated if s.day)
    if first == last:
        first, last = first - dt.timedelta(days=1), last + dt.timedelta(days=1)
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
