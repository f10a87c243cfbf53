"""`dwcrawler stats`: what the archive holds, and how the last crawl runs went.

`--coverage` shows instead, month by month, how many pages DW's sitemaps list, how many the
archive holds, how many listed pages it lacks and how many of its articles went gone.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from dwcrawler.cli.common import (
    add_database_option,
    add_format_options,
    archive_session,
    guarded,
    positive_int,
)
from dwcrawler.cli.output import to_json, write_rows, write_table
from dwcrawler.db.queries import Stats, coverage_by_month, listed_count, stats
from dwcrawler.fieldrates import FIELDS

if TYPE_CHECKING:
    from dwcrawler.cli.common import SubParsers
    from dwcrawler.db.runs import CrawlRunInfo

EPILOG = """\
examples:
  dwcrawler stats
  dwcrawler stats --runs 10 --json | jq 'select(.section == "crawl_run") | .field_rates'
  dwcrawler stats --csv > stats.csv     # long format: section, subject, metric, value
  dwcrawler stats --coverage            # by month: listed by DW's sitemaps, held, missing, gone
"""
COVERAGE_NOTE = """\
month: publication month of an archived article; for a listed page the archive lacks, the
month of its sitemap lastmod. listed: in DW's Kiswahili sitemaps as the crawls read them.
held: in the archive. missing: listed, not held. gone: held, answered 404/410 when last checked.
"""


def register(subparsers: SubParsers) -> None:
    """Add `dwcrawler stats`."""
    parser = subparsers.add_parser(
        "stats",
        help="counts of articles, photos, credits and authors; recent crawl runs",
        description="Count articles by kind and year, photos, distinct credits and authors, "
        "and show the last crawl runs with the share of items that had each field.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--runs", type=positive_int, default=5, metavar="N", help="crawl runs to show (default 5)"
    )
    parser.add_argument(
        "--coverage",
        action="store_true",
        help="by month: pages DW's sitemaps list, articles held, listed but missing, gone",
    )
    add_format_options(parser)
    add_database_option(parser)
    parser.set_defaults(handler=_run)


def _coverage(args: argparse.Namespace) -> int:
    with archive_session(args.database) as session:
        months = coverage_by_month(session)
        listed = listed_count(session)
    rows: list[dict[str, Any]] = [
        {"month": m.month or "undated"}
        | {"listed": m.listed, "held": m.held, "missing": m.missing, "gone": m.gone}
        for m in months
    ]
    if args.format != "table":
        columns = ["month", "listed", "held", "missing", "gone"]
        write_rows([{"section": "coverage"} | r for r in rows], args.format, columns)
        return 0
    if rows:
        totals = {k: sum(int(r[k]) for r in rows) for k in ("listed", "held", "missing", "gone")}
        cells = [[str(v) for v in r.values()] for r in [*rows, {"month": "all"} | totals]]
        write_table(["month", "listed", "held", "missing", "gone"], cells, sys.stdout)
        sys.stdout.write("\n" + COVERAGE_NOTE)
    if not listed:
        print("no sitemap listings recorded yet: the next crawl records them", file=sys.stderr)
    return 0


def _run_row(run: CrawlRunInfo) -> dict[str, Any]:
    return {
        "section": "crawl_run",
        "id": run.id,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "mode": run.mode,
        "outcome": run.outcome,
        "counters": run.counters or {},
        "field_rates": run.field_rates or {},
        "message": run.message,
    }


def _long_rows(result: Stats) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"section": "totals", "subject": "archive", "metric": k, "value": v}
        for k, v in result.totals.items()
    ]
    rows += [
        {"section": "articles", "subject": f"{kind}/{year or 'unknown'}", "metric": "articles"}
        | {"value": n}
        for kind, year, n in result.by_kind_year
    ]
    for run in result.runs:
        subject = f"run {run.id}"
        rows.append(
            {"section": "crawl_run", "subject": subject, "metric": "outcome"}
            | {"value": run.outcome}
        )
        for name, value in {**(run.counters or {}), **(run.field_rates or {})}.items():
            rows.append(
                {"section": "crawl_run", "subject": subject, "metric": name, "value": value}
            )
    return rows


def _print_tables(result: Stats) -> None:
    out = sys.stdout
    width = max(map(len, result.totals))
    for name, value in result.totals.items():
        out.write(f"{name.replace('_', ' '):<{width}}  {value}\n")
    if result.by_kind_year:
        out.write("\n")
        cells = [[kind, str(year or "unknown"), str(n)] for kind, year, n in result.by_kind_year]
        write_table(["kind", "year", "articles"], cells, out)
    if result.runs:
        out.write("\nlast crawl runs (share of stored items that had each field):\n")
        header = ["run", "started", "mode", "outcome", "stored", *FIELDS]
        cells = []
        for run in result.runs:
            rates = run.field_rates or {}
            counters = run.counters or {}
            stored = counters.get("stored", "")
            cells.append(
                [str(run.id), run.started_at.isoformat(timespec="minutes"), run.mode, run.outcome]
                + [str(stored)]
                + [f"{rates[f]:.0%}" if f in rates else "-" for f in FIELDS]
            )
        write_table(header, cells, out)
        for run in result.runs:
            if run.message:
                out.write(f"run {run.id}: {run.message}\n")


@guarded("stats")
def _run(args: argparse.Namespace) -> int:
    if args.coverage:
        return _coverage(args)
    with archive_session(args.database) as session:
        result = stats(session, runs=args.runs)
    if args.format == "json":
        sys.stdout.write(to_json({"section": "totals", **result.totals}) + "\n")
        for kind, year, n in result.by_kind_year:
            row = {"section": "articles", "kind": kind, "year": year, "articles": n}
            sys.stdout.write(to_json(row) + "\n")
        for run in result.runs:
            sys.stdout.write(to_json(_run_row(run)) + "\n")
    elif args.format == "csv":
        write_rows(_long_rows(result), "csv", ["section", "subject", "metric", "value"])
    else:
        _print_tables(result)
    return 0
