"""`make demo`: the whole product offline, in one command.

Serves the test replica of DW Kiswahili (pages rendered by tests/sitegen) on a free loopback
port, brings a demo archive (`demo/dw_sw.sqlite3`, ignored by git) to the newest schema, runs
the real `scrapy crawl dw_sw` against the replica, then shows `dwcrawler stats` and a search, and
says how to browse the demo archive in a web browser (`dwcrawler serve`).
No request leaves the machine: the crawler's proxy is the replica itself, which refuses others.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.replica.build import fixture_site
from tests.replica.run import ROOT, crawl
from tests.replica.server import ReplicaServer

DEMO_DIR = ROOT / "demo"


def _dwcrawler(*args: str, env: dict[str, str]) -> int:
    print(f"\n$ dwcrawler {' '.join(args)}", flush=True)
    line = [sys.executable, "-c", "from dwcrawler.cli import main; raise SystemExit(main())"]
    return subprocess.call([*line, *args], cwd=ROOT, env=env)


def main() -> int:
    """Run the demo; return the exit status."""
    DEMO_DIR.mkdir(exist_ok=True)
    database = DEMO_DIR / "dw_sw.sqlite3"
    for stale in DEMO_DIR.glob("dw_sw.sqlite3*"):
        stale.unlink()
    url = f"sqlite:///{database}"
    env = {**os.environ, "DWCRAWLER_DATABASE_URL": url}
    if _dwcrawler("db", "upgrade", env=env) != 0:
        return 1
    site = fixture_site()
    with ReplicaServer(site.resources()) as server:
        print(f"\nreplica of DW Kiswahili ({len(site.pages)} pages) at {server.base_url}")
        print(f"$ scrapy crawl dw_sw -a mode=backfill -s DW_BASE_URL={server.base_url} …")
        result = crawl(
            server.base_url,
            proxy=server.base_url,
            args={"mode": "backfill"},
            settings={"DATABASE_URL": url, "DW_PROGRESS_INTERVAL": "1"},
        )
        for line in result.stderr.splitlines():
            if any(
                key in line for key in ("progress:", "run summary", "run succeeded", "run failed")
            ):
                print("  " + line.split("] ", 1)[-1])
        left = [r.url for r in server.requests() if server.authority not in r.url]
    print(f"crawl exit status {result.returncode}; requests that tried to leave: {len(left)}")
    if result.returncode != 0:
        print(result.stderr[-3000:])
        return result.returncode
    word = site.pages[1].title.split()[0]
    status = _dwcrawler("stats", env=env) or _dwcrawler("search", word, env=env)
    if status == 0:
        print(
            "\nBrowse the demo archive in a web browser (Datasette, read-only; see docs/serve.md):"
            f"\n  dwcrawler serve --database {database.relative_to(ROOT)}"
            "\nthen open http://127.0.0.1:8001/ (Ctrl-C stops the server)."
        )
    return status


if __name__ == "__main__":
    raise SystemExit(main())
