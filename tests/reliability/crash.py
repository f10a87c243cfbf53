"""Crash safety: SIGKILL the crawl at random moments while it writes, run it again, and check
the archive after every kill and at the end. Most kills take the whole process group (like a
reboot); some only the crawl process (like the OOM killer). The crawl is one process either way.

The moments are seeded. Most are drawn over the write phase a clean crawl showed, counted from
the first row the killed run writes; the rest over the clean crawl's whole duration from the
start. After each kill: SQLite's `PRAGMA integrity_check` and `foreign_key_check`, no duplicate
rows, and every stored article exactly as its spec says (so no article without its photos).
After the episode's last, complete run: its export equals the export of one clean crawl.
The WARC files are checked after every kill too: every record of every file is readable (a
kill never leaves half a record), and each stored article names a record of its own page.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from dwcrawler.archive.paths import default_warc_dir, locate
from dwcrawler.archive.read import Damaged, iter_records, read_at
from tests.reliability.faultrun import COMPARED
from tests.replica.archive import records
from tests.replica.run import ROOT, command
from tests.sitegen import expected_dict

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from tests.sitegen import PageSpec

VOLATILE = ("first_seen_at", "last_seen_at", "changed_at")  # and each revision's fetched_at
ANYWHERE = 0.25  # share of kills drawn over the whole clean crawl rather than its writes
ALONE = 0.3  # share of kills that hit the crawl process alone, not its whole group
_DUPLICATES = {
    "articles by URL": "SELECT url FROM articles GROUP BY url HAVING COUNT(*) > 1",
    "photo positions": "SELECT article_id, position FROM article_photos "
    "GROUP BY article_id, position HAVING COUNT(*) > 1",
    "photos by image id": "SELECT image_id FROM photos WHERE image_id IS NOT NULL "
    "GROUP BY image_id HAVING COUNT(*) > 1",
    "revisions": "SELECT article_id, revision FROM article_revisions "
    "GROUP BY article_id, revision HAVING COUNT(*) > 1",
}


@dataclass(frozen=True)
class Baseline:
    """A clean crawl of the site: its records and export, and when it wrote (seconds in)."""

    records: dict[int, dict[str, Any]] = field(repr=False)
    export: list[dict[str, Any]] = field(repr=False)
    duration: float
    first_write: float
    last_write: float


@dataclass
class Kill:
    """One SIGKILL and what the archive looked like after it."""

    delay: float
    anchored: bool  # counted from the killed run's first write (else from its start)
    alive: bool  # the crawl was still running when killed
    before: int  # articles stored before the run
    after: int  # articles stored after the kill
    whole_group: bool = True  # False: only the crawl process (the OOM killer's way)
    problems: list[str] = field(default_factory=list)

    @property
    def during_writes(self) -> bool:
        """Return True if the kill interrupted a run that had written some rows, not all."""
        return self.alive and self.before < self.after


def _count(url: str) -> int:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT COUNT(*) FROM articles")).scalar_one())
    finally:
        engine.dispose()


def export(url: str) -> list[dict[str, Any]]:
    """Return `dwcrawler export --format jsonl` of the archive without its volatile fields."""
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "dwcrawler"),
            "export",
            "--format",
            "jsonl",
            "--database",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    rows = []
    for line in done.stdout.splitlines():
        row = {k: v for k, v in json.loads(line).items() if k not in VOLATILE}
        row["revisions"] = [{**r, "fetched_at": None} for r in row["revisions"]]
        rows.append(row)
    return sorted(rows, key=lambda r: r["dw_id"])


def start(
    base_url: str, db_url: str, log: Path, settings: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """Start a backfill crawl in a process group of its own (so a kill takes all of it)."""
    settings = {"DATABASE_URL": db_url, **(settings or {})}
    line, env = command(base_url, args={"mode": "backfill"}, settings=settings)
    with log.open("ab") as out:
        return subprocess.Popen(
            line, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def _wait_for(condition: Callable[[], bool], timeout: float, step: float = 0.02) -> float:
    started = time.monotonic()
    while not condition() and time.monotonic() - started < timeout:
        time.sleep(step)
    return time.monotonic() - started


def baseline(base_url: str, db_url: str, log: Path, expected: int) -> Baseline:
    """Crawl the site cleanly, watching when rows appear; return its export and timings."""
    started = time.monotonic()
    process = start(base_url, db_url, log)
    first = _wait_for(lambda: process.poll() is not None or _count(db_url) > 0, 120)
    count, last = _count(db_url), first
    while process.poll() is None:
        time.sleep(0.02)
        if (now := _count(db_url)) != count:
            count, last = now, time.monotonic() - started
    if _count(db_url) != count:
        last = time.monotonic() - started
    if process.wait() != 0:
        raise RuntimeError(f"the clean crawl failed; see {log}")
    stored = records(db_url)
    if len(stored) != expected:
        raise RuntimeError(f"the clean crawl stored {len(stored)} of {expected} pages; see {log}")
    return Baseline(stored, export(db_url), time.monotonic() - started, first, last)


def kill_once(
    base_url: str, db_url: str, log: Path, rng: random.Random, clean: Baseline, *, first: bool
) -> Kill:
    """Start a crawl, SIGKILL it at a random moment, wait until all of its processes are gone.

    The `first` kill of an episode always lands in the first half of the writes (an empty
    archive, so the heaviest transactions); later ones are drawn as the module says.
    """
    before = _count(db_url)
    anchored = first or rng.random() >= ANYWHERE
    writes = clean.last_write - clean.first_write
    window = (writes / 2 if first else writes) if anchored else clean.duration
    delay = rng.uniform(0.0, max(window, 0.05))
    process = start(base_url, db_url, log)
    if anchored:  # from the first row this run writes (or its end, if it has nothing to write)
        _wait_for(lambda: process.poll() is not None or _count(db_url) > before, 120)
    time.sleep(delay)
    alive = process.poll() is None
    whole_group = rng.random() >= ALONE
    with contextlib.suppress(ProcessLookupError):  # the whole tree (a reboot), or the crawl alone
        (os.killpg if whole_group else os.kill)(process.pid, signal.SIGKILL)
    process.wait()
    kill = Kill(delay, anchored, alive, before, 0, whole_group)
    if _wait_for(lambda: not _group_alive(process.pid), 15) >= 15:  # nothing outlives it
        kill.problems.append("processes of the killed crawl's group lived on for 15 s")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        _wait_for(lambda: not _group_alive(process.pid), 15)
    kill.after = _count(db_url)
    return kill


def group_members(pgid: int) -> int:
    """Return how many live processes are in the process group `pgid`."""
    members = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            members += fields[0] != "Z" and int(fields[2]) == pgid
    return members


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def archive_problems(
    db_url: str, clean: Baseline, specs: dict[int, PageSpec]
) -> tuple[list[str], int]:
    """Return what is wrong with the archive now, and how many articles are wrong in it.

    Each stored article must equal the clean crawl's, with as many photos as its spec has.
    """
    problems = []
    engine = create_engine(db_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                check = connection.execute(text("PRAGMA integrity_check")).scalars().all()
                if check != ["ok"]:
                    problems.append(f"integrity_check: {check[:5]}")
                if broken := connection.execute(text("PRAGMA foreign_key_check")).all():
                    problems.append(f"foreign_key_check: {broken[:5]}")
            for name, query in _DUPLICATES.items():
                if found := connection.execute(text(query)).all():
                    problems.append(f"duplicate {name}: {found[:5]}")
            captures = list(
                connection.execute(text("SELECT dw_id, warc_file, warc_offset FROM articles"))
            )
    finally:
        engine.dispose()
    problems += warc_problems(db_url, captures)
    wrong = 0
    for dw_id, record in records(db_url).items():
        reference = clean.records[dw_id]
        diff = [key for key in COMPARED if record[key] != reference[key]]
        photos = len(expected_dict(specs[dw_id])["photos"])
        if diff or not record["revisions"] or len(record["photos"]) != photos:
            wrong += 1
            problems.append(
                f"article {dw_id} stored wrong ({', '.join(diff)}; "
                f"{len(record['photos'])} of {photos} photos)"
            )
    return problems, wrong


def warc_problems(db_url: str, captures: list[Any]) -> list[str]:
    """Return what is wrong with the archive's WARC files and the records its rows name."""
    folder = default_warc_dir(db_url)
    problems = []
    for path in sorted(folder.glob("*.warc.gz")):
        for record in iter_records(path, lambda _kind, _uri: False):
            if isinstance(record, Damaged):
                problems.append(f"WARC {path.name}: offset {record.offset}: {record.reason}")
    for dw_id, name, offset in captures:
        if name is None:
            problems.append(f"article {dw_id} names no WARC record")
            continue
        try:
            record = read_at(locate(name, folder), offset)
        except (OSError, ValueError) as exc:
            problems.append(f"article {dw_id}: its WARC record cannot be read: {exc}")
            continue
        if record.type != "response" or not (record.target_uri or "").endswith(f"-{dw_id}"):
            problems.append(f"article {dw_id}: {name} at {offset} is not its capture")
    return problems
