"""RunMonitor: count field fill rates of stored items, judge the run, log its summary.

Items reach `item_scraped` only after every pipeline accepted them, so what is counted here is
what was stored. At the end the verdict goes into the stats (`dwcrawler/outcome`, read by the
`crawl` command for the exit status), into the log (one line per reason) and, with the
counters and field rates, into the run's `crawl_runs` row; then the store is closed.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from scrapy import signals

from dwcrawler.extensions.verdict import RunCounters, Verdict, judge, summary
from dwcrawler.fieldrates import FIELDS, Thresholds, check_rates, filled_fields
from dwcrawler.fieldrates import fill_rates as compute_rates
from dwcrawler.items import ArticleItem
from dwcrawler.store import Store

if TYPE_CHECKING:
    from datetime import datetime
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

OUTCOME_KEY = "dwcrawler/outcome"
REASONS_KEY = "dwcrawler/failure_reasons"


class RunMonitor:
    """Field-rate monitor and run verdict (see the module docstring)."""

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
        self.started = time.monotonic()
        self.verdict: Verdict | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        monitor = cls(crawler)
        crawler.signals.connect(monitor.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(monitor.spider_closed, signal=signals.spider_closed)
        return monitor

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

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats
        store = Store.for_crawler(self.crawler)
        try:
            rates, items = self.rates()
            history = await store.recent_rates(self.history_runs)
            alarms = check_rates(rates, items, history, self.thresholds)
            counters = RunCounters.from_stats(stats.get_stats())
            verdict = judge(counters, reason, alarms, self.max_error_rate)
            self.verdict = verdict
            stats.set_value(OUTCOME_KEY, verdict.outcome)
            if verdict.reasons:
                stats.set_value(REASONS_KEY, "; ".join(verdict.reasons))
            logger.info(summary(counters, rates, time.monotonic() - self.started))
            for line in verdict.reasons:
                logger.error("run %s: %s", verdict.outcome, line)
            if verdict.outcome == "success":
                logger.info("run succeeded")
            stored = counters.stored
            record = {**asdict(counters), "items": items, "stored": stored}
            record["lost"] = counters.failures
            since: datetime | None = getattr(spider, "since", None)
            if since is not None:
                record["window_since"] = since.isoformat()
            message = "; ".join(verdict.reasons) or None
            await store.finish(verdict.outcome, record, rates, message)
            validators = getattr(spider, "validators", None)
            if verdict.outcome == "success" and not counters.failures and validators:
                # Only a run that fetched everything its sitemaps and feeds listed may vouch
                # for them: the next update run skips a document that answers 304.
                await store.save_validators(validators)
        finally:
            await store.close()
