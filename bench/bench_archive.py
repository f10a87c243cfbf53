"""Archive benchmark: what WARC capture costs the crawl, and how fast the archive rebuilds.

In one run, over a generated replica whose pages come gzip-encoded (as DW's CDN sends them):
- the crawl's CPU time per page with WARC capture and without it (`WARC_ENABLED=False`),
  alternating, `BENCH_REPEAT` rounds each; and the WARC files' size per 1,000 pages;
- `dwcrawler import-warc` of the captured pages into an empty archive, with 1 and with 2
  processes (pages/s), against `dwcrawler extract` over the same pages saved as HTML files
  (target: import at most 2x extract's time).
Medians of the rounds. Politeness is overridden for loopback (tests/replica/run.py LOOPBACK).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

from bench.proctree import measure
from dwcrawler.db.migrate import upgrade
from tests.replica.archive import records
from tests.replica.build import synthetic_site
from tests.replica.run import ROOT, command
from tests.replica.server import ReplicaServer

PAGES = int(os.environ.get("BENCH_ARCHIVE_PAGES", "1000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
DWCRAWLER = str(Path(sys.executable).parent / "dwcrawler")
IMPORT_TARGET = 2.0  # import-warc time / extract time


def _run(line: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run a command; return (wall seconds, CPU seconds)."""
    done = measure(line, cwd=ROOT, env=env or dict(os.environ))
    if done.status != 0:
        raise RuntimeError(f"{' '.join(line[:4])} exited {done.status}:\n{done.output[-3000:]}")
    return done.seconds, done.cpu_seconds


def _crawl(base: str, workdir: Path, name: str, warc: bool) -> float:
    """Crawl into a fresh archive; return the process's CPU seconds."""
    db_url = f"sqlite:///{workdir / name / 'dw_sw.sqlite3'}"
    (workdir / name).mkdir()
    upgrade(db_url)
    settings = {"DATABASE_URL": db_url, "LOG_LEVEL": "INFO", "WARC_ENABLED": str(warc)}
    line, env = command(base, args={"mode": "backfill"}, settings=settings)
    _, cpu = _run(line, env)
    if (stored := len(records(db_url))) != PAGES:
        raise RuntimeError(f"the crawl stored {stored} of {PAGES} pages")
    return cpu


def _import(files: list[Path], workdir: Path, name: str, jobs: int) -> float:
    db = workdir / f"{name}.sqlite3"
    upgrade(f"sqlite:///{db}")
    line = [DWCRAWLER, "import-warc", "--database", str(db), "--jobs", str(jobs)]
    wall, _ = _run(line + [str(path) for path in files])
    if (stored := len(records(f"sqlite:///{db}"))) != PAGES:
        raise RuntimeError(f"import-warc stored {stored} of {PAGES} pages")
    return wall


def main() -> None:
    """Print the archive benchmark table."""
    print(f"building a replica of {PAGES} generated pages (gzip-encoded) ...", flush=True)
    site = synthetic_site(PAGES, seed=13)
    with_warc: list[float] = []
    without: list[float] = []
    imports: dict[int, list[float]] = {1: [], 2: []}
    extracts: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, ReplicaServer(site.resources()) as server:
        for resource in server.site.values():
            resource.gzip = True
        workdir = Path(tmp)
        pages = workdir / "pages"
        pages.mkdir()
        saved = []
        for number, page in enumerate(site.pages):
            saved.append(pages / f"{number:05d}.html")
            saved[-1].write_text(page.html, encoding="utf-8")
        for number in range(1, REPEAT + 1):
            with_warc.append(_crawl(server.base_url, workdir, f"warc-{number}", warc=True))
            without.append(_crawl(server.base_url, workdir, f"plain-{number}", warc=False))
            print(
                f"round {number}: crawl CPU {with_warc[-1]:.2f} s with WARC, "
                f"{without[-1]:.2f} s without",
                flush=True,
            )
        files = sorted((workdir / "warc-1" / "warc").glob("*.warc.gz"))
        warc_bytes = sum(path.stat().st_size for path in files)
        db_bytes = (workdir / "warc-1" / "dw_sw.sqlite3").stat().st_size
        for number in range(1, REPEAT + 1):
            extracts.append(_run([DWCRAWLER, "extract", "--quiet", *map(str, saved)])[0])
            for jobs, times in imports.items():
                times.append(_import(files, workdir, f"import-{jobs}-{number}", jobs))
            print(
                f"round {number}: extract {extracts[-1]:.2f} s, import-warc "
                f"{imports[1][-1]:.2f} s (1 process), {imports[2][-1]:.2f} s (2)",
                flush=True,
            )
    _table(with_warc, without, warc_bytes, db_bytes, extracts, imports)


def _table(
    with_warc: list[float],
    without: list[float],
    warc_bytes: int,
    db_bytes: int,
    extracts: list[float],
    imports: dict[int, list[float]],
) -> None:
    med = statistics.median
    per_page = {
        name: med(values) / PAGES * 1000
        for name, values in (("with", with_warc), ("without", without))
    }
    extract = med(extracts)
    best = min(med(values) for values in imports.values())
    ratio = med(imports[max(imports)]) / extract
    print(f"\n{PAGES} generated pages, served gzip-encoded; medians of {len(extracts)} rounds")
    rows = [
        ("crawl CPU per page, WARC on (ms)", f"{per_page['with']:.2f}", ""),
        ("crawl CPU per page, WARC off (ms)", f"{per_page['without']:.2f}", ""),
        ("WARC cost (CPU share)", f"{per_page['with'] / per_page['without'] - 1:+.1%}", ""),
        ("WARC files per 1,000 pages (MB)", f"{warc_bytes / PAGES * 1000 / 1e6:.1f}", ""),
        ("SQLite archive per 1,000 pages (MB)", f"{db_bytes / PAGES * 1000 / 1e6:.1f}", ""),
        ("dwcrawler extract, saved pages (s)", f"{extract:.2f}", ""),
        *(
            (
                f"import-warc, {jobs} process(es) (s)",
                f"{med(v):.2f}",
                f"{PAGES / med(v):.0f} pages/s",
            )
            for jobs, v in imports.items()
        ),
        (
            "import-warc (2 processes) / extract",
            f"{ratio:.2f}",
            f"<= {IMPORT_TARGET}: {'ok' if ratio <= IMPORT_TARGET else 'MISSED'}",
        ),
        ("fastest import pages/s", f"{PAGES / best:.0f}", ""),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>8}  {note}")
