"""Before a crawl starts: DW's host must resolve, and the JOBDIR must be able to serve the run.

Offline, a crawl would retry every request with backoff and end, a minute later, in
tracebacks and "nothing could be fetched". Asking the resolver first, with a short bounded
retry (a resolver may need a moment after a machine wakes up), gives one line naming the
cause. A host given as an IP address needs no resolving.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from urllib.parse import urlsplit

from dwcrawler.jobdir import finished_problem

# Three tries over about five seconds, each waiting at most five seconds for an answer.
RESOLVE_PAUSES = (0.0, 1.5, 3.0)
RESOLVE_TIMEOUT = 5.0


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _resolves(host: str, port: int, pool: ThreadPoolExecutor) -> str | None:
    """Return None if `host` resolves, else what the resolver said."""
    answer = pool.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        answer.result(timeout=RESOLVE_TIMEOUT)
    except FutureTimeout:
        return f"no answer from the resolver within {RESOLVE_TIMEOUT:.0f} s"
    except (socket.gaierror, UnicodeError) as exc:
        return str(exc.args[-1] if exc.args else exc)
    return None


def unresolvable(base_url: str) -> str | None:
    """Return the one-line problem when the host of `base_url` cannot be resolved, else None."""
    parts = urlsplit(base_url)
    host = parts.hostname
    if not host or _is_address(host):
        return None
    port = parts.port or (443 if parts.scheme == "https" else 80)
    # The resolver may hang: ask from a thread, never waiting on it past the timeout.
    pool = ThreadPoolExecutor(1, "dwcrawler-resolve")
    try:
        problem = None
        for pause in RESOLVE_PAUSES:
            time.sleep(pause)
            problem = _resolves(host, port, pool)
            if problem is None:
                return None
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return f"cannot resolve {host}: is this machine online? ({problem})"


def stale_jobdir(jobdir: str | None) -> str | None:
    """Return the one-line problem when JOBDIR belongs to a run that finished, else None."""
    return finished_problem(jobdir) if jobdir else None
