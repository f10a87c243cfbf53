"""Retries with exponential backoff that honour `Retry-After`, without blocking the reactor.

Scrapy's RetryMiddleware re-schedules a failed request at once, so a rate-limited or
overloaded server is asked again immediately. This subclass waits first: the server's
`Retry-After` (seconds or an HTTP date) when it sends one, else base * 2^(try-1) with jitter,
capped. The wait is an `asyncio.sleep` in an async middleware method, so other downloads go on.
"""

from __future__ import annotations

import asyncio
import logging
import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import RetryMiddleware

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Return the seconds a `Retry-After` header asks for (delta-seconds or HTTP date)."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_delay(
    attempt: int,
    *,
    base: float,
    cap: float,
    retry_after: float | None = None,
    retry_after_max: float = 600.0,
    rand: random.Random | None = None,
) -> float:
    """Return the wait before retry number `attempt` (1 = first retry).

    Full jitter on the exponential part (so many crawlers don't retry in step); a
    `Retry-After` longer than that wins, bounded by retry_after_max.
    """
    exponential = min(cap, base * 2 ** (attempt - 1))
    delay = (rand or random).uniform(exponential / 2, exponential)
    if retry_after is not None:
        delay = max(delay, min(retry_after, retry_after_max))
    return delay


class BackoffRetryMiddleware(RetryMiddleware):
    """RetryMiddleware that waits (backoff, Retry-After) before handing back the retry."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 120.0)
        self.retry_after_max = settings.getfloat("RETRY_AFTER_MAX", 600.0)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        result = super().process_response(request, response)
        if result is response:
            return response
        header = response.headers.get(b"Retry-After")
        retry_after = parse_retry_after(header.decode("latin-1") if header else None)
        await self._wait(request, f"HTTP {response.status}", retry_after)
        return result

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        result = super().process_exception(request, exception)
        if result is not None:
            await self._wait(request, type(exception).__name__, None)
        return result

    async def _wait(self, request: Request, reason: str, retry_after: float | None) -> None:
        attempt = int(request.meta.get("retry_times", 0)) + 1
        delay = backoff_delay(
            attempt,
            base=self.base,
            cap=self.cap,
            retry_after=retry_after,
            retry_after_max=self.retry_after_max,
        )
        self.crawler.stats.inc_value("retry/backoff_ms", round(delay * 1000))
        logger.info(
            "Retry %d of %s (%s) in %.1f s%s",
            attempt,
            request.url,
            reason,
            delay,
            f" (server asked for {retry_after:.0f} s)" if retry_after is not None else "",
        )
        if delay > 0:
            await asyncio.sleep(delay)
