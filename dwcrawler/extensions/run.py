"""RunMonitor: keep the run's record alive, count field fill rates, judge the run, log it.

Items reach `item_scraped` only after every pipeline accepted them, so what is counted here is
what was stored. Every `DW_HEARTBEAT_INTERVAL` seconds the run's `crawl_runs` row gets a
heartbeat (and the failed URLs noted since), so `dwcrawler doctor` can tell a live run from a
dead one. A database error the crawl cannot go on without stops the run at once. At the end
the verdict goes into the stats (`dwcrawler/outcome`, read by the `crawl` command for the exit
status), into the log (one line per reason) and, with the counters and field rates, into the
run's row; then the store is closed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import asdict
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.utils.asyncio import create_looping_call

from dwcrawler.extensions.verdict import (
    ARCHIVE_ERROR_KEY,
    RunCounters,
    Verdict,
    judge,
    summary,
)
from dwcrawler.fieldrates import FIELDS, Thresholds, check_rates, filled_fields
from dwcrawler.fieldrates import fill_rates as compute_rates
from dwcrawler.items import ArticleItem
from dwcrawler.jobdir import mark_finished
from dwcrawler.store import ArchiveFailed, Store

if TYPE_CHECKING:
    from datetime import datetime
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.utils.asyncio import AsyncioLoopingCall
    from twisted.internet.task import LoopingCall

logger = logging.getLogger(__name__)

OUTCOME_KEY = "dwcrawler/outcome"
REASONS_KEY = "dwcrawler/failure_reasons"


class RunMonitor:
    """Heartbeat, field-rate monitor and run verdict (see the module docstring)."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.thresholds = Thresholds(
            minimum={k: float(v) for k, v in settings.getdict("DW_FIELD_MIN_RATES").items()},
            relative_drop=settings.getfloat("DW_FIELD_RELATIVE_DROP"),
            min_items=settings.getint("DW_FIELD_MIN_ITEMS"),
        )
        self.max_error_rate = settings.getfloat("DW_MAX_ERROR_RATE")
        self.history_runs = settings.getint("DW_FIELD_HISTORY_RUNS")
        self.heartbeat_interval = settings.getfloat("DW_HEARTBEAT_INTERVAL", 60.0)
        self.host = urlsplit(str(settings.get("DW_BASE_URL") or "")).hostname
        self.started = time.monotonic()
        self.verdict: Verdict | None = None
        self.store = Store.for_crawler(crawler)
        self._beats: AsyncioLoopingCall | LoopingCall | None = None
        self._beating: asyncio.Future[None] | None = None
        self._closing = False
        self._stopping: asyncio.Future[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        monitor = cls(crawler)
        monitor.store.on_fatal = monitor.archive_failed
        crawler.signals.connect(monitor.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(monitor.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(monitor.spider_closed, signal=signals.spider_closed)
        return monitor

    # --- while the run goes ------------------------------------------------------------------
    def spider_opened(self) -> None:
        for run in self.store.crashed:
            logger.warning(
                "run %d (pid %s on %s, started %s) was left running by a process that is gone: "
                "marked crashed",
                run.id,
                run.pid,
                run.host,
                f"{run.started_at:%Y-%m-%d %H:%M:%S} UTC",
            )
        if self.heartbeat_interval > 0:
            self._beats = create_looping_call(self.beat)
            self._beats.start(self.heartbeat_interval, now=False)

    def beat(self) -> None:
        """Send one heartbeat (unless the last one is still being written)."""
        if self._beating is None or self._beating.done():
            self._beating = asyncio.ensure_future(self.store.heartbeat())

    def archive_failed(self, message: str) -> None:
        """Stop the run: the archive failed it (`message` says how, and what to run)."""
        self.crawler.stats.set_value(ARCHIVE_ERROR_KEY, message)
        logger.error("%s", message)
        if not self._closing:
            self._closing = True
            task = asyncio.ensure_future(
                self.crawler.engine.close_spider_async(reason="archive_failed")
            )
            self._stopping = task  # keep a reference until it is done

    def item_scraped(self, item: Any) -> None:
        if not isinstance(item, ArticleItem):
            return
        stats = self.crawler.stats
        stats.inc_value("fields/items")
        for name in filled_fields(item):
            stats.inc_value(f"fields/filled/{name}")

    def rates(self) -> tuple[dict[str, float], int]:
        """Return this run's fill rates so far and the number of items they cover."""
        stats = self.crawler.stats
        items = int(stats.get_value("fields/items", 0))
        filled = {name: int(stats.get_value(f"fields/filled/{name}", 0)) for name in FIELDS}
        return compute_rates(filled, items), items

    # --- at the end --------------------------------------------------------------------------
    def judge(
        self, reason: str, rates: dict[str, float], history: list[dict[str, float]]
    ) -> Verdict:
        """Return the verdict on the run as the stats stand now."""
        counters = RunCounters.from_stats(self.crawler.stats.get_stats())
        alarms = check_rates(
            rates, int(self.crawler.stats.get_value("fields/items", 0)), history, self.thresholds
        )
        return judge(counters, reason, alarms, self.max_error_rate, self.host)

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        stats, store = self.crawler.stats, self.store
        self._closing = True  # the spider closes already: nothing more to stop
        if self._beats is not None and self._beats.running:
            self._beats.stop()
        try:
            if self._beating is not None:
                await self._beating
            rates, items = self.rates()
            try:
                history = await store.recent_rates(self.history_runs)
            except ArchiveFailed:
                history = []
            verdict = self.judge(reason, rates, history)
            counters = RunCounters.from_stats(stats.get_stats())
            record = {**asdict(counters), "items": items, "stored": counters.stored}
            record["lost"] = counters.failures
            since: datetime | None = getattr(spider, "since", None)
            if since is not None:
                record["window_since"] = since.isoformat()
            try:
                await store.finish(
                    verdict.outcome, record, rates, "; ".join(verdict.reasons) or None
                )
                validators = getattr(spider, "validators", None)
                if verdict.outcome == "success" and not counters.failures and validators:
                    # Only a run that fetched everything its sitemaps and feeds listed may vouch
                    # for them: the next update run skips a document that answers 304.
                    await store.save_validators(validators)
            except ArchiveFailed:  # the run could not be recorded: it failed
                verdict = self.judge(reason, rates, history)
            self.report(verdict, counters)
            jobdir = self.crawler.settings.get("JOBDIR")
            if jobdir and reason == "finished":
                mark_finished(jobdir, store.run_id)
        finally:
            await store.close()

    def report(self, verdict: Verdict, counters: RunCounters) -> None:
        """Put the verdict into the stats and the log."""
        self.verdict = verdict
        stats = self.crawler.stats
        stats.set_value(OUTCOME_KEY, verdict.outcome)
        if verdict.reasons:
            stats.set_value(REASONS_KEY, "; ".join(verdict.reasons))
        logger.info(summary(counters, self.rates()[0], time.monotonic() - self.started))
        for line in verdict.reasons:
            logger.error("run %s: %s", verdict.outcome, line)
        if verdict.outcome == "success":
            logger.info("run succeeded")
