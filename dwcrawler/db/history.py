"""Revisions in time order: where a capture older than an article's current version belongs.

A crawl only ever adds the newest version. A WARC import may bring a capture older than the
current version (an old crawl's files, another machine's archive); it must add history and
never replace what is current. Revisions are numbered in the order of their `fetched_at` (the
capture date), so an older capture is placed by its date:

- the version in effect at that date (the latest revision fetched at or before it) has the
  same content: nothing new, the capture only saw it again;
- the next version has the same content: that version existed earlier than we knew, so its
  revision moves back to this capture;
- otherwise the capture is a version of its own: it is inserted at its place, the later
  revisions move up by one, and the changed fields of it and of its successor are recomputed.

So importing the same captures in any order, or twice, leaves the same history. Only
`repository` calls this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update

from dwcrawler.db.hashing import changed_fields
from dwcrawler.db.rows import ARTICLES, REVISIONS, insert_for

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session


def current_fetched_at(session: Session, dw_id: int, revision: int) -> datetime | None:
    """Return when the article's current version (revision number `revision`) was fetched."""
    r = REVISIONS.c
    query = select(r.fetched_at).where(r.article_id == dw_id, r.revision == revision)
    return session.execute(query).scalar_one_or_none()


def add_older(session: Session, revision: dict[str, Any]) -> bool:
    """Place a version fetched before the current one (see the module docstring).

    `revision` is the new revision row (its `revision` number is ignored: its place decides).
    Returns True if the history changed.
    """
    r = REVISIONS.c
    dw_id, fetched_at = revision["article_id"], revision["fetched_at"]
    history = session.execute(
        select(r.id, r.revision, r.fetched_at, r.content_hash, r.snapshot)
        .where(r.article_id == dw_id)
        .order_by(r.revision)
    ).all()
    split = len(history)
    while split and history[split - 1].fetched_at > fetched_at:
        split -= 1
    before, after = history[:split], history[split:]
    if before and before[-1].content_hash == revision["content_hash"]:
        return False
    if after and after[0].content_hash == revision["content_hash"]:
        # Its cause stays: whatever made that version (DW, our extractor) made it earlier.
        earlier = {k: revision[k] for k in ("fetched_at", "warc_file", "warc_offset")}
        session.execute(update(REVISIONS).where(r.id == after[0].id).values(earlier))
        return True
    number = before[-1].revision + 1 if before else 1
    if after:
        _move_up(session, dw_id, number)
    previous = before[-1].snapshot if before else None
    changed = changed_fields(previous, revision["snapshot"]) if previous is not None else []
    session.execute(
        insert_for(session, REVISIONS), revision | {"revision": number, "changed_fields": changed}
    )
    if after:
        successor = changed_fields(revision["snapshot"], after[0].snapshot)
        session.execute(
            update(REVISIONS).where(r.id == after[0].id).values(changed_fields=successor)
        )
    a = ARTICLES.c
    bump = update(ARTICLES).where(a.dw_id == dw_id).values(current_revision=a.current_revision + 1)
    session.execute(bump)
    return True


def _move_up(session: Session, dw_id: int, first: int) -> None:
    """Renumber revisions `first`… of an article one up, keeping (article, revision) unique.

    One UPDATE of `revision + 1` may collide row by row (PostgreSQL checks the unique key per
    row), so the numbers pass through their negatives first.
    """
    r = REVISIONS.c
    mine = (r.article_id == dw_id) & (r.revision >= first)
    session.execute(update(REVISIONS).where(mine).values(revision=-(r.revision + 1)))
    negative = (r.article_id == dw_id) & (r.revision < 0)
    session.execute(update(REVISIONS).where(negative).values(revision=-r.revision))
