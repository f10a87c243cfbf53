"""Crash safety: SIGKILL the real crawl while it writes, run it again, lose nothing (issue 5).

`make test` kills a few times on each backend; `make reliability` (DWCRAWLER_RELIABILITY=full)
at least 20 times on SQLite and 5 on PostgreSQL.
"""

from __future__ import annotations

import itertools
import shutil

import pytest

from tests.reliability import full
from tests.reliability.crashloop import CrashReport, crash_loop


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
