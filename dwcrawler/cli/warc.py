"""`dwcrawler import-warc` and `dwcrawler reextract`: the archive rebuilt from its WARC files."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dwcrawler.archive.importer import import_warcs
from dwcrawler.archive.paths import warc_dir
from dwcrawler.archive.read import NotWarc, check_warc
from dwcrawler.archive.reextract import reextract
from dwcrawler.archive.writing import open_for_writing
from dwcrawler.cli.common import (
    add_database_option,
    guarded,
    parse_date,
    positive_int,
    resolve_database,
)
from dwcrawler.extraction import EXTRACTOR_VERSION

if TYPE_CHECKING:
    from collections.abc import Callable

    from dwcrawler.archive.bulk import Tally
    from dwcrawler.cli.common import SubParsers

IMPORT_EPILOG = """\
examples:
  dwcrawler import-warc ~/.local/share/dwcrawler/warc/*.warc.gz
  dwcrawler import-warc --database rebuilt.sqlite3 --jobs 2 backup/warc/*.warc.gz

Files are imported in the order of their capture dates; a capture older than an article's
current version adds history and never replaces it. Responses fetched from a replica
(DW_BASE_URL) map back to https://www.dw.com. A file that is not WARC stops the command before
anything is stored (exit status 1); a damaged record is skipped with one line naming its file
and offset, the rest is imported, and the exit status is 1. See docs/archive.md.
"""
REEXTRACT_EPILOG = """\
examples:
  dwcrawler reextract                       # rows extracted by an older extractor
  dwcrawler reextract --all --since 2026-01-01

A revision (cause: reextract) is written only where the clean content changed; the command
prints how many rows changed and which fields. Exit status 1 if a capture could not be read or
extracted. See docs/archive.md.
"""


def _common(parser: argparse.ArgumentParser) -> None:
    add_database_option(parser)
    parser.add_argument(
        "--warc-dir",
        metavar="DIR",
        help="the WARC folder rows name files in (default: warc/ beside the SQLite archive)",
    )
    parser.add_argument(
        "--jobs",
        type=positive_int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="extraction processes (default: one per core; 1: no extra process)",
    )


def register(subparsers: SubParsers) -> None:
    """Add `dwcrawler import-warc` and `dwcrawler reextract`."""
    importer = subparsers.add_parser(
        "import-warc",
        help="rebuild or extend the archive from WARC files",
        description="Store the DW Kiswahili pages captured in WARC files.",
        epilog=IMPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    importer.add_argument("files", nargs="+", metavar="FILE", type=Path, help="WARC file")
    _common(importer)
    importer.set_defaults(handler=_import)
    again = subparsers.add_parser(
        "reextract",
        help="run the current extractor over the stored captures",
        description="Re-extract articles from the WARC records they were stored from.",
        epilog=REEXTRACT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    again.add_argument(
        "--since",
        type=parse_date,
        metavar="CAPTURE-DATE",
        help="only captures from this date on (YYYY-MM-DD or ISO date-time)",
    )
    again.add_argument(
        "--all",
        dest="everything",
        action="store_true",
        help="every captured article, not only those of older extractors",
    )
    _common(again)
    again.set_defaults(handler=_reextract)


def _complain(command: str) -> Callable[[str], None]:
    return lambda line: print(f"dwcrawler {command}: {line}", file=sys.stderr, flush=True)


def _counts(counter: dict[str, int]) -> str:
    return ", ".join(f"{n} {what}" for what, n in counter.items() if n) or "none"


@guarded("import-warc")
def _import(args: argparse.Namespace) -> int:
    url = resolve_database(args.database)
    refused = False
    for path in args.files:
        try:
            check_warc(path)
        except NotWarc as exc:
            print(f"dwcrawler import-warc: {path}: {exc}", file=sys.stderr)
            refused = True
        except OSError as exc:
            print(f"dwcrawler import-warc: {path}: {exc.strerror or exc}", file=sys.stderr)
            refused = True
    if refused:
        return 1
    folder = warc_dir(args.warc_dir, url)
    with open_for_writing(url, "import-warc") as archive:
        tally = import_warcs(
            args.files, archive, folder, jobs=args.jobs, complain=_complain("import-warc")
        )
    print(_import_summary(len(args.files), tally))
    return 1 if tally.damaged or tally.failed else 0


def _import_summary(files: int, tally: Tally) -> str:
    o = tally.outcomes
    stored = o["new"] + o["revised"] + o["history"] + o["unchanged"]
    return (
        f"imported {files} WARC file(s): {stored} pages stored ({o['new']} new, "
        f"{o['revised']} revised, {o['history']} older versions added to history, "
        f"{o['unchanged']} unchanged); {o['seen']} seen again (not modified), {o['gone']} "
        f"gone; skipped: {_counts(tally.skipped)}; {tally.damaged} damaged record(s), "
        f"{tally.failed} page(s) not stored"
    )


@guarded("reextract")
def _reextract(args: argparse.Namespace) -> int:
    url = resolve_database(args.database)
    folder = warc_dir(args.warc_dir, url)
    with open_for_writing(url, "reextract") as archive:
        tally = reextract(
            archive,
            folder,
            since=args.since,
            everything=args.everything,
            jobs=args.jobs,
            complain=_complain("reextract"),
        )
    o = tally.outcomes
    done = o["revised"] + o["metadata"] + o["unchanged"]
    print(
        f"re-extracted {done} articles with extractor {EXTRACTOR_VERSION}: "
        f"{o['revised'] + o['metadata']} changed ({o['revised']} with a new revision, "
        f"{o['metadata']} metadata only), {o['unchanged']} unchanged; fields changed: "
        f"{_counts(dict(tally.changed_fields.most_common()))}; skipped: "
        f"{_counts(tally.skipped)}; {tally.failed} failed"
    )
    return 1 if tally.failed else 0
