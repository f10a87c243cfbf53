"""Extraction benchmark: dwcrawler against fundus and trafilatura, same run, same pages, one core.

    make bench ONLY=extract

In-process: every page, as text (fundus's parser takes text: decoding is left out of both),
extracted once per round by `extract_page` and by fundus's DW parser
(in its own virtual environment, `bench-out/fundus-venv`, made here on first use), the two taking
turns round by round on core 0; a page's time is the CPU time of its extraction (the machine is
shared: wall time would count other processes' turns on the core), its median over the rounds,
and pages per second are pages over the sum of those medians, per design.
Whole process: `dwcrawler extract` over 1,000 saved generated pages with distinct ids, against
trafilatura's command line over the same files, both under `taskset -c 0`, timed by the CPU
seconds the process used (user + system, from the kernel's accounting of children). Body-text token F1
is reported on every golden page (bench/extract_pages.py says against what). Results also go to
bench-out/bench_extract.json for docs/performance.md.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.extract_pages import ROOT, Page, load_pages
from dwcrawler.extraction import extract_page
from tests.sitegen import render_page, synthetic_spec

OUT = ROOT / "bench-out"
ROUNDS = 7
WHOLE_PAGES = 1000
_TOKEN = re.compile(r"\w+")


def f1(got: str, want: str) -> float:
    """Token F1 of `got` against `want` (1.0 when both are empty)."""
    g, w = Counter(_TOKEN.findall(got.casefold())), Counter(_TOKEN.findall(want.casefold()))
    if not g and not w:
        return 1.0
    overlap = sum((g & w).values())
    if overlap == 0:
        return 0.0
    precision, recall = overlap / sum(g.values()), overlap / sum(w.values())
    return 2 * precision * recall / (precision + recall)


def fundus_python() -> Path:
    """Return the fundus virtual environment's python, making the environment if needed."""
    venv = OUT / "fundus-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        print("making bench-out/fundus-venv (pip install fundus) …", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        # fundus 0.5.7 imports a name curl_cffi 0.16 no longer has: keep curl_cffi below it.
        install = [str(python), "-m", "pip", "install", "-q", "fundus", "curl_cffi<0.16"]
        subprocess.run(install, check=True)
    return python


class Fundus:
    """fundus's DW parser in a worker process of its own environment."""

    def __init__(self, pages: list[Page], workdir: Path) -> None:
        manifest = []
        for i, page in enumerate(pages):
            path = workdir / f"{i}.html"
            path.write_bytes(page.html)
            manifest.append([str(path), page.crawl_date])
        (workdir / "manifest.json").write_text(json.dumps(manifest))
        worker = Path(__file__).with_name("fundus_worker.py")
        self.process = subprocess.Popen(
            [str(fundus_python()), str(worker), str(workdir / "manifest.json")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._read()

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        result: dict[str, Any] = json.loads(self.process.stdout.readline())
        return result

    def round(self) -> dict[str, Any]:
        """Parse every page once; return {"times": [CPU seconds], "bodies": [text]}."""
        assert self.process.stdin is not None
        self.process.stdin.write("round\n")
        self.process.stdin.flush()
        return self._read()

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("quit\n")
        self.process.stdin.close()
        self.process.wait(timeout=60)


def in_process(pages: list[Page]) -> dict[str, Any]:
    """Both extractors on every page, round by round; per-page times and the last bodies."""
    ours: list[list[float]] = [[] for _ in pages]
    theirs: list[list[float]] = [[] for _ in pages]
    bodies = [""] * len(pages)
    their_bodies = [""] * len(pages)
    texts = [page.html.decode("utf-8") for page in pages]
    with tempfile.TemporaryDirectory(dir=OUT) as workdir:
        fundus = Fundus(pages, Path(workdir))
        for _ in range(ROUNDS):
            for i, text in enumerate(texts):
                start = time.thread_time()
                item = extract_page(text)
                ours[i].append(time.thread_time() - start)
                bodies[i] = item.body_text
            result = fundus.round()
            for i, seconds in enumerate(result["times"]):
                theirs[i].append(seconds)
            their_bodies = result["bodies"]
        fundus.close()
    return {"ours": ours, "theirs": theirs, "bodies": (bodies, their_bodies)}


def whole_process(workdir: Path) -> dict[str, float]:
    """Seconds for `dwcrawler extract` and for trafilatura over the same saved pages (medians)."""
    pages = workdir / "pages"
    pages.mkdir()
    for n in range(WHOLE_PAGES):
        (pages / f"{n}.html").write_text(render_page(synthetic_spec(n, seed=31)), "utf-8")
    files = sorted(str(p) for p in pages.iterdir())
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    bin_dir = Path(sys.executable).parent
    ours_cmd = [*pin, str(bin_dir / "dwcrawler"), "extract", "--quiet", *files]
    out = workdir / "trafilatura-out"
    theirs_cmd = [*pin, str(bin_dir / "trafilatura"), "--input-dir", str(pages), "-o", str(out)]
    times: dict[str, list[float]] = {"dwcrawler extract": [], "trafilatura": []}
    for _ in range(3):
        for name, command in (("dwcrawler extract", ours_cmd), ("trafilatura", theirs_cmd)):
            shutil.rmtree(out, ignore_errors=True)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(
                command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            times[name].append(cpu)
    return {name: statistics.median(values) for name, values in times.items()}


def report(pages: list[Page], run: dict[str, Any], whole: dict[str, float]) -> dict[str, Any]:
    """Print the tables and the targets; return the numbers."""
    ours_bodies, their_bodies = run["bodies"]
    print(
        f"{'golden page':56} {'ref':9} {'F1 ours':>7} {'F1 fundus':>9} {'ms ours':>7} {'ms fundus':>9}"
    )
    scores = []
    for i, page in enumerate(pages):
        if not page.golden:
            continue
        mine, theirs = f1(ours_bodies[i], page.reference), f1(their_bodies[i], page.reference)
        scores.append(mine)
        ms_ours = statistics.median(run["ours"][i]) * 1000
        ms_theirs = statistics.median(run["theirs"][i]) * 1000
        print(
            f"{page.name[:56]:56} {page.source:9} {mine:7.3f} {theirs:9.3f} {ms_ours:7.2f} {ms_theirs:9.2f}"
        )
    numbers: dict[str, Any] = {"f1_min": min(scores), "pages": Counter(p.design for p in pages)}
    for design in ("current", "classic"):
        count = numbers["pages"][design]
        indices = [i for i, page in enumerate(pages) if page.design == design]
        ours = sum(statistics.median(run["ours"][i]) for i in indices)
        theirs = sum(statistics.median(run["theirs"][i]) for i in indices)
        real = [i for i in indices if pages[i].source in {"fundus", "self"}]
        real_ratio = sum(statistics.median(run["theirs"][i]) for i in real) / sum(
            statistics.median(run["ours"][i]) for i in real
        )
        numbers[design] = {
            "ours": count / ours,
            "fundus": count / theirs,
            "ratio": theirs / ours,
            "real_ratio": real_ratio,
        }
        print(
            f"\n{design:8} {count:4} pages: dwcrawler {count / ours:7.0f} pages/s, "
            f"fundus {count / theirs:6.0f} pages/s, ratio {theirs / ours:4.2f}x "
            f"(the {len(real)} real pages alone: {real_ratio:4.2f}x)"
        )
    mine, theirs = whole["dwcrawler extract"], whole["trafilatura"]
    numbers["whole"] = {**whole, "ratio": theirs / mine}
    print(
        f"\nwhole process, {WHOLE_PAGES} pages, one core, CPU: dwcrawler extract {mine:.1f} s, "
        f"trafilatura {theirs:.1f} s, ratio {theirs / mine:.2f}x"
    )
    targets = [
        ("body token F1 1.000 on every golden page", numbers["f1_min"] >= 0.9995),
        (">= 1,000 pages/s on current-design pages", numbers["current"]["ours"] >= 1000),
        (">= 3x fundus on current-design pages", numbers["current"]["ratio"] >= 3),
        (">= 2x fundus on classic pages", numbers["classic"]["ratio"] >= 2),
        (">= 3x trafilatura, whole process", numbers["whole"]["ratio"] >= 3),
    ]
    for name, ok in targets:
        print(f"target {name}: {'PASS' if ok else 'FAIL'}")
    return numbers


def main() -> None:
    """Run the benchmark and print its tables."""
    OUT.mkdir(exist_ok=True)
    os.sched_setaffinity(0, {0})  # one core: the fundus worker pins itself to the same one
    pages = load_pages()
    run = in_process(pages)
    with tempfile.TemporaryDirectory(dir=OUT) as workdir:
        whole = whole_process(Path(workdir))
    numbers = report(pages, run, whole)
    (OUT / "bench_extract.json").write_text(json.dumps(numbers, indent=2) + "\n")


if __name__ == "__main__":
    main()
