"""Run-health rules as data: what a record counts towards, stats keys, default thresholds.

Thresholds are shares (0..1) or counts; ``crawler.settings`` repeats the defaults as
``NEWS_MONITOR_*`` settings and a site profile's ``[monitoring]`` table overrides them per site.
"""

from __future__ import annotations

from typing import Final

# A record's date is weak when it comes only from its URL or from htmldate's guess.
WEAK_DATE_SOURCES: Final = frozenset({"url", "htmldate"})
# A record under this many words counts as short (a teaser, a paywall stub, a cookie banner).
SHORT_ARTICLE_WORDS: Final = 100

# Spider callbacks -> page kinds counted per run (anything else: "other").
PAGE_KINDS: Final = (
    ("parse_robots", "robots"),
    ("parse_sitemap", "sitemap"),
    ("parse_feed", "feed"),
    ("parse_listing", "listing"),
    ("parse_article", "article"),
)

# Per-record flags, counted in the crawl's stats as ``news/health/records/<flag>``.
RECORD_FLAGS: Final = ("undated", "weak_date", "no_subheading", "short", "warnings", "artefacts")

STATS_PREFIX: Final = "news/health/"
RECORDS_KEY: Final = STATS_PREFIX + "records"  # records written (= judged) this run
SECTIONS_KEY: Final = STATS_PREFIX + "sections"  # sections over those records
SUBHEADINGS_KEY: Final = STATS_PREFIX + "subheadings"  # headed sections over those records
PAGES_PREFIX: Final = STATS_PREFIX + "pages/"  # + page kind
# Stats of other components read into the figures.
WRITTEN_KEY: Final = "news/articles_written"
UNCHANGED_KEY: Final = "news/duplicates_skipped"
KNOWN_KEY: Final = "news/skipped_seen"
RETRY_KEY: Final = "retry/count"
RETRY_GAVE_UP_KEY: Final = "retry/max_reached"
ROBOTS_FORBIDDEN_KEY: Final = "robotstxt/forbidden"
STATUS_PREFIX: Final = "downloader/response_status_count/"
EXCEPTIONS_KEY: Final = "downloader/exception_count"

# Default thresholds (NEWS_MONITOR_* settings, [monitoring] in a profile).
DEFAULT_MIN_ARTICLES: Final = 1  # articles found (written + unchanged + known) at least
DEFAULT_MAX_UNDATED: Final = 0.2  # share of records without a date, at most
DEFAULT_MAX_NO_SECTIONS: Final = None  # share of records without a sub-heading, at most (off)
DEFAULT_MAX_DROP: Final = 0.5  # drop of articles found against the median of earlier runs
DEFAULT_HISTORY_RUNS: Final = 5  # earlier runs of the site the median is taken over
# Earlier runs needed before the drop is judged: with three, the median outvotes one first
# (backfill) run that read every listing page, which later incremental runs stop reading early.
DEFAULT_MIN_HISTORY: Final = 3
