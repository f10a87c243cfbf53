"""`import-warc`: rebuild (or add to) an archive from this project's WARC files.

Files are read in the order of their first record's date and records in file order, so the
captures of a crawl are stored in the order the crawl stored them, through the same repository
functions: a crawl's WARC files imported into an empty database give the same export. What
each record gives:

- a 200 response for a DW Kiswahili content page: extracted (on every core) and stored, as
  `cause: import`; a capture older than the article's current version only adds history;
- a revisit (a 304, an identical payload): the page was seen then;
- a 404 or 410 for a content page: a stored article was gone then;
- anything else (robots.txt, sitemaps, feeds, listings, other languages, redirects, errors):
  skipped and counted by reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dwcrawler.archive.bulk import BatchWriter, Tally, extract_in_order
from dwcrawler.archive.extract import GoneCapture, PageCapture, Sighting
from dwcrawler.archive.paths import stored_name
from dwcrawler.archive.progress import Progress
from dwcrawler.archive.read import Damaged, first_date, iter_records
from dwcrawler.items import CaptureRef
from dwcrawler.urls import LANGUAGE, parse_content_url

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from pathlib import Path

    from dwcrawler.archive.extract import Work
    from dwcrawler.archive.read import WarcRecord
    from dwcrawler.archive.writing import Archive

GONE_STATUSES = (404, 410)


def classify(record: WarcRecord, folder: Path) -> Work | str | None:
    """Return the work a record gives, why it is skipped, or None for non-responses."""
    if record.type not in {"response", "revisit"}:
        return None  # requests, warcinfo, metadata: nothing of a page
    ref = parse_content_url(record.url) if record.url else None
    if ref is None:
        return "not an article page"
    if ref.language != LANGUAGE:
        return "another language"
    if record.date is None:
        return "no WARC-Date"
    if record.type == "revisit":
        return Sighting(ref.dw_id, ref.canonical, record.date)
    if record.status == 200:
        name = stored_name(record.file, folder)
        capture = CaptureRef(name, record.offset, record.date, record.digest)
        return PageCapture(record, ref.canonical, ref.dw_id, capture)
    if record.status in GONE_STATUSES:
        return GoneCapture(ref.dw_id, ref.canonical, record.status, record.date)
    return f"HTTP {record.status}"


def _wanted(kind: str, _uri: str | None) -> bool:
    return kind == "response"  # payloads of other records are never needed


def in_capture_order(paths: Sequence[Path]) -> list[Path]:
    """Return the files ordered by the date of their first record (then by name)."""
    return sorted(paths, key=lambda path: (first_date(path), path.name))


def import_warcs(
    paths: Sequence[Path],
    archive: Archive,
    folder: Path,
    *,
    jobs: int,
    complain: Callable[[str], None],
) -> Tally:
    """Import the records of `paths` (already checked to be WARC files); return the tally."""
    tally = Tally()
    progress = Progress("import-warc", sum(path.stat().st_size for path in paths), "B")

    def work() -> Iterator[Work]:
        for path in in_capture_order(paths):
            read_to = 0
            for record in iter_records(path, _wanted):
                progress.advance(record.offset - read_to)
                read_to = record.offset
                if isinstance(record, Damaged):
                    tally.damaged += 1
                    complain(f"{record.file}: offset {record.offset}: skipped: {record.reason}")
                    continue
                found = classify(record, folder)
                if isinstance(found, str):
                    tally.skipped[found] += 1
                elif found is not None:
                    yield found
            progress.advance(path.stat().st_size - read_to)

    writer = BatchWriter(archive, tally, "import", complain)
    try:
        for results in extract_in_order(work(), jobs):
            writer.add(results)
            progress.pages += sum(1 for r in results if not isinstance(r, Sighting | GoneCapture))
        writer.flush()
    finally:
        progress.close()
    return tally
