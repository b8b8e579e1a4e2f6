"""Pages of trafilatura-eval-dev whose annotated date is wrong, with the evidence.

The set's own FORMAT.md warns that a few annotated dates have day and month swapped or are
impossible. Such pages are listed here, by id, with what the page itself shows, and
reported apart ("dated pages, listed wrong truths left out"); the headline figure still
counts every dated page. Impossible days (``2022-29-11``) are detected without a listing.
"""

from __future__ import annotations

# id -> why the annotation is wrong (what the page shows)
WRONG_DATE_TRUTH: dict[str, str] = {}
