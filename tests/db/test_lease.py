"""The archive's lease: one writer at a time, a dead holder replaced at once (both backends)."""

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from dwcrawler.db.engine import normalise_url, sqlite_file
from dwcrawler.db.lease import ADVISORY_KEY, EXIT_BUSY, ArchiveBusy, archive_lease, lock_path
from dwcrawler.db.liveness import process_alive
from tests.support.paths import ROOT

HOLD = """
import sys, time
from dwcrawler.db.lease import archive_lease
with archive_lease(sys.argv[1], "crawl"):
    print("held", flush=True)
    time.sleep(600)
"""


def test_a_second_writer_is_refused_at_once_naming_the_holder(db_url):
    with archive_lease(db_url, "crawl") as lease:
        began = time.monotonic()
        with pytest.raises(ArchiveBusy) as refused, archive_lease(db_url, "db upgrade"):
            pass
        assert time.monotonic() - began < 2  # no waiting
    assert refused.value.status == EXIT_BUSY == 75
    holder = refused.value.holder
    assert holder is not None
    assert (holder.host, holder.pid, holder.purpose) == (socket.gethostname(), os.getpid(), "crawl")
    assert abs(holder.since - lease.holder.since) < timedelta(seconds=2)
    message = str(refused.value)
    assert f"a crawl (pid {os.getpid()} on {socket.gethostname()}, since " in message
    assert message.endswith("holds its lease; try again later")
    with archive_lease(db_url, "purge"):  # released at the end of the block
        pass


def test_a_holder_killed_with_sigkill_is_replaced_at_once(db_url):
    line = [sys.executable, "-c", HOLD, db_url]
    with subprocess.Popen(line, cwd=ROOT, stdout=subprocess.PIPE, text=True) as holder:
        try:
            assert holder.stdout is not None
            assert holder.stdout.readline().strip() == "held"
            with (
                pytest.raises(ArchiveBusy, match=f"pid {holder.pid} on"),
                archive_lease(db_url, "x"),
            ):
                pass
            holder.send_signal(signal.SIGKILL)
            holder.wait()
            began = time.monotonic()
            while True:  # PostgreSQL notices the closed connection within milliseconds
                try:
                    with archive_lease(db_url, "crawl"):
                        break
                except ArchiveBusy:
                    assert time.monotonic() - began < 5
                    time.sleep(0.05)
        finally:
            holder.kill()


def test_sqlite_lock_file_lives_beside_the_archive_and_names_no_one_when_free(sqlite_url):
    path = sqlite_file(normalise_url(sqlite_url))
    assert path is not None
    with archive_lease(sqlite_url, "crawl"):
        assert str(os.getpid()) in lock_path(path).read_text()
    assert lock_path(path) == path.with_name(path.name + ".lock")
    assert lock_path(path).read_text() == ""


@pytest.mark.postgres
def test_postgresql_lease_of_a_dead_process_on_this_host_is_taken_over(postgres_url):
    """The server has not noticed yet that the holder is gone: its session is ended."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    assert not process_alive(dead.pid)
    url = normalise_url(postgres_url).set(drivername="postgresql")
    name = f"dwcrawler crawl {dead.pid}@{socket.gethostname()}"
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as stray:
        stray.execute("SELECT set_config('application_name', %s, false)", (name,))
        stray.execute("SELECT pg_advisory_lock(%s)", (ADVISORY_KEY,))
        with archive_lease(postgres_url, "crawl"):
            pass
        with pytest.raises(psycopg.OperationalError):
            stray.execute("SELECT 1")  # its session was ended


@pytest.mark.postgres
def test_postgresql_lease_of_a_live_process_is_not_taken(postgres_url):
    url = normalise_url(postgres_url).set(drivername="postgresql")
    name = f"dwcrawler crawl {os.getpid()}@{socket.gethostname()}"
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as other:
        other.execute("SELECT set_config('application_name', %s, false)", (name,))
        other.execute("SELECT pg_advisory_lock(%s)", (ADVISORY_KEY,))
        with (
            pytest.raises(ArchiveBusy, match=f"pid {os.getpid()}"),
            archive_lease(postgres_url, "x"),
        ):
            pass
        assert other.execute("SELECT 1").fetchone() == (1,)


def test_readers_never_need_the_lease(capsys, db_url):
    from tests.support.clihelpers import run, seed

    seed(db_url)
    with archive_lease(db_url, "crawl"):
        for argv in (["stats"], ["search", "reli"], ["export"], ["doctor", "--max-age", "1000d"]):
            result = run(capsys, *argv, "--database", db_url)
            assert result.status in {0, 1}, (argv, result.err)
            assert "busy" not in result.err + result.out


def test_process_liveness_knows_a_reused_pid():
    assert process_alive(os.getpid())
    assert process_alive(os.getpid(), datetime.now(UTC))
    assert not process_alive(os.getpid(), datetime.now(UTC) - timedelta(days=400))
