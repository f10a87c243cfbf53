"""Reading benchmarks for `bench_store`: the change feed and the Parquet export at 10,000 articles.

Measured through the command line's code path (`dwcrawler …` in-process, output discarded):
`dwcrawler changes --since` after 1,000 of the articles were edited (one revision each), with
its default page and with all 1,000 changes as JSON (medians of 10); and `dwcrawler export -o
FILE.parquet` of the whole archive (median of 3). Targets: changes under 100 ms, the export
under 5 s.
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dwcrawler.cli import main as dwcrawler
from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.repository import store_article
from dwcrawler.items import BodyBlock

if TYPE_CHECKING:
    from dwcrawler.items import ArticleItem

EDITS = 1_000
REPEATS = 10
EXPORTS = 3
EDITED_AT = datetime(2024, 7, 3, tzinfo=UTC)


def edit(items: list[ArticleItem], url: str) -> None:
    """Store an edited version (a new last paragraph) of the first `EDITS` items."""
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    for item in items[:EDITS]:
        edited = replace(item, body=(*item.body, BodyBlock("paragraph", "Habari hii imesasishwa.")))
        with sessions.begin() as session:
            assert store_article(session, edited, seen_at=EDITED_AT) == "revised"
    engine.dispose()


def _cli_ms(argv: list[str], repeats: int = REPEATS) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        with redirect_stdout(io.StringIO()) as out:
            status = dwcrawler(argv)
        timings.append(time.perf_counter() - start)
        assert status == 0, argv
        assert out.getvalue(), argv
    return statistics.median(timings) * 1000


def measure(url: str, items: list[ArticleItem]) -> dict[str, object]:
    """Edit 1,000 articles, then time `changes --since` and the Parquet export."""
    edit(items, url)
    since = ["changes", "--since", EDITED_AT.date().isoformat(), "--database", url]
    page_ms = _cli_ms(since)
    all_ms = _cli_ms([*since, "--limit", str(EDITS), "--json"])
    exports = []
    with tempfile.TemporaryDirectory() as tmp, redirect_stderr(io.StringIO()):
        for run in range(EXPORTS):
            target = Path(tmp) / f"dw_sw-{run}.parquet"
            start = time.perf_counter()
            assert dwcrawler(["export", "-o", str(target), "--database", url]) == 0
            exports.append(time.perf_counter() - start)
    export_s = statistics.median(exports)
    return {
        "changes ms": f"{page_ms:.1f}",
        f"changes ms (all {EDITS:,})": f"{all_ms:.1f}",
        "parquet export s": f"{export_s:.2f}",
    }
