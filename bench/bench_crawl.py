"""Crawl benchmark: dw_sw, one process, over a generated 1,000-page replica against bare Scrapy.

The replica sends every document gzip-encoded, as DW's CDN does (and as the archive bench's
replica does): both spiders pay for decoding, and the WARC keeps the compressed wire bytes.
In one run, on the same replica, each round times:
- a bare Scrapy spider fetching the same page URLs and keeping nothing (the limit of the stack);
- the real `scrapy crawl dw_sw -a mode=backfill` into a fresh SQLite archive, and an unchanged
  re-crawl of that archive (`after`);
- the same crawl without WARC capture (`WARC_ENABLED=False`): the crawl as the one-shape
  change left it, and what keeping every fetched byte costs;
- the same crawl with Python's default garbage-collector settings: what `tune_gc` is worth;
- the previous version (`BENCH_BEFORE`, a git revision, checked out beside the repository) in
  its one-process settings, first crawl and re-crawl (`before`).
Both spiders run with the crawl's collector settings (`tune_gc`) and without Scrapy's telnet
console and remote-control server, so the ratio compares like with like.
Politeness (DOWNLOAD_DELAY, AutoThrottle) is for DW, not loopback: every run has the same
overrides (tests/replica/run.py LOOPBACK). Medians of `BENCH_REPEAT` rounds (default 3).
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
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
# The last version with helper processes; empty to skip the before/after comparison.
BEFORE = os.environ.get("BENCH_BEFORE", "02c16e5")
# Its all-in-one-process settings (the 1.89 was measured with them).
BEFORE_SETTINGS = {
    "DW_EXTRACT_PROCESSES": "0",
    "DW_STORE_PROCESS": "False",
    "REMOTE_CONTROL_ENABLED": "False",  # as the crawl runs now (it predates Scrapy 2.19's)
}
TARGETS = {"ratio": 1.89, "peak_mb": 150.0, "recrawl_share": 0.10}
# `python -m scrapy …`, with the crawl command's collector tuning switched off.
UNTUNED = (
    "import sys; import dwcrawler.commands.crawl as c; c.tune_gc = lambda: None; "
    "from scrapy.cmdline import execute; sys.argv[0] = 'scrapy'; execute()"
)


class Timing(NamedTuple):
    """One measured process: wall time, Scrapy's crawl time, CPU time, peak RSS, output."""

    wall: float  # process start to exit (imports, set-up and teardown included)
    crawl: float  # Scrapy's elapsed_time_seconds: spider opened to spider closed
    cpu: float
    peak_mb: float
    output: str


def _timed(line: list[str], env: dict[str, str], cwd: Path) -> Timing:
    run = measure(line, cwd=cwd, env=env)
    if run.status != 0:
        raise RuntimeError(f"{' '.join(line[:6])} exited {run.status}:\n{run.output[-3000:]}")
    found = re.search(r"'elapsed_time_seconds': ([0-9.]+)", run.output)
    elapsed = float(found.group(1)) if found else run.seconds
    return Timing(run.seconds, elapsed, run.cpu_seconds, run.peak_mb, run.output)


def _bare(urls: Path, workdir: Path, gc: str = "tuned") -> Timing:
    line = [sys.executable, "-m", "scrapy", "runspider", str(ROOT / "bench" / "bare_spider.py")]
    # The crawl's own control-port settings too: neither spider opens a console or a server.
    quiet = {"TELNETCONSOLE_ENABLED": "False", "REMOTE_CONTROL_ENABLED": "False"}
    for name, value in {**LOOPBACK, "LOG_LEVEL": "INFO", **quiet}.items():
        if not name.startswith("DW_"):
            line += ["-s", f"{name}={value}"]
    line += ["-a", f"urls={urls}", "-a", f"gc={gc}"]
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    timing = _timed(line, env, workdir)  # outside the project: plain Scrapy settings
    fetched = re.search(r"'bare/pages': (\d+)", timing.output)
    if (int(fetched.group(1)) if fetched else 0) != PAGES:
        raise RuntimeError(f"bare spider did not fetch {PAGES} pages:\n{timing.output[-2000:]}")
    return timing


def _crawl(
    base: str,
    db_url: str,
    *,
    code: Path = ROOT,
    extra: dict[str, str] | None = None,
    default_gc: bool = False,
) -> Timing:
    settings = {"DATABASE_URL": db_url, "LOG_LEVEL": "INFO", **(extra or {})}
    line, env = command(base, args={"mode": "backfill"}, settings=settings)
    if default_gc:
        line = [sys.executable, "-c", UNTUNED, *line[3:]]
    if code != ROOT:
        env["PYTHONPATH"] = str(code)
    return _timed(line, env, code)


def _before_checkout() -> Path | None:
    """Check out `BEFORE` beside the repository (once); None when the comparison is off."""
    if not BEFORE:
        return None
    place = ROOT / "bench-out" / f"before-{BEFORE}"
    if not place.exists():
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(place), BEFORE],
            check=True,
            capture_output=True,
        )
    return place


def _old_archive(code: Path, url: str) -> None:
    """Create an archive at `url` with the previous version's own migrations."""
    migrate = f"from dwcrawler.db.migrate import upgrade; upgrade({url!r})"
    env = {**os.environ, "PYTHONPATH": str(code)}
    subprocess.run([sys.executable, "-c", migrate], cwd=code, env=env, check=True)


class Round(NamedTuple):
    """What one round measured."""

    bare: Timing
    first: Timing
    again: Timing
    untuned: Timing  # dw_sw with Python's default collector
    no_warc: Timing  # dw_sw without WARC capture
    before: Timing | None
    before_again: Timing | None


def main() -> None:
    """Print the crawl benchmark table."""
    print(f"building a replica of {PAGES} generated pages (gzip-encoded) ...", flush=True)
    site = synthetic_site(PAGES, seed=11)
    rounds: list[Round] = []
    with tempfile.TemporaryDirectory() as tmp, ReplicaServer(site.resources()) as server:
        for resource in server.site.values():
            resource.gzip = True
        workdir = Path(tmp)
        urls = workdir / "urls.txt"
        urls.write_text("\n".join(server.base_url + p.path for p in site.pages))
        old = _before_checkout()
        for number in range(1, REPEAT + 1):
            db_url = f"sqlite:///{workdir / f'after-{number}.sqlite3'}"
            upgrade(db_url)
            bare = _bare(urls, workdir)
            first = _crawl(server.base_url, db_url)
            if (stored := len(records(db_url))) != PAGES:
                raise RuntimeError(f"dw_sw stored {stored} of {PAGES} pages")
            again = _crawl(server.base_url, db_url)
            untuned_url = f"sqlite:///{workdir / f'untuned-{number}.sqlite3'}"
            upgrade(untuned_url)
            untuned = _crawl(server.base_url, untuned_url, default_gc=True)
            no_warc_url = f"sqlite:///{workdir / f'no-warc-{number}.sqlite3'}"
            upgrade(no_warc_url)
            no_warc = _crawl(server.base_url, no_warc_url, extra={"WARC_ENABLED": "False"})
            before = before_again = None
            if old is not None:
                old_url = f"sqlite:///{workdir / f'before-{number}.sqlite3'}"
                _old_archive(old, old_url)
                before = _crawl(server.base_url, old_url, code=old, extra=BEFORE_SETTINGS)
                before_again = _crawl(server.base_url, old_url, code=old, extra=BEFORE_SETTINGS)
            print(
                f"round {number}: bare {bare.wall:.2f} s, dw_sw {first.wall:.2f} s "
                f"({first.peak_mb:.0f} MB), re-crawl {again.wall:.2f} s, default GC "
                f"{untuned.wall:.2f} s, no WARC {no_warc.wall:.2f} s"
                + (f", before {before.wall:.2f} s" if before else ""),
                flush=True,
            )
            rounds.append(Round(bare, first, again, untuned, no_warc, before, before_again))
    _table(rounds)


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def _median(values: list[float]) -> float:
    return float(statistics.median(values))


def _table(rounds: list[Round]) -> None:
    def med(name: str, field: str) -> float:
        return _median([getattr(getattr(r, name), field) for r in rounds])

    bare, bare_c = med("bare", "wall"), med("bare", "crawl")
    first, first_c, first_cpu = med("first", "wall"), med("first", "crawl"), med("first", "cpu")
    again, again_c = med("again", "wall"), med("again", "crawl")
    untuned, untuned_c = med("untuned", "wall"), med("untuned", "crawl")
    no_warc, no_warc_c = med("no_warc", "wall"), med("no_warc", "crawl")
    no_warc_cpu = med("no_warc", "cpu")
    peak = max(r.first.peak_mb for r in rounds)
    ratio, ratio_c = first / bare, first_c / bare_c
    share_c = again_c / first_c
    print(
        f"\ncrawl of {PAGES} generated pages (gzip-encoded) on loopback, one process, median "
        f"of {len(rounds)} rounds.\nPoliteness is overridden for loopback, the same for every run. 'process' = "
        "start to exit;\n'crawl' = Scrapy's elapsed_time_seconds (spider open to close). "
        "The crawl's collector settings (tune_gc) in every run but the 'default GC' one."
    )
    rows = [
        ("", "process", "crawl", "target"),
        ("bare Scrapy fetch (s)", f"{bare:.2f}", f"{bare_c:.2f}", ""),
        ("dw_sw crawl into SQLite (s)", f"{first:.2f}", f"{first_c:.2f}", ""),
        (
            "ratio dw_sw / bare",
            f"{ratio:.2f}",
            f"{ratio_c:.2f}",
            (
                f"<= {TARGETS['ratio']}: {_verdict(ratio <= TARGETS['ratio'])} (process), "
                f"{_verdict(ratio_c <= TARGETS['ratio'])} (crawl)"
            ),
        ),
        ("dw_sw CPU per page (ms)", f"{1000 * first_cpu / PAGES:.2f}", "", "(whole process)"),
        (
            "peak RSS (MB)",
            f"{peak:.0f}",
            "",
            f"< {TARGETS['peak_mb']:.0f}: {_verdict(peak < TARGETS['peak_mb'])}",
        ),
        ("unchanged re-crawl (s)", f"{again:.2f}", f"{again_c:.2f}", ""),
        (
            "re-crawl / first crawl",
            f"{again / first:.1%}",
            f"{share_c:.1%}",
            (
                f"< {TARGETS['recrawl_share']:.0%} of crawl time: "
                f"{_verdict(share_c < TARGETS['recrawl_share'])}"
            ),
        ),
        ("bare Scrapy peak RSS (MB)", f"{max(r.bare.peak_mb for r in rounds):.0f}", "", ""),
        ("dw_sw without WARC (s)", f"{no_warc:.2f}", f"{no_warc_c:.2f}", "(WARC_ENABLED=False)"),
        (
            "  ratio without WARC / bare",
            f"{no_warc / bare:.2f}",
            f"{no_warc_c / bare_c:.2f}",
            f"<= {TARGETS['ratio']}: {_verdict(no_warc / bare <= TARGETS['ratio'])} (process)",
        ),
        (
            "  CPU per page without WARC (ms)",
            f"{1000 * no_warc_cpu / PAGES:.2f}",
            "",
            f"(WARC costs {1000 * (first_cpu - no_warc_cpu) / PAGES:.2f} ms a page)",
        ),
        (
            "  peak RSS without WARC (MB)",
            f"{max(r.no_warc.peak_mb for r in rounds):.0f}",
            "",
            "",
        ),
        (
            "dw_sw, Python's default GC (s)",
            f"{untuned:.2f}",
            f"{untuned_c:.2f}",
            f"({untuned / first - 1:+.1%} process, {untuned_c / first_c - 1:+.1%} crawl)",
        ),
    ]
    if all(r.before is not None for r in rounds):
        b_first, b_first_c = med("before", "wall"), med("before", "crawl")
        b_again_c = med("before_again", "crawl")
        b_peak = max(r.before.peak_mb for r in rounds if r.before)
        rows += [
            ("before: one process (s)", f"{b_first:.2f}", f"{b_first_c:.2f}", f"({BEFORE})"),
            ("  ratio before / bare", f"{b_first / bare:.2f}", f"{b_first_c / bare_c:.2f}", ""),
            ("  peak RSS before (MB)", f"{b_peak:.0f}", "", ""),
            ("  re-crawl before / first", "", f"{b_again_c / b_first_c:.1%}", ""),
        ]
    for name, *values in rows:
        print(f"  {name:<30} {values[0]:>8} {values[1]:>8}  {values[2]}")
    print(
        "  process ratio of each round: "
        + ", ".join(f"{r.first.wall / r.bare.wall:.2f}" for r in rounds)
        + " (the shared machine's noise)"
    )
