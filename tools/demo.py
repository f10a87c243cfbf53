"""`make demo`: the whole product offline, in one command.

Serves the test replica of DW Kiswahili (pages rendered by tests/sitegen) on a free loopback
port, brings a demo archive (`demo/dw_sw.sqlite3`, ignored by git) to the newest schema, runs
the real `scrapy crawl dw_sw` against the replica (a backfill), then lets DW's editors work:
one article gets an edited paragraph, another a new title, a third is taken down. A second
crawl (an update) picks that up, so `dwcrawler changes` and `dwcrawler show ID --diff` have
something to show. It ends by saying how to browse the demo archive in a web browser
(`dwcrawler serve`). No request leaves the machine: the crawler's proxy is the replica itself,
which refuses others. `build(folder)` makes the same archive elsewhere (tests run the
documented examples against it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from tests.replica.build import fixture_site
from tests.replica.run import ROOT, crawl
from tests.replica.server import ReplicaServer
from tests.sitegen.spec import Text

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from tests.replica.site import ReplicaSite

DEMO_DIR = ROOT / "demo"
EDITED = 30009001  # an article whose second paragraph DW edits between the two crawls
RETITLED = 30003001  # an article DW gives a new title
REMOVED = 30002001  # an article DW takes down (404)
NEW_TITLE = "Wavuvi Goma waahirisha kesi ya ufisadi hadi mwezi ujao"


class DemoFailed(RuntimeError):
    """A crawl of the demo failed; the message holds the end of its log."""


def _edit(site: ReplicaSite, when: datetime) -> None:
    """Make DW's edits: a changed paragraph, a new title, a page taken down."""
    page = site.page(EDITED)
    texts = [part.text for part in page.spec.body if isinstance(part, Text)]
    first = texts[0].split(". ")
    first[0] = first[0] + ", kwa mujibu wa taarifa ya serikali"
    site.revise(EDITED, ". ".join(first) + " Taarifa hii imesasishwa.", when)
    retitled = site.page(RETITLED)
    site.update(retitled, replace(retitled.spec, title=NEW_TITLE, modified_at=when), when)
    site.remove(REMOVED, when)


def _crawl(server: ReplicaServer, url: str, mode: str, say: Callable[[str], None]) -> None:
    say(f"$ scrapy crawl dw_sw -a mode={mode} -s DW_BASE_URL={server.base_url} …")
    result = crawl(
        server.base_url,
        proxy=server.base_url,
        args={"mode": mode},
        settings={"DATABASE_URL": url, "DW_PROGRESS_INTERVAL": "1"},
    )
    for line in result.stderr.splitlines():
        if any(key in line for key in ("progress:", "run summary", "run succeeded", "run failed")):
            say("  " + line.split("] ", 1)[-1])
    left = [r.url for r in server.requests() if server.authority not in r.url]
    say(f"crawl exit status {result.returncode}; requests that tried to leave: {len(left)}")
    if result.returncode != 0 or left:
        raise DemoFailed(result.stderr[-3000:])


def build(folder: Path, say: Callable[[str], None] = print) -> str:
    """Make the demo archive in `folder` (replacing one there); return its database URL."""
    from dwcrawler.db.migrate import upgrade

    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("dw_sw.sqlite3*"):
        stale.unlink()
    url = f"sqlite:///{folder / 'dw_sw.sqlite3'}"
    upgrade(url)
    site = fixture_site()
    with ReplicaServer(site.resources()) as server:
        say(f"\nreplica of DW Kiswahili ({len(site.pages)} pages) at {server.base_url}")
        _crawl(server, url, "backfill", say)
        _edit(site, datetime.now(UTC).replace(microsecond=0))
        server.site = site.resources()
        say(f"\nDW edits article {EDITED}, retitles {RETITLED} and takes {REMOVED} down")
        _crawl(server, url, "update", say)
    return url


def _dwcrawler(*args: str, env: dict[str, str]) -> int:
    print(f"\n$ dwcrawler {' '.join(args)}", flush=True)
    line = [sys.executable, "-c", "from dwcrawler.cli import main; raise SystemExit(main())"]
    return subprocess.call([*line, *args], cwd=ROOT, env=env)


def main() -> int:
    """Run the demo; return the exit status."""
    try:
        url = build(DEMO_DIR)
    except DemoFailed as exc:
        print(exc)
        return 1
    env = {**os.environ, "DWCRAWLER_DATABASE_URL": url}
    word = fixture_site().pages[1].title.split()[0]
    for args in (
        ("stats",),
        ("search", word),
        ("changes",),
        ("show", str(EDITED), "--diff"),
    ):
        status = _dwcrawler(*args, env=env)
        if status:
            return status
    print("\nmore to try: docs/reading.md (DWCRAWLER_DATABASE_URL=" + url + ")")
    print(
        "\nBrowse the demo archive in a web browser (Datasette, read-only; see docs/serve.md):"
        f"\n  dwcrawler serve --database {(DEMO_DIR / 'dw_sw.sqlite3').relative_to(ROOT)}"
        "\nthen open http://127.0.0.1:8001/ (Ctrl-C stops the server)."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
