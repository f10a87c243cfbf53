"""`reextract`: run the current extractor again over the stored captures.

For each article whose `extractor_version` is older than `EXTRACTOR_VERSION` (or every
article, `everything`), optionally only captures from `since` on, the WARC record the row names
is read again and goes through the one road on every core. A revision (`cause: reextract`) is
written only where the clean content really changed (`dwcrawler.db.hashing`); metadata that
changed (and the extractor version) updates the row without one; anything else writes nothing.
Rows stored without a capture are counted and left alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from dwcrawler.archive.bulk import BatchWriter, Tally, extract_in_order
from dwcrawler.archive.extract import Page, PageCapture, TextCapture
from dwcrawler.archive.paths import locate
from dwcrawler.archive.progress import Progress
from dwcrawler.archive.read import read_at
from dwcrawler.db.rows import ARTICLES, REVISIONS
from dwcrawler.extraction import EXTRACTOR_VERSION
from dwcrawler.items import CaptureRef

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from datetime import datetime
    from pathlib import Path

    from sqlalchemy.orm import Session
    from sqlalchemy.sql import ColumnElement

    from dwcrawler.archive.extract import Work
    from dwcrawler.archive.writing import Archive

ROWS_PER_QUERY = 1000
_PARTS = re.compile(r"\d+|[^\d.]+")


def version_key(version: str) -> tuple[tuple[int, Any], ...]:
    """Return a sort key for an extractor version: "1.10" is newer than "1.9"; "" is oldest."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in _PARTS.findall(version))


def is_older(version: str) -> bool:
    """Return True if rows extracted by `version` predate the current extractor."""
    return version_key(version) < version_key(EXTRACTOR_VERSION)


def _conditions(since: datetime | None) -> list[ColumnElement[bool]]:
    a = ARTICLES.c
    conditions: list[ColumnElement[bool]] = [
        a.warc_file.is_not(None),
        a.warc_offset.is_not(None),
        a.warc_date.is_not(None),
    ]
    if since is not None:
        conditions.append(a.warc_date >= since)
    return conditions


def _rows(archive: Archive, since: datetime | None) -> Iterator[Any]:
    """Yield the rows with a capture (since `since`), in DW id order, a query at a time."""
    a, last = ARTICLES.c, -1
    columns = (a.dw_id, a.url, a.warc_file, a.warc_offset, a.warc_date, a.warc_digest)
    while True:
        with archive.sessions.begin() as session:
            query = (
                select(*columns, a.meta_hash, a.extractor_version)
                .where(a.dw_id > last, *_conditions(since))
                .order_by(a.dw_id)
                .limit(ROWS_PER_QUERY)
            )
            rows = session.execute(query).all()
        if not rows:
            return
        last = rows[-1].dw_id
        yield from rows


def uncaptured(archive: Archive) -> int:
    """Return how many articles name no WARC record (stored before WARC, or with it off)."""
    with archive.sessions.begin() as session:
        query = select(func.count()).select_from(ARTICLES).where(ARTICLES.c.warc_file.is_(None))
        return int(session.execute(query).scalar_one())


def _selected(archive: Archive, since: datetime | None) -> int:
    with archive.sessions.begin() as session:
        query = select(func.count()).select_from(ARTICLES).where(*_conditions(since))
        return int(session.execute(query).scalar_one())


def reextract(
    archive: Archive,
    folder: Path,
    *,
    since: datetime | None,
    everything: bool,
    jobs: int,
    complain: Callable[[str], None],
) -> Tally:
    """Re-extract the selected articles (module docstring); return the tally."""
    tally = Tally()
    tally.skipped["no WARC capture"] = uncaptured(archive)
    progress = Progress("reextract", _selected(archive, since), "articles")

    def work() -> Iterator[Work]:
        for row in _rows(archive, since):
            progress.advance(1)
            if not everything and not is_older(row.extractor_version):
                tally.skipped["extracted by the current extractor"] += 1
                continue
            capture = CaptureRef(row.warc_file, row.warc_offset, row.warc_date, row.warc_digest)
            try:
                record = read_at(locate(row.warc_file, folder), row.warc_offset)
            except (OSError, ValueError) as exc:
                tally.failed += 1
                reason = getattr(exc, "strerror", None) or str(exc)
                complain(f"{row.url}: cannot read {row.warc_file} at {row.warc_offset}: {reason}")
                continue
            if record.type not in {"response", "conversion"}:  # a file gzipped whole
                tally.failed += 1
                complain(
                    f"{row.url}: {row.warc_file} at {row.warc_offset} is a {record.type} record, "
                    "not the page (a file gzipped whole cannot be read record by record)"
                )
                continue
            kind = TextCapture if record.type == "conversion" else PageCapture
            yield kind(record, row.url, row.dw_id, capture, meta_hash=row.meta_hash)

    def count(session: Session, page: Page, outcome: str, counted: Tally) -> None:
        if outcome == "revised":
            r = REVISIONS.c
            query = select(r.changed_fields).where(
                r.article_id == page.item.dw_id, r.cause == "reextract"
            )
            fields = session.execute(query.order_by(r.revision.desc()).limit(1)).scalar_one()
            counted.changed_fields.update(fields)
        elif page.meta_changed:  # stored as "unchanged": no revision, but the row moved
            counted.outcomes["unchanged"] -= 1
            counted.outcomes["metadata"] += 1

    writer = BatchWriter(archive, tally, "reextract", complain, after_store=count)
    try:
        for results in extract_in_order(work(), jobs):
            writer.add(results)
            progress.pages += sum(1 for result in results if isinstance(result, Page))
    finally:
        try:
            writer.close()
        finally:
            progress.close()
    return tally
