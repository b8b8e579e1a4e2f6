"""Scores for the three benchmark sets (pure functions, no I/O).

- AEB: 4-gram shingle precision/recall/F1, macro-averaged, exactly as
  ``article-extraction-benchmark/SCORING.md`` describes.
- fundus-evaluation: multiset paragraph match with optional ``[...]`` paragraphs.
- fundus: paragraph found-rates, sub-heading P/R/F1, title and date checks.
- trafilatura-eval-dev: "with"/"without" snippet counts, as trafilatura's
  ``tests/eval_common.py`` counts them (micro P/R/F1 over all pages), exact dates and titles.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

TOKEN_RE = re.compile(r"\w+", re.UNICODE)
SHINGLE_SIZE = 4
MAX_OPTIONAL_COMBINATIONS = 4
# Publisher offsets span UTC-12 .. UTC+14; a day is right if it matches any of them.
UTC_OFFSETS_HOURS = tuple(range(-12, 15))


@dataclass(frozen=True)
class ShingleCounts:
    """Per-page shingle counts, normalised by TP+FP+FN (AEB step 3)."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float:
        """Page precision: 1 on a perfect match, else TP/(TP+FP) (0 when both 0)."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp > 0 else 0.0

    @property
    def recall(self) -> float:
        """Page recall: 1 on a perfect match, else TP/(TP+FN) (0 when both 0)."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn > 0 else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of this page's precision and recall (for per-page charts)."""
        return harmonic(self.precision, self.recall)


def harmonic(p: float, r: float) -> float:
    """2PR/(P+R), 0 when both are 0."""
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def tokenize(text: str | None) -> list[str]:
    """All maximal runs of Unicode word characters (no case folding)."""
    return TOKEN_RE.findall(text or "")


def shingles(tokens: Sequence[str], n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Bag of n-token windows; 1..n-1 tokens give one short shingle, none give none."""
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_counts(truth: str | None, prediction: str | None) -> ShingleCounts:
    """Normalised TP/FP/FN of one page's prediction against its truth."""
    t_tokens, p_tokens = tokenize(truth), tokenize(prediction)
    t_bag, p_bag = shingles(t_tokens), shingles(p_tokens)
    tp = sum((t_bag & p_bag).values())
    fp = sum((p_bag - t_bag).values())
    fn = sum((t_bag - p_bag).values())
    total = tp + fp + fn
    if total > 0:
        tp, fp, fn = tp / total, fp / total, fn / total
    return ShingleCounts(tp, fp, fn, t_tokens == p_tokens)


def corpus_scores(pages: Iterable[ShingleCounts]) -> dict[str, float]:
    """Macro P/R over pages (empty predictions left out of P), F1 of the averages."""
    pages = list(pages)
    precs = [c.precision for c in pages if c.tp + c.fp > 0]
    recs = [c.recall for c in pages if c.tp + c.fn > 0]
    p = sum(precs) / len(precs) if precs else 0.0
    r = sum(recs) / len(recs) if recs else 0.0
    acc = sum(c.exact for c in pages) / len(pages) if pages else 0.0
    return {"f1": harmonic(p, r), "precision": p, "recall": r, "accuracy": acc,
            "pages": len(pages)}


def normalize_space(text: str) -> str:
    """Collapse every whitespace run to one space and strip."""
    return " ".join(text.split())


def _match(truth: Sequence[str], pred: Counter[str]) -> tuple[float, float, float]:
    truth_bag = Counter(truth)
    tp = sum((truth_bag & pred).values())
    n_pred, n_truth = sum(pred.values()), sum(truth_bag.values())
    p = tp / n_pred if n_pred else math.nan
    r = tp / n_truth if n_truth else math.nan
    f = 2 * p * r / (p + r) if p + r > 0 else math.nan
    return p, r, f


def paragraph_match(truth: Sequence[str], prediction: Sequence[str]) -> tuple[float, float, float]:
    """fundus-evaluation paragraph match: (P, R, F1) of exact paragraph multisets.

    Truth strings are compared as stored (the upstream scorer does not re-normalise them);
    predicted paragraphs are whitespace-normalised and empty ones dropped, as upstream did
    for every scraper. ``[...]`` truth paragraphs are optional: every include/leave-out
    combination is tried (only all-in and all-out when there are more than 4) and the
    best F1 kept. F1 is NaN when nothing matches.
    """
    pred = Counter(p for p in (normalize_space(x) for x in prediction) if p)
    optional = [i for i, p in enumerate(truth) if p.startswith("[") and p.endswith("]")]
    if len(optional) > MAX_OPTIONAL_COMBINATIONS:
        combos: list[tuple[int, ...]] = [tuple(optional), ()]
    else:
        combos = [c for k in range(len(optional) + 1)
                  for c in itertools.combinations(optional, k)]
    best: tuple[float, float, float] | None = None
    for chosen in combos:
        kept = [p[1:-1] if i in chosen else p for i, p in enumerate(truth)
                if i not in optional or i in chosen]
        score = _match(kept, pred)
        if best is None or _f1_key(score) > _f1_key(best):
            best = score
    assert best is not None
    return best


def _f1_key(score: tuple[float, float, float]) -> float:
    return -1.0 if math.isnan(score[2]) else score[2]


def found_rates(truth: Sequence[str], prediction: Sequence[str],
                truth_context: Sequence[str] | None = None) -> tuple[float, float]:
    """(precision, recall) of paragraphs by token containment, blind to segmentation.

    A paragraph is reduced to its word tokens (as AEB tokenises). Recall: share of truth
    paragraphs whose token sequence occurs contiguously in the prediction. Precision: share
    of predicted paragraphs whose token sequence occurs in ``truth_context`` (default: the
    truth paragraphs; pass headings too so they are not counted as false). NaN when a side
    is empty (left out of averages).
    """
    def joined(pars: Sequence[str]) -> str:
        return " " + " ".join(" ".join(tokenize(p)) for p in pars) + " "

    t_pars = [t for t in (tokenize(p) for p in truth) if t]
    p_pars = [t for t in (tokenize(p) for p in prediction) if t]
    p_text, t_text = joined(prediction), joined(truth_context or truth)
    recall = (sum(f" {' '.join(t)} " in p_text for t in t_pars) / len(t_pars)
              if t_pars else math.nan)
    precision = (sum(f" {' '.join(t)} " in t_text for t in p_pars) / len(p_pars)
                 if p_pars else math.nan)
    return precision, recall


def heading_counts(truth: Sequence[str], prediction: Sequence[str]) -> tuple[int, int, int]:
    """(matched, predicted, expected) sub-headings, case-folded and whitespace-normalised."""
    t_bag = Counter(normalize_space(h).casefold() for h in truth if h.strip())
    p_bag = Counter(normalize_space(h).casefold() for h in prediction if h.strip())
    return sum((t_bag & p_bag).values()), sum(p_bag.values()), sum(t_bag.values())


# Invisible format characters (soft hyphen, zero-width space/joiners, word joiner, BOM).
INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")


def title_matches(truth: str, prediction: str | None) -> bool:
    """Exact title match after whitespace normalisation, ignoring invisible format characters
    (a soft hyphen or zero-width space changes no letter a reader sees)."""
    if prediction is None:
        return False
    return normalize_space(INVISIBLE_RE.sub("", truth)) == normalize_space(
        INVISIBLE_RE.sub("", prediction))


def date_matches(published: str, prediction: str | None) -> bool:
    """True when ``prediction`` (YYYY-MM-DD) is the calendar day of ``published`` in some
    timezone from UTC-12 to UTC+14 (naive timestamps are taken as UTC)."""
    if not prediction:
        return False
    stamp = datetime.fromisoformat(published)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    days = {stamp.astimezone(timezone(timedelta(hours=h))).date().isoformat()
            for h in UTC_OFFSETS_HOURS}
    return prediction[:10] in days


def snippet_counts(with_: Sequence[str], without: Sequence[str],
                   text: str | None) -> dict[str, int]:
    r"""True/false positives and negatives of one page's snippets in ``text``: a "with"
    snippet found is a TP, missing a FN; a "without" snippet found is a FP, absent a TN.
    Snippets and text are whitespace-normalised exactly as trafilatura's evaluation does
    (``re.sub(r"\s+", " ", s).strip()``)."""
    haystack = _eval_space(text or "")
    found_with = sum(_eval_space(s) in haystack for s in with_)
    found_without = sum(_eval_space(s) in haystack for s in without)
    return {"tp": found_with, "fn": len(with_) - found_with,
            "fp": found_without, "tn": len(without) - found_without}


_SPACE_RE = re.compile(r"\s+")


def _eval_space(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def micro_prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Micro-averaged precision, recall and F1 from summed counts (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    return p, r, f


def exact_date(truth: str | None, prediction: str | None) -> bool:
    """The first 10 characters of both are equal (trafilatura-eval-dev's date rule)."""
    return bool(truth and prediction) and truth[:10] == prediction[:10]


def valid_day(value: str | None) -> bool:
    """``value`` starts with a real calendar day ``YYYY-MM-DD`` (a truth like 2022-29-11
    is not one)."""
    try:
        datetime.strptime((value or "")[:10], "%Y-%m-%d")
    except ValueError:
        return False
    return True


def mean(values: Iterable[float]) -> float:
    """Mean of the non-NaN values (NaN when there are none)."""
    vals = [v for v in values if not math.isnan(v)]
    return sum(vals) / len(vals) if vals else math.nan
