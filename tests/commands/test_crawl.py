"""The `crawl` command's exit status: 0 worked, 1 failed, 2 bad argument (one line, no traceback)."""

import contextlib
import socket
import time
from pathlib import Path

import pytest

from tests.replica.archive import records
from tests.replica.build import fixture_site, synthetic_site
from tests.replica.faults import status_fault
from tests.replica.run import crawl, start
from tests.replica.server import ReplicaServer


@pytest.mark.parametrize(
    ("args", "settings", "message"),
    [
        ({"mode": "sometimes"}, {}, "mode='sometimes': use one of update, backfill, urls"),
        ({"mode": "backfill", "since": "31.01.2019"}, {}, "since='31.01.2019' is not a date"),
        ({"urls": "https://www.dw.com/sw/x/a-1"}, {}, "urls=… needs -a mode=urls"),
        ({}, {"DW_BASE_URL": "localhost:8000"}, "DW_BASE_URL='localhost:8000' is not an origin"),
    ],
)
def test_bad_argument_exits_2_with_one_line(args, settings, message):
    result = crawl("http://127.0.0.1:9", args=args, settings=settings)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[-1].startswith(f"scrapy crawl: error: {message}")
    assert "Traceback" not in result.stderr
    assert "Spider opened" not in result.stderr  # refused before anything was requested


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_nothing_fetched_exits_1(sqlite_url):
    base = f"http://127.0.0.1:{_closed_port()}"
    result = crawl(base, settings={"DATABASE_URL": sqlite_url, "RETRY_TIMES": "0"})
    assert result.returncode == 1
    assert "nothing could be fetched" in result.stderr


def test_error_rate_over_threshold_exits_1(sqlite_url):
    site = fixture_site()
    with ReplicaServer(site.resources()) as server:
        for page in site.pages[:10]:
            server.faults.add(page.path, status_fault(500))
        result = crawl(
            server.base_url,
            args={"mode": "backfill"},
            settings={"DATABASE_URL": sqlite_url, "RETRY_TIMES": "0"},
        )
    assert result.returncode == 1
    assert "is over the threshold 20%" in result.stderr
    assert "failed: http://127.0.0.1" in result.stderr
    assert "(HTTP 500)" in result.stderr


def test_error_rate_under_a_raised_threshold_exits_0(sqlite_url):
    site = fixture_site()
    with ReplicaServer(site.resources()) as server:
        for page in site.pages[:10]:
            server.faults.add(page.path, status_fault(500))
        result = crawl(
            server.base_url,
            args={"mode": "backfill"},
            settings={"DATABASE_URL": sqlite_url, "RETRY_TIMES": "0", "DW_MAX_ERROR_RATE": "0.9"},
        )
    assert result.returncode == 0, result.stderr[-2000:]


def _children(pid: int) -> set[int]:
    """Return the child processes of `pid` now (every thread's children, from /proc)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found |= {int(child) for child in (task / "children").read_text().split()}
    return found


def test_the_crawl_is_one_process_from_start_to_end(sqlite_url, tmp_path):
    site = synthetic_site(150, seed=9)
    with ReplicaServer(site.resources()) as server:
        process = start(
            server.base_url,
            tmp_path / "crawl.log",
            args={"mode": "backfill"},
            settings={"DATABASE_URL": sqlite_url},
        )
        samples, children = 0, set()
        while process.poll() is None:
            children |= _children(process.pid)
            samples += 1
            time.sleep(0.005)
        assert process.wait() == 0, (tmp_path / "crawl.log").read_text()[-3000:]
    assert samples > 50  # the tree was watched for the whole crawl, not once
    assert children == set()
    assert len(records(sqlite_url)) == len(site.pages)
