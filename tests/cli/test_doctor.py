"""`dwcrawler doctor`: exit 0 when healthy, else 1 and one line per problem; each check can fail."""

import json
import os
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.repository import finish_crawl_run, start_crawl_run
from dwcrawler.db.runs import heartbeat
from tests.support.clihelpers import Result, run


def _run(url, outcome, started, *, host=None, pid=None, beat=None, message=None) -> int:
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine).begin() as session:
            run_id = start_crawl_run(
                session, mode="update", settings={}, started_at=started, host=host, pid=pid
            )
            if outcome == "running":
                heartbeat(session, run_id, beat or started)
            else:
                finish_crawl_run(
                    session,
                    run_id,
                    finished_at=started + timedelta(minutes=2),
                    outcome=outcome,
                    counters={},
                    field_rates={},
                    message=message,
                )
        return run_id
    finally:
        engine.dispose()


def _execute(url: str, *statements: str) -> None:
    engine = make_engine(url, sqlite_foreign_keys=False)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


def _dead_pid() -> int:
    with subprocess.Popen([sys.executable, "-c", "pass"]) as child:
        child.wait()
    return child.pid


@pytest.fixture
def healthy(db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("DWCRAWLER_WARC_DIR", str(tmp_path / "warc"))
    _run(db_url, "success", datetime.now(UTC) - timedelta(hours=1))
    return db_url


def doctor(capsys, url: str, *options: str) -> Result:
    return run(capsys, "doctor", "--database", url, *options)


def test_a_healthy_archive_exits_0_with_one_line(capsys, healthy):
    result = doctor(capsys, healthy)
    assert result.status == 0, result.out
    assert result.out.startswith("healthy: ")
    assert result.out.count("\n") == 1
    assert "the last successful crawl was run" in result.out
    assert doctor(capsys, healthy, "-q").out == ""
    report = json.loads(doctor(capsys, healthy, "--json").out)
    assert report["healthy"] is True
    assert {check["check"] for check in report["checks"]} >= {
        "schema",
        "integrity",
        "last success",
        "archive writable",
        "WARC folder writable",
        "WARC folder disk",
    }


def test_no_successful_crawl_within_max_age(capsys, db_url, monkeypatch, tmp_path):
    monkeypatch.setenv("DWCRAWLER_WARC_DIR", str(tmp_path / "warc"))
    result = doctor(capsys, db_url)
    assert (result.status, result.out) == (1, "last success: no crawl has succeeded yet\n")
    _run(db_url, "success", datetime.now(UTC) - timedelta(hours=30))
    result = doctor(capsys, db_url, "--max-age", "1d")
    assert result.status == 1
    assert result.out.startswith(
        "last success: no successful crawl within 24 h 0 min: the last was"
    )
    assert "30 h 0 min ago" in result.out
    assert doctor(capsys, db_url, "--max-age", "2d").status == 0
    assert doctor(capsys, db_url, "--max-age", "31h").status == 0


def test_a_stale_run_and_a_silent_one(capsys, healthy):
    stale = _run(
        healthy,
        "running",
        datetime.now(UTC) - timedelta(minutes=5),
        host=socket.gethostname(),
        pid=_dead_pid(),
    )
    result = doctor(capsys, healthy)
    assert result.status == 1
    assert result.out.startswith(
        f"running run: run {stale} is stale: still marked running, but its process"
    )
    assert "(the next crawl marks it crashed)" in result.out
    _execute(healthy, f"UPDATE crawl_runs SET outcome = 'crashed' WHERE id = {stale}")
    # This process, alive; its heartbeat set back 40 minutes.
    live = _run(healthy, "running", datetime.now(UTC), host=socket.gethostname(), pid=os.getpid())
    beat = (datetime.now(UTC) - timedelta(minutes=40)).isoformat()
    if healthy.startswith("sqlite"):
        beat = beat.replace("T", " ").removesuffix("+00:00")  # UTCDateTime's text on SQLite
    _execute(healthy, f"UPDATE crawl_runs SET heartbeat_at = '{beat}' WHERE id = {live}")
    lines = doctor(capsys, healthy).out.splitlines()
    assert (
        f"running run: run {live} (pid {os.getpid()} on {socket.gethostname()}) sent no heartbeat for 40 min: is it hung?"
        in lines
    )
    _execute(healthy, f"UPDATE crawl_runs SET heartbeat_at = started_at WHERE id = {live}")
    assert doctor(capsys, healthy).status == 0  # alive and beating: no problem


@pytest.mark.postgres
def test_postgresql_a_run_of_another_host_is_stale_when_nobody_holds_the_lease(
    capsys, postgres_url, monkeypatch, tmp_path
):
    monkeypatch.setenv("DWCRAWLER_WARC_DIR", str(tmp_path / "warc"))
    _run(postgres_url, "success", datetime.now(UTC) - timedelta(hours=1))
    stale = _run(
        postgres_url,
        "running",
        datetime.now(UTC) - timedelta(minutes=1),
        host="elsewhere",
        pid=4242,
    )
    result = doctor(capsys, postgres_url)
    assert result.status == 1
    assert f"run {stale} is stale" in result.out
    assert "(pid 4242 on elsewhere)" in result.out


@pytest.mark.parametrize("outcome", ["crashed", "failed"])
def test_the_latest_run_crashed_or_failed(capsys, healthy, outcome):
    last = _run(healthy, outcome, datetime.now(UTC) - timedelta(minutes=10), message="why it ended")
    result = doctor(capsys, healthy)
    assert result.status == 1
    assert result.out == f"latest run: the latest run ({last}) {outcome}: why it ended\n"


def test_schema_not_at_head_newer_and_unversioned(capsys, healthy):
    _execute(healthy, "UPDATE alembic_version SET version_num = 'ffff00000000'")
    result = doctor(capsys, healthy)
    assert result.status == 1
    assert "schema: database" in result.out
    assert "from a newer version of dwcrawler than this one: upgrade dwcrawler" in result.out
    _execute(healthy, "DELETE FROM alembic_version")
    result = doctor(capsys, healthy)
    assert "holds dwcrawler's tables but no schema version: run `dwcrawler db stamp`" in result.out


def test_sqlite_full_finds_what_the_quick_check_does_not(capsys, sqlite_url, monkeypatch, tmp_path):
    monkeypatch.setenv("DWCRAWLER_WARC_DIR", str(tmp_path / "warc"))
    _run(sqlite_url, "success", datetime.now(UTC))
    # A row pointing at no article, as a crash with foreign keys off could leave (PostgreSQL
    # refuses such a row outright).
    _execute(
        sqlite_url, "INSERT INTO article_topics (article_id, position, topic_id) VALUES (9, 0, 9)"
    )
    assert doctor(capsys, sqlite_url).status == 0
    result = doctor(capsys, sqlite_url, "--full")
    assert result.status == 1
    assert result.out.startswith(
        "integrity: 2 row(s) point at rows that do not exist: article_topics"
    )


@pytest.mark.postgres
def test_postgresql_catalog_check_finds_a_missing_table(
    capsys, postgres_url, monkeypatch, tmp_path
):
    monkeypatch.setenv("DWCRAWLER_WARC_DIR", str(tmp_path / "warc"))
    _run(postgres_url, "success", datetime.now(UTC))
    assert doctor(capsys, postgres_url, "--full").status == 0
    _execute(postgres_url, "DROP TABLE discovery_documents")
    result = doctor(capsys, postgres_url)
    assert result.status == 1
    assert "integrity: tables missing from the archive: discovery_documents" in result.out


def test_low_disk_space_and_a_warc_folder_that_cannot_be_written(
    capsys, healthy, tmp_path, monkeypatch
):
    result = doctor(capsys, healthy, "--min-free", "1000TB")
    assert result.status == 1
    assert "disk: " in result.out
    assert "less than 1000 TB" in result.out
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DWCRAWLER_WARC_DIR", str(blocker / "warc"))
    result = doctor(capsys, healthy)
    assert result.status == 1
    assert result.out.startswith(f"WARC folder writable: {blocker} cannot be written")


def test_a_missing_driver(capsys, monkeypatch):
    monkeypatch.setattr("dwcrawler.config.find_spec", lambda name: None)
    result = doctor(capsys, "postgresql://dw@127.0.0.1:1/dw")
    assert result.status == 1
    assert result.out == (
        "driver: a postgresql archive needs the psycopg driver: pip install 'dwcrawler[postgres]'\n"
    )


def test_no_archive_and_bad_options(capsys, tmp_path):
    missing = tmp_path / "none.sqlite3"
    result = doctor(capsys, str(missing))
    assert (result.status, result.out) == (
        1,
        f"archive: no archive at {missing}: run `dwcrawler db upgrade`\n",
    )
    bad = doctor(capsys, str(missing), "--max-age", "soon")
    assert bad.status == 2
    assert "invalid duration 'soon' (expected e.g. 90s, 30m, 2h or 2d)" in bad.err
