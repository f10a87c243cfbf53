"""One fault round: two real `scrapy crawl dw_sw` runs (update mode) against a faulty replica.

Run 1 meets every fault of the round at once; run 2 meets none. For each case the round
records what went wrong, if anything: the crawl stopped, no counter or no log line named the
fault, something wrong was stored, the page was not stored by run 2, a request left the
configured origin. `lost` counts pages wrong or missing at the end (must be 0).
"""

from __future__ import annotations

import threading
from collections import Counter
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from tests.reliability import crawllog
from tests.reliability.faultcases import SETTINGS, Stage
from tests.reliability.faultsite import HEALTHY_FEED, FaultSite, build
from tests.replica.archive import records
from tests.replica.run import crawl
from tests.replica.server import ReplicaServer
from tests.sitegen import expected_dict

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from tests.reliability.faultcases import FaultCase
    from tests.replica.server import RequestRecord

    Stored = dict[int, dict[str, Any]]

# What the archive must hold exactly as the spec says (the export schema's content fields).
COMPARED = (
    "url", "kind", "language", "design", "title", "teaser", "published_at", "modified_at",
    "authors", "editors", "body", "photos", "media", "duration_seconds", "permalink",
)  # fmt: skip


@dataclass
class CaseResult:
    """How one case fared in one round."""

    case: FaultCase
    problems: list[str] = field(default_factory=list)
    lost: int = 0  # pages wrong or missing at the end of the round

    @property
    def survived(self) -> bool:
        """Return True if the crawl showed and survived the fault, losing nothing."""
        return not self.problems and not self.lost


class _Sink(BaseHTTPRequestHandler):
    """An off-site server: it must never be asked for anything."""

    def do_GET(self) -> None:
        self.server.hits.append(self.path)  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the hit list is the record."""


@contextmanager
def _sink(host: str) -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer((host, 0), _Sink)
    server.hits = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _origin(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}"


def _mismatch(record: dict[str, Any] | None, spec: Any) -> str | None:
    if record is None:
        return "not stored"
    expected = expected_dict(spec)
    wrong = [key for key in COMPARED if record[key] != expected[key]]
    return f"stored wrong: {', '.join(wrong)}" if wrong else None


def run_round(
    cases: Sequence[FaultCase], db_url: str, *, seed: int = 1, combined: bool = True
) -> list[CaseResult]:
    """Crawl a replica where every case's fault is installed, then again without faults."""
    site = build(cases, seed)
    results = [CaseResult(t.case) for t in site.targets]
    settings = {
        **SETTINGS,
        "DATABASE_URL": db_url,
        "DW_FEEDS": ",".join(site.feeds),
        "DW_LINK_HOPS": "0",  # reach each page only through the path its case breaks
        # Many faults at once exceed the default error threshold; alone, each stays below it.
        **({"DW_MAX_ERROR_RATE": "1.0"} if combined else {}),
    }
    with ExitStack() as stack:
        other_host = stack.enter_context(_sink("127.0.0.2"))
        other_port = stack.enter_context(_sink("127.0.0.1"))
        server = stack.enter_context(ReplicaServer(site.resources, max_requests=5000, lifetime=600))
        for target in site.targets:
            stage = Stage(server, target.path, _origin(other_host), _origin(other_port))
            target.case.install(stage)
        options = {
            "proxy": server.base_url,  # a request for any other host lands in the replica's log
            "env": {"no_proxy": "127.0.0.2", "NO_PROXY": "127.0.0.2"},  # …except this sink
            "args": {"mode": "update"},
            "settings": settings,
            "timeout": 300,
        }
        first = crawl(server.base_url, **options)  # type: ignore[arg-type]
        first_log, stored_first = server.requests(), records(db_url)
        server.faults.clear()
        server.clear_log()
        second = crawl(server.base_url, **options)  # type: ignore[arg-type]
        stored = records(db_url)
        left = [r.url for r in [*first_log, *server.requests()] if
                urlsplit(r.url).netloc != server.authority]  # fmt: skip
        hits = other_host.hits + other_port.hits  # type: ignore[attr-defined]
    common = _common_problems(site, first, second, stored_first, stored, left, hits)
    _judge(site, results, first.stderr, first_log, stored_first, stored)
    for result in results:
        result.problems[:0] = common
    return results


def _common_problems(
    site: FaultSite,
    first: Any,
    second: Any,
    stored_first: Stored,
    stored: Stored,
    left: list[str],
    hits: list[str],
) -> list[str]:
    problems = []
    if first.returncode != 0 or second.returncode != 0:
        tail = (first.stderr if first.returncode else second.stderr)[-1500:]
        problems.append(f"crawl exit statuses {first.returncode}, {second.returncode}: {tail}")
    for dw_id in site.healthy:  # the crawl went on: every healthy page stored, and right
        if (why := _mismatch(stored_first.get(dw_id), site.specs[dw_id])) is not None:
            problems.append(f"healthy page {dw_id} in run 1: {why}")
    if unknown := set(stored) - set(site.specs):
        problems.append(f"stored pages the site does not have: {sorted(unknown)}")
    if left or hits:
        problems.append(f"requests left the configured origin: {left + hits}")
    return problems


def _judge(
    site: FaultSite,
    results: list[CaseResult],
    log: str,
    requests: list[RequestRecord],
    first: Stored,
    last: Stored,
) -> None:
    shared = Counter(target.case.counter for target in site.targets)
    counts = crawllog.stats(log)
    for target, result in zip(site.targets, results, strict=True):
        case, dw_id = target.case, target.spec.dw_id
        if counts.get(case.counter, 0) < shared[case.counter]:
            result.problems.append(f"stats {case.counter} = {counts.get(case.counter, 0)}")
        ident = str(dw_id) if case.target == "page" else target.path
        if not crawllog.lines_about(log, ident, case.log):
            result.problems.append(f"no log line with {ident!r} and {case.log!r}")
        problem = _mismatch(first.get(dw_id), target.spec)
        if case.survives and problem is not None:
            result.problems.append(f"run 1 did not store it right: {problem}")
            result.lost += 1
        elif not case.survives and dw_id in first and problem is not None:
            result.problems.append(f"run 1 stored it wrong: {problem}")
            result.lost += 1
        if (problem := _mismatch(last.get(dw_id), target.spec)) is not None:
            result.problems.append(f"after run 2: {problem}")
            result.lost += 1
        if case.check is not None:
            tries = [r for r in requests if r.path == target.path]
            if (problem := case.check(tries)) is not None:
                result.problems.append(problem)


__all__ = ["HEALTHY_FEED", "CaseResult", "run_round"]
