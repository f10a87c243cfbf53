"""Crawl benchmark: dw_sw over a generated 1,000-page replica on loopback, against bare Scrapy.

In one run, on the same replica: the real `scrapy crawl dw_sw -a mode=backfill` into a fresh
SQLite archive (discovery, parsing, cleaning, storing); a bare Scrapy spider fetching the same
page URLs and doing nothing else (the limit of the stack), once as it comes and once with the
garbage-collector settings of dw_sw's crawl process (what they alone are worth); the same bare
spider with nothing to fetch (Scrapy's own start-up and exit, about the floor under any
re-crawl process); and an unchanged re-crawl of the archive, judged on three clocks: the whole
process, Scrapy's crawl time, and the process beyond bare Scrapy's start-up (dw_sw's own
work). dw_sw runs with its defaults (helper processes on 2+ cores). Each is a subprocess; peak
memory is the PSS of the crawl's whole process tree (the crawl and its helper processes),
sampled every 0.1 s. Politeness (DOWNLOAD_DELAY, AutoThrottle) is for DW, not loopback: both
spiders run with the same overrides (tests/replica/run.py LOOPBACK). Medians of
`BENCH_REPEAT` rounds (default 3).
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

from bench.proctree import measure
from dwcrawler.db.migrate import upgrade
from tests.replica.archive import records
from tests.replica.build import synthetic_site
from tests.replica.run import LOOPBACK, ROOT, command
from tests.replica.server import ReplicaServer

PAGES = int(os.environ.get("BENCH_CRAWL_PAGES", "1000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
# Extra `-s` settings for the dw_sw runs, e.g. BENCH_CRAWL_SETTINGS="DW_STORE_PROCESS=True".
EXTRA = dict(
    item.split("=", 1) for item in os.environ.get("BENCH_CRAWL_SETTINGS", "").split(",") if item
)
TARGETS = {"ratio": 1.5, "peak_mb": 300.0, "recrawl_share": 0.10}


def _run(line: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """Run a command; return (seconds, peak PSS of its process tree in MB, output)."""
    run = measure(line, cwd=cwd, env=env)
    if run.status != 0:
        raise RuntimeError(f"{' '.join(line[:5])} exited {run.status}:\n{run.output[-3000:]}")
    return run.seconds, run.peak_mb, run.output


class Timing(NamedTuple):
    """One measured process: wall time, Scrapy's own crawl time, peak memory, output."""

    wall: float  # process start to exit (imports, set-up and teardown included)
    crawl: float  # Scrapy's elapsed_time_seconds: spider opened to spider closed
    peak_mb: float  # PSS of the whole process tree (crawl, helpers), sampled
    output: str


def _timed(line: list[str], env: dict[str, str], cwd: Path) -> Timing:
    wall, peak, output = _run(line, env, cwd)
    found = re.search(r"'elapsed_time_seconds': ([0-9.]+)", output)
    return Timing(wall, float(found.group(1)) if found else wall, peak, output)


def _bare(urls: Path, workdir: Path, expected: int = PAGES, gc: str = "default") -> Timing:
    line = [sys.executable, "-m", "scrapy", "runspider", str(ROOT / "bench" / "bare_spider.py")]
    for name, value in {**LOOPBACK, "LOG_LEVEL": "INFO"}.items():
        if not name.startswith("DW_"):
            line += ["-s", f"{name}={value}"]
    line += ["-a", f"urls={urls}", "-a", f"gc={gc}"]
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    timing = _timed(line, env, workdir)  # outside the project: plain Scrapy settings
    fetched = re.search(r"'bare/pages': (\d+)", timing.output)
    if (int(fetched.group(1)) if fetched else 0) != expected:
        raise RuntimeError(f"bare spider did not fetch {expected} pages:\n{timing.output[-2000:]}")
    return timing


def _crawl(base: str, db_url: str) -> Timing:
    line, env = command(
        base,
        args={"mode": "backfill"},
        settings={"DATABASE_URL": db_url, "LOG_LEVEL": "INFO", **EXTRA},
    )
    return _timed(line, env, ROOT)


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> None:
    """Print the crawl benchmark table."""
    print(f"building a replica of {PAGES} generated pages ...", flush=True)
    site = synthetic_site(PAGES, seed=11)
    with tempfile.TemporaryDirectory() as tmp, ReplicaServer(site.resources()) as server:
        workdir = Path(tmp)
        urls = workdir / "urls.txt"
        urls.write_text("\n".join(server.base_url + p.path for p in site.pages))
        nothing = workdir / "no-urls.txt"
        nothing.write_text("")
        content = {p.path for p in site.pages}
        rounds: list[tuple[Timing, Timing, Timing, Timing, Timing]] = []
        for number in range(1, REPEAT + 1):
            db_url = f"sqlite:///{workdir / f'bench-{number}.sqlite3'}"
            upgrade(db_url)
            bare = _bare(urls, workdir)
            idle = _bare(nothing, workdir, expected=0)  # Scrapy's start-up and exit alone
            tuned = _bare(urls, workdir, gc="tuned")  # the same, with dw_sw's collector settings
            first = _crawl(server.base_url, db_url)
            stored = len(records(db_url))
            if stored != PAGES:
                raise RuntimeError(f"dw_sw stored {stored} of {PAGES} pages")
            server.clear_log()
            again = _crawl(server.base_url, db_url)
            refetched = sum(1 for r in server.requests() if r.path in content)
            spent = next(ln for ln in first.output.splitlines() if "run summary:" in ln)
            print(
                f"round {number}: bare {bare.wall:.2f} s, dw_sw {first.wall:.2f} s "
                f"({first.peak_mb:.0f} MB), unchanged re-crawl {again.wall:.2f} s "
                f"({refetched} articles re-fetched); dw_sw CPU {spent.split('CPU time: ')[-1]}",
                flush=True,
            )
            rounds.append((bare, first, again, idle, tuned))
    _table(rounds)


def _verdicts(process_ok: bool, crawl_ok: bool) -> str:
    return f"{_verdict(process_ok)} (process), {_verdict(crawl_ok)} (crawl)"


def _table(rounds: list[tuple[Timing, Timing, Timing, Timing, Timing]]) -> None:
    def med(index: int, field: str) -> float:
        return float(statistics.median(getattr(r[index], field) for r in rounds))

    bare, first, again = med(0, "wall"), med(1, "wall"), med(2, "wall")
    bare_c, first_c, again_c = med(0, "crawl"), med(1, "crawl"), med(2, "crawl")
    idle, tuned, tuned_c = med(3, "wall"), med(4, "wall"), med(4, "crawl")
    peak = max(r[1].peak_mb for r in rounds)
    ratio, share = first / bare, again / first
    ratio_c, share_c = first_c / bare_c, again_c / first_c
    # dw_sw's own share: what either run takes beyond Scrapy's start-up and exit.
    beyond = (again - idle) / (first - idle)
    per_round = sorted(r[1].wall / r[0].wall for r in rounds)
    print(
        f"\ncrawl of {PAGES} generated pages on loopback, median of {len(rounds)} rounds.\n"
        "Politeness is overridden for loopback, the same for both spiders: DOWNLOAD_DELAY=0,\n"
        "AUTOTHROTTLE_ENABLED=False, CONCURRENT_REQUESTS=16, CONCURRENT_REQUESTS_PER_DOMAIN=16.\n"
        "'process' = start to exit; 'crawl' = Scrapy's elapsed_time_seconds (spider open to close).\n"
        "dw_sw runs with its defaults: on 2+ cores, pages are parsed and written in helper processes."
    )
    if EXTRA:
        print("dw_sw runs also with: " + ", ".join(f"{k}={v}" for k, v in EXTRA.items()))
    rows = [
        ("", "process", "crawl", "target"),
        ("bare Scrapy fetch (s)", f"{bare:.2f}", f"{bare_c:.2f}", ""),
        ("bare Scrapy, no URLs (s)", f"{idle:.2f}", "", "(the stack's start-up and exit)"),
        ("dw_sw crawl into SQLite (s)", f"{first:.2f}", f"{first_c:.2f}", ""),
        (
            "ratio dw_sw / bare",
            f"{ratio:.2f}",
            f"{ratio_c:.2f}",
            f"<= {TARGETS['ratio']}: "
            + _verdicts(ratio <= TARGETS["ratio"], ratio_c <= TARGETS["ratio"]),
        ),
        ("dw_sw pages per second", f"{PAGES / first:.0f}", f"{PAGES / first_c:.0f}", ""),
        ("bare, dw_sw's GC settings (s)", f"{tuned:.2f}", f"{tuned_c:.2f}", "(dwcrawler.gctune)"),
        (
            "  ratio dw_sw / that",
            f"{first / tuned:.2f}",
            f"{first_c / tuned_c:.2f}",
            "(the same stack, collector tuned alike)",
        ),
        (
            "peak memory, crawl tree (MB)",
            f"{peak:.0f}",
            "",
            f"< {TARGETS['peak_mb']:.0f}: {_verdict(peak < TARGETS['peak_mb'])}",
        ),
        ("unchanged re-crawl (s)", f"{again:.2f}", f"{again_c:.2f}", ""),
        (
            "re-crawl / first crawl",
            f"{share:.1%}",
            f"{share_c:.1%}",
            f"< {TARGETS['recrawl_share']:.0%}: "
            + _verdicts(share < TARGETS["recrawl_share"], share_c < TARGETS["recrawl_share"]),
        ),
        (
            "bare start-up / first crawl",
            f"{idle / first:.1%}",
            "",
            "(about the floor under any re-crawl process)",
        ),
        (
            "  beyond bare start-up",
            f"{beyond:.1%}",
            "",
            (
                f"< {TARGETS['recrawl_share']:.0%}: {_verdict(beyond < TARGETS['recrawl_share'])}"
                " ((re-crawl - bare start-up) / (first crawl - bare start-up))"
            ),
        ),
    ]
    for name, *values in rows:
        print(f"  {name:<30} {values[0]:>8} {values[1]:>8}  {values[2]}")
    print(
        f"  process ratio of each round: {', '.join(f'{r:.2f}' for r in per_round)} "
        "(the shared machine's noise)"
    )
