"""Runs inside fundus's own virtual environment (made by bench_extract): times fundus's DW parser.

Reads a manifest (JSON: [[path, crawl date or null], ...]) given as the first argument, loads
every page, then for each line "round" on stdin parses every page once and prints one JSON
line: {"times": [CPU seconds per page], "bodies": [body text per page]}. "quit" ends it. It
pins itself to core 0, as the bench's own process is: the two take turns, round by round.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from fundus import PublisherCollection  # type: ignore[import-not-found]  # fundus's venv only


def body_text(article: dict[str, Any]) -> str:
    """Return the body fundus parsed as text: headlines and paragraphs, blank-line separated."""
    body = article.get("body")
    if body is None:
        return ""
    parts = []
    for section in body.sections:
        parts += [str(h) for h in section.headline]
        parts += [str(p) for p in section.paragraphs]
    return "\n\n".join(parts)


def main() -> None:
    """Load the pages, then time one parse of each per "round" line on stdin."""
    os.sched_setaffinity(0, {0})
    manifest = json.loads(Path(sys.argv[1]).read_text())
    proxy = PublisherCollection.de.DW.parser
    pages = []
    for path, when in manifest:
        parser = proxy(date.fromisoformat(when)) if when else proxy()
        pages.append((parser, Path(path).read_text(encoding="utf-8")))
    print(json.dumps({"ready": len(pages)}), flush=True)
    for line in sys.stdin:
        if line.strip() != "round":
            break
        times, bodies = [], []
        for parser, html in pages:
            start = time.thread_time()  # CPU time: other processes on the core do not count
            parsed = parser.parse(html, error_handling="suppress")
            times.append(time.thread_time() - start)
            bodies.append(body_text(parsed))
        print(json.dumps({"times": times, "bodies": bodies}), flush=True)


if __name__ == "__main__":
    main()
