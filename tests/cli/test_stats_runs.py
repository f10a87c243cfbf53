"""`dwcrawler stats` on runs: the last success and its age, runs by outcome, failed URLs."""

import json
import time
from datetime import UTC, datetime

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.repository import FailedURL, add_failures, crash_stale_runs, start_crawl_run
from tests.reliability.ops import run_row
from tests.replica.archive import runs
from tests.replica.build import synthetic_site
from tests.replica.faults import status_fault
from tests.replica.run import start
from tests.replica.server import ReplicaServer
from tests.support.clihelpers import run, seed


def test_an_empty_archive_is_reported_with_exit_0(capsys, db_url):
    result = run(capsys, "stats", "--database", db_url)
    assert result.status == 0
    assert "last successful run: none yet" in result.out
    rows = [
        json.loads(line)
        for line in run(capsys, "stats", "--json", "--database", db_url).out.splitlines()
    ]
    assert rows[-1]["section"] == "last_success"
    assert rows[-1]["id"] is None


def test_last_success_runs_by_outcome_and_failed_urls(capsys, db_url):
    seed(db_url)  # a success on 2024-07-01, a failed run the day after
    engine = make_engine(db_url)
    try:
        with make_sessionmaker(engine).begin() as session:
            dead = start_crawl_run(
                session, mode="update", settings={}, started_at=datetime.now(UTC), host="h", pid=1
            )
            failed = [
                FailedURL(f"https://www.dw.com/sw/x/a-{n}", "failed: HTTP 500", datetime.now(UTC))
                for n in range(7)
            ]
            add_failures(session, dead, failed)
        with make_sessionmaker(engine).begin() as session:
            assert [r.id for r in crash_stale_runs(session, found_by="a test")] == [dead]
    finally:
        engine.dispose()
    table = run(capsys, "stats", "--database", db_url)
    assert table.status == 0
    assert "last successful run: " in table.out
    assert "started 2024-07-01 06:00 UTC (" in table.out
    assert "crawl runs by outcome: 1 success, 1 failed, 1 crashed" in table.out
    assert f"run {dead}: 7 failed URL(s):" in table.out
    assert "  https://www.dw.com/sw/x/a-0  failed: HTTP 500" in table.out
    assert "… 2 more (--json lists those kept)" in table.out
    assert f"run {dead}: pid 1 on h died without finishing the run (found by a test)" in table.out
    rows = [
        json.loads(line)
        for line in run(capsys, "stats", "--json", "--database", db_url).out.splitlines()
    ]
    crashed = next(r for r in rows if r.get("id") == dead and r["section"] == "crawl_run")
    assert crashed["outcome"] == "crashed"
    assert crashed["failed"] == 7
    assert [f["url"] for f in crashed["failed_urls"]][:2] == [
        "https://www.dw.com/sw/x/a-0",
        "https://www.dw.com/sw/x/a-1",
    ]
    assert rows[-1]["runs_by_outcome"]["crashed"] == 1
    assert rows[-1]["age_seconds"] > 0


def test_a_crawl_beats_and_keeps_its_failed_urls_capped(sqlite_url, tmp_path):
    site = synthetic_site(40, seed=21)
    with ReplicaServer(site.resources()) as server:
        for page in site.pages[:6]:
            server.faults.add(page.path, status_fault(500))
        settings = {
            "DATABASE_URL": sqlite_url,
            "RETRY_TIMES": "0",
            "DW_MAX_ERROR_RATE": "0.5",
            "DW_FAILED_URLS_KEPT": "4",
            "DW_HEARTBEAT_INTERVAL": "0.2",
            "DOWNLOAD_DELAY": "0.1",
            "CONCURRENT_REQUESTS": "1",
        }
        process = start(
            server.base_url, tmp_path / "crawl.log", args={"mode": "backfill"}, settings=settings
        )
        engine = create_engine(sqlite_url, poolclass=NullPool)
        beats = set()
        try:
            while process.poll() is None:
                with engine.connect() as connection:
                    beats |= set(
                        connection.execute(
                            text("SELECT heartbeat_at FROM crawl_runs WHERE outcome = 'running'")
                        ).scalars()
                    )
                time.sleep(0.05)
            with engine.connect() as connection:
                kept = connection.execute(text("SELECT url, reason FROM crawl_failures")).all()
        finally:
            engine.dispose()
        assert process.wait() == 0, (tmp_path / "crawl.log").read_text()[-2000:]
    assert len(beats) >= 3  # the running run's heartbeat moved while it ran
    record = run_row(sqlite_url)
    assert record["outcome"] == "success"
    assert len(kept) == 4  # capped; the run's counters have all six
    assert all(reason.endswith("(HTTP 500)") for _, reason in kept)
    failed_paths = {page.path for page in site.pages[:6]}
    assert {url.split("://", 1)[1].split("/", 1)[1] for url, _ in kept} <= {
        p.lstrip("/") for p in failed_paths
    }
    assert record["host"]
    assert record["pid"] == process.pid
    assert runs(sqlite_url)[-1]["counters"]["lost"] == 6
