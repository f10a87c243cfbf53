"""Every fault the crawl must survive, as data: how the replica misbehaves, and how the crawl
must show it (the stats counter, a log line naming the URL and the fault).

A case targets a content page, a sitemap or a feed that only it uses. `survives` cases are
stored right in the faulty run itself (the crawl works around them); the others lose the page
for that run, and the next run must fetch and store it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from tests.reliability import documents as bad
from tests.replica.faults import (
    body_fault,
    delay_fault,
    redirect_fault,
    reset_fault,
    status_fault,
    truncated_fault,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from tests.replica.server import ReplicaServer, RequestRecord
    from tests.sitegen import PageSpec

HTML = {"Content-Type": "text/html; charset=utf-8"}
XML = {"Content-Type": "application/xml"}
# The fault runs' limits: a response slower than the timeout, a page larger than the maximum.
TIMEOUT = 2.0
SLOW = 3.0
MAXSIZE = 2 * 1024 * 1024
SETTINGS = {
    "DOWNLOAD_TIMEOUT": str(TIMEOUT),
    "DOWNLOAD_MAXSIZE": str(MAXSIZE),
    "DOWNLOAD_WARNSIZE": str(MAXSIZE // 2),
}


@dataclass(frozen=True)
class Stage:
    """Where a case installs its fault: the replica, the target path, the off-site servers."""

    server: ReplicaServer
    path: str
    other_host: str  # origin of a loopback server on another host (127.0.0.2)
    other_port: str  # origin of a loopback server on the replica's host, another port


@dataclass(frozen=True)
class FaultCase:
    """One fault, and what the crawl must show for it."""

    name: str
    counter: str  # a Scrapy stats key that must count it
    log: str  # text a log line naming the URL must hold
    install: Callable[[Stage], None]
    target: Literal["page", "sitemap", "feed"] = "page"
    survives: bool = False
    page: Callable[[PageSpec], PageSpec] | None = None  # the page as this case needs it
    current_only: bool = False  # needs a page with page data (the current design)
    check: Callable[[list[RequestRecord]], str | None] | None = None  # one more assertion


def _on(fault: object) -> Callable[[Stage], None]:
    def install(stage: Stage) -> None:
        stage.server.faults.add(stage.path, fault)  # type: ignore[arg-type]

    return install


def _loop(stage: Stage) -> None:
    other = f"{stage.path}?via=loop"
    stage.server.faults.add(stage.path, redirect_fault(other))
    stage.server.faults.add(other, redirect_fault(stage.path))


def _to_other_host(stage: Stage) -> None:
    stage.server.faults.add(stage.path, redirect_fault(stage.other_host + stage.path))


def _to_other_port(stage: Stage) -> None:
    stage.server.faults.add(stage.path, redirect_fault(stage.other_port + stage.path, 301))


def _waited(seconds: float) -> Callable[[list[RequestRecord]], str | None]:
    def check(tries: list[RequestRecord]) -> str | None:
        gaps = [b.at - a.at for a, b in itertools.pairwise(tries)]
        if len(tries) < 2 or min(gaps) < seconds - 0.05:
            return f"Retry-After {seconds:g} s not honoured: gaps {[round(g, 2) for g in gaps]}"
        return None

    return check


def _non_ascii(spec: PageSpec) -> PageSpec:
    """Give the page text a misread charset would mangle (o-umlaut, dashes, curly quotes)."""
    title = f"{spec.title} \u2013 \u201cK\u00f6ln\u201d na Bujumbura\u2026"
    # A video or audio page's own media carries the page title in its page data too.
    media = replace(spec.media, title=title) if spec.media is not None else None
    return replace(spec, title=title, media=media)


def _invalid_data(spec: PageSpec) -> PageSpec:
    return replace(spec, page_data="invalid")


def _disagreeing_data(spec: PageSpec) -> PageSpec:
    return replace(spec, data_title=f"{spec.title} (toleo la data)")


_RETRY_AFTER = {"Retry-After": "1"}
CASES: tuple[FaultCase, ...] = (
    FaultCase("HTTP 500", "dwcrawler/failed/http_500", "(HTTP 500)", _on(status_fault(500))),
    FaultCase("HTTP 502", "dwcrawler/failed/http_502", "(HTTP 502)", _on(status_fault(502))),
    FaultCase("HTTP 503", "dwcrawler/failed/http_503", "(HTTP 503)", _on(status_fault(503))),
    FaultCase(
        "HTTP 503 + Retry-After",
        "dwcrawler/failed/http_503",
        "(HTTP 503)",
        _on(status_fault(503, _RETRY_AFTER)),
        check=_waited(1.0),
    ),
    FaultCase("HTTP 429", "dwcrawler/failed/http_429", "(HTTP 429)", _on(status_fault(429))),
    FaultCase(
        "HTTP 429 + Retry-After",
        "dwcrawler/failed/http_429",
        "(HTTP 429)",
        _on(status_fault(429, _RETRY_AFTER)),
        check=_waited(1.0),
    ),
    FaultCase(
        "slow response (past the timeout)",
        "dwcrawler/failed/DownloadTimeoutError",
        "took longer than",
        _on(delay_fault(SLOW)),
    ),
    FaultCase(
        "connection reset",
        "dwcrawler/failed/DownloadFailedError",
        "DownloadFailedError",
        _on(reset_fault()),
    ),
    FaultCase(
        "truncated body (short of Content-Length)",
        "dwcrawler/failed/ResponseDataLossError",
        "ResponseDataLossError",
        _on(truncated_fault()),
    ),
    FaultCase(
        "Content-Encoding: gzip, body not gzip",
        "dwcrawler/failed/BadGzipFile",
        "Not a gzipped file",
        _on(body_fault(lambda b: b, {**HTML, "Content-Encoding": "gzip"})),
    ),
    FaultCase(
        "wrong charset (HTTP iso-8859-1, page UTF-8)",
        "content/charset-mismatch",
        "charset-mismatch",
        _on(body_fault(lambda b: b, {"Content-Type": "text/html; charset=iso-8859-1"})),
        survives=True,
        page=_non_ascii,
    ),
    FaultCase(
        "missing charset (neither HTTP nor page)",
        "content/charset-missing",
        "charset-missing",
        _on(body_fault(bad.without_charset, {"Content-Type": "text/html"})),
        survives=True,
        page=_non_ascii,
    ),
    FaultCase(
        "legacy charset (windows-1252, HTTP only)",
        "content/charset-fallback",
        "charset-fallback",
        _on(body_fault(bad.as_windows_1252, {"Content-Type": "text/html; charset=windows-1252"})),
        survives=True,
        page=_non_ascii,
    ),
    FaultCase("empty 200", "extract/failed", "empty document", _on(body_fault(b"", HTML))),
    FaultCase(
        "JPEG instead of a page",
        "content/not_html",
        "Content-Type image/jpeg",
        _on(body_fault(bad.JPEG, {"Content-Type": "image/jpeg"})),
    ),
    FaultCase(
        "PDF instead of a page",
        "content/not_html",
        "Content-Type application/pdf",
        _on(body_fault(bad.PDF, {"Content-Type": "application/pdf"})),
    ),
    FaultCase("redirect loop", "redirect/refused/loop", "redirect loop", _loop),
    FaultCase(
        "redirect to another host",
        "redirect/refused/offsite",
        "off the configured origin",
        _to_other_host,
    ),
    FaultCase(
        "redirect to another port",
        "redirect/refused/offsite",
        "off the configured origin",
        _to_other_port,
    ),
    FaultCase(
        "larger than DOWNLOAD_MAXSIZE",
        "dwcrawler/failed/DownloadCancelledError",
        "larger than download max size",
        _on(body_fault(bad.padded(MAXSIZE + MAXSIZE // 2), HTML)),
    ),
    FaultCase(
        "sitemap with an entity bomb",
        "discovery/bad_sitemap",
        "malformed sitemap XML",
        _on(body_fault(bad.XML_BOMB, XML)),
        target="sitemap",
    ),
    FaultCase(
        "sitemap with malformed XML",
        "discovery/bad_sitemap",
        "malformed sitemap XML",
        _on(body_fault(bad.garbled_xml, XML)),
        target="sitemap",
    ),
    FaultCase(
        "RSS feed with malformed XML",
        "discovery/bad_feed",
        "malformed feed XML",
        _on(body_fault(bad.cut_in_half, {"Content-Type": "application/rss+xml"})),
        target="feed",
    ),
    FaultCase(
        "page data (__APOLLO_STATE__) invalid JSON",
        "extract/warnings/invalid-page-data",
        "invalid-page-data",
        lambda stage: None,
        survives=True,
        page=_invalid_data,
        current_only=True,
    ),
    FaultCase(
        "page data and HTML disagree",
        "extract/warnings/title-mismatch",
        "title-mismatch",
        lambda stage: None,
        survives=True,
        page=_disagreeing_data,
        current_only=True,
    ),
)
