"""The bulk writer: batches stored in order on its own thread, a failure raised to the caller."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from dwcrawler.archive import bulk
from dwcrawler.archive.bulk import BatchWriter, Tally
from dwcrawler.archive.extract import Failed, Page
from dwcrawler.archive.writing import open_for_writing
from dwcrawler.db import repository
from dwcrawler.items import CaptureRef, FetchInfo, with_fetch
from tests.replica.archive import records
from tests.support.dbsamples import SAMPLE_ITEMS

WHEN = datetime(2024, 3, 1, tzinfo=UTC)


def _pages() -> list[Page]:
    return [Page(with_fetch(item, FetchInfo(fetched_at=WHEN))) for item in SAMPLE_ITEMS]


def test_batches_are_stored_in_order_and_counted_once_closed(db_url, monkeypatch):
    monkeypatch.setattr(bulk, "BATCH", 2)
    tally = Tally()
    failed = Failed("https://www.dw.com/sw/x/a-1", CaptureRef("f.warc.gz", 0, WHEN), "no title")
    with open_for_writing(db_url, "test") as archive:
        writer = BatchWriter(archive, tally, "import", complain=lambda line: None)
        pages = _pages()
        writer.add(pages[:3])
        writer.add([failed, *pages[3:]])
        writer.add([replace(pages[0])])  # met again: unchanged
        writer.close()
    assert tally.outcomes == {"new": len(pages), "unchanged": 1}
    assert tally.failed == 1
    assert sorted(records(db_url)) == sorted(p.item.dw_id for p in pages)


def test_a_failing_batch_raises_in_the_callers_thread_and_earlier_ones_stay(db_url, monkeypatch):
    monkeypatch.setattr(bulk, "BATCH", 2)
    real, calls = repository.store_articles, []

    def store(session, batch):
        calls.append(len(batch))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(session, batch)

    monkeypatch.setattr(repository, "store_articles", store)
    pages = _pages()
    with open_for_writing(db_url, "test") as archive:
        writer = BatchWriter(archive, Tally(), "import", complain=lambda line: None)
        for page in pages[:4]:  # the second batch goes to the writer, which fails
            writer.add([page])
        with pytest.raises(RuntimeError, match="disk full"):
            writer.add(pages[4:6])  # the next batch waits for it: its error comes here
        writer.close()  # after the failure: nothing left in flight, no second error
    assert sorted(records(db_url)) == sorted(p.item.dw_id for p in pages[:2])
