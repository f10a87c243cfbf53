"""Crash safety: SIGKILL the real crawl while it writes, run it again, lose nothing (issue 5).

`make test` kills a few times on each backend; `make reliability` (DWCRAWLER_RELIABILITY=full)
at least 20 times on SQLite and 5 on PostgreSQL.
"""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import time

import pytest

from tests.reliability import full
from tests.reliability.crash import (
    HELPERS,
    _count,
    _group_alive,
    _wait_for,
    group_members,
    start,
)
from tests.reliability.crashloop import CrashReport, crash_loop
from tests.replica.build import synthetic_site
from tests.replica.server import ReplicaServer


def _assert_safe(report: CrashReport, kills: int) -> None:
    assert report.problems == []
    assert report.lost == 0
    assert len(report.kills) == kills
    assert report.exports_equal == report.episodes >= 1
    # The first kill of every episode lands while that run writes its first articles.
    assert report.during_writes >= report.episodes


@pytest.mark.slow
def test_sigkill_while_writing_to_sqlite_loses_nothing(sqlite_template, tmp_path):
    counter = itertools.count()

    def new_db() -> str:
        path = tmp_path / f"archive-{next(counter)}.sqlite3"
        shutil.copyfile(sqlite_template, path)
        return f"sqlite:///{path}"

    kills = 21 if full() else 4
    report = crash_loop(kills, new_db, tmp_path, per_episode=3 if full() else 2, seed=11)
    _assert_safe(report, kills)


@pytest.mark.slow
@pytest.mark.postgres
def test_sigkill_while_writing_to_postgresql_loses_nothing(postgres_server, tmp_path):
    names: list[str] = []

    def new_db() -> str:
        names.append(postgres_server.migrated())
        url: str = postgres_server.url(names[-1])
        return url

    kills = 6 if full() else 2
    try:
        report = crash_loop(kills, new_db, tmp_path, per_episode=3 if full() else 2, seed=12)
    finally:
        for name in names:
            postgres_server.drop(name)
    _assert_safe(report, kills)


@pytest.mark.slow
def test_helper_processes_die_with_a_killed_crawl(sqlite_url, tmp_path):
    site = synthetic_site(60, seed=3)
    with ReplicaServer(site.resources()) as server:
        process = start(server.base_url, sqlite_url, tmp_path / "crawl.log", HELPERS)
        try:
            _wait_for(lambda: process.poll() is not None or _count(sqlite_url) > 0, 60)
            assert process.poll() is None, "the crawl ended before it could be killed"
            # crawl, fork server, writer, extraction worker: there are helpers to outlive it
            assert group_members(process.pid) >= 4
            os.kill(process.pid, signal.SIGKILL)  # the crawl alone, as the OOM killer does
            process.wait()
            started = time.monotonic()
            _wait_for(lambda: not _group_alive(process.pid), 20)
            assert not _group_alive(process.pid), "the writer and extraction helpers lived on"
            assert time.monotonic() - started < 20
        finally:
            if _group_alive(process.pid):
                os.killpg(process.pid, signal.SIGKILL)
