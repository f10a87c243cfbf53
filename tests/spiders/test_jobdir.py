"""Pause and resume a long backfill with Scrapy's JOBDIR: everything fetched and kept once."""

import json
import signal
import time
from datetime import UTC, datetime
from pathlib import Path

from tests.replica.archive import records, revision_count, runs
from tests.replica.faults import delay_fault
from tests.replica.run import crawl, start
from tests.replica.server import ReplicaServer
from tests.replica.site import ReplicaPage, ReplicaSite
from tests.sitegen import synthetic_spec

NOW = datetime.now(UTC).replace(microsecond=0)
PAGES = 30


def _site() -> ReplicaSite:
    return ReplicaSite([ReplicaPage(synthetic_spec(n, 7), NOW) for n in range(PAGES)])


def _items(path: Path) -> list[str]:
    return (
        [json.loads(line)["url"] for line in path.read_text().splitlines()] if path.exists() else []
    )


def test_pause_and_resume_with_jobdir(tmp_path, sqlite_url):
    site = _site()
    jobdir = tmp_path / "job"
    settings = {
        "DATABASE_URL": sqlite_url,
        "DW_LINK_HOPS": "0",
        "JOBDIR": str(jobdir),
        "CONCURRENT_REQUESTS": "2",
        "DW_FEEDS": "",
        "DW_START_PAGES": "",
    }
    args = {"mode": "backfill"}
    paths = {p.path for p in site.pages}
    with ReplicaServer(site.resources()) as server:
        for page in site.pages:
            server.faults.add(page.path, delay_fault(0.15))

        def content() -> list[str]:
            return [r.path for r in server.requests() if r.path in paths]

        first = tmp_path / "first.jsonl"
        process = start(
            server.base_url,
            tmp_path / "first.log",
            args=args,
            settings={**settings, "FEEDS": json.dumps({str(first): {"format": "jsonlines"}})},
        )
        deadline = time.monotonic() + 60
        while len(content()) < 8 and time.monotonic() < deadline:
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)  # what Ctrl-C does: a graceful stop
        assert process.wait(timeout=60) == 1  # interrupted: not a successful run
        log = (tmp_path / "first.log").read_text()
        assert "the run stopped early (shutdown)" in log
        paused_at = len(content())
        assert 8 <= paused_at < PAGES

        second = tmp_path / "second.jsonl"
        result = crawl(
            server.base_url,
            args=args,
            settings={**settings, "FEEDS": json.dumps({str(second): {"format": "jsonlines"}})},
        )
        assert result.returncode == 0, result.stderr[-3000:]
        fetched = content()
    assert sorted(fetched) == sorted(p.path for p in site.pages)  # each page exactly once
    exported = _items(first) + _items(second)
    assert sorted(exported) == sorted(p.url for p in site.pages)
    assert len(_items(second)) == PAGES - len(_items(first)) > 0
    # The archive holds every page once, each with exactly one revision.
    stored = records(sqlite_url)
    assert sorted(stored) == sorted(p.spec.dw_id for p in site.pages)
    assert all(len(r["revisions"]) == 1 for r in stored.values())
    assert revision_count(sqlite_url) == PAGES
    assert [r["outcome"] for r in runs(sqlite_url)] == ["interrupted", "success"]
