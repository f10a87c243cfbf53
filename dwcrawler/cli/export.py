"""`dwcrawler export`: the archive as a data set (JSON lines, CSV or Parquet), one row per article.

Each record has `dwcrawler extract`'s schema plus `status`, `first_seen_at`, `last_seen_at` and
`revisions`. A file is written under a temporary name and renamed when complete, so an
interrupted export never leaves a half-written file under the requested name.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dwcrawler.cli.common import CliError, add_database_option, archive_session, guarded
from dwcrawler.cli.export_formats import (
    FORMATS,
    have_pyarrow,
    write_csv,
    write_jsonl,
    write_parquet,
)
from dwcrawler.cli.search import add_filter_options, article_filter
from dwcrawler.db.queries import export_records

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from dwcrawler.cli.common import SubParsers

EPILOG = """\
examples:
  dwcrawler export -o dw_sw.jsonl
  dwcrawler export --format parquet --since 2024-01-01 -o dw_sw-2024.parquet
  dwcrawler export --format csv --kind article -o articles.csv --force
  dwcrawler export --topic Kenya | jq -r .title

load the result:
  pandas.read_json("dw_sw.jsonl", lines=True);  pandas.read_parquet("dw_sw.parquet")
  datasets.load_dataset("json", data_files="dw_sw.jsonl")
"""
PROGRESS_EVERY = 1000


def register(subparsers: SubParsers) -> None:
    """Add `dwcrawler export`."""
    parser = subparsers.add_parser(
        "export",
        help="write the archive as JSON lines, CSV or Parquet (one record per article)",
        description="Export articles in `dwcrawler extract`'s schema plus status, "
        "first_seen_at, last_seen_at and revisions.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="jsonl", help="output format (default jsonl)"
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: stdout)"
    )
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    add_filter_options(parser)
    add_database_option(parser)
    parser.set_defaults(handler=_run)


def _check_output(args: argparse.Namespace) -> None:
    if args.format == "parquet":
        if args.output is None:
            raise CliError("Parquet is binary: give a file with -o FILE", status=2)
        if not have_pyarrow():
            raise CliError("Parquet export needs pyarrow: pip install 'dwcrawler[parquet]'")
    if args.output is None:
        return
    if args.output.is_dir():
        raise CliError(f"{args.output} is a directory", status=2)
    if args.output.exists() and not args.force:
        raise CliError(f"{args.output} exists; add --force to overwrite it", status=2)
    if not args.output.parent.is_dir():
        raise CliError(f"directory {args.output.parent} does not exist", status=2)


def _with_progress(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Pass records through, telling a person at a terminal how far the export is."""
    show = sys.stderr.isatty()
    count = 0
    for count, record in enumerate(records, start=1):
        if show and count % PROGRESS_EVERY == 0:
            print(f"\rexported {count} articles…", end="", file=sys.stderr, flush=True)
        yield record
    if show and count >= PROGRESS_EVERY:
        print(file=sys.stderr)


def _write(fmt: str, records: Iterable[dict[str, Any]], path: Path | None) -> int:
    if path is None:
        return write_csv(records, sys.stdout) if fmt == "csv" else write_jsonl(records, sys.stdout)
    # A hidden name beside the target: same file system for the rename, normal permissions.
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        if fmt == "parquet":
            count = write_parquet(records, partial)
        else:
            with partial.open("w", encoding="utf-8", newline="") as out:
                count = write_csv(records, out) if fmt == "csv" else write_jsonl(records, out)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return count


@guarded("export")
def _run(args: argparse.Namespace) -> int:
    _check_output(args)
    where = article_filter(args)
    with archive_session(args.database, command=args.command) as session:
        records = _with_progress(export_records(session, where))
        count = _write(args.format, records, args.output)
    if args.output is not None:
        print(f"exported {count} articles to {args.output}", file=sys.stderr)
    return 0
