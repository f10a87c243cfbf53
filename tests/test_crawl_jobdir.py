"""Pause and resume a long backfill with Scrapy's JOBDIR: everything fetched and kept once."""

import json
import signal
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.replica import scaffold
from tests.replica.run import crawl, start
from tests.replica.server import ReplicaServer, delay_fault
from tests.replica.site import ReplicaPage, ReplicaSite

NOW = datetime.now(UTC).replace(microsecond=0)
PAGES = 30


def _site() -> ReplicaSite:
    pages = []
    for n in range(PAGES):
        path = f"/sw/kumbukumbu-{n}/a-{71000000 + n}"
        html = scaffold.render("https://www.dw.com" + path, f"Kumbukumbu {n}", NOW, [], "Picha")
        when = NOW - timedelta(days=n)
        pages.append(ReplicaPage(path, html, f"Kumbukumbu {n}", when, when, sitemap="article"))
    return ReplicaSite(pages)


def _items(path: Path) -> list[str]:
    return (
        [json.loads(line)["url"] for line in path.read_text().splitlines()] if path.exists() else []
    )


def test_pause_and_resume_with_jobdir(tmp_path):
    site = _site()
    jobdir = tmp_path / "job"
    settings = {
        "DW_EXTRACTOR": "tests.replica.scaffold.extract",
        "JOBDIR": str(jobdir),
        "CONCURRENT_REQUESTS": "2",
        "DW_FEEDS": "",
        "DW_START_PAGES": "",
    }
    args = {"mode": "backfill"}
    with ReplicaServer(site.resources()) as server:
        for page in site.pages:
            server.faults.add(page.path, delay_fault(0.15))

        def content() -> list[str]:
            return [
                unquote(urlsplit(r.url).path)
                for r in server.requests()
                if "/sw/kumbukumbu" in r.url
            ]

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
    stored = _items(first) + _items(second)
    assert sorted(stored) == sorted(p.url for p in site.pages)
    assert len(_items(second)) == PAGES - len(_items(first)) > 0
