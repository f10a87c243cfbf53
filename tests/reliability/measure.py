"""The measurements `make reliability` tabulates: each scenario run with its full count.

Every function returns table rows built from what actually happened: fault rounds crawled,
kills delivered, hypothesis examples run, invocations made.
"""

from __future__ import annotations

import itertools
import shutil
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dwcrawler.db.migrate import upgrade
from tests.reliability import badinput
from tests.reliability.crashloop import crash_loop
from tests.reliability.faultcases import CASES
from tests.reliability.faultrun import CaseResult, run_round
from tests.reliability.ops import (
    DAMAGES,
    Outcome,
    crawl,
    damaged_once,
    overlap_once,
    stale_lease_once,
)
from tests.replica.build import synthetic_site
from tests.replica.server import ReplicaServer
from tests.support.clihelpers import seed
from tests.support.dbfixtures import PostgresServer, _connect_postgres

if TYPE_CHECKING:
    from tests.reliability.crashloop import CrashReport


@dataclass
class Row:
    """One line of the table."""

    fault: str
    tried: int
    survived: int
    lost: int
    note: str = ""


def say(message: str) -> None:
    """Tell the person waiting what runs now."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Databases:
    """Fresh migrated archives: SQLite files, and PostgreSQL databases when a server answers."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.template = workdir / "template.sqlite3"
        upgrade(f"sqlite:///{self.template}")
        self._numbers = itertools.count()
        found = _connect_postgres()
        self.postgres: PostgresServer | None = None if isinstance(found, str) else found
        self.postgres_problem = found if isinstance(found, str) else None
        if self.postgres is not None:
            self.postgres.template = self.postgres.create()
            upgrade(self.postgres.url(self.postgres.template))

    def sqlite(self) -> str:
        """Return the URL of a new SQLite archive at head."""
        path = self.workdir / f"archive-{next(self._numbers)}.sqlite3"
        shutil.copyfile(self.template, path)
        return f"sqlite:///{path}"

    def postgresql(self) -> str:
        """Return the URL of a new PostgreSQL archive at head."""
        assert self.postgres is not None
        return self.postgres.url(self.postgres.migrated())

    def close(self) -> None:
        """Drop every PostgreSQL database this run made."""
        if self.postgres is not None:
            self.postgres.close()


def fault_rows(dbs: Databases, rounds: int) -> list[Row]:
    """Every fault: `rounds` combined rounds on SQLite, one on PostgreSQL, one alone."""
    outcomes: dict[str, list[CaseResult]] = defaultdict(list)
    for number in range(rounds):
        say(f"fault round {number + 1}/{rounds} on SQLite: all {len(CASES)} faults at once")
        for result in run_round(CASES, dbs.sqlite(), seed=100 + number):
            outcomes[result.case.name].append(result)
    if dbs.postgres is not None:
        say("fault round on PostgreSQL: all faults at once")
        for result in run_round(CASES, dbs.postgresql(), seed=200):
            outcomes[result.case.name].append(result)
    for number, case in enumerate(CASES, start=1):
        say(f"fault alone {number}/{len(CASES)}: {case.name}")
        [result] = run_round([case], dbs.sqlite(), seed=300 + number, combined=False)
        outcomes[case.name].append(result)
    rows = []
    for case in CASES:
        results = outcomes[case.name]
        problems = sorted({p[:90] for r in results for p in r.problems})
        rows.append(
            Row(
                case.name,
                len(results),
                sum(r.survived for r in results),
                sum(r.lost for r in results),
                "; ".join(problems) or f"counted as {case.counter}",
            )
        )
    return rows


def _crash_row(name: str, report: CrashReport) -> Row:
    kills = len(report.kills)
    clean = sum(not kill.problems for kill in report.kills)
    note = (
        f"{report.during_writes} of {kills} kills mid-write, "
        f"{sum(not k.whole_group for k in report.kills)} of the crawl process alone; "
        f"{report.exports_equal}/{report.episodes} final exports = clean crawl"
    )
    if report.problems:
        note += "; " + "; ".join(report.problems[:3])
    return Row(
        name, kills, clean if report.exports_equal == report.episodes else 0, report.lost, note
    )


def crash_rows(dbs: Databases, workdir: Path, sqlite_kills: int, postgres_kills: int) -> list[Row]:
    """SIGKILL loops on SQLite and on PostgreSQL."""
    say(f"SIGKILL loop on SQLite: {sqlite_kills} kills")
    (workdir / "sqlite-crash").mkdir()
    rows = [
        _crash_row(
            "SIGKILL while writing (SQLite)",
            crash_loop(sqlite_kills, dbs.sqlite, workdir / "sqlite-crash", seed=21),
        )
    ]
    if dbs.postgres is not None:
        say(f"SIGKILL loop on PostgreSQL: {postgres_kills} kills")
        (workdir / "pg-crash").mkdir()
        report = crash_loop(postgres_kills, dbs.postgresql, workdir / "pg-crash", seed=22)
        rows.append(_crash_row("SIGKILL while writing (PostgreSQL)", report))
    else:
        rows.append(Row("SIGKILL while writing (PostgreSQL)", 0, 0, 0, str(dbs.postgres_problem)))
    return rows


def cli_rows(dbs: Databases, workdir: Path) -> list[Row]:
    """Every bad invocation and every SQL payload, against a seeded archive."""
    say("bad command-line input")
    archive = dbs.sqlite()
    seed(archive)
    (workdir / "scratch").mkdir()
    scratch = badinput.scratch_files(workdir / "scratch")
    before = badinput.dump(archive)
    clear = 0
    for argv, fragment in badinput.BAD_INVOCATIONS:
        outcome = badinput.invoke(*(a.format(db=archive, tmp=scratch) for a in argv))
        line = outcome.one_line_error()
        clear += outcome.status != 0 and line is not None and fragment in line
    payloads = 0
    for payload in badinput.INJECTIONS:
        for option in ([], ["--author"], ["--topic"]):
            argv = ["search", *(["reli", *option] if option else []), payload]
            outcome = badinput.invoke(*argv, "--json", "--database", archive)
            payloads += outcome.status in {0, 2} and "Traceback" not in outcome.err
    changed = int(badinput.dump(archive) != before)
    refused = sum(
        badinput.crawl_refused(badinput.bad_crawl(case, workdir), case[2])
        for case in badinput.BAD_CRAWLS
    )
    tried_sql = len(badinput.INJECTIONS) * 3
    return [
        Row(
            "bad CLI arguments (one line, exit != 0)", len(badinput.BAD_INVOCATIONS), clear, changed
        ),
        Row("SQL in search text and filters", tried_sql, payloads, changed, "archive unchanged"),
        Row("bad spider arguments and settings (exit 2)", len(badinput.BAD_CRAWLS), refused, 0),
    ]


def ops_rows(dbs: Databases, workdir: Path, tries: int) -> list[Row]:
    """Two crawls at once, a killed crawl's lease, damaged archives: `tries` each on SQLite
    (and one on PostgreSQL where the database is involved)."""
    site = synthetic_site(60, seed=31)
    dwcrawler = Path(sys.executable).parent / "dwcrawler"
    backends = [("SQLite", dbs.sqlite)] + ([("PostgreSQL", dbs.postgresql)] if dbs.postgres else [])
    rows = []
    with ReplicaServer(site.resources(), max_requests=500_000, lifetime=3600) as server:
        for name, scenario in (
            ("two crawls at once", overlap_once),
            ("killed crawl's lease", stale_lease_once),
        ):
            for backend, new_db in backends:
                outcomes = []
                for number in range(tries if backend == "SQLite" else 1):
                    say(f"{name} ({backend}) {number + 1}")
                    server.clear_log()
                    outcomes.append(scenario(site, server, new_db(), workdir / "ops.log"))
                rows.append(_ops_row(f"{name} ({backend})", outcomes, name))
        for how in DAMAGES:
            outcomes = []
            for number in range(tries):
                say(f"damaged archive: {how} {number + 1}")
                db_url = dbs.sqlite()
                if crawl(server.base_url, db_url, "mailto:first@example.org").returncode != 0:
                    outcomes.append(Outcome(["the clean crawl before the damage failed"]))
                    continue
                outcomes.append(damaged_once(server.base_url, db_url, dwcrawler, how)[0])
            rows.append(_ops_row(f"damaged archive: {how}", outcomes, "damage"))
    return rows


def _ops_row(fault: str, outcomes: list[Outcome], kind: str) -> Row:
    problems = sorted({p[:90] for o in outcomes for p in o.problems})
    slowest = max((o.seconds for o in outcomes), default=0.0)
    notes = {
        "two crawls at once": f"second refused with 75, fetched nothing; slowest refusal {slowest:.1f} s",
        "killed crawl's lease": f"next crawl started at once (first request within {slowest:.1f} s), "
        "dead run marked crashed",
        "damage": "crawl, doctor, db current, export, stats: one line naming the damage, exit 1",
    }
    return Row(
        fault,
        len(outcomes),
        sum(o.survived for o in outcomes),
        sum(o.lost for o in outcomes),
        "; ".join(problems) or notes[kind],
    )
