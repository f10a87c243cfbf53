"""Errors that name their cause: one line, the documented status, no traceback."""

import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from dwcrawler.jobdir import MARKER
from tests.reliability.ops import DAMAGES, crawl, damaged_once
from tests.replica.build import fixture_site
from tests.replica.run import crawl as run_crawl
from tests.replica.server import ReplicaServer

DWCRAWLER = Path(sys.executable).parent / "dwcrawler"


@pytest.fixture(scope="module")
def replica():
    site = fixture_site()
    with ReplicaServer(site.resources()) as server:
        yield site, server


def _last_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def test_offline_the_crawl_names_the_host_it_cannot_resolve(sqlite_url):
    began = time.monotonic()
    result = run_crawl("http://dw-kiswahili.invalid", settings={"DATABASE_URL": sqlite_url})
    assert time.monotonic() - began < 60  # a short, bounded retry, not a minute of backoff
    assert result.returncode == 1
    assert _last_line(result.stderr) == (
        "scrapy crawl dw_sw: cannot resolve dw-kiswahili.invalid: is this machine online? "
        "(Name or service not known)"
    ) or _last_line(result.stderr).startswith(
        "scrapy crawl dw_sw: cannot resolve dw-kiswahili.invalid: is this machine online?"
    )
    assert "Traceback" not in result.stderr
    assert "Spider opened" not in result.stderr  # refused before the crawl started


def test_a_finished_jobdir_is_refused_naming_the_folder(replica, sqlite_url, tmp_path):
    _, server = replica
    jobdir = tmp_path / "jobs" / "backfill"
    settings = {"DATABASE_URL": sqlite_url, "JOBDIR": str(jobdir)}
    first = run_crawl(server.base_url, args={"mode": "backfill"}, settings=settings)
    assert first.returncode == 0, first.stderr[-2000:]
    assert (jobdir / MARKER).is_file()
    server.clear_log()
    again = run_crawl(server.base_url, args={"mode": "backfill"}, settings=settings)
    assert again.returncode == 2
    last = _last_line(again.stderr)
    assert last.startswith(f"scrapy crawl: error: JOBDIR {jobdir} belongs to run 1, which finished")
    assert "delete the folder (or give a new one)" in last
    assert "Traceback" not in again.stderr
    assert server.requests() == []


def test_a_paused_jobdir_still_resumes(replica, sqlite_url, tmp_path):
    """Only a finished run's folder is refused: an interrupted run's is carried on."""
    _, server = replica
    jobdir = tmp_path / "paused"
    jobdir.mkdir()
    (jobdir / "spider.state").write_bytes(b"")  # what a paused run leaves, without our marker
    settings = {"DATABASE_URL": sqlite_url, "JOBDIR": str(jobdir)}
    result = run_crawl(server.base_url, args={"mode": "backfill"}, settings=settings)
    assert "belongs to" not in result.stderr


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_archive_is_named_by_the_crawl_and_every_command(replica, sqlite_url, how):
    _site, server = replica
    first = crawl(server.base_url, sqlite_url, "mailto:first@example.org")
    assert first.returncode == 0, first.stderr[-2000:]
    outcome, results = damaged_once(server.base_url, sqlite_url, DWCRAWLER, how)
    assert outcome.problems == [], {
        k: v.stderr[-600:] + v.stdout[-300:] for k, v in results.items()
    }
    last = _last_line(results["crawl"].stderr)
    assert "the archive is damaged (" in last
    assert last.endswith("run `dwcrawler doctor`")


@pytest.mark.postgres
def test_a_database_error_anywhere_fails_the_crawl_and_says_so(replica, postgres_url):
    """PostgreSQL: a table gone under the crawl (the catalog check's kind of damage)."""
    _, server = replica
    assert crawl(server.base_url, postgres_url, "mailto:first@example.org").returncode == 0
    engine = create_engine(postgres_url, poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE discovery_documents"))
    engine.dispose()
    server.clear_log()
    line, result = None, run_crawl(server.base_url, settings={"DATABASE_URL": postgres_url})
    assert result.returncode == 1
    line = _last_line(result.stderr)
    assert "run failed" in line
    assert "database error" in line
    assert 'relation "discovery_documents" does not exist' in line
    assert line.endswith("run `dwcrawler doctor`")
    assert "Traceback" not in result.stderr
    assert [r.path for r in server.requests()] in ([], ["/robots.txt"])  # stopped at once
