"""Read a crawl's database back for assertions: records, revisions, statuses, crawl runs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.models import Article, ArticleRevision, CrawlRun
from dwcrawler.db.records import load_records

# Derived or clock-dependent: the credit's split (tests/cli check it) and `changed_at`, the
# writer's clock (two archives of the same pages differ there and nowhere else).
DERIVED_PHOTO_KEYS = ("agencies", "photographers")


def records(url: str) -> dict[int, dict[str, Any]]:
    """Return every stored article's record (the extract schema plus archive facts), by DW id."""
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine).begin() as session:
            ids = list(session.scalars(select(Article.dw_id)))
            found = load_records(session, ids)
    finally:
        engine.dispose()
    for record in found:
        del record["changed_at"]
        for photo in record["photos"]:
            for key in DERIVED_PHOTO_KEYS:
                del photo[key]
    return {r["dw_id"]: r for r in found}


def revision_count(url: str) -> int:
    """Return the number of stored revisions of all articles."""
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine).begin() as session:
            return int(session.scalar(select(func.count()).select_from(ArticleRevision)) or 0)
    finally:
        engine.dispose()


def runs(url: str) -> list[dict[str, Any]]:
    """Return the crawl_runs rows, oldest first."""
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine).begin() as session:
            rows = session.scalars(select(CrawlRun).order_by(CrawlRun.id))
            return [
                {
                    "mode": r.mode,
                    "outcome": r.outcome,
                    "counters": r.counters,
                    "field_rates": r.field_rates,
                    "message": r.message,
                }
                for r in rows
            ]
    finally:
        engine.dispose()
