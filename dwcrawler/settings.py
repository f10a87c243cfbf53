"""Scrapy settings for `scrapy crawl dw_sw`: politeness, components and their order, thresholds.

Every value here can be overridden for one run with `-s NAME=VALUE` (tests and the benchmark
point `DW_BASE_URL` at a loopback replica and switch the politeness delays off there).
"""

from __future__ import annotations

from contextlib import suppress

from dwcrawler import __version__
from dwcrawler.config import configured_settings
from dwcrawler.configfile import ConfigError
from dwcrawler.urls import HOME_PATH

BOT_NAME = "dwcrawler"
SPIDER_MODULES = ["dwcrawler.spiders"]
NEWSPIDER_MODULE = "dwcrawler.spiders"
# Our `crawl` command: the same as Scrapy's, plus an exit status that says whether the run worked.
COMMANDS_MODULE = "dwcrawler.commands"

# --- What to crawl ---------------------------------------------------------------------------
# The origin every DW URL is fetched from. Point it at a replica (`http://127.0.0.1:8000`) and
# the whole crawl goes there: pages, sitemaps and feeds; stored URLs stay https://www.dw.com/….
DW_BASE_URL = "https://www.dw.com"
# Kiswahili RSS feeds. DW has not published the Swahili feed name (docs/dw-site.md §9): these are
# the two names DW's naming schemes predict (RDF); a missing feed only costs a 404.
DW_FEEDS = [
    "https://rss.dw.com/rdf/rss-sw-all",
    "https://rss.dw.com/rdf/rss-kis-all",
]
# Listing pages read on every run besides the sitemaps and feeds.
DW_START_PAGES = [HOME_PATH]
# Older pages of a section or topic followed from a listing page ("next page" links).
DW_MAX_LISTING_PAGES = 3
# Links inside fetched articles followed to pages not yet stored (0 = none).
DW_LINK_HOPS = 1
# A run in `update` mode with no earlier successful run looks back this many days.
DW_UPDATE_WINDOW_DAYS = 7
# The archive: a SQLAlchemy URL; empty means $DWCRAWLER_DATABASE_URL or the default SQLite file
# (see `dwcrawler.config`). Bring it to the newest schema first: `dwcrawler db upgrade`.
DATABASE_URL = ""

# --- WARC: every fetched byte kept (docs/archive.md) -----------------------------------------
# Each response is written, with its request, to WARC files as received (still compressed),
# so the database can be rebuilt (`dwcrawler import-warc`) or re-extracted (`dwcrawler
# reextract`) at any time. Off: WARC_ENABLED=False.
WARC_ENABLED = True
# Empty: a `warc/` folder beside the SQLite archive (PostgreSQL: in the data folder).
WARC_DIR = ""
# A new file begins when the next records would pass this size (bytes).
WARC_MAX_SIZE = 1024 * 1024 * 1024
# Each record is one gzip member at this level (1 fastest … 9 smallest; 0 writes plain .warc).
WARC_GZIP_LEVEL = 6

# --- Politeness --------------------------------------------------------------------------------
# A URL (or mailto:) at which DW's operators can reach whoever runs this crawler; it goes into
# the User-Agent. Set it: `-s DW_CONTACT_URL=mailto:you@example.org`.
DW_CONTACT_URL = ""
USER_AGENT = f"dwcrawler/{__version__} (DW Kiswahili archive crawler)"
ROBOTSTXT_OBEY = True
ROBOTSTXT_USER_AGENT = "dwcrawler"
# Scrapy's Protego parser, keeping the `Sitemap:` lines: discovery starts from the same download.
ROBOTSTXT_PARSER = "dwcrawler.middlewares.robots.SitemapsRobotParser"
# Two requests at a time per host and at least one second between them: a news site's CDN does
# not notice this, and AutoThrottle slows down further when DW answers slowly.
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 60
# A DW page is ~0.3 MB; anything past 16 MB is not a page and is refused.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

# --- Retries -----------------------------------------------------------------------------------
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# Exponential backoff between tries (base * 2^(try-1), jittered, at most the max); a server's
# Retry-After wins when it asks for longer, up to RETRY_AFTER_MAX (seconds).
RETRY_BACKOFF_BASE = 2.0
RETRY_BACKOFF_MAX = 120.0
RETRY_AFTER_MAX = 600.0
# The spider logs every request that failed for good, with its URL, at ERROR.
RETRY_GIVE_UP_LOG_LEVEL = "INFO"
# Scrapy's start-up line of versions, without "Platform": Python reads the processor name by
# running `uname -p`, a child process on every run of a crawl that is otherwise one process.
LOG_VERSIONS = [
    "lxml",
    "libxml2",
    "cssselect",
    "parsel",
    "w3lib",
    "Twisted",
    "Python",
    "pyOpenSSL",
    "cryptography",
]

# --- Components --------------------------------------------------------------------------------
# No control ports on a cron job's machine (Scrapy 2.19 opens an HTTP remote-control server,
# which can run code, unless told not to), and DW needs no cookies.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
COOKIES_ENABLED = False
# Our progress line (extensions.progress) replaces Scrapy's LogStats.
LOGSTATS_INTERVAL = 0
DOWNLOADER_MIDDLEWARES = {
    # Ours replace Scrapy's retry and redirect middlewares (subclasses, in their places).
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "dwcrawler.middlewares.retry.BackoffRetryMiddleware": 550,
    # Redirects off the origin and loops become counted failures, not silent drops.
    "dwcrawler.middlewares.redirect.GuardedMetaRefreshMiddleware": 580,
    "dwcrawler.middlewares.redirect.GuardedRedirectMiddleware": 600,
    # Above HttpCompressionMiddleware (590) and next to the downloader: it sees the bytes and
    # the Content-Encoding header as they came over the wire, and every retry and redirect.
    "dwcrawler.archive.capture.WarcCapture": 950,
}
# DW is fetched over HTTP(S) only: no S3, FTP, file: or data: URL is ever fetched.
DOWNLOAD_HANDLERS = {"s3": None, "ftp": None, "file": None, "data": None}
ITEM_PIPELINES = {
    "dwcrawler.pipelines.CleanPipeline": 100,
    "dwcrawler.pipelines.ValidatePipeline": 200,
    "dwcrawler.pipelines.StorePipeline": 300,
}
EXTENSIONS = {
    "dwcrawler.extensions.progress.ProgressLine": 500,
    "dwcrawler.extensions.run.RunMonitor": 510,
}

# --- Monitoring and exit status ----------------------------------------------------------------
# Seconds between two progress lines (0: no progress line).
DW_PROGRESS_INTERVAL = 60.0
# The run fails when more than this share of requests ended in an error (after retries).
DW_MAX_ERROR_RATE = 0.2
# Absolute minimum fill rates for fields every DW page has (0.0 to 1.0).
DW_FIELD_MIN_RATES = {"title": 0.99, "body": 0.95, "published_at": 0.9}
# Other fields alarm relative to the mean of the last runs: below this share of that mean.
DW_FIELD_RELATIVE_DROP = 0.5
DW_FIELD_HISTORY_RUNS = 5
# Too few stored items make rates meaningless: below this count no field alarm is raised.
DW_FIELD_MIN_ITEMS = 5

# --- Engine ------------------------------------------------------------------------------------
# A response yields one item and a few requests: Scrapy's default of 100 parallel item slots per
# response only creates idle tasks that cost the crawl time (docs/performance.md).
CONCURRENT_ITEMS = 16
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
# Scrapy's start-up line of versions, without "Platform": finding the processor's name runs
# `uname -p` in a child process, and the crawl is one process from start to end.
LOG_VERSIONS = [
    *("lxml", "libxml2", "cssselect", "parsel", "w3lib"),
    *("Twisted", "Python", "pyOpenSSL", "cryptography"),
]

# --- Operations --------------------------------------------------------------------------------
# Seconds between two heartbeats of a running crawl in its `crawl_runs` row (`dwcrawler doctor`
# tells a live run from a dead or hung one by it).
DW_HEARTBEAT_INTERVAL = 60.0
# Failed URLs kept in the database per run (`dwcrawler stats`); the count is always complete.
DW_FAILED_URLS_KEPT = 1000

# --- Everyday settings from the environment or the config file ---------------------------------
# `DWCRAWLER_CONTACT_URL=…`, or `contact_url = "…"` in ~/.config/dwcrawler/config.toml: above
# the defaults above, below `-s NAME=VALUE` (see dwcrawler.config). A broken config file is
# reported by the crawl's settings check, as one line with exit status 2.
with suppress(ConfigError):
    globals().update(configured_settings())
