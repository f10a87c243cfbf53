"""How the crawl starts its helper processes (page extraction, the archive writer).

Helpers are forked from a fork server, never from the crawl process itself: the crawl runs
threads (Twisted's pool, asyncio's executor) that may hold locks at the moment of a fork. The
server preloads nothing: each helper imports only what it uses (the writer SQLAlchemy and
Alembic, a worker lxml and the page objects), on its own core while the crawl process sets
up; preloading both sets into every helper measured 279 MB peak against 233 MB, for no
speed gained. The crawl command starts the server early (`warm_up`). Helpers ignore SIGINT: a
Ctrl-C reaches the whole process group, and only the crawl process should act on it (Scrapy's
graceful shutdown, which still needs its helpers to finish the pages in flight). And helpers
exit when the crawl process dies: a pool's workers never notice on their own (each keeps both
ends of its task pipe), so after a SIGKILL or the OOM killer they would live on, idle, holding
memory and database connections, one set per crashed run.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import multiprocessing.forkserver
import os
import signal
import threading
from concurrent.futures import Future
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable
    from multiprocessing.context import BaseContext

    from scrapy.settings import BaseSettings

T = TypeVar("T")


def helper_context() -> BaseContext:
    """Return the multiprocessing context every crawl helper process is started from."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([])  # see the module docstring
    return context


AUTO = "auto"


def usable_cpus() -> int:
    """Return how many CPU cores this process may run on (its affinity, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extract_processes(settings: BaseSettings) -> int:
    """Resolve `DW_EXTRACT_PROCESSES`: a count, or "auto" (1 with two cores or more, else 0).

    Raises ValueError for anything else.
    """
    raw = settings.get("DW_EXTRACT_PROCESSES", AUTO)
    if str(raw).strip().lower() == AUTO:
        return 1 if usable_cpus() >= 2 else 0
    count = int(raw)
    if count < 0:
        raise ValueError(f"DW_EXTRACT_PROCESSES={raw!r}: use 0 or more, or auto")
    return count


def store_process(settings: BaseSettings) -> bool:
    """Resolve `DW_STORE_PROCESS`: True/False, or "auto" (True with two cores or more).

    Raises ValueError for anything else.
    """
    raw = settings.get("DW_STORE_PROCESS", AUTO)
    if str(raw).strip().lower() == AUTO:
        return usable_cpus() >= 2
    return settings.getbool("DW_STORE_PROCESS")


def warm_up() -> None:
    """Start the fork server now, while the crawl sets up, not when the first helper is due."""
    helper_context()
    multiprocessing.forkserver.ensure_running()


def in_background(work: Callable[[], T]) -> Future[T]:
    """Run `work` on a thread of its own; return its future.

    Starting a helper blocks until the fork server answers: on a thread, the crawl process
    builds its components meanwhile.
    """
    future: Future[T] = Future()

    def run() -> None:
        if future.set_running_or_notify_cancel():
            try:
                future.set_result(work())
            except BaseException as exc:  # noqa: BLE001 - raised by whoever awaits the future
                future.set_exception(exc)

    threading.Thread(target=run, name="dwcrawler-helper-start", daemon=True).start()
    return future


def ignore_sigint() -> None:
    """Leave Ctrl-C to the crawl process (an initializer for helper processes)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def start_helper() -> None:
    """Set up a helper process: leave Ctrl-C to the crawl, and die with the crawl process."""
    ignore_sigint()
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        multiprocessing.connection.wait([sentinel])  # ready when the crawl process is gone
        os._exit(70)  # at once: as if killed with it (SQLite and PostgreSQL roll back)

    threading.Thread(target=watch, name="dwcrawler-parent-watch", daemon=True).start()
