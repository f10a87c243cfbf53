"""`dwcrawler stats`: what the archive holds, and how the last crawl runs went.

A report, always exit status 0 (an empty archive included): the last successful run and its
age, runs by outcome (crashed ones too), and each shown run's failed URLs. Verdicts are
`dwcrawler doctor`'s.

`--coverage` shows instead, month by month, how many pages DW's sitemaps list, how many the
archive holds, how many listed pages it lacks and how many of its articles went gone.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
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
from dwcrawler.units import age

if TYPE_CHECKING:
    from dwcrawler.cli.common import SubParsers
    from dwcrawler.db.failures import FailedURL
    from dwcrawler.db.runs import CrawlRunInfo

EPILOG = """\
examples:
  dwcrawler stats
  dwcrawler stats --runs 10 --json | jq 'select(.section == "crawl_run") | .field_rates'
  dwcrawler stats --csv > stats.csv     # long format: section, subject, metric, value
  dwcrawler stats --json | jq 'select(.section == "crawl_run") | .failed_urls[].url'
  dwcrawler stats --coverage            # by month: listed by DW's sitemaps, held, missing, gone
"""
COVERAGE_NOTE = """\
month: publication month of an archived article; for a listed page the archive lacks, the
month of its sitemap lastmod. listed: in DW's Kiswahili sitemaps as the crawls read them.
held: in the archive. missing: listed, not held. gone: held, answered 404/410 when last checked.
"""
# Failed URLs listed per run in the table (JSON and CSV have every one kept).
SHOWN_FAILURES = 5


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
    with archive_session(args.database, command=args.command) as session:
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


def _failed(run: CrawlRunInfo, kept: int) -> int:
    """Return how many pages a run lost (its counters, else the failed URLs kept)."""
    lost = (run.counters or {}).get("lost")
    return int(lost) if isinstance(lost, int) else kept


def _run_row(run: CrawlRunInfo, failed: list[FailedURL]) -> dict[str, Any]:
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
        "host": run.host,
        "pid": run.pid,
        "heartbeat_at": run.heartbeat_at,
        "failed": _failed(run, len(failed)),
        "failed_urls": [
            {"url": f.url, "reason": f.reason, "failed_at": f.failed_at} for f in failed
        ],
    }


def _last_success_row(result: Stats, now: datetime) -> dict[str, Any]:
    last = result.last_success
    return {
        "section": "last_success",
        "id": last.id if last else None,
        "started_at": last.started_at if last else None,
        "finished_at": last.finished_at if last else None,
        "age_seconds": round((now - last.started_at).total_seconds()) if last else None,
        "runs_by_outcome": result.outcomes,
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
    last = result.last_success
    rows.append(
        {"section": "last_success", "subject": "archive", "metric": "run"}
        | {"value": last.id if last else None}
    )
    rows += [
        {"section": "runs_by_outcome", "subject": "archive", "metric": outcome, "value": n}
        for outcome, n in result.outcomes.items()
    ]
    for run in result.runs:
        subject = f"run {run.id}"
        failed = result.failed_urls.get(run.id, [])
        facts = {"outcome": run.outcome, "host": run.host, "pid": run.pid}
        facts["failed"] = _failed(run, len(failed))
        for name, value in {**facts, **(run.counters or {}), **(run.field_rates or {})}.items():
            rows.append(
                {"section": "crawl_run", "subject": subject, "metric": name, "value": value}
            )
        rows += [
            {"section": "failed_url", "subject": subject, "metric": f.url, "value": f.reason}
            for f in failed
        ]
    return rows


def _print_runs_summary(result: Stats, now: datetime) -> None:
    out, last = sys.stdout, result.last_success
    if last is None:
        out.write("\nlast successful run: none yet\n")
    else:
        ago = age(now - last.started_at)
        out.write(
            f"\nlast successful run: {last.id}, started {last.started_at:%Y-%m-%d %H:%M} UTC "
            f"({ago} ago)\n"
        )
    counted = [f"{n} {outcome}" for outcome, n in result.outcomes.items() if n]
    if counted:
        out.write(f"crawl runs by outcome: {', '.join(counted)}\n")


def _print_failures(result: Stats) -> None:
    out = sys.stdout
    for run in result.runs:
        failed = result.failed_urls.get(run.id, [])
        if not failed:
            continue
        total = _failed(run, len(failed))
        out.write(f"run {run.id}: {total} failed URL(s):\n")
        for f in failed[:SHOWN_FAILURES]:
            out.write(f"  {f.url}  {f.reason}\n")
        if total > SHOWN_FAILURES:
            out.write(f"  … {total - SHOWN_FAILURES} more (--json lists those kept)\n")


def _print_tables(result: Stats, now: datetime) -> None:
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
        header = ["run", "started", "mode", "outcome", "stored", "failed", *FIELDS]
        cells = []
        for run in result.runs:
            rates = run.field_rates or {}
            counters = run.counters or {}
            stored = counters.get("stored", "")
            failed = _failed(run, len(result.failed_urls.get(run.id, [])))
            cells.append(
                [str(run.id), run.started_at.isoformat(timespec="minutes"), run.mode, run.outcome]
                + [str(stored), str(failed)]
                + [f"{rates[f]:.0%}" if f in rates else "-" for f in FIELDS]
            )
        write_table(header, cells, out)
        for run in result.runs:
            if run.message:
                out.write(f"run {run.id}: {run.message}\n")
        _print_failures(result)
    _print_runs_summary(result, now)


@guarded("stats")
def _run(args: argparse.Namespace) -> int:
    if args.coverage:
        return _coverage(args)
    with archive_session(args.database, command=args.command) as session:
        result = stats(session, runs=args.runs)
    now = datetime.now(UTC)
    if args.format == "json":
        sys.stdout.write(to_json({"section": "totals", **result.totals}) + "\n")
        for kind, year, n in result.by_kind_year:
            row = {"section": "articles", "kind": kind, "year": year, "articles": n}
            sys.stdout.write(to_json(row) + "\n")
        for run in result.runs:
            row = _run_row(run, result.failed_urls.get(run.id, []))
            sys.stdout.write(to_json(row) + "\n")
        sys.stdout.write(to_json(_last_success_row(result, now)) + "\n")
    elif args.format == "csv":
        write_rows(_long_rows(result), "csv", ["section", "subject", "metric", "value"])
    else:
        _print_tables(result, now)
    return 0
