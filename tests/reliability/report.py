"""`make reliability`: run every reliability scenario with the full counts; print the table.

    python -m tests.reliability.report [--rounds N] [--kills N] [--pg-kills N] [--ops-tries N]

Columns: the fault, how many times it was tried, how many times the crawl showed and survived
it, and how many articles were lost or stored wrong (must be 0). The exit status is 1 unless
every row survived every try with nothing lost. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from tests.reliability.measure import (
    Databases,
    Row,
    cli_rows,
    crash_rows,
    fault_rows,
    ops_rows,
    say,
)


def property_rows() -> list[Row]:
    """Run each property-based test with the "reliability" hypothesis profile."""
    os.environ["DWCRAWLER_RELIABILITY"] = "full"  # before the decorators read the profile
    from tests.pages import test_properties as props

    tests = [
        ("mutated pages (nodes, text, page data)", props.test_mutated_pages),
        ("truncated pages", props.test_truncated_pages),
        ("corrupted page data, intact HTML", props.test_corrupted_page_data_falls_back_to_the_html),
        (
            "boilerplate and random captions",
            props.test_boilerplate_and_random_captions_never_reach_text,
        ),
        ("arbitrary DW-like documents", props.test_arbitrary_dw_like_documents),
        ("arbitrary bytes and text", props.test_arbitrary_bytes_and_text),
        ("cleaning arbitrary items", props.test_cleaning_is_idempotent_and_leaves_no_boilerplate),
    ]
    rows = []
    for name, test in tests:
        say(f"property: {name}")
        before = sum(props.COUNTS.values())
        try:
            test()
            failure = ""
        except Exception as exc:  # noqa: BLE001 - any broken property is a row in the table
            failure = " ".join(f"{type(exc).__name__}: {exc}".split())[:160]
        tried = sum(props.COUNTS.values()) - before
        survived = tried - (1 if failure else 0)
        rows.append(Row(f"property: {name}", tried, survived, int(bool(failure)), failure))
    return rows


def print_table(rows: list[Row], elapsed: float) -> None:
    """Print the table and a verdict line."""
    header = ["fault", "tried", "survived", "data lost", "notes"]
    cells = [[r.fault, str(r.tried), str(r.survived), str(r.lost), r.note[:110]] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(header)]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()
    print(line)
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    bad = [r for r in rows if r.lost or r.survived != r.tried or not r.tried]
    verdict = "every fault survived, nothing lost" if not bad else f"{len(bad)} row(s) FAILED"
    print(f"\n{verdict} ({sum(r.tried for r in rows)} tries, {elapsed / 60:.1f} min)")


def main(argv: list[str] | None = None) -> int:
    """Run everything; return 0 only if every row is clean."""
    parser = argparse.ArgumentParser(prog="python -m tests.reliability.report")
    parser.add_argument("--rounds", type=int, default=4, help="combined fault rounds on SQLite")
    parser.add_argument("--kills", type=int, default=21, help="SIGKILLs on SQLite (>= 20)")
    parser.add_argument("--pg-kills", type=int, default=6, help="SIGKILLs on PostgreSQL (>= 5)")
    parser.add_argument(
        "--ops-tries", type=int, default=3, help="tries of each operations scenario on SQLite"
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="dwcrawler-reliability-") as tmp:
        dbs = Databases(Path(tmp))
        try:
            if dbs.postgres is None and os.environ.get("CI"):
                raise SystemExit(f"CI is set but PostgreSQL is missing: {dbs.postgres_problem}")
            rows = fault_rows(dbs, args.rounds)
            rows += crash_rows(dbs, Path(tmp), args.kills, args.pg_kills)
            rows += property_rows()
            rows += cli_rows(dbs, Path(tmp))
            rows += ops_rows(dbs, Path(tmp), args.ops_tries)
        finally:
            dbs.close()
    print_table(rows, time.monotonic() - started)
    clean = all(r.tried and r.survived == r.tried and not r.lost for r in rows)
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
