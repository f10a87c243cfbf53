"""Page state for the crawl: gone pages, 304s, and what the spider needs to re-fetch politely.

Also the validators of discovery documents (sitemaps, feeds), for conditional requests. An
article that goes gone or comes back gets a row in `article_status_events` (for `dwcrawler
changes`) and a new `changed_at` (for `dwcrawler export --changed-since`).

Re-exported by `dwcrawler.db.repository`; like it, every function works inside the caller's
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, insert, literal, select, update

from dwcrawler.db.base import UTCDateTime
from dwcrawler.db.records import BATCH_SIZE
from dwcrawler.db.rows import ARTICLES, DISCOVERY, STATUS_EVENTS, insert_for
from dwcrawler.items import CaptureRef

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from sqlalchemy.orm import Session

    from dwcrawler.items import GoneItem, NotModifiedItem


@dataclass(frozen=True, slots=True)
class FetchState:
    """What the spider needs to decide whether, and how, to fetch a stored page again."""

    dw_id: int
    url: str
    status: str  # "live" or "gone"
    etag: str | None
    last_modified: str | None  # the raw Last-Modified header, for If-Modified-Since
    sitemap_lastmod: datetime | None
    modified_at: datetime | None
    last_seen_at: datetime
    capture: CaptureRef | None = None  # the WARC record the stored content was read from


def write_time() -> datetime:
    """Return the writer's clock (UTC): the `changed_at` of a row changed now."""
    return datetime.now(UTC)


def record_status(
    session: Session,
    dw_id: int,
    status: str,
    at: datetime,
    *,
    http_status: int | None = None,
    crawl_run_id: int | None = None,
) -> None:
    """Note that an article went "gone" or came back ("live") at `at`."""
    session.execute(
        insert(STATUS_EVENTS).values(
            article_id=dw_id,
            at=at,
            status=status,
            http_status=http_status,
            crawl_run_id=crawl_run_id,
        )
    )


def _keep_newer_lastmod(values: dict[str, Any], lastmod: datetime | None) -> None:
    """Set `sitemap_lastmod` to `lastmod` where it is newer than the stored one."""
    if lastmod is not None:
        a, new = ARTICLES.c, literal(lastmod, UTCDateTime())
        stored = a.sitemap_lastmod
        values["sitemap_lastmod"] = case((stored.is_(None) | (stored < new), new), else_=stored)


def mark_gone(
    session: Session,
    item: GoneItem,
    *,
    crawl_run_id: int | None = None,
    newer_only: bool = False,
) -> bool:
    """Mark a stored article gone (404/410) as of `item.checked_at`; delete nothing.

    The sitemap lastmod the re-check was made for is kept, gone or not, so a page DW leaves
    listed is not re-checked for it again. `newer_only` (WARC imports, which may bring old
    captures) leaves an article alone that was seen after `item.checked_at`. Returns True if a
    live article was marked gone; False if it is unknown, already gone, or (`newer_only`) seen
    since.
    """
    a = ARTICLES.c
    if item.sitemap_lastmod is not None:
        lastmod: dict[str, Any] = {}
        _keep_newer_lastmod(lastmod, item.sitemap_lastmod)
        session.execute(update(ARTICLES).where(a.dw_id == item.dw_id).values(lastmod))
    values: dict[str, Any] = {
        "status": "gone",
        "gone_at": item.checked_at,
        "gone_status": item.status,
        "changed_at": write_time(),
    }
    if crawl_run_id is not None:
        values["last_crawl_run_id"] = crawl_run_id
    stmt = update(ARTICLES).where(a.dw_id == item.dw_id, a.status == "live")
    if newer_only:  # an imported 404 older than the last sighting says nothing about now
        stmt = stmt.where(a.last_seen_at <= literal(item.checked_at, UTCDateTime()))
    if session.execute(stmt.values(values).returning(a.dw_id)).first() is None:
        return False
    record_status(
        session,
        item.dw_id,
        "gone",
        item.checked_at,
        http_status=item.status,
        crawl_run_id=crawl_run_id,
    )
    return True


def mark_seen(session: Session, item: NotModifiedItem, *, crawl_run_id: int | None = None) -> bool:
    """Note that a stored page answered 304 (unchanged): only `last_seen_at` moves.

    The sitemap lastmod the re-check was made for is kept (the newer of it and the stored one),
    so the next run does not re-check the page for it again. The page answered, so a gone
    article is live again. Returns False for an unknown article.
    """
    a = ARTICLES.c
    checked = literal(item.checked_at, UTCDateTime())
    # Live again, unless it was seen gone after this (imported, older) sighting.
    back = (
        update(ARTICLES)
        .where(a.dw_id == item.dw_id, a.status == "gone")
        .where(a.gone_at.is_(None) | (a.gone_at <= checked))
        .values(status="live", gone_at=None, gone_status=None, changed_at=write_time())
    )
    if session.execute(back.returning(a.dw_id)).first() is not None:
        record_status(session, item.dw_id, "live", item.checked_at, crawl_run_id=crawl_run_id)
    values: dict[str, Any] = {
        "last_seen_at": case((a.last_seen_at < checked, checked), else_=a.last_seen_at)
    }
    _keep_newer_lastmod(values, item.sitemap_lastmod)
    if crawl_run_id is not None:
        values["last_crawl_run_id"] = crawl_run_id
    stmt = update(ARTICLES).where(a.dw_id == item.dw_id).values(values)
    return session.execute(stmt.returning(a.dw_id)).first() is not None


def fetch_states(session: Session, dw_ids: Iterable[int]) -> dict[int, FetchState]:
    """Return the fetch state of each stored article among `dw_ids` (unknown ids are absent)."""
    wanted = sorted(set(dw_ids))
    a = ARTICLES.c
    columns = (
        a.dw_id,
        a.url,
        a.status,
        a.http_etag,
        a.http_last_modified,
        a.sitemap_lastmod,
        a.modified_at,
        a.last_seen_at,
        a.warc_file,
        a.warc_offset,
        a.warc_date,
        a.warc_digest,
    )
    states: dict[int, FetchState] = {}
    for start in range(0, len(wanted), BATCH_SIZE):  # bounded IN lists on every backend
        chunk = wanted[start : start + BATCH_SIZE]
        for row in session.execute(select(*columns).where(a.dw_id.in_(chunk))):
            states[row.dw_id] = FetchState(
                dw_id=row.dw_id,
                url=row.url,
                status=row.status,
                etag=row.http_etag,
                last_modified=row.http_last_modified,
                sitemap_lastmod=row.sitemap_lastmod,
                modified_at=row.modified_at,
                last_seen_at=row.last_seen_at,
                capture=_capture(row),
            )
    return states


def _capture(row: Any) -> CaptureRef | None:
    if row.warc_file is None or row.warc_offset is None or row.warc_date is None:
        return None
    return CaptureRef(row.warc_file, row.warc_offset, row.warc_date, row.warc_digest)


@dataclass(frozen=True, slots=True)
class Validators:
    """The HTTP validators a server gave for a document, sent back in a conditional request."""

    etag: str | None
    last_modified: str | None


def discovery_validators(session: Session) -> dict[str, Validators]:
    """Return the stored validators of every discovery document, by the URL it was fetched at."""
    d = DISCOVERY.c
    rows = session.execute(select(d.url, d.etag, d.last_modified))
    return {row.url: Validators(row.etag, row.last_modified) for row in rows}


def save_discovery_validators(
    session: Session, found: Mapping[str, Validators], checked_at: datetime
) -> None:
    """Store (insert or replace) the validators of the documents in `found`."""
    rows = [
        {"url": url, "etag": v.etag, "last_modified": v.last_modified, "checked_at": checked_at}
        for url, v in found.items()
        if v.etag or v.last_modified
    ]
    if rows:
        stmt = insert_for(session, DISCOVERY)
        excluded = stmt.excluded
        session.execute(
            stmt.on_conflict_do_update(
                index_elements=["url"],
                set_={
                    "etag": excluded.etag,
                    "last_modified": excluded.last_modified,
                    "checked_at": excluded.checked_at,
                },
            ),
            rows,
        )
