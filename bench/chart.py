"""PNG chart of the per-page F1 of both tools on each set (matplotlib, Agg backend)."""

from __future__ import annotations

import math
from pathlib import Path

from bench.report import TITLES, TOOLS, page_f1

COLOURS = {"ours": "tab:blue", "trafilatura": "tab:orange"}


def plot_f1(pages: list[dict], path: Path) -> Path | None:
    """One panel per set: pages sorted by trafilatura's F1, both tools' F1 per page."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sets = [s for s in TITLES if any(p["set"] == s for p in pages)]
    if not sets:
        return None
    fig, axes = plt.subplots(len(sets), 1, figsize=(11, 3.2 * len(sets)), squeeze=False)
    for ax, set_name in zip(axes[:, 0], sets, strict=True):
        sub = [p for p in pages if p["set"] == set_name]
        sub.sort(key=lambda p: (_nan0(page_f1(p, "trafilatura")), _nan0(page_f1(p, "ours"))))
        xs = range(len(sub))
        for tool in TOOLS:
            ys = [page_f1(p, tool) for p in sub]
            if all(math.isnan(y) for y in ys):
                continue
            mean_f1 = sum(_nan0(y) for y in ys) / len(ys)
            ax.plot(xs, ys, marker="o", markersize=2.5, linewidth=0.8,
                    color=COLOURS[tool], label=f"{tool} (mean per-page F1 {mean_f1:.3f})")
        metric = {"fundus-eval": "paragraph-match F1",
                  "evaldev": "snippet F1"}.get(set_name, "4-gram shingle F1")
        ax.set_title(f"{TITLES[set_name]}: per-page {metric} ({len(sub)} pages, "
                     "sorted by trafilatura)", fontsize=10)
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlim(-1, max(len(sub), 2))
        ax.grid(alpha=0.3)
        ax.legend(loc="lower right", fontsize=8)
    axes[-1, 0].set_xlabel("page")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def _nan0(value: float) -> float:
    return 0.0 if math.isnan(value) else value
