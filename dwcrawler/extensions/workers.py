"""How the crawl starts its helper processes (page extraction, the archive writer).

Helpers are forked from a fork server, never from the crawl process itself: the crawl runs
threads (Twisted's pool, asyncio's executor) that may hold locks at the moment of a fork. The
server imports the heavy modules once, so each helper starts warm. Helpers ignore SIGINT: a
Ctrl-C reaches the whole process group, and only the crawl process should act on it (Scrapy's
graceful shutdown, which still needs its helpers to finish the pages in flight).
"""

from __future__ import annotations

import multiprocessing
import signal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

# Imported by the fork server, so that every helper forked from it starts with them loaded.
PRELOAD = ["dwcrawler.pages", "dwcrawler.cleaning", "dwcrawler.db.repository"]


def helper_context() -> BaseContext:
    """Return the multiprocessing context every crawl helper process is started from."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def ignore_sigint() -> None:
    """Leave Ctrl-C to the crawl process (an initializer for helper processes)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
