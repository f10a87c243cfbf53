"""Screenshot for the README (docs/serve.png): `dwcrawler serve` over the demo archive.

Run `make demo` first, then `.venv/bin/python -m tools.serve_screenshot [PATH]`: serves
demo/dw_sw.sqlite3 on a free loopback port and saves PATH's page (default: the article list
searched for a word, with its facets) as docs/serve.png, through Debian's headless chromium (no network but loopback).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.browse.helpers import Server, chromium
from tests.replica.run import ROOT

DEMO = ROOT / "demo" / "dw_sw.sqlite3"
OUTPUT = ROOT / "docs" / "serve.png"


def main(argv: list[str]) -> int:
    """Save the screenshot; return the exit status."""
    if not DEMO.exists():
        print(f"no demo archive at {DEMO}: run `make demo` first", file=sys.stderr)
        return 1
    page = argv[0] if argv else "dw_sw/article_list?_search=madaktari"
    with tempfile.TemporaryDirectory() as profile, Server(str(DEMO)) as server:
        driver = chromium(Path(profile))
        try:
            driver.set_window_size(1400, 1300)
            driver.get(server.base_url + page.lstrip("/"))
            driver.save_screenshot(str(OUTPUT))
        finally:
            driver.quit()
    print(f"saved {OUTPUT.relative_to(ROOT)} ({page})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
