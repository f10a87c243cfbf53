"""Foreign WARC benchmark: a 1 GB web-archive file of other sites streams in flat memory.

A Common Crawl-like WARC (each record its own gzip member: a request, then a response) of
other sites' HTML pages, with `BENCH_FOREIGN_PAGES` DW Kiswahili pages spread through it, is
imported by `dwcrawler import-warc --jobs 1` (the reading is the main process's, so its peak
RSS is the reader's) at two sizes: 0.1 GB and `BENCH_FOREIGN_GB` (default 1). Target: the
peak RSS of the large file within 10 % (or 10 MB) of the small one's, and every DW page
stored. Also printed: throughput (MB/s of WARC read) and the skip counts.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from bench.proctree import measure
from dwcrawler.db.migrate import upgrade
from tests.archive.foreign import ForeignWarc
from tests.replica.archive import records
from tests.replica.build import synthetic_site
from tests.replica.run import ROOT

GB = float(os.environ.get("BENCH_FOREIGN_GB", "1"))
DW_PAGES = int(os.environ.get("BENCH_FOREIGN_PAGES", "20"))
DWCRAWLER = str(Path(sys.executable).parent / "dwcrawler")
VARIANTS = 64  # distinct other-site records, repeated to fill the file
WORDS = [
    "the",
    "of",
    "and",
    "news",
    "world",
    "people",
    "city",
    "report",
    "market",
    "game",
    "music",
    "school",
    "water",
    "road",
]


def _members(make: object) -> bytes:
    """Return the gzip members (request and response) one `ForeignWarc` call writes."""
    warc = ForeignWarc(Path("unused"))
    make(warc)  # type: ignore[operator]
    return warc.buffer.getvalue()


def _other_site(n: int, rng: random.Random) -> bytes:
    text = " ".join(rng.choice(WORDS) + str(rng.randrange(10_000)) for _ in range(12_000))
    body = f"<html><head><title>Page {n}</title></head><body><p>{text}</p></body></html>"
    url = f"https://site{n}.example.org/story/{n}"
    return _members(lambda w: w.response(url, body.encode()))


def _write(path: Path, size: int, dw: list[bytes], others: list[bytes]) -> None:
    """Write about `size` bytes of other sites' records, the DW records spread evenly."""
    every = size // (len(dw) + 1)
    written, placed, turn = 0, 0, 0
    with path.open("wb") as out:
        while written < size:
            if placed < len(dw) and written >= every * (placed + 1):
                written += out.write(dw[placed])
                placed += 1
            written += out.write(others[turn % len(others)])
            turn += 1
        for rest in dw[placed:]:
            out.write(rest)


def _import(path: Path, workdir: Path) -> tuple[float, float]:
    """Import `path` into a fresh archive; return (seconds, peak MB); check every page stored."""
    db = workdir / f"{path.stem}.sqlite3"
    upgrade(f"sqlite:///{db}")
    line = [DWCRAWLER, "import-warc", "--database", str(db), "--jobs", "1", str(path)]
    done = measure(line, cwd=ROOT, env=dict(os.environ))
    if done.status != 0:
        raise RuntimeError(f"import-warc exited {done.status}:\n{done.output[-3000:]}")
    if (stored := len(records(f"sqlite:///{db}"))) != DW_PAGES:
        raise RuntimeError(f"import-warc stored {stored} of {DW_PAGES} DW pages")
    summary = next(line for line in done.output.splitlines() if line.startswith("imported"))
    print(f"  {path.name}: {summary}")
    return done.seconds, done.peak_mb


def main() -> None:
    """Build the two files, import each, print the table."""
    rng = random.Random(15)
    others = [_other_site(n, rng) for n in range(VARIANTS)]
    pages = synthetic_site(DW_PAGES).pages
    dw = [
        _members(
            lambda w, p=page: w.response("https://www.dw.com" + quote(p.path), p.html.encode())
        )
        for page in pages
    ]
    with tempfile.TemporaryDirectory(prefix="bench-foreign-") as tmp:
        workdir = Path(tmp)
        rows = []
        for gb in (0.1, GB):
            path = workdir / f"foreign-{gb:g}GB.warc.gz"
            _write(path, int(gb * 2**30), dw, others)
            size = path.stat().st_size
            seconds, peak = _import(path, workdir)
            rows.append((gb, size, seconds, peak))
            path.unlink()
    print(f"{'file':>10} {'MB':>8} {'seconds':>8} {'MB/s':>7} {'peak RSS MB':>12}")
    for gb, size, seconds, peak in rows:
        print(
            f"{gb:>8.1f}GB {size / 2**20:>8.0f} {seconds:>8.1f} {size / 2**20 / seconds:>7.1f} {peak:>12.0f}"
        )
    small, large = rows[0][3], rows[-1][3]
    flat = large <= max(small * 1.1, small + 10)
    verdict = "met" if flat else "MISSED"
    print(f"peak RSS {large:.0f} MB at {GB:g} GB vs {small:.0f} MB at 0.1 GB: flat {verdict}")
    print(f"DW pages stored: {DW_PAGES}/{DW_PAGES} at each size")
