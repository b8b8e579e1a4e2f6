"""Pages of trafilatura-eval-dev whose annotated date is wrong, with the evidence.

The set's own FORMAT.md warns that a few annotated dates have day and month swapped or are
impossible. Such pages are listed here, by id, with what the page itself shows, and
reported apart ("dated pages, listed wrong truths left out"); the headline figure still
counts every dated page. Impossible days (``2022-29-11``) are detected without a listing.
Two kinds are listed: a date the page contradicts (a typo, day and month swapped), and an
annotated date that is the page's labelled *updated* date while the page names another
published one (the record files that under ``modified``, as the schema says).
"""

from __future__ import annotations

# id -> why the annotation is wrong (what the page shows)
WRONG_DATE_TRUTH: dict[str, str] = {
    "0183": "annotated 2020-12-12; JSON-LD datePublished and <time> 2020-10-12, byline "
    "'12/10/2020' (day first)",
    "0313": "annotated 2016-06-09; URL /2016/07/09/ and article:published_time 2016-07-09",
    "0345": "annotated 2023-05-06 (day and month swapped); 'Veröffentlicht am: 5. Juni 2023', "
    "JSON-LD 2023-06-05",
    "0667": "annotated 2022-02-24; byline 'von Redaktion, 24. Januar 2022', "
    "article:published_time 2022-01-24",
    "0868": "annotated 2022-01-22; byline '22.02.2021', JSON-LD datePublished 2021-02-22",
    "0969": "annotated 2022-02-21; byline '21.01.2022 11:46', JSON-LD datePublished 2022-01-21",
    # the annotated date is the updated one
    "0039": "annotated 2020-01-05 = article:modified_time; article:published_time 2018-02-28",
    "0251": "annotated 2020-03-12 = 'Updated Mar 12, 2020'; JSON-LD datePublished 2019-10-15",
    "0716": "annotated 2022-01-26 = article:modified_time shown in the byline; "
    "article:published_time 'Di., 25.01.2022 - 14:45'",
    "0983": "annotated 2023-11-07 = 'Stand: 07.11.2023' (as of) and dateModified; "
    "JSON-LD datePublished 2023-11-06T18:19+01:00",
}
