"""Project settings for the ``crawler`` Scrapy project: constants only.

Scrapy settings first (grouped as in Scrapy's default_settings), then newsclean's own settings,
all prefixed ``NEWS_`` except ``OUTPUT_DIR``; within a group the enabling flag comes first.
Politeness defaults are for real sites. Tests and the demo lower them with ``-s``/settings dicts
(``DOWNLOAD_DELAY=0``, ``AUTOTHROTTLE_ENABLED=False``); they never change these defaults.
"""

BOT_NAME = "newsclean"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"

# Identity and politeness
USER_AGENT = "newsclean/0.1 (+https://github.com/newsclean)"
ROBOTSTXT_OBEY = True
ROBOTSTXT_USER_AGENT = "newsclean"  # token matched against robots.txt groups (Crawl-delay too)
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0  # seconds between requests to one site (jittered +-50 %)
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0  # seconds
AUTOTHROTTLE_MAX_DELAY = 30.0  # seconds
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0  # parallel requests per remote site

# Downloads
DOWNLOAD_MAXSIZE = 5 * 1024 * 1024  # bytes, also the decompressed size; bigger pages are dropped
DOWNLOAD_WARNSIZE = 1 * 1024 * 1024  # bytes
DOWNLOAD_TIMEOUT = 30  # seconds
RETRY_TIMES = 2  # initial response + 2 retries
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.schemes.SchemeGuardMiddleware": 50,
    # Scrapy's RobotsTxtMiddleware, whose download also answers the spider's robots.txt request
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.robotstxt.SharedRobotsTxtMiddleware": 100,
    "crawler.middlewares.crawldelay.CrawlDelayMiddleware": 110,  # after the robots.txt one (100)
    "crawler.middlewares.credentials.UrlCredentialsMiddleware": 310,  # after HttpAuth: -s wins
    "crawler.middlewares.retryafter.RetryAfterMiddleware": 560,  # runs before RetryMiddleware
    "crawler.render.middleware.RenderAlwaysMiddleware": 600,  # render = always: mark articles
}
# Plain HTTP(S) downloads, and Chromium for requests marked for rendering (crawler.render)
DOWNLOAD_HANDLERS = {
    "http": "crawler.render.handler.RenderDownloadHandler",
    "https": "crawler.render.handler.RenderDownloadHandler",
}

SPIDER_MIDDLEWARES = {
    "crawler.middlewares.skipseen.SkipSeenMiddleware": 950,  # sees the callbacks' output early
    "crawler.warc.capture.WarcCaptureMiddleware": 900,  # keeps pages' HTTP exchanges (NEWS_WARC)
}

# Off: telnet console and 2.19's remote-control endpoint (executes code in the crawler).
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
EXTENSIONS = {
    "crawler.extensions.redact.RedactSecrets": 0,  # before Scrapy logs the overridden settings
    "crawler.extensions.runsummary.RunSummary": 500,
    "crawler.monitoring.tally.HealthTally": 510,  # run health figures (NEWS_MONITOR_*)
    "spidermon.contrib.scrapy.extensions.Spidermon": 520,
}

# Items: our pipelines write the output; Scrapy feed exports are not used.
FEEDS: dict[str, dict[str, object]] = {}
ITEM_PIPELINES = {
    "crawler.pipelines.clean.CleanPipeline": 300,
    "crawler.render.pipeline.RenderShellsPipeline": 350,  # shells -> fetched again, rendered
    "crawler.pipelines.seen.SeenStorePipeline": 400,  # drop unchanged, raise revision
    "crawler.warc.pipeline.WarcWriterPipeline": 450,  # page to WARC before its record is written
    "crawler.pipelines.writer.DatedJsonlWriterPipeline": 500,
    "crawler.pipelines.seen.MarkSeenPipeline": 600,  # only after the writer wrote the record
}

LOG_LEVEL = "INFO"
LOG_FORMATTER = "crawler.logformatter.NewsLogFormatter"  # items logged by URL, not dumped whole
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# newsclean: output
OUTPUT_DIR = "output"  # root of <site>/<YYYY-MM-DD>.jsonl; env NEWSCLEAN_OUTPUT_DIR overrides
NEWS_WORKER = None  # worker suffix for output files (distributed runs), None = no suffix
NEWS_SUMMARY_FILE = None  # also write the run summary (failures by kind) as JSON here
NEWS_STREAM_OUTPUT = None  # JsonlStreamPipeline target ("-" = stdout); set by `scrapy scrape`

# newsclean: cleaning
NEWS_CLEAN_ENABLED = True  # False: pages are fetched and discovered but not cleaned or written
NEWS_CLEAN_POOL = None  # worker processes for cleaning; None = one per core, 0 = inline
NEWS_CLEAN_TIMEOUT = 60.0  # seconds per page in the pool; a stuck worker is killed, page dropped

# newsclean: raw pages as WARC 1.1 under <OUTPUT_DIR>/_warc/<site>/ (crawler.warc)
NEWS_WARC = "articles"  # articles | all (also listings, feeds, sitemaps, robots.txt) | off;
# a site profile's `warc = "..."` wins for its crawls
NEWS_WARC_MAX_SIZE = 256 * 1024 * 1024  # bytes per WARC file before the next one is started

# newsclean: seen-store (dedupe and revisions)
NEWS_SEEN_ENABLED = True
NEWS_SEEN_STORE = "crawler.seenstore.SqliteSeenStore"  # class with from_crawler(), get(), mark()
NEWS_SEEN_PATH = None  # SQLite file; None = <OUTPUT_DIR>/_seen/seen.sqlite3
NEWS_SKIP_SEEN = True  # don't fetch known articles unless a sitemap lastmod/news/feed date is
# newer than the store's entry; False = re-fetch them to find silent edits. Distributed mode
# uses NEWS_REDIS_SKIP_SEEN instead; `scrapy scrape` always fetches.

# newsclean: discovery
NEWS_SITES_DIR = "sites"  # site profiles <NAME>.toml; relative paths also tried under the repo root
NEWS_LISTING_DEPTH = 2  # listing pages followed from a start page (0 = start pages only)
# Pages of one paginated listing ("next page", ?page=N, /pagina/N) followed at the same depth;
# the chain also stops at a page of only older articles (-a since) and, on incremental runs,
# at a page whose articles are all known. A profile's listing_max_pages wins.
NEWS_LISTING_MAX_PAGES = 50
NEWS_SITEMAP_DEPTH = 3  # nested sitemap indexes followed

# newsclean: politeness extras
NEWS_CRAWL_DELAY_ENABLED = True  # honour robots.txt Crawl-delay per host
NEWS_CRAWL_DELAY_MAX = 60.0  # seconds; longer Crawl-delay values are capped
NEWS_RETRY_AFTER_ENABLED = True  # wait out Retry-After on 429/503 before retrying
NEWS_RETRY_AFTER_MAX = 60.0  # seconds; a longer Retry-After is not waited for

# newsclean: distributed mode (crawler.distributed). On when REDIS_URL is set here, with -s, or in
# the environment (NEWSCLEAN_REDIS_URL, then REDIS_URL); the add-on then switches the scheduler,
# dupefilter, seen-store (NEWS_SEEN_STORE) and worker id (NEWS_WORKER). Off: nothing changes.
ADDONS = {"crawler.distributed.addon.DistributedAddon": 0}
REDIS_URL = None  # redis://host:6379/0
MAX_IDLE_TIME_BEFORE_CLOSE = 10  # seconds the whole shared crawl must stay empty; 0 = never close
NEWS_REDIS_SEED = True  # the first worker of a run seeds it (SET NX lock); False = a pure worker
NEWS_REDIS_SEED_ONLY = False  # push the start requests, fetch nothing; set by `scrapy seed`
NEWS_REDIS_PREFIX = "newsclean:%(spider)s:%(site)s"  # keys <prefix>:requests, :run, :lease:* ...
NEWS_REDIS_HEARTBEAT = 1.0  # seconds between worker heartbeats
NEWS_REDIS_HEARTBEAT_TTL = 10.0  # seconds without heartbeat before its leases are re-queued
NEWS_SEEN_REDIS_KEY = "newsclean:seen"  # Redis hash of the distributed seen-store
# don't fetch articles already in the seen-store unless a sitemap/feed date is newer than when
# it was written or last confirmed; False = re-check them all
NEWS_REDIS_SKIP_SEEN = True

# newsclean: run health (crawler.monitoring, cleaners.health). Checked by Spidermon when the
# engine stops; a failed check: manifest "healthy": false, `scrapy crawl` exits 3, actions report.
# A site profile's [monitoring] table overrides the thresholds per site; "none" switches one off.
NEWS_MONITOR_ENABLED = True
NEWS_MONITOR_MIN_ARTICLES = 1  # articles found (written + unchanged + known) at least
NEWS_MONITOR_MAX_UNDATED = 0.2  # share of the records written without a date, at most (0..1)
# share of the records written without a sub-heading, at most; off by default, as many sites
# publish short news without sub-headings: set it in the [monitoring] of sites that use them
NEWS_MONITOR_MAX_NO_SECTIONS = None
NEWS_MONITOR_MAX_DROP = 0.5  # drop of articles found against the median of earlier runs, at most
NEWS_MONITOR_HISTORY_RUNS = 5  # earlier finished runs of the site that median is taken over
NEWS_MONITOR_MIN_HISTORY = 3  # earlier finished runs needed before the drop is judged
NEWS_MONITOR_SHORT_WORDS = 100  # a record under this many words counts as short
NEWS_MONITOR_FAIL_EXIT = 3  # exit status of `scrapy crawl` for an unhealthy run (0 = exit 0)
NEWS_MONITOR_REPORT = True  # HTML report: True = <OUTPUT_DIR>/_runs/<run_id>.html, a path
# (may hold {run_id}, {site}), or False
NEWS_MONITOR_FAILED_ACTIONS: list[str] = []  # Spidermon actions run when a check failed, e.g.
# "crawler.monitoring.actions.SendRunHealthWebhook" or Spidermon's Slack/e-mail actions
NEWS_MONITOR_WEBHOOK_URL = None  # SendRunHealthWebhook POSTs the run's health as JSON here
NEWS_MONITOR_WEBHOOK_TIMEOUT = 10.0  # seconds
SPIDERMON_ENABLED = True
SPIDERMON_ENGINE_STOP_MONITORS = ["crawler.monitoring.monitors.RunHealthSuite"]
SPIDERMON_FIELD_COVERAGE_SKIP_NONE = True  # field coverage (if switched on): None is missing

# newsclean: rendering script-built pages in Chromium (crawler.render, scrapy-playwright).
# never | auto (only pages the cleaner finds to be script-rendered shells) | always (every article
# page). None: a profile's render field, else auto with a site profile, never without one;
# -s NEWS_RENDER=... beats the profile.
NEWS_RENDER = None
NEWS_RENDER_CHROMIUM = None  # browser executable; None = $NEWSCLEAN_CHROMIUM, then chromium on PATH
NEWS_RENDER_MAX_PAGES = 2  # browser pages at once (Chromium takes about 0.4 GB)
NEWS_RENDER_WAIT = 10.0  # seconds a page waits for its render_wait selector, else network idle
NEWS_RENDER_TIMEOUT = 30.0  # seconds per rendered page in all; then the page fails, not the crawl
NEWS_RENDER_BLOCK_TYPES = ["image", "media", "font"]  # resource types the browser never loads
