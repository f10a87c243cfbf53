"""Browse benchmark: `dwcrawler serve` over an archive of 10,000 articles, pages as a reader opens them.

The archive is built as the crawl's writer stores items (`store_articles`, groups of 32) from
`tests/support/dbsamples.synthetic_items`, plus 1,000 edits (revisions). The real server runs in
a child process (`dwcrawler serve --port 0`); each page is fetched over loopback: the first
time (cold: nothing cached in the server or SQLite's page cache for it) and then `REPEATS`
times (median). Target: every first page under 300 ms.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import urllib.request
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.migrate import upgrade
from dwcrawler.db.repository import store_articles
from tests.browse.helpers import Server
from tests.support.dbsamples import synthetic_items

ARTICLES = 10_000
EDITS = 1_000
GROUP = 32
REPEATS = 5
TARGET_MS = 300


def _build(path: Path) -> tuple[int, str]:
    """Store the articles and the edits; return an edited article's id and an agency."""
    url = f"sqlite:///{path}"
    upgrade(url)
    items = synthetic_items(ARTICLES)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    first, later = datetime(2024, 7, 1, tzinfo=UTC), datetime(2024, 7, 2, tzinfo=UTC)
    edits = [replace(i, title=i.title + " (imesasishwa)") for i in items[:EDITS]]
    for batch, seen in ((items, first), (edits, later)):
        for start in range(0, len(batch), GROUP):
            with sessions.begin() as session:
                rows = [{"item": i, "seen_at": seen} for i in batch[start : start + GROUP]]
                store_articles(session, rows)
    engine.dispose()
    agency = next(p.credit for i in items for p in i.photos if p.credit)
    return items[0].dw_id, (agency or "AFP").split("/")[-1]


def _fetch_ms(server: Server, path: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(server.base_url + path.lstrip("/"), timeout=60) as answer:
        answer.read()
        assert answer.status == 200, path
    return (time.perf_counter() - start) * 1000


def main() -> None:
    """Build the archive, serve it, and print one row per page."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dw_sw.sqlite3"
        started = time.perf_counter()
        edited, agency = _build(path)
        print(
            f"{ARTICLES:,} articles and {EDITS:,} edits stored in "
            f"{time.perf_counter() - started:.1f} s; pages over loopback, cold then median of "
            f"{REPEATS}"
        )
        pages = {
            "home": "/",
            "database (tables, views, queries)": "/dw_sw",
            "articles table": "/dw_sw/articles",
            "article_list (facets kind, year)": "/dw_sw/article_list",
            "articles_by_topic (facets topic, year, kind)": "/dw_sw/articles_by_topic",
            "photos_by_agency (facet agency)": "/dw_sw/photos_by_agency",
            "search ?_search=treni": "/dw_sw/articles?_search=treni",
            "canned search q=mafuriko": "/dw_sw/search_articles?q=mafuriko",
            f"photos by agency ({agency})": f"/dw_sw/agency_photos?agency={agency}",
            "articles_with_photos": "/dw_sw/articles_with_photos",
            "one article": f"/dw_sw/articles/{edited}",
            "its revisions": f"/dw_sw/revision_changes?article_id={edited}",
            "what changed this week": "/dw_sw/what_changed_this_week?days=100000",
            "articles_per_month": "/dw_sw/articles_per_month",
        }
        rows = []
        with Server(str(path)) as server:
            for name, page in pages.items():
                cold = _fetch_ms(server, page.replace(" ", "+"))
                warm = statistics.median(
                    _fetch_ms(server, page.replace(" ", "+")) for _ in range(REPEATS)
                )
                rows.append((name, cold, warm))
    width = max(len(name) for name, _, _ in rows)
    print(f"{'page':<{width}}  cold ms  median ms")
    for name, cold, warm in rows:
        flag = "" if max(cold, warm) < TARGET_MS else "  over target"
        print(f"{name:<{width}}  {cold:7.1f}  {warm:9.1f}{flag}")
    worst = max(max(cold, warm) for _, cold, warm in rows)
    print(f"target: every page under {TARGET_MS} ms; slowest {worst:.0f} ms")
