"""Row writers behind `repository`: shared rows (authors, topics, photos, credits) and links.

Shared rows may be inserted by two items at once (two crawl processes on PostgreSQL), so each
is written with `INSERT … ON CONFLICT` on its natural key; its id comes back by `RETURNING`,
or, for a row the statement left alone, is read back by that key. Nothing here commits. Only
`repository` calls these. Rows this process already wrote with the same values are not
written again (`dwcrawler.db.known_ids`): a crawl meets the same authors,
credits and topics over and over, and each saved statement is SQLAlchemy time off the writer.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select

from dwcrawler.cleaning.credits import split_credit
from dwcrawler.db.hashing import fold_text, photo_key, topic_key
from dwcrawler.db.known_ids import Kind, known_ids, remember
from dwcrawler.db.models import (
    Article,
    ArticleAuthor,
    ArticlePhoto,
    ArticleRevision,
    ArticleStatusEvent,
    ArticleTopic,
    Author,
    Credit,
    CreditPart,
    DiscoveryDocument,
    Photo,
    PhotoCredit,
    SitemapEntry,
    Topic,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from sqlalchemy import Table
    from sqlalchemy.orm import Session

    from dwcrawler.items import ArticleItem

    Sighting = tuple[ArticleItem, datetime]  # an article and when it was seen


def _table(model: type[Any]) -> Table:
    table: Table = model.__table__
    return table


# Core tables, not ORM entities: rows go out in executemany statements, and Core skips the
# ORM's per-statement bookkeeping, which dominates the cost of a small insert.
ARTICLES = _table(Article)
REVISIONS = _table(ArticleRevision)
AUTHORS = _table(Author)
TOPICS = _table(Topic)
PHOTOS = _table(Photo)
CREDITS = _table(Credit)
CREDIT_PARTS = _table(CreditPart)
PHOTO_CREDITS = _table(PhotoCredit)
ARTICLE_AUTHORS = _table(ArticleAuthor)
ARTICLE_TOPICS = _table(ArticleTopic)
ARTICLE_PHOTOS = _table(ArticlePhoto)
DISCOVERY = _table(DiscoveryDocument)
STATUS_EVENTS = _table(ArticleStatusEvent)
SITEMAP_ENTRIES = _table(SitemapEntry)


def insert_for(session: Session, table: Table) -> Any:
    """Return the backend's INSERT (with `on_conflict_*`) for a table."""
    return _insert(session.get_bind().dialect.name, table)


def insert_ignoring(session: Session, table: Table) -> Any:
    """Return the backend's INSERT … ON CONFLICT DO NOTHING for a table."""
    return _insert_ignoring(session.get_bind().dialect.name, table)


# Statements are immutable: each is built once per backend, not once per article (building an
# upsert is a noticeable share of storing an article).
@cache
def _insert(dialect: str, table: Table) -> Any:
    # The backend's dialect package is imported only when it is used: a SQLite crawl has no use
    # for PostgreSQL's, and importing it delays the crawl's start.
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


@cache
def _insert_ignoring(dialect: str, table: Table) -> Any:
    return _insert(dialect, table).on_conflict_do_nothing()


@cache
def _returning(stmt: Any, key: str) -> Any:
    return stmt.returning(stmt.table.c[key], stmt.table.c.id)


@cache
def _topic_upsert(dialect: str) -> Any:
    stmt = _insert(dialect, TOPICS)
    # DW renames topics now and then: keep the latest name, write only when it differs.
    return stmt.on_conflict_do_update(
        index_elements=["topic_key"],
        set_={"name": stmt.excluded.name, "url": stmt.excluded.url},
        where=(TOPICS.c.name != stmt.excluded.name)
        | TOPICS.c.url.is_distinct_from(stmt.excluded.url),
    )


@cache
def _photo_upsert(dialect: str) -> Any:
    stmt = _insert(dialect, PHOTOS)
    # The row follows the latest sighting; a missing template or alt keeps the known one.
    template = func.coalesce(stmt.excluded.url_template, PHOTOS.c.url_template)
    alt = func.coalesce(stmt.excluded.alt, PHOTOS.c.alt)
    return stmt.on_conflict_do_update(
        index_elements=["photo_key"],
        set_={"url": stmt.excluded.url, "url_template": template, "alt": alt},
        where=(PHOTOS.c.url != stmt.excluded.url)
        | PHOTOS.c.url_template.is_distinct_from(template)
        | PHOTOS.c.alt.is_distinct_from(alt),
    )


def _unique(rows: list[dict[str, Any]], *keys: str) -> list[dict[str, Any]]:
    """Keep the first row per key: one statement may not touch the same row twice."""
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        seen.setdefault(tuple(row[k] for k in keys), row)
    return list(seen.values())


def _latest(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Keep one row per key, with the values of its last sighting (rows come in crawl order)."""
    first: dict[Any, dict[str, Any]] = {}
    for row in rows:
        kept = first.setdefault(row[key], row)
        if kept is not row:  # a later sighting: its values, the first one's first_seen_at
            first[row[key]] = row | {k: kept[k] for k in ("first_seen_at",) if k in kept}
    return list(first.values())


def _ids(session: Session, table: Table, key: str, values: Sequence[Any]) -> dict[Any, int]:
    column = table.c[key]
    found = session.execute(select(column, table.c.id).where(column.in_(values)))
    return dict(found.all())


def _write_shared(
    session: Session,
    kind: Kind,
    stmt: Any,
    rows: list[dict[str, Any]],
    key: str,
    values: dict[Any, Any],
) -> tuple[dict[Any, int], list[Any]]:
    """Write the shared rows whose `values` differ from what this process last wrote.

    Returns key → id for every row, and the keys that were written.
    """
    known = known_ids(session, kind)
    found: dict[Any, int] = {}
    missing = []
    for row in rows:
        entry = known.get(row[key])
        if entry is not None and entry[0] == values[row[key]]:
            found[row[key]] = entry[1]
        else:
            missing.append(row)
    if not missing:
        return found, []
    # RETURNING gives the ids of the rows inserted or updated; a row the statement left alone
    # (it existed with these values) returns nothing and is looked up.
    new: dict[Any, int] = dict(session.execute(_returning(stmt, key), missing).all())
    written = [row[key] for row in missing]
    if unseen := [k for k in written if k not in new]:
        new |= _ids(session, stmt.table, key, unseen)
    remember(session, kind, {k: (values[k], new[k]) for k in written})
    return found | new, written


def _author_ids(session: Session, names: list[str]) -> dict[str, int]:
    rows = _unique([{"name": name} for name in names], "name")
    stmt = insert_ignoring(session, AUTHORS)
    ids, _ = _write_shared(session, "author", stmt, rows, "name", dict.fromkeys(names))
    return ids


def _topic_ids(session: Session, items: Sequence[ArticleItem]) -> dict[str, int]:
    """Make sure every topic of these items exists; return topic key → id."""
    rows = [
        {"topic_key": topic_key(t), "dw_topic_id": t.topic_id, "name": fold_text(t.name)}
        | {"url": t.url}
        for item in items
        for t in item.topics
    ]
    if not rows:
        return {}
    rows = _latest(rows, "topic_key")
    stmt = _topic_upsert(session.get_bind().dialect.name)
    values = {row["topic_key"]: (row["name"], row["url"]) for row in rows}
    ids, _ = _write_shared(session, "topic", stmt, rows, "topic_key", values)
    return ids


def _photo_ids(session: Session, sightings: Sequence[Sighting]) -> dict[str, int]:
    rows = [
        {
            "photo_key": photo_key(p),
            "image_id": p.image_id,
            "url_template": p.url_template,
            "url": p.url,
            "alt": p.alt,
            "first_seen_at": seen_at,
        }
        for item, seen_at in sightings
        for p in item.photos
    ]
    rows = _latest(rows, "photo_key")
    stmt = _photo_upsert(session.get_bind().dialect.name)
    values = {row["photo_key"]: (row["url"], row["url_template"], row["alt"]) for row in rows}
    ids, _ = _write_shared(session, "photo", stmt, rows, "photo_key", values)
    return ids


def _credit_ids(session: Session, credits: list[str]) -> dict[str, int]:
    """Make sure each credit and its parts exist; return raw credit text → credit id."""
    splits = {raw: split_credit(raw) for raw in credits}
    by_text = {split.text: split for split in splits.values() if split.text}
    if not by_text:
        return {}
    rows = [{"text": text, "composite": split.composite} for text, split in by_text.items()]
    stmt = insert_ignoring(session, CREDITS)
    ids, written = _write_shared(session, "credit", stmt, rows, "text", dict.fromkeys(by_text))
    parts = []
    for text in written:
        split = by_text[text]
        named = [("agency", n) for n in split.agencies]
        named += [("photographer", n) for n in split.photographers]
        parts += [
            {"credit_id": ids[text], "position": i, "role": role, "name": name}
            for i, (role, name) in enumerate(named)
        ]
    if parts:
        # Parts are a function of the text: a credit stored before already has exactly these.
        session.execute(insert_ignoring(session, CREDIT_PARTS), parts)
    return {raw: ids[split.text] for raw, split in splits.items() if split.text}


def write_links(session: Session, item: ArticleItem, seen_at: datetime, *, fresh: bool) -> None:
    """Write the article's byline, topics and photos (replacing old links unless `fresh`)."""
    if not fresh:
        for link in (ARTICLE_AUTHORS, ARTICLE_TOPICS, ARTICLE_PHOTOS):
            session.execute(delete(link).where(link.c.article_id == item.dw_id))
    write_new_links(session, [(item, seen_at)])


def write_new_links(session: Session, sightings: Sequence[Sighting]) -> None:
    """Write the bylines, topics and photos of articles that have none yet, in few statements.

    One statement per table for all the articles together, not one per article: a batch of
    new articles costs about as many statements as one article does.
    """
    items = [item for item, _ in sightings]
    byline = {
        item.dw_id: [("author", fold_text(n)) for n in item.authors]
        + [("editor", fold_text(n)) for n in item.editors]
        for item in items
    }
    names = [name for roles in byline.values() for _, name in roles]
    if names:
        author_ids = _author_ids(session, names)
        rows = []
        for dw_id, roles in byline.items():
            positions = {"author": 0, "editor": 0}
            for role, name in roles:
                rows.append(
                    {
                        "article_id": dw_id,
                        "role": role,
                        "position": positions[role],
                        "author_id": author_ids[name],
                    }
                )
                positions[role] += 1
        session.execute(insert_for(session, ARTICLE_AUTHORS), rows)
    topic_ids = _topic_ids(session, items)
    topic_rows = [
        {"article_id": item.dw_id, "position": i, "topic_id": topic_ids[topic_key(topic)]}
        for item in items
        for i, topic in enumerate(item.topics)
    ]
    if topic_rows:
        session.execute(insert_for(session, ARTICLE_TOPICS), topic_rows)
    with_photos = [(item, seen_at) for item, seen_at in sightings if item.photos]
    if with_photos:
        _write_photos(session, with_photos)


def _write_photos(session: Session, sightings: Sequence[Sighting]) -> None:
    photo_ids = _photo_ids(session, sightings)
    credit_ids = _credit_ids(
        session, [p.credit for item, _ in sightings for p in item.photos if p.credit]
    )
    rows = []
    pairs = []
    for item, seen_at in sightings:
        for index, photo in enumerate(item.photos):
            photo_id = photo_ids[photo_key(photo)]
            credit_id = credit_ids.get(photo.credit) if photo.credit else None
            rows.append(
                {
                    "article_id": item.dw_id,
                    "position": index,  # the item's order; `photo.position` is the same
                    "photo_id": photo_id,
                    "role": photo.role,
                    "url": photo.url,
                    "alt": photo.alt,
                    "caption": photo.caption,
                    "credit": photo.credit,
                    "credit_id": credit_id,
                }
            )
            if credit_id is not None:
                pairs.append(
                    {"photo_id": photo_id, "credit_id": credit_id, "first_seen_at": seen_at}
                )
    session.execute(insert_for(session, ARTICLE_PHOTOS), rows)
    if pairs:
        pairs = _unique(pairs, "photo_id", "credit_id")
        session.execute(insert_ignoring(session, PHOTO_CREDITS), pairs)
