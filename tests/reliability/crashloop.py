"""Episodes of the crash test: from an empty archive, kill the crawl N times, finish it, compare.

`crash_loop(kills, …)` runs as many episodes as it takes to reach `kills` kills; each new
episode starts from an empty database (`new_db`), so kills keep landing while articles are
first written, the heaviest transaction (article, photos, credits, people, revision).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tests.reliability.crash import (
    Baseline,
    Kill,
    archive_problems,
    baseline,
    export,
    kill_once,
    start,
)
from tests.replica.archive import records
from tests.replica.build import synthetic_site
from tests.replica.server import ReplicaServer

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from tests.sitegen import PageSpec


@dataclass
class CrashReport:
    """What a crash loop did and found."""

    kills: list[Kill] = field(default_factory=list)
    episodes: int = 0
    exports_equal: int = 0  # episodes whose final export equalled the clean crawl's
    problems: list[str] = field(default_factory=list)
    lost: int = 0  # articles wrong or missing (after a kill, or at an episode's end)
    clean: Baseline | None = None

    @property
    def during_writes(self) -> int:
        """Return how many kills interrupted a run that had written some rows, not all."""
        return sum(kill.during_writes for kill in self.kills)


def crash_loop(
    kills: int,
    new_db: Callable[[], str],
    workdir: Path,
    *,
    per_episode: int = 3,
    pages: int = 150,
    seed: int = 7,
) -> CrashReport:
    """Kill `kills` crawls of a `pages`-page replica, in episodes of `per_episode` kills."""
    site = synthetic_site(pages, seed=seed)
    specs = {page.spec.dw_id: page.spec for page in site.pages}
    rng = random.Random(seed)
    report = CrashReport()
    log = workdir / "crash-crawls.log"
    with ReplicaServer(site.resources(), max_requests=500_000, lifetime=3600) as server:
        report.clean = clean = baseline(server.base_url, new_db(), log, len(specs))
        while len(report.kills) < kills:
            report.episodes += 1
            db_url = new_db()
            for number in range(min(per_episode, kills - len(report.kills))):
                kill = kill_once(server.base_url, db_url, log, rng, clean, first=number == 0)
                problems, wrong = archive_problems(db_url, clean, specs)
                kill.problems += problems
                report.kills.append(kill)
                report.lost += wrong
                report.problems += [f"kill {len(report.kills)}: {p}" for p in kill.problems]
            _finish(report, server.base_url, db_url, log, specs, clean)
    return report


def _finish(
    report: CrashReport,
    base_url: str,
    db_url: str,
    log: Path,
    specs: dict[int, PageSpec],
    clean: Baseline,
) -> None:
    """Run the crawl to its end and compare the archive with the clean crawl's."""
    status = start(base_url, db_url, log).wait(timeout=300)
    episode = f"episode {report.episodes}"
    if status != 0:
        report.problems.append(f"{episode}: the final crawl exited {status}; see {log}")
    problems, wrong = archive_problems(db_url, clean, specs)
    report.problems += [f"{episode} end: {p}" for p in problems]
    missing = set(specs) - set(records(db_url))
    if missing:
        report.problems.append(f"{episode}: {len(missing)} articles missing at the end")
    report.lost += wrong + len(missing)
    if export(db_url) == clean.export:
        report.exports_equal += 1
    else:
        report.problems.append(f"{episode}: the export differs from a clean crawl's")
