"""Read what a `scrapy crawl` run printed: its final stats dump and its log lines."""

from __future__ import annotations

import re

_STAT = re.compile(r"^\s*[{ ]?'(?P<key>[^']+)': (?P<value>-?\d+(?:\.\d+)?),?\}?$")


def stats(log: str) -> dict[str, float]:
    """Return the numeric counters of the "Dumping Scrapy stats" block at the end of a log."""
    start = log.rfind("Dumping Scrapy stats:")
    if start < 0:
        return {}
    found: dict[str, float] = {}
    for line in log[start:].splitlines()[1:]:
        match = _STAT.match(line)
        if match:
            found[match["key"]] = float(match["value"])
        if line.rstrip().endswith("}"):
            break
    return found


def lines_about(log: str, *needles: str) -> list[str]:
    """Return the WARNING/ERROR/INFO lines of the log that contain every needle."""
    return [
        line
        for line in log.splitlines()
        if (" WARNING: " in line or " ERROR: " in line or " INFO: " in line)
        and all(needle in line for needle in needles)
    ]
