"""One crawl at a time: real crawls of the loopback replica, on SQLite and on PostgreSQL."""

import pytest

from tests.reliability.ops import overlap_once, stale_lease_once
from tests.replica.build import synthetic_site
from tests.replica.server import ReplicaServer


@pytest.fixture(scope="module")
def replica():
    site = synthetic_site(60, seed=13)
    with ReplicaServer(site.resources()) as server:
        yield site, server


@pytest.mark.slow
def test_a_second_crawl_refuses_at_once_with_75_having_fetched_nothing(replica, db_url, tmp_path):
    site, server = replica
    server.clear_log()
    outcome = overlap_once(site, server, db_url, tmp_path / "first.log")
    assert outcome.problems == []
    assert outcome.lost == 0
    assert outcome.seconds < 60  # a Python start-up, a lock, a line: no fetching, no waiting


@pytest.mark.slow
def test_a_killed_crawl_is_replaced_at_once_and_its_run_marked_crashed(replica, db_url, tmp_path):
    site, server = replica
    server.clear_log()
    outcome = stale_lease_once(site, server, db_url, tmp_path / "killed.log")
    assert outcome.problems == []
    assert outcome.lost == 0
    assert outcome.seconds < 60  # its first request came after a start-up, not after a wait
