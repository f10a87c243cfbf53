"""`dwcrawler export`: the archive as a data set, one record per article.

Formats: JSON lines, CSV, Parquet, or a Hugging Face `datasets` folder; without `--format`,
the output file's extension decides (.jsonl, .csv, .parquet; anything else: JSON lines), and a
`--format` that contradicts the extension is refused. Each record has `dwcrawler extract`'s
schema plus the archive's facts, a plain `text` and the rights statement. `--since`/`--until`
select by publication date; `--changed-since` by the time the archive's record last changed,
for incremental pipelines. A file is written under a temporary name and renamed when complete,
so an interrupted export never leaves a half-written file under the requested name.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dwcrawler.cli.common import (
    CliError,
    add_database_option,
    archive_session,
    guarded,
    parse_date,
)
from dwcrawler.cli.export_formats import (
    EXTENSIONS,
    FORMATS,
    have_module,
    write_csv,
    write_jsonl,
    write_parquet,
)
from dwcrawler.cli.search import add_filter_options, article_filter
from dwcrawler.db.queries import export_records

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from dwcrawler.cli.common import SubParsers
    from dwcrawler.db.queries import ArticleFilter

EPILOG = """\
The rights statement travels with every record (`rights`), in the Parquet metadata and in
the dataset card: the texts and photos are DW's and its agencies' copyright; the archive does
not relicense them.

examples:
  dwcrawler export -o dw_sw.jsonl
  dwcrawler export --since 2024-01-01 -o dw_sw-2024.parquet      # published since 2024
  dwcrawler export --kind article -o articles.csv --force
  dwcrawler export --changed-since 2024-07-01T06:00 -o new.jsonl  # new or changed rows only
  dwcrawler export --format hf -o dw_sw_dataset/                  # datasets.load_from_disk
  dwcrawler export --topic Kenya | jq -r .title

load the result:
  pandas.read_json("dw_sw.jsonl", lines=True);  pandas.read_parquet("dw_sw.parquet")
  datasets.load_dataset("json", data_files="dw_sw.jsonl");  datasets.load_from_disk("dw_sw_dataset")
incremental: keep the largest changed_at of each export and pass it as the next --changed-since.
"""
PROGRESS_EVERY = 1000
NEEDS = {"parquet": ("pyarrow", "parquet"), "hf": ("datasets", "hf")}


def register(subparsers: SubParsers) -> None:
    """Add `dwcrawler export`."""
    parser = subparsers.add_parser(
        "export",
        help="write the archive as JSON lines, CSV, Parquet or a Hugging Face dataset",
        description="Export articles in `dwcrawler extract`'s schema plus status, "
        "first_seen_at, last_seen_at, changed_at, revisions, text and rights.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: from -o's extension, else jsonl; hf needs -o DIR)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: stdout)"
    )
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    add_filter_options(parser)
    parser.add_argument(
        "--changed-since",
        type=parse_date,
        metavar="WHEN",
        help="only records new or changed in the archive at or after WHEN (a date or an ISO "
        "date-time): content, metadata or status; --since is the publication date",
    )
    add_database_option(parser)
    parser.set_defaults(handler=_run)


def output_format(chosen: str | None, output: Path | None) -> str:
    """Return the format: `--format`, else the output's extension, else jsonl.

    Raises `CliError` (status 2) when the two disagree.
    """
    named = EXTENSIONS.get(output.suffix.lower()) if output is not None else None
    if chosen is None:
        return named or "jsonl"
    if named is not None and named != chosen:
        raise CliError(
            f"--format {chosen} does not match {output}: its extension means {named}", status=2
        )
    return chosen


def _check_output(fmt: str, output: Path | None, force: bool) -> None:
    if fmt in NEEDS:
        module, extra = NEEDS[fmt]
        if output is None:
            what = "a folder with -o DIR" if fmt == "hf" else "a file with -o FILE"
            raise CliError(f"{fmt} output is not text: give {what}", status=2)
        if not have_module(module):
            raise CliError(f"{fmt} export needs {module}: pip install 'dwcrawler[{extra}]'")
    if output is None:
        return
    empty_folder = fmt == "hf" and output.is_dir() and not any(output.iterdir())
    if output.is_dir() and fmt != "hf":
        raise CliError(f"{output} is a directory", status=2)
    if output.exists() and not force and not empty_folder:
        raise CliError(f"{output} exists; add --force to overwrite it", status=2)
    if not output.parent.is_dir():
        raise CliError(f"directory {output.parent} does not exist", status=2)


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


def _write(fmt: str, records: Iterable[dict[str, Any]], path: Path | None, filters: str) -> int:
    if path is None:
        return write_csv(records, sys.stdout) if fmt == "csv" else write_jsonl(records, sys.stdout)
    if fmt == "hf":
        from dwcrawler.cli.export_hf import write_hf

        return write_hf(records, path, filters)
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


def _describe(where: ArticleFilter) -> str:
    """Return the selection in words, for the dataset card: "kind article, since 2024-…"."""
    chosen = []
    for name in ("since", "until", "kind", "topic", "author", "changed_since"):
        value = getattr(where, name)
        if value is not None:
            text = value.isoformat() if isinstance(value, datetime) else str(value)
            chosen.append(f"{name.replace('_', ' ')} {text}")
    return ", ".join(chosen) or "the whole archive"


@guarded("export")
def _run(args: argparse.Namespace) -> int:
    fmt = output_format(args.format, args.output)
    _check_output(fmt, args.output, args.force)
    where = article_filter(args, changed_since=args.changed_since)
    with archive_session(args.database, command=args.command) as session:
        records = _with_progress(export_records(session, where))
        count = _write(fmt, records, args.output, _describe(where))
    if args.output is not None:
        print(f"exported {count} articles to {args.output}", file=sys.stderr)
    return 0
