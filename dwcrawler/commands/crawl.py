"""`scrapy crawl`, with an exit status cron can act on.

Scrapy's own `crawl` exits 0 whenever the spider started, whatever happened next. This one
exits 1 when the run failed (nothing fetched, error rate over `DW_MAX_ERROR_RATE`, a field-rate
alarm, a store that refused to start or could not write, a damaged archive) or was
interrupted, and 2 with one line on stderr, no traceback, when a spider argument or setting is
wrong (a JOBDIR whose run finished included).

Before the crawler starts anything it resolves DW's host (one line, exit status 1, when this
machine is offline) and takes the archive's lease, held until the run ends: a second crawl of
the same archive refuses at once, having fetched nothing, with exit status 75.
"""

from __future__ import annotations

import gc
import sys
from contextlib import ExitStack
from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError
from sqlalchemy.exc import SQLAlchemyError

from dwcrawler.commands.preflight import stale_jobdir, unresolvable
from dwcrawler.config import database_url
from dwcrawler.db.engine import missing_archive
from dwcrawler.db.lease import ArchiveBusy, archive_lease
from dwcrawler.db.problems import database_problem
from dwcrawler.extensions.run import OUTCOME_KEY, REASONS_KEY
from dwcrawler.spiders.args import SpiderArgumentError
from dwcrawler.store import Store

if TYPE_CHECKING:
    import argparse

    from dwcrawler.db.lease import Lease

EXIT_FAILED = 1
EXIT_USAGE = 2
# How the user ran it: `scrapy crawl`, or `dwcrawler crawl` (which sets this), for messages.
PROGRAM = "scrapy crawl"
# Allocations between two collections of the youngest generation (Python's default: 700).
GC_GEN0_THRESHOLD = 50_000


def tune_gc() -> None:
    """Set the cyclic garbage collector up for a crawl (docs/performance.md has the numbers).

    A crawl keeps thousands of requests, responses and items alive at once; with Python's
    defaults the collector traces them all again every 700 allocations. Frozen, the modules
    and settings loaded at start-up are never traced again. Reference counting still frees
    at once everything that is not part of a cycle; cycles wait a little longer.
    """
    gc.freeze()
    gc.set_threshold(GC_GEN0_THRESHOLD, *gc.get_threshold()[1:])


class Command(ScrapyCrawlCommand):
    """Run a spider; exit non-zero when the run failed."""

    def long_desc(self) -> str:
        return (
            "Run a spider of the project. Exit status: 0 the run worked, 1 the run failed or "
            "was interrupted (see the log's last lines), 2 a bad argument or setting, 75 "
            "another writer holds the archive (try again later)."
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one spider name, e.g. scrapy crawl dw_sw")
        assert self.crawler_process is not None
        assert self.settings is not None
        name = args[0]
        try:
            spidercls = self.crawler_process.spider_loader.load(name)
        except KeyError:
            self._usage_error(f"no spider named {name!r}; this project has dw_sw")
            return
        check = getattr(spidercls, "check_arguments", None)
        if check is not None:
            try:
                _, base = check(opts.spargs, self.settings)
            except SpiderArgumentError as exc:
                self._usage_error(str(exc))
                return
            if problem := stale_jobdir(self.settings.get("JOBDIR")):
                self._usage_error(problem)
                return
            if problem := unresolvable(base):
                self._refuse(name, problem, EXIT_FAILED)
                return
        with ExitStack() as held:
            url = self._database()
            if missing_archive(url):  # nothing to hold: the store refuses it, naming the fix
                self._crawl(name, spidercls, opts, None)
                return
            try:
                lease = held.enter_context(archive_lease(url, "crawl"))
            except ArchiveBusy as exc:
                self._refuse(name, str(exc), exc.status)
                return
            except SQLAlchemyError as exc:
                self._refuse(name, f"cannot take the archive's lease: {database_problem(exc)}")
                return
            except OSError as exc:
                self._refuse(
                    name, f"cannot take the archive's lease: {exc.strerror}: {exc.filename}"
                )
                return
            self._crawl(name, spidercls, opts, lease)

    def _database(self) -> str:
        assert self.settings is not None
        return database_url(self.settings.get("DATABASE_URL") or None)

    def _crawl(
        self, name: str, spidercls: type, opts: argparse.Namespace, lease: Lease | None
    ) -> None:
        """Run the crawl holding the archive's lease; set the exit status from its verdict."""
        assert self.crawler_process is not None
        crawler = self._create_crawler(spidercls)
        Store.for_crawler(crawler).lease = lease
        tune_gc()
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        gc.freeze()  # the crawl is over: Python's exit need not trace the whole heap again
        outcome = crawler.stats.get_value(OUTCOME_KEY) if crawler.stats else None
        if self.crawler_process.bootstrap_failed or outcome != "success":
            self.exitcode = EXIT_FAILED
            reasons = crawler.stats.get_value(REASONS_KEY) if crawler.stats else None
            print(f"{PROGRAM} {name}: run {outcome or 'failed'}: {reasons}", file=sys.stderr)

    def _usage_error(self, message: str) -> None:
        print(f"{PROGRAM}: error: {message}", file=sys.stderr)
        self.exitcode = EXIT_USAGE

    def _refuse(self, name: str, message: str, status: int = EXIT_FAILED) -> None:
        """Refuse to start the run: one line on stderr, nothing fetched."""
        print(f"{PROGRAM} {name}: {message}", file=sys.stderr)
        self.exitcode = status
