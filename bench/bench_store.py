"""Store, search and reading benchmark: 10,000 realistic Swahili articles, SQLite and PostgreSQL.

Items come from `tests/dbsamples.py` (hand-built after real DW pages) repeated with distinct
ids, varied text, shared stock photos and a pool of credits and authors. Each item is stored in
its own transaction, as the crawl's store pipeline does. Measured per backend, in one run:
articles stored per second (new), re-stored per second (unchanged: no revision), the median
latency of `search()` and of a whole in-process `dwcrawler search` (the CLI's code path: engine,
schema check, query, snippets, output) over ten queries, export throughput, and (bench/reading)
`dwcrawler changes --since` after 1,000 edits and `dwcrawler export` to Parquet. Targets: at
least 500 articles/s into SQLite, search under 50 ms, changes under 100 ms and the Parquet
export under 5 s at 10,000 articles.
"""

from __future__ import annotations

import io
import os
import statistics
import tempfile
import time
from contextlib import redirect_stdout
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from bench import reading
from dwcrawler.cli import main as dwcrawler
from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.migrate import upgrade
from dwcrawler.db.queries import export_records, search
from dwcrawler.db.repository import store_article, store_articles
from tests.support.dbsamples import synthetic_items

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from dwcrawler.items import ArticleItem

ARTICLES = 10_000
QUERIES = (
    "treni",
    "mafuriko",
    '"reli ya kisasa"',
    "uchaguzi OR bunge",
    "rais -Zuma",
    "wanafu*",
    "Tanzania",
    "mvua Nairobi",
    "putin kim",
    "bandari usalama",
)
REPEATS = 5
GROUP = 32  # batches for `store_articles`, the path of the bulk commands (they take 200)
POSTGRES_URL = os.environ.get(
    "DWCRAWLER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("inf")


def _store_all(
    url: str, items: list[ArticleItem], seen_at: datetime
) -> tuple[float, dict[str, int]]:
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    outcomes: dict[str, int] = {}
    start = time.perf_counter()
    for item in items:
        with sessions.begin() as session:
            outcome = store_article(session, item, seen_at=seen_at)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    elapsed = time.perf_counter() - start
    engine.dispose()
    return _rate(len(items), elapsed), outcomes


def _store_grouped(url: str, items: list[ArticleItem], seen_at: datetime) -> float:
    """Store into a fresh archive the way the crawl's writer does: group commits of new articles."""
    upgrade(url)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    start = time.perf_counter()
    for first in range(0, len(items), GROUP):
        with sessions.begin() as session:
            batch = [{"item": item, "seen_at": seen_at} for item in items[first : first + GROUP]]
            assert set(store_articles(session, batch)) == {"new"}
    elapsed = time.perf_counter() - start
    engine.dispose()
    return _rate(len(items), elapsed)


def _search_latency(url: str) -> tuple[float, float, int]:
    """Return median ms of search() and of `dwcrawler search`, and the median match count."""
    engine = make_engine(url, sqlite_begin="DEFERRED")
    sessions = make_sessionmaker(engine)
    timings, hits = [], []
    for query in QUERIES:
        for _ in range(REPEATS):
            start = time.perf_counter()
            with sessions() as session:
                found = search(session, query, limit=20)
            timings.append(time.perf_counter() - start)
        hits.append(found.total)
    engine.dispose()
    cli = []
    for query in QUERIES:
        for _ in range(REPEATS):
            start = time.perf_counter()
            with redirect_stdout(io.StringIO()):
                status = dwcrawler(["search", "--database", url, "--", query])
            cli.append(time.perf_counter() - start)
            assert status == 0, query
    return (
        statistics.median(timings) * 1000,
        statistics.median(cli) * 1000,
        int(statistics.median(hits)),
    )


def _export_rate(url: str) -> float:
    engine = make_engine(url, sqlite_begin="DEFERRED")
    start = time.perf_counter()
    with make_sessionmaker(engine)() as session:
        count = sum(1 for _ in export_records(session))
    elapsed = time.perf_counter() - start
    engine.dispose()
    return _rate(count, elapsed)


def _measure(name: str, url: str, grouped_url: str, items: list[ArticleItem]) -> dict[str, object]:
    grouped_rate = _store_grouped(grouped_url, items, datetime(2024, 7, 1, tzinfo=UTC))
    upgrade(url)
    new_rate, first = _store_all(url, items, datetime(2024, 7, 1, tzinfo=UTC))
    again_rate, second = _store_all(url, items, datetime(2024, 7, 2, tzinfo=UTC))
    assert first == {"new": len(items)}, first
    assert second == {"unchanged": len(items)}, second
    search_ms, cli_ms, hits = _search_latency(url)
    return {
        "backend": name,
        "new/s": f"{new_rate:,.0f}",
        f"new/s in groups of {GROUP}": f"{grouped_rate:,.0f}",
        "unchanged/s": f"{again_rate:,.0f}",
        "search ms": f"{search_ms:.1f}",
        "cli search ms": f"{cli_ms:.1f}",
        "matches": str(hits),
        "export/s": f"{_export_rate(url):,.0f}",
    } | reading.measure(url, items)


def _postgres_database(suffix: str = "") -> tuple[str, Engine, str] | None:
    admin = make_url(POSTGRES_URL)
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    name = f"dwcrawler_bench_{os.getpid()}{suffix}"
    try:
        with engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except DBAPIError as exc:
        print(f"PostgreSQL skipped: {str(exc.orig).strip().splitlines()[0]}")
        engine.dispose()
        return None
    return admin.set(database=name).render_as_string(hide_password=False), engine, name


def _drop_postgres(engine: Engine, name: str) -> None:
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def main() -> None:
    """Run the benchmark and print one row per backend."""
    items = synthetic_items(ARTICLES)
    photos = sum(len(i.photos) for i in items)
    print(
        f"{ARTICLES:,} articles ({photos:,} photo uses), one transaction per article as the "
        f"crawl's writer stores them, and in batches of {GROUP} (the bulk commands' path)"
    )
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        one, grouped_file = (Path(tmp) / name for name in ("bench.sqlite3", "grouped.sqlite3"))
        rows.append(_measure("sqlite", f"sqlite:///{one}", f"sqlite:///{grouped_file}", items))
    postgres, grouped = _postgres_database(), _postgres_database("grouped")
    try:
        if postgres is not None and grouped is not None:
            rows.append(_measure("postgresql", postgres[0], grouped[0], items))
    finally:
        for database in (postgres, grouped):
            if database is not None:
                _drop_postgres(database[1], database[2])
    columns = list(rows[0])
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        print("  ".join(str(row[c]).ljust(widths[c]) for c in columns))
    print(
        "targets: sqlite new/s >= 500; search ms < 50 at 10,000 articles "
        f"(median of {len(QUERIES)} queries x {REPEATS}; cli = whole `dwcrawler search` in-process);"
        f" changes ms < 100 with {reading.EDITS:,} revisions (median of {reading.REPEATS}, "
        "`dwcrawler changes --since`); parquet export s < 5"
    )
