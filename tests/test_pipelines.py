"""Clean → validate → store on hand-built items, with a real migrated database."""

import asyncio
import dataclasses
import logging
from datetime import UTC, datetime
from typing import Any

import pytest
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DropItem
from scrapy.utils.test import get_crawler
from sqlalchemy import create_engine, text

from dwcrawler.extraction import EXTRACTOR_VERSION
from dwcrawler.items import GoneItem, NotModifiedItem
from dwcrawler.pipelines import CleanPipeline, StorePipeline, ValidatePipeline
from dwcrawler.store import Store
from tests.replica.archive import records, runs
from tests.support.dbsamples import MAFURIKO, RELI

NOW = datetime(2024, 7, 1, 12, 0, tzinfo=UTC)


def test_validate_drops_with_a_counted_logged_reason(caplog):
    crawler = get_crawler()
    pipeline = ValidatePipeline.from_crawler(crawler)
    bad = dataclasses.replace(RELI, title="")
    with caplog.at_level(logging.ERROR), pytest.raises(DropItem, match="invalid title"):
        pipeline.process_item(bad)
    assert crawler.stats.get_value("validate/dropped") == 1
    assert crawler.stats.get_value("validate/dropped/title") == 1
    assert RELI.url in caplog.text
    assert pipeline.process_item(RELI) is RELI


def test_clean_stamps_the_extractor_version():
    crawler = get_crawler()
    cleaned = CleanPipeline.from_crawler(crawler).process_item(
        dataclasses.replace(RELI, extractor_version="")
    )
    assert cleaned.extractor_version == EXTRACTOR_VERSION
    assert crawler.stats.get_value("time/clean_us") is not None


def test_a_cleaning_defect_drops_the_item_as_a_lost_page(monkeypatch, caplog):
    def broken(item: Any) -> Any:
        raise KeyError("a defect in the cleaning")

    monkeypatch.setattr("dwcrawler.extraction.clean_article", broken)
    crawler = get_crawler()
    with caplog.at_level(logging.ERROR), pytest.raises(DropItem):
        CleanPipeline.from_crawler(crawler).process_item(RELI)
    assert crawler.stats.get_value("clean/failed") == 1
    assert crawler.stats.get_value("items/lost") == 1  # so the run counts it, and retries it
    assert f"{RELI.url}: cleaning failed" in caplog.text
    assert "Traceback" in caplog.text


def _store(url: str, *items: Any) -> tuple[Crawler, list[Any]]:
    crawler = get_crawler(settings_dict={"DATABASE_URL": url})
    pipeline = StorePipeline.from_crawler(crawler)

    async def go() -> list[Any]:
        await pipeline.open_spider()
        results: list[Any] = []
        for item in items:
            try:
                results.append(await pipeline.process_item(item))
            except DropItem as exc:
                results.append(exc)
        await Store.for_crawler(crawler).close()
        return results

    return crawler, asyncio.run(go())


def test_store_writes_each_item_once_and_counts_outcomes(db_url):
    changed = dataclasses.replace(RELI, title="Tanzania yazindua reli mpya ya SGR")
    gone = GoneItem(url=MAFURIKO.url, dw_id=MAFURIKO.dw_id, status=410, checked_at=NOW)
    unknown = NotModifiedItem(url="https://www.dw.com/sw/x/a-1", dw_id=1, checked_at=NOW)
    crawler, results = _store(db_url, RELI, MAFURIKO, RELI, changed, gone, unknown)
    assert results == [RELI, MAFURIKO, RELI, changed, gone, unknown]
    stats = crawler.stats
    assert (stats.get_value("store/new"), stats.get_value("store/unchanged")) == (2, 1)
    assert (stats.get_value("store/revised"), stats.get_value("store/gone")) == (1, 1)
    assert stats.get_value("store/seen_unknown") == 1
    stored = records(db_url)
    assert stored[RELI.dw_id]["title"] == changed.title
    assert len(stored[RELI.dw_id]["revisions"]) == 2
    assert stored[MAFURIKO.dw_id]["status"] == "gone"
    assert (
        runs(db_url)[0]["outcome"] == "running"
    )  # started by the pipeline, finished by RunMonitor


def test_a_failed_write_is_logged_with_its_url_counted_and_not_fatal(sqlite_url, caplog):
    engine = create_engine(sqlite_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                f"CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.dw_id = {MAFURIKO.dw_id} "
                "BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
            )
        )
    engine.dispose()
    with caplog.at_level(logging.ERROR):
        crawler, results = _store(sqlite_url, MAFURIKO, RELI)
    assert isinstance(results[0], DropItem)
    assert results[1] is RELI
    assert crawler.stats.get_value("store/failed") == 1
    assert f"{MAFURIKO.url}: not stored: IntegrityError" in caplog.text
    assert sorted(records(sqlite_url)) == [RELI.dw_id]


def test_the_store_refuses_a_database_not_at_head(tmp_path, caplog):
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    crawler = get_crawler(settings_dict={"DATABASE_URL": url})
    pipeline = StorePipeline.from_crawler(crawler)

    async def go() -> None:
        try:
            await pipeline.open_spider()
        finally:
            await Store.for_crawler(crawler).close()

    with caplog.at_level(logging.ERROR), pytest.raises(CloseSpider):
        asyncio.run(go())
    refused = crawler.stats.get_value("store/refused")
    assert "dwcrawler db upgrade" in refused
    assert "the store refused to start" in caplog.text
    assert not (tmp_path / "empty.sqlite3").exists()  # refusing creates no empty archive


def test_an_unexpected_store_error_is_counted_with_its_traceback(sqlite_url, monkeypatch, caplog):
    def broken(*args: Any, **kwargs: Any) -> str:
        raise RuntimeError("a defect in the repository")

    monkeypatch.setattr("dwcrawler.db.repository.store_article", broken)
    with caplog.at_level(logging.ERROR):
        crawler, results = _store(sqlite_url, RELI)
    assert isinstance(results[0], DropItem)
    assert crawler.stats.get_value("store/failed") == 1
    assert f"{RELI.url}: not stored: unexpected error" in caplog.text
    assert "a defect in the repository" in caplog.text
    assert "Traceback" in caplog.text
