"""Helpers for CLI tests: run `dwcrawler` in-process and seed an archive."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from dwcrawler.cli import main
from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.repository import (
    finish_crawl_run,
    mark_gone,
    start_crawl_run,
    store_article,
)
from dwcrawler.items import GoneItem
from tests.support.dbsamples import JANJAWEED, RELI, SAMPLE_ITEMS, fetched

SEEN = datetime(2024, 7, 1, 6, 0, tzinfo=UTC)
RELI_EDITED = replace(RELI, title="Tanzania yazindua safari za treni ya umeme ya SGR")


@dataclass
class Result:
    status: int
    out: str
    err: str


def run(capsys, *argv: str) -> Result:
    """Run `dwcrawler ARGV…` in this process; argparse exits become statuses."""
    capsys.readouterr()
    try:
        status = main(list(argv))
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    captured = capsys.readouterr()
    return Result(status, captured.out, captured.err)


def seed(url: str) -> None:
    """Store the sample items, one real edit, one gone page and two crawl runs."""
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    try:
        with sessions.begin() as session:
            first = start_crawl_run(session, mode="backfill", settings={}, started_at=SEEN)
            for item in SAMPLE_ITEMS:
                store_article(session, fetched(item, SEEN), seen_at=SEEN, crawl_run_id=first)
            rates = {"title": 1.0, "body": 0.86, "captions": 0.57, "credits": 0.57}
            finish_crawl_run(
                session,
                first,
                finished_at=SEEN + timedelta(minutes=3),
                outcome="success",
                counters={"stored": 7},
                field_rates=rates,
            )
        later = SEEN + timedelta(days=1)
        with sessions.begin() as session:
            second = start_crawl_run(session, mode="update", settings={}, started_at=later)
            store_article(session, fetched(RELI_EDITED, later), seen_at=later, crawl_run_id=second)
            gone = GoneItem(url=JANJAWEED.url, dw_id=JANJAWEED.dw_id, status=410, checked_at=later)
            mark_gone(session, gone, crawl_run_id=second)
            finish_crawl_run(
                session,
                second,
                finished_at=later,
                outcome="failed",
                counters={"stored": 1},
                field_rates={"title": 1.0, "captions": 0.0},
                message="captions: 0% (last runs 57%)",
            )
    finally:
        engine.dispose()
