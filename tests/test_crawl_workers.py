"""The crawl's helper processes: page extraction workers and the archive writer process."""

import asyncio
import logging
import os
import signal

import pytest

from dwcrawler.extensions.extract_worker import Extracted
from dwcrawler.extensions.extractors import ExtractorPool
from dwcrawler.extraction import EXTRACTOR_VERSION, finish
from dwcrawler.pages import BrokenPage, parse_page
from tests.replica.archive import records
from tests.replica.build import fixture_site
from tests.replica.run import crawl
from tests.replica.server import ReplicaServer
from tests.sitegen import expected_dict, render_page, synthetic_spec

URL = "https://www.dw.com/sw/x/a-1"


def _parse_all(pool: ExtractorPool, pages: list[tuple[bytes, str]]) -> list[Extracted]:
    async def go() -> list[Extracted]:
        try:
            reads = (pool.parse(body, "text/html; charset=utf-8", url) for body, url in pages)
            return list(await asyncio.gather(*reads))
        finally:
            pool.close()

    return asyncio.run(go())


def test_workers_parse_and_clean_exactly_as_the_crawl_process_does():
    specs = [synthetic_spec(n, 3) for n in range(6)]
    pages = [(render_page(spec).encode(), spec.url) for spec in specs]
    in_workers = _parse_all(ExtractorPool(2), pages)
    # A worker also cleans (CleanPipeline then passes the item on); in-process, the pipeline does.
    in_process = _parse_all(ExtractorPool(0), pages)
    done_items = [done.item for done in in_workers]
    raw_items = [raw.item for raw in in_process]
    assert all(item is not None for item in [*done_items, *raw_items])
    assert all(item.extractor_version == EXTRACTOR_VERSION for item in done_items if item)
    assert all(item.extractor_version == "" for item in raw_items if item)
    assert all(raw.clean_seconds == 0 for raw in in_process)
    assert done_items == [finish(item) for item in raw_items if item]
    assert all(done.parse_seconds > 0 and done.clean_seconds > 0 for done in in_workers)


def test_a_page_error_crosses_the_process_boundary_with_its_url():
    (done,) = _parse_all(ExtractorPool(1), [(b"   ", URL)])
    assert done.item is None
    assert isinstance(done.error, BrokenPage)
    assert done.error.url == URL
    assert str(done.error) == f"empty document ({URL})"


def test_a_worker_decodes_the_body_and_reports_a_mislabelled_charset():
    spec = synthetic_spec(2, 3)
    body = render_page(spec).encode()
    pool = ExtractorPool(1)

    async def go() -> Extracted:
        try:  # a proxy that labels DW's UTF-8 as Latin-1: the page's own <meta charset> wins
            return await pool.parse(body, "text/html; charset=iso-8859-1", spec.url)
        finally:
            pool.close()

    done = asyncio.run(go())
    assert done.item == finish(parse_page(body, spec.url))
    assert done.charset_note is not None
    assert done.charset_note.startswith("charset-mismatch: HTTP says cp1252")


def test_a_dead_worker_costs_no_page(caplog):
    spec = synthetic_spec(1, 3)
    pool = ExtractorPool(1)

    async def go() -> tuple[Extracted, Extracted]:
        try:
            executor = pool._pool()
            pid = await asyncio.get_running_loop().run_in_executor(executor, os.getpid)
            os.kill(pid, signal.SIGKILL)  # the OOM killer, say
            page = render_page(spec).encode()
            first = await pool.parse(page, None, spec.url)
            second = await pool.parse(page, None, spec.url)  # a new pool
            return first, second
        finally:
            pool.close()

    with caplog.at_level(logging.WARNING):
        first, second = asyncio.run(go())
    # The page the dead worker had is parsed in-process (cleaned later by the pipeline).
    assert first.item == parse_page(render_page(spec), spec.url)
    assert first.item is not None
    assert second.item == finish(first.item)
    assert "an extraction worker died" in caplog.text


def test_helpers_ignore_ctrl_c():
    pool = ExtractorPool(1)

    async def go() -> object:
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(pool._pool(), signal.getsignal, signal.SIGINT)
        finally:
            pool.close()

    assert asyncio.run(go()) == signal.SIG_IGN


@pytest.mark.parametrize(
    "helpers",
    [
        {"DW_STORE_PROCESS": "True", "DW_EXTRACT_PROCESSES": "2"},
        {"DW_STORE_PROCESS": "False", "DW_EXTRACT_PROCESSES": "0"},  # one core's default
    ],
    ids=["writer-process-and-two-workers", "all-in-the-crawl-process"],
)
def test_a_crawl_stores_every_page_with_or_without_helpers(sqlite_url, helpers):
    site = fixture_site()
    with ReplicaServer(site.resources()) as server:
        settings = {"DATABASE_URL": sqlite_url, **helpers}
        result = crawl(server.base_url, args={"mode": "backfill"}, settings=settings)
    assert result.returncode == 0, result.stderr[-3000:]
    stored = records(sqlite_url)
    assert sorted(stored) == sorted(page.spec.dw_id for page in site.pages)
    for page in site.pages:
        expected = expected_dict(page.spec)
        for key in ("title", "body", "photos", "authors"):
            assert stored[page.spec.dw_id][key] == expected[key], (page.path, key)
