"""Did the run work? Pure judgement of a run's counters, and its summary for the log.

Cron mails the user when `scrapy crawl dw_sw` exits non-zero, so the verdict must be plain:
the run failed when nothing could be fetched (and, when no connection could be made at all,
it says so), when too many requests ended in errors, when an item could not be stored (or the
store refused to start), when a response could not be kept in the WARC files (or they could not
be opened), when a field's fill rate alarmed, or when the archive failed it (a damaged file:
that reason comes last, so the last line names it). A run stopped before it finished (Ctrl-C,
SIGTERM, a JOBDIR pause) is "interrupted".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Mapping

    from dwcrawler.fieldrates import FieldAlarm

Outcome = Literal["success", "failed", "interrupted"]
# The stats key every pipeline stage increments when it drops an item: one lost page.
LOST_KEY = "items/lost"
# The stats key holding the database error that ended the run (see `dwcrawler.store`).
ARCHIVE_ERROR_KEY = "dwcrawler/archive_error"
# Request failures that mean no connection could be made at all: no DNS, no route, refused.
UNREACHABLE = frozenset(
    {
        "CannotResolveHostError",
        "DNSLookupError",
        "DownloadConnectionRefusedError",
        "ConnectionRefusedError",
        "ConnectError",
        "NoRouteError",
        "TCPTimedOutError",
    }
)


@dataclass(frozen=True, slots=True)
class RunCounters:
    """What a run did, from its Scrapy stats."""

    responses_ok: int = 0  # responses with a status below 400 (304 included)
    requests_done: int = 0  # logical requests finished (callback or errback)
    requests_failed: int = 0  # of those, failed for good (after retries)
    stored_new: int = 0
    stored_revised: int = 0
    stored_unchanged: int = 0
    not_modified: int = 0  # 304 answers to conditional requests
    skipped_unchanged: int = 0  # not fetched: lastmod not newer than stored, or before the window
    gone: int = 0
    items_lost: int = 0  # items dropped by any pipeline stage (cleaning, validation, store)
    dropped_invalid: int = 0
    store_failed: int = 0
    store_refused: str | None = None  # why the store did not start
    warc_failed: int = 0  # responses whose records could not be written to the WARC files
    warc_refused: str | None = None  # why the WARC files could not be opened
    archive_error: str | None = None  # the database error that ended the run
    unreachable: int = 0  # requests that failed without any connection (see UNREACHABLE)
    # CPU time of the thread doing the work (the reactor for reading and cleaning; the writer)
    extract_us: int = 0  # in the page objects
    clean_us: int = 0  # in cleaning
    store_us: int = 0  # turning items into rows, SQL included

    @classmethod
    def from_stats(cls, stats: Mapping[str, object]) -> RunCounters:
        """Read the counters the spider, pipelines and Scrapy keep in the stats."""

        def num(key: str) -> int:
            value = stats.get(key, 0)
            return int(value) if isinstance(value, int | float) else 0

        ok = sum(
            num(key)
            for key in stats
            if key.startswith("downloader/response_status_count/")
            and key.rsplit("/", 1)[-1].isdigit()
            and int(key.rsplit("/", 1)[-1]) < 400
        )
        refused = stats.get("store/refused")
        warc_refused = stats.get("warc/refused")
        archive_error = stats.get(ARCHIVE_ERROR_KEY)
        return cls(
            responses_ok=ok,
            requests_done=num("dwcrawler/requests_done"),
            requests_failed=num("dwcrawler/requests_failed"),
            stored_new=num("store/new"),
            stored_revised=num("store/revised"),
            stored_unchanged=num("store/unchanged"),
            not_modified=num("incremental/not_modified"),
            skipped_unchanged=num("incremental/skip") + num("incremental/skipped_window"),
            gone=num("store/gone"),
            items_lost=num(LOST_KEY),
            dropped_invalid=num("validate/dropped"),
            store_failed=num("store/failed"),
            store_refused=str(refused) if refused else None,
            warc_failed=num("warc/failed"),
            warc_refused=str(warc_refused) if warc_refused else None,
            archive_error=str(archive_error) if archive_error else None,
            unreachable=sum(num(f"dwcrawler/failed/{name}") for name in UNREACHABLE),
            extract_us=num("time/extract_us"),
            clean_us=num("time/clean_us"),
            store_us=num("time/store_us"),
        )

    @property
    def stored(self) -> int:
        """Return the articles stored (new, revised, or seen again unchanged)."""
        return self.stored_new + self.stored_revised + self.stored_unchanged

    @property
    def unchanged(self) -> int:
        """Return the pages found unchanged: stored as such, answered 304, or not fetched."""
        return self.stored_unchanged + self.not_modified + self.skipped_unchanged

    @property
    def failures(self) -> int:
        """Return the pages lost this run: failed requests, and items dropped by any stage."""
        return self.requests_failed + self.items_lost

    @property
    def error_rate(self) -> float:
        """Return the share of finished requests whose page was lost (see `failures`)."""
        return min(1.0, self.failures / self.requests_done) if self.requests_done else 0.0


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of a run and every reason it did not succeed."""

    outcome: Outcome
    reasons: tuple[str, ...] = field(default=())


def judge(
    counters: RunCounters,
    finish_reason: str,
    alarms: list[FieldAlarm],
    max_error_rate: float,
    host: str | None = None,
) -> Verdict:
    """Return the verdict on a run (`host`: DW_BASE_URL's, named when it could not be reached)."""
    reasons: list[str] = []
    refused = counters.store_refused or counters.warc_refused
    if counters.store_refused:
        reasons.append(f"the store refused to start: {counters.store_refused}")
    if counters.warc_refused:
        reasons.append(f"the WARC files could not be opened: {counters.warc_refused}")
    if refused or counters.archive_error:
        pass  # that is the cause (the archive's failure comes last)
    elif counters.responses_ok == 0:
        if counters.unreachable and counters.unreachable == counters.requests_failed:
            where = host or "DW"
            reasons.append(
                f"nothing could be fetched: cannot reach {where}: is this machine online?"
            )
        else:
            reasons.append("nothing could be fetched")
    if counters.error_rate > max_error_rate:
        reasons.append(
            f"error rate {counters.error_rate:.0%} ({counters.failures} of "
            f"{counters.requests_done} requests) is over the threshold {max_error_rate:.0%}"
        )
    if counters.store_failed:
        reasons.append(f"{counters.store_failed} item(s) could not be written to the database")
    if counters.warc_failed:
        reasons.append(f"{counters.warc_failed} response(s) could not be written to the WARC files")
    reasons.extend(alarm.message() for alarm in alarms)
    if counters.archive_error:
        reasons.append(counters.archive_error)
    elif finish_reason != "finished" and not refused:
        return Verdict("interrupted", (f"the run stopped early ({finish_reason})", *reasons))
    return Verdict("failed" if reasons else "success", tuple(reasons))


def summary(counters: RunCounters, rates: Mapping[str, float], elapsed: float) -> str:
    """Return the end-of-run summary line (counters and field rates)."""
    stored = counters.stored
    rate_text = ", ".join(f"{name} {value:.0%}" for name, value in rates.items()) or "n/a"
    return (
        f"run summary: {elapsed:.0f} s, {counters.responses_ok} pages fetched, "
        f"{stored} items stored ({counters.stored_new} new, {counters.stored_revised} revised, "
        f"{counters.stored_unchanged} unchanged), {counters.not_modified} not modified (304), "
        f"{counters.skipped_unchanged} skipped as unchanged, {counters.gone} gone, "
        f"{counters.dropped_invalid} invalid, {counters.store_failed} write failures, "
        f"{counters.requests_failed} failed requests; field rates: {rate_text}; CPU time: "
        f"extracting {counters.extract_us / 1e6:.1f} s, cleaning {counters.clean_us / 1e6:.1f} s, "
        f"storing {counters.store_us / 1e6:.1f} s"
    )
