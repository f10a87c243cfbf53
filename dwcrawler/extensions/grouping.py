"""Group many small calls to a helper into few large ones (group commit, batched parsing).

A call to a helper process costs the crawl process far more than the work it hands over:
pickling, a queue, a pipe, a wake-up, a future (about 0.6 ms of the crawl process's CPU per
call, measured), which on a fast backfill is CPU the downloader needed. A `Grouper` collects
calls as they arrive and sends them together: when `max_size` have gathered, or `linger`
seconds after the first one, whichever comes first. At DW's polite pace a group is one call
late by `linger`; on a fast backfill groups fill up and the per-call cost is shared. Each call
still gets its own result or exception.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

A = TypeVar("A")
# What a group function returns for each call: (True, its result) or (False, its exception).
Outcome = tuple[bool, Any]


class Grouper(Generic[A]):
    """Send calls to `run_group` in groups; at most `parallel` groups are in flight at once.

    `run_group(args)` returns one `Outcome` per argument, in order. If it raises, every call
    of the group raises that exception.
    """

    def __init__(
        self,
        run_group: Callable[[list[A]], Awaitable[list[Outcome]]],
        *,
        max_size: int,
        linger: float,
        parallel: int = 1,
    ) -> None:
        self._run_group = run_group
        self.max_size = max(1, max_size)
        self.linger = linger
        self._parallel = max(1, parallel)
        self._slots: asyncio.Semaphore | None = None
        self._waiting: list[tuple[A, asyncio.Future[Any]]] = []
        self._timer: asyncio.TimerHandle | None = None
        self._in_flight: set[asyncio.Future[None]] = set()

    async def submit(self, arg: A) -> Any:
        """Queue one call; return its result (or raise its exception) once its group ran."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._waiting.append((arg, future))
        if len(self._waiting) >= self.max_size:
            self._dispatch()
        elif self._timer is None:
            self._timer = loop.call_later(self.linger, self._dispatch)
        return await future

    def _dispatch(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        group, self._waiting = self._waiting, []
        if group:
            sent = asyncio.ensure_future(self._send(group))
            self._in_flight.add(sent)
            sent.add_done_callback(self._in_flight.discard)

    async def _send(self, group: list[tuple[A, asyncio.Future[Any]]]) -> None:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self._parallel)
        async with self._slots:
            try:
                outcomes = await self._run_group([arg for arg, _ in group])
            except Exception as exc:  # noqa: BLE001 - handed to every call of the group
                outcomes = [(False, exc)] * len(group)
            except BaseException:  # cancelled: so are its calls, none is left waiting
                for _, future in group:
                    future.cancel()
                raise
        for (_, future), (ok, value) in zip(group, outcomes, strict=True):
            if future.done():  # its caller was cancelled (a crawl shutting down)
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)

    async def drain(self) -> None:
        """Send what is waiting now and wait until every group has run."""
        self._dispatch()
        while self._in_flight:
            await asyncio.gather(*self._in_flight, return_exceptions=True)
