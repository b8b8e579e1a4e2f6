"""Defaults and naming rules of CC-NEWS, in one place."""

from __future__ import annotations

import re
from typing import Final

BASE_URL: Final = "https://data.commoncrawl.org"  # Common Crawl's public data host
BASE_ENV: Final = "NEWSCLEAN_CCNEWS_BASE"  # overrides BASE_URL (a mirror, a local folder)
PATHS_LISTING: Final = "crawl-data/CC-NEWS/{year:04d}/{month:02d}/warc.paths.gz"  # one a month
# A CC-NEWS WARC's path, as Common Crawl names it; the 14 digits are its crawl time (UTC).
WARC_NAME: Final = re.compile(
    r"(?:^|/)CC-NEWS-(?P<stamp>(?P<day>\d{8})\d{6})-(?P<serial>\d{5})\.warc(?:\.gz)?$")
SOURCE: Final = "cc-news"  # the records' ``source``
SPIDER: Final = "ccnews"  # the run manifest's spider name
STATE_DIR: Final = "_ccnews"  # under the archive root: the ledger
LEDGER_FILE: Final = "ledger.sqlite3"

CHUNK_BYTES: Final = 1 << 16  # bytes asked of the HTTP stream at a time
HTTP_TIMEOUT: Final = 60.0  # seconds without a byte before a connection counts as broken
HTTP_RETRIES: Final = 5  # reconnects (Range: bytes=<offset>-) after a broken stream, in a row
HTTP_BACKOFF: Final = 1.0  # seconds before the first reconnect, doubled each time
BUSY_STATUSES: Final = frozenset({429, 500, 502, 503, 504})  # answers tried again, like a
# broken connection (Common Crawl answers 503 "Slow Down" when it throttles)
USER_AGENT: Final = "newsclean-ccnews (+https://github.com/newsclean)"
LEDGER_EVERY: Final = 2.0  # seconds between saves of the offset reached in a file ...
LEDGER_PAGES: Final = 100  # ... or pages handled, whichever comes first

# Distributed runs (REDIS_URL): the shared list of files and their leases.
REDIS_PREFIX: Final = "newsclean:ccnews"
LEASE_TTL: Final = 30.0  # seconds a lease lives without a renewal (a killed worker's file
# goes to another worker after this long)
LEASE_RENEW: Final = 5.0  # seconds between renewals by a live worker
