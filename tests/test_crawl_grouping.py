"""Group commits and batched calls to the helpers; how the helper defaults resolve."""

import asyncio
import logging
from typing import Any

import pytest
from scrapy.exceptions import DropItem
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler
from sqlalchemy import create_engine, text

from dwcrawler.extensions.archive import Archive
from dwcrawler.extensions.grouping import Grouper, Outcome
from dwcrawler.extensions.workers import extract_processes, store_process
from dwcrawler.pipelines import StorePipeline
from dwcrawler.spiders.args import SpiderArgumentError
from dwcrawler.spiders.settings_check import check_settings
from tests.replica.archive import records
from tests.support.dbsamples import synthetic_items


def _recording_grouper(
    max_size: int, linger: float, fail: set[int] | None = None
) -> tuple[Grouper[int], list[list[int]]]:
    groups: list[list[int]] = []

    async def run(args: list[int]) -> list[Outcome]:
        groups.append(args)
        return [(False, ValueError(n)) if n in (fail or set()) else (True, n * 10) for n in args]

    return Grouper(run, max_size=max_size, linger=linger), groups


def test_calls_arriving_together_share_one_group_and_get_their_own_results():
    grouper, groups = _recording_grouper(max_size=100, linger=0.05)

    async def go() -> list[Any]:
        return await asyncio.gather(*(grouper.submit(n) for n in range(5)))

    assert asyncio.run(go()) == [0, 10, 20, 30, 40]
    assert groups == [[0, 1, 2, 3, 4]]


def test_a_full_group_goes_at_once_and_the_rest_after_the_linger():
    grouper, groups = _recording_grouper(max_size=3, linger=0.05)

    async def go() -> list[Any]:
        return await asyncio.gather(*(grouper.submit(n) for n in range(7)))

    assert asyncio.run(go()) == [n * 10 for n in range(7)]
    assert groups == [[0, 1, 2], [3, 4, 5], [6]]


def test_a_call_that_fails_fails_alone():
    grouper, groups = _recording_grouper(max_size=10, linger=0.01, fail={2})

    async def go() -> list[Any]:
        return await asyncio.gather(*(grouper.submit(n) for n in range(4)), return_exceptions=True)

    results = asyncio.run(go())
    assert results[:2] == [0, 10]
    assert results[3] == 30
    assert isinstance(results[2], ValueError)
    assert groups == [[0, 1, 2, 3]]


def test_a_group_whose_runner_breaks_fails_every_call_of_it():
    async def broken(args: list[int]) -> list[Outcome]:
        raise OSError("the helper died")

    grouper: Grouper[int] = Grouper(broken, max_size=10, linger=0.01)

    async def go() -> list[Any]:
        return await asyncio.gather(*(grouper.submit(n) for n in range(3)), return_exceptions=True)

    assert [type(r) for r in asyncio.run(go())] == [OSError] * 3


def test_drain_sends_what_waits_at_once():
    grouper, groups = _recording_grouper(max_size=100, linger=60.0)

    async def go() -> Any:
        pending = asyncio.ensure_future(grouper.submit(7))
        await asyncio.sleep(0)
        await grouper.drain()
        return await pending

    assert asyncio.run(go()) == 70
    assert groups == [[7]]


@pytest.mark.parametrize("in_process", [False, True], ids=["thread", "process"])
def test_one_bad_item_in_a_group_commit_loses_only_itself(
    sqlite_url, caplog, monkeypatch, in_process
):
    items = synthetic_items(6, seed=5)
    redone: list[object] = []
    if not in_process:  # a writer thread: count the writes redone one by one
        from dwcrawler.extensions import writer

        alone = writer._alone

        def counted(call: Any) -> Outcome:
            redone.append(call)
            return alone(call)

        monkeypatch.setattr(writer, "_alone", counted)
    bad = items[3]
    engine = create_engine(sqlite_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                f"CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.dw_id = {bad.dw_id} "
                "BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
            )
        )
    engine.dispose()
    crawler = get_crawler(
        settings_dict={"DATABASE_URL": sqlite_url, "DW_STORE_PROCESS": in_process}
    )
    pipeline = StorePipeline.from_crawler(crawler)

    async def go() -> list[Any]:
        await pipeline.open_spider()
        try:
            # All at once: they go to the writer as one group, and that group fails.
            return await asyncio.gather(
                *(pipeline.process_item(item) for item in items), return_exceptions=True
            )
        finally:
            await Archive.for_crawler(crawler).close()

    with caplog.at_level(logging.ERROR):
        results = asyncio.run(go())
    assert [isinstance(r, DropItem) for r in results] == [i is bad for i in items]
    assert crawler.stats.get_value("store/new") == 5
    assert crawler.stats.get_value("store/failed") == 1
    assert f"{bad.url}: not stored: IntegrityError" in caplog.text
    assert sorted(records(sqlite_url)) == sorted(i.dw_id for i in items if i is not bad)
    if not in_process:
        assert len(redone) == len(items)  # one group of six failed, and each was redone alone


def test_helpers_are_on_by_default_with_two_cores_and_off_with_one(monkeypatch):
    defaults = Settings({"DW_EXTRACT_PROCESSES": "auto", "DW_STORE_PROCESS": "auto"})
    monkeypatch.setattr("dwcrawler.extensions.workers.usable_cpus", lambda: 2)
    assert (extract_processes(defaults), store_process(defaults)) == (1, True)
    monkeypatch.setattr("dwcrawler.extensions.workers.usable_cpus", lambda: 1)
    assert (extract_processes(defaults), store_process(defaults)) == (0, False)
    chosen = Settings({"DW_EXTRACT_PROCESSES": "3", "DW_STORE_PROCESS": "False"})
    assert (extract_processes(chosen), store_process(chosen)) == (3, False)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DW_EXTRACT_PROCESSES", "-1", "DW_EXTRACT_PROCESSES='-1': use auto, or a count"),
        ("DW_EXTRACT_PROCESSES", "many", "DW_EXTRACT_PROCESSES='many': use auto, or a count"),
        ("DW_STORE_PROCESS", "maybe", "DW_STORE_PROCESS='maybe': use auto, or True or False"),
    ],
)
def test_a_bad_helper_setting_is_one_clear_line(name, value, message):
    with pytest.raises(SpiderArgumentError) as caught:
        check_settings(Settings({name: value}))
    assert str(caught.value).startswith(message)
