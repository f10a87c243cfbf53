"""The write side: items in, rows out. The only code that turns items into database rows.

Every function receives a `Session` and works inside the caller's transaction
(`with Session.begin(): store_article(...)`); none commits. An article is keyed by its DW id.
Storing an item whose content (see `dwcrawler.db.hashing`) is unchanged only moves the
bookkeeping (`last_seen_at`, fetch facts, crawl run); changed content adds a revision, which
records its cause (`fetch`: DW changed the page; `reextract`, `import`). `changed_at` moves
whenever the exported record changes: new content, new metadata, history, a status change.
The crawl-state functions (`mark_gone`, `mark_seen`, `fetch_states`), the crawl-run functions,
the failed URLs and the takedown list live in `states`, `runs`, `failures` and `takedown` and
are re-exported here: this module is the interface.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from sqlalchemy import bindparam, select, update

from dwcrawler.db import history
from dwcrawler.db.coverage import ListedPage, record_listed
from dwcrawler.db.failures import FailedURL, add_failures
from dwcrawler.db.hashing import (
    CONTENT_FIELDS,
    changed_fields,
    content_hash,
    content_snapshot,
    rendered_hash,
)
from dwcrawler.db.queries import revision_snapshot
from dwcrawler.db.rows import (
    ARTICLES,
    REVISIONS,
    insert_for,
    insert_ignoring,
    write_links,
    write_new_links,
)
from dwcrawler.db.runs import (
    CrawlRunInfo,
    crash_stale_runs,
    finish_crawl_run,
    heartbeat,
    last_successful_run,
    recent_field_rates,
    start_crawl_run,
)
from dwcrawler.db.states import (
    FetchState,
    Validators,
    discovery_validators,
    fetch_states,
    mark_gone,
    mark_seen,
    record_status,
    save_discovery_validators,
    write_time,
)
from dwcrawler.db.takedown import Purged, excluded_ids, purge_article
from dwcrawler.items import article_to_dict

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import datetime

    from sqlalchemy.engine import Row
    from sqlalchemy.orm import Session

    from dwcrawler.items import ArticleItem

    # content_hash, meta_hash, current_revision, first_seen_at, last_seen_at, gone_at
    _Stored = Row[str, str, int, datetime, datetime, datetime | None, str, str]

__all__ = [
    "Cause",
    "CrawlRunInfo",
    "FailedURL",
    "FetchState",
    "ListedPage",
    "Purged",
    "StoreOutcome",
    "Validators",
    "add_failures",
    "crash_stale_runs",
    "discovery_validators",
    "excluded_ids",
    "fetch_states",
    "finish_crawl_run",
    "heartbeat",
    "last_successful_run",
    "mark_gone",
    "mark_seen",
    "purge_article",
    "recent_field_rates",
    "record_listed",
    "save_discovery_validators",
    "start_crawl_run",
    "store_article",
    "store_articles",
]

StoreOutcome = Literal["new", "revised", "history", "unchanged"]
# Why a revision is written: see `dwcrawler.db.models.REVISION_CAUSES`.
Cause = Literal["fetch", "reextract", "import"]

# Columns that only change with the content hash (and feed the search index).
_CONTENT_COLUMNS = ("title", "teaser", "body_text", "body")


def _offset_minutes(value: datetime | None) -> int | None:
    offset = value.utcoffset() if value is not None else None
    return None if offset is None else int(offset.total_seconds() // 60)


def _article_values(item: ArticleItem, data: dict[str, Any]) -> dict[str, Any]:
    """Return the article row's own columns; `data` is `article_to_dict(item)`."""
    return {
        "url": item.url,
        "kind": item.kind,
        "language": item.language,
        "design": item.design,
        "title": item.title,
        "teaser": item.teaser,
        "kicker": item.kicker,
        "body_text": item.body_text,
        "body": data["body"],
        "published_at": item.published_at,
        "published_offset": _offset_minutes(item.published_at),
        "modified_at": item.modified_at,
        "modified_offset": _offset_minutes(item.modified_at),
        "date_precision": item.date_precision,
        "duration_seconds": item.duration_seconds,
        "permalink": item.permalink,
        "media": data["media"],
        "keywords": data["keywords"],
        "wire": data["wire"],
        "links": data["links"],
        "warnings": data["warnings"],
        "cleaning": data["cleaning"],
        "extractor_version": item.extractor_version,
        "capture": item.capture,
    }


def _fetch_values(item: ArticleItem) -> dict[str, Any]:
    fetch = item.fetch
    if fetch is None:
        return {}
    values: dict[str, Any] = {
        "last_fetched_at": fetch.fetched_at,
        "http_etag": fetch.etag,
        "http_last_modified": fetch.last_modified,
    }
    if fetch.sitemap_lastmod is not None:  # feeds and links carry none: keep the known one
        values["sitemap_lastmod"] = fetch.sitemap_lastmod
    if fetch.capture is not None:
        capture = fetch.capture
        values |= {
            "warc_file": capture.file,
            "warc_offset": capture.offset,
            "warc_date": capture.date,
            "warc_digest": capture.digest,
        }
    return values


def _revision(
    item: ArticleItem,
    number: int,
    snapshot: dict[str, Any],
    c_hash: str,
    changed: list[str],
    **extra: Any,
) -> dict[str, Any]:
    capture = item.fetch.capture if item.fetch is not None else None
    return {
        "article_id": item.dw_id,
        "revision": number,
        "content_hash": c_hash,
        "changed_fields": changed,
        "snapshot": snapshot,
        "extractor_version": item.extractor_version,
        "capture": item.capture,
        "warc_file": capture.file if capture else None,
        "warc_offset": capture.offset if capture else None,
        **extra,
    }


# Built once: every article is looked up by the same statement (building it per article cost
# about a tenth of storing one). PostgreSQL: two writers storing one article take turns
# (SQLite ignores FOR UPDATE).
_EXISTING = (
    select(
        ARTICLES.c.content_hash,
        ARTICLES.c.meta_hash,
        ARTICLES.c.current_revision,
        ARTICLES.c.first_seen_at,
        ARTICLES.c.last_seen_at,
        ARTICLES.c.gone_at,
        ARTICLES.c.status,
        ARTICLES.c.capture,
    )
    .where(ARTICLES.c.dw_id == bindparam("dw_id"))
    .with_for_update()
)


def _existing(session: Session, dw_id: int) -> _Stored | None:
    return session.execute(_EXISTING, {"dw_id": dw_id}).one_or_none()


class _NewRow(NamedTuple):
    article: dict[str, Any]
    revision: dict[str, Any]


def _new_row(
    item: ArticleItem, seen_at: datetime, crawl_run_id: int | None, cause: Cause = "fetch"
) -> _NewRow:
    """Return the article row and first revision of an item not stored yet."""
    snapshot, data = content_snapshot(item), article_to_dict(item)
    c_hash, m_hash = content_hash(snapshot), rendered_hash(data)
    fetched_at = item.fetch.fetched_at if item.fetch is not None else seen_at
    article = {
        "dw_id": item.dw_id,
        **_article_values(item, data),
        "status": "live",
        "first_seen_at": seen_at,
        "last_seen_at": seen_at,
        **_fetch_values(item),
        "content_hash": c_hash,
        "meta_hash": m_hash,
        "current_revision": 1,
        "changed_at": write_time(),
        "last_crawl_run_id": crawl_run_id,
    }
    run = {"crawl_run_id": crawl_run_id, "fetched_at": fetched_at, "cause": cause}
    return _NewRow(article, _revision(item, 1, snapshot, c_hash, [], **run))


def _sighting(row: _Stored, seen_at: datetime, cause: Cause) -> dict[str, Any]:
    """Return the bookkeeping a sighting of a stored article changes (none for reextract)."""
    if cause == "reextract":  # the same capture read again: nothing was seen or fetched
        return {}
    values: dict[str, Any] = {
        "first_seen_at": min(row.first_seen_at, seen_at),
        "last_seen_at": max(row.last_seen_at, seen_at),
    }
    # A page that answered is live again, unless it was seen gone after this (older) capture.
    if row.gone_at is None or row.gone_at <= seen_at:
        values |= {"status": "live", "gone_at": None, "gone_status": None}
    return values


def store_article(
    session: Session,
    item: ArticleItem,
    *,
    seen_at: datetime,
    crawl_run_id: int | None = None,
    cause: Cause = "fetch",
) -> StoreOutcome:
    """Store one item: insert it, add a revision if its content changed, or note the sighting.

    `seen_at` (timezone-aware) is when the page was seen; the revision's time is the fetch
    time when the item has one. `cause` says why a revision would be written: `fetch` (a
    crawl), `import` (a WARC capture, which may be older than the current version: then it
    only adds history, see `dwcrawler.db.history`) or `reextract` (the stored capture read by
    a newer extractor: no sighting, no fetch facts move). Returns "new", "revised",
    "history" (an older version was placed in the history) or "unchanged".
    """
    row = _existing(session, item.dw_id)
    if row is None:
        new = _new_row(item, seen_at, crawl_run_id, cause)
        stmt = insert_ignoring(session, ARTICLES).returning(ARTICLES.c.dw_id)
        if session.execute(stmt, new.article).first() is not None:
            write_links(session, item, seen_at, fresh=True)
            session.execute(insert_for(session, REVISIONS), new.revision)
            return "new"
        row = _existing(session, item.dw_id)  # another writer inserted it just now
        assert row is not None  # the conflicting row exists and is now locked
    snapshot, data = content_snapshot(item), article_to_dict(item)
    c_hash, m_hash = content_hash(snapshot), rendered_hash(data)
    fetched_at = item.fetch.fetched_at if item.fetch is not None else seen_at
    run = {"crawl_run_id": crawl_run_id, "fetched_at": fetched_at, "cause": cause}
    values = _sighting(row, seen_at, cause)
    back = row.status == "gone" and values.get("status") == "live"
    if back:  # a gone article answered again: it came back
        record_status(session, item.dw_id, "live", seen_at, crawl_run_id=crawl_run_id)
    if back or seen_at < row.first_seen_at:
        values["changed_at"] = write_time()
    if cause == "import":
        current = history.current_fetched_at(session, item.dw_id, row.current_revision)
        if current is not None and fetched_at < current:
            revision = _revision(item, 0, snapshot, c_hash, [], **run)
            placed = history.add_older(session, revision)
            if placed:
                values["changed_at"] = write_time()
            session.execute(update(ARTICLES).where(ARTICLES.c.dw_id == item.dw_id).values(values))
            return "history" if placed else "unchanged"
        if current == fetched_at and item.capture == "text" and row.capture == "html":
            # The same moment's HTML is stored (Common Crawl's WARC and WET of one crawl): the
            # text holds less of that very capture and is no newer version.
            session.execute(update(ARTICLES).where(ARTICLES.c.dw_id == item.dw_id).values(values))
            return "unchanged"
    if cause != "reextract":
        values |= _fetch_values(item)
        if crawl_run_id is not None:
            values["last_crawl_run_id"] = crawl_run_id
    outcome: StoreOutcome = "unchanged"
    rewrite_links = row.meta_hash != m_hash
    if row.content_hash != c_hash:
        previous = revision_snapshot(session, item.dw_id, row.current_revision)
        changed = changed_fields(previous, snapshot) if previous else list(CONTENT_FIELDS)
        number = row.current_revision + 1
        revision = _revision(item, number, snapshot, c_hash, changed, **run)
        session.execute(insert_for(session, REVISIONS), revision)
        values |= _article_values(item, data)
        values |= {"content_hash": c_hash, "meta_hash": m_hash, "current_revision": number}
        outcome = "revised"
    elif rewrite_links:
        # Metadata or furniture moved (slug, topics, dates, photo sizes…): no revision, and
        # the content columns stay untouched so the search index is not rewritten.
        meta = {k: v for k, v in _article_values(item, data).items() if k not in _CONTENT_COLUMNS}
        values |= meta | {"meta_hash": m_hash}
    if outcome == "revised" or rewrite_links:
        values["changed_at"] = write_time()
    if values:
        session.execute(update(ARTICLES).where(ARTICLES.c.dw_id == item.dw_id).values(values))
    if rewrite_links:
        write_links(session, item, seen_at, fresh=False)
    return outcome


def store_articles(session: Session, batch: Sequence[Mapping[str, Any]]) -> list[StoreOutcome]:
    """Store several items, each given as `store_article`'s keyword arguments; same outcomes.

    The articles not stored yet (the bulk of a backfill) are written together: one statement
    per table for all of them, not a dozen per article. The others (stored before, met twice
    in the batch, or inserted by another writer meanwhile) each take `store_article`'s path.
    """
    a = ARTICLES.c
    ids = [entry["item"].dw_id for entry in batch]
    # PostgreSQL: lock the rows that exist, as `store_article` does (SQLite ignores FOR UPDATE).
    stored = set(session.scalars(select(a.dw_id).where(a.dw_id.in_(ids)).with_for_update()))
    fresh: dict[int, int] = {}  # dw_id → index of its first entry in the batch
    for index, dw_id in enumerate(ids):
        if dw_id not in stored:
            fresh.setdefault(dw_id, index)
    outcomes: list[StoreOutcome | None] = [None] * len(batch)
    if fresh:
        rows = {
            i: _new_row(
                batch[i]["item"],
                batch[i]["seen_at"],
                batch[i].get("crawl_run_id"),
                batch[i].get("cause", "fetch"),
            )
            for i in fresh.values()
        }
        stmt = insert_ignoring(session, ARTICLES).returning(a.dw_id)
        inserted = set(session.scalars(stmt, [row.article for row in rows.values()]))
        done = [i for i in rows if ids[i] in inserted]
        if done:
            write_new_links(session, [(batch[i]["item"], batch[i]["seen_at"]) for i in done])
            session.execute(insert_for(session, REVISIONS), [rows[i].revision for i in done])
        for i in done:
            outcomes[i] = "new"
    return [
        outcome if outcome is not None else store_article(session, **entry)
        for outcome, entry in zip(outcomes, batch, strict=True)
    ]
