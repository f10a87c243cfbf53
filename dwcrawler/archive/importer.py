"""`import-warc`: rebuild (or add to) an archive from WARC files, this project's or any.

Files are read in the order of their first record's date and records in file order, so the
captures of a crawl are stored in the order the crawl stored them, through the same repository
functions: a crawl's WARC files imported into an empty database give the same export. Any
other WARC works too (a Common Crawl file, an Internet Archive download, its WET text): each
record is chosen by its target URI before its body is read, so the millions of other sites'
records of such a file cost a read-through and a count. What each record gives:

- a 200 HTML response for a DW Kiswahili content page: extracted (on every core) and stored,
  as `cause: import`; a capture older than the article's current version only adds history;
- a WET `conversion` record (the page as text) for one: read as a text rendering
  (`capture: text`);
- a revisit (a 304, an identical payload): the page was seen then;
- a 404 or 410 for a content page: a stored article was gone then;
- anything else is skipped and counted by reason (`skip_reason`): another site, another DW
  language, a DW page that is no article (robots.txt, sitemaps, listings), not HTML, not 200.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from dwcrawler.archive.bulk import BatchWriter, Tally, extract_in_order
from dwcrawler.archive.extract import GoneCapture, PageCapture, Sighting, TextCapture
from dwcrawler.archive.paths import stored_name
from dwcrawler.archive.progress import Progress
from dwcrawler.archive.read import Damaged, first_date, iter_records
from dwcrawler.items import CaptureRef
from dwcrawler.pages.charset import is_html
from dwcrawler.urls import DW_PAGE_HOSTS, LANGUAGE, parse_content_url

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from pathlib import Path

    from dwcrawler.archive.extract import Work
    from dwcrawler.archive.read import WarcRecord
    from dwcrawler.archive.writing import Archive

GONE_STATUSES = (404, 410)
PAGE_RECORDS = frozenset({"response", "revisit", "conversion"})  # the others hold no page
# Skip reasons that need only the target URI (and the record type): decided before any body.
OTHER_SITE = "other site"
OTHER_LANGUAGE = "other DW language"
NOT_ARTICLE = "DW page that is no article"


def skip_reason(kind: str, url: str | None) -> str | None:
    """Return why a record of this type and (DW-mapped) URL is skipped; None if it is wanted.

    Requests, warcinfo and metadata records hold no page ("" : not counted as skipped).
    """
    if kind not in PAGE_RECORDS:
        return ""
    host = urlsplit(url or "").netloc.lower().partition(":")[0]
    if host not in DW_PAGE_HOSTS:
        dw = host == "dw.com" or host.endswith(".dw.com")
        return NOT_ARTICLE if dw else OTHER_SITE  # static.dw.com, rss.dw.com: DW, no article
    ref = parse_content_url(url or "")
    if ref is None:  # a listing, a feed, a sitemap, robots.txt: in any language
        return NOT_ARTICLE
    return OTHER_LANGUAGE if ref.language != LANGUAGE else None


def classify(record: WarcRecord, folder: Path) -> Work | str | None:
    """Return the work a record gives, why it is skipped, or None for non-page records."""
    reason = skip_reason(record.type, record.url)
    if reason == "":
        return None
    if reason is not None:
        return reason
    ref = parse_content_url(record.url or "")
    assert ref is not None  # skip_reason checked it
    if record.date is None:
        return "no WARC-Date"
    if record.type == "revisit":
        return Sighting(ref.dw_id, ref.canonical, record.date)
    name = stored_name(record.file, folder)
    capture = CaptureRef(name, record.offset, record.date, record.digest)
    if record.type == "conversion":
        return TextCapture(record, ref.canonical, ref.dw_id, capture)
    if record.status == 200:
        if not is_html(record.header("Content-Type")):
            return "not HTML"
        return PageCapture(record, ref.canonical, ref.dw_id, capture)
    if record.status in GONE_STATUSES:
        return GoneCapture(ref.dw_id, ref.canonical, record.status, record.date)
    return f"not 200 (HTTP {record.status})"


def _wanted(kind: str, url: str | None) -> bool:
    # Only the pages to extract are read into memory; the rest are read through and counted.
    return kind in {"response", "conversion"} and skip_reason(kind, url) is None


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
    finally:
        try:
            writer.close()
        finally:
            progress.close()
    return tally
