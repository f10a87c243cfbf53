"""Durations and sizes as people write them (`90s`, `30m`, `2h`, `2d`; `500MB`, `1GB`)."""

from __future__ import annotations

import re
from datetime import timedelta

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$", re.IGNORECASE)
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?i?b?)\s*$", re.IGNORECASE)
_POWERS = {"": 0, "k": 1, "m": 2, "g": 3, "t": 4}


def parse_duration(text: str) -> timedelta:
    """Parse `90s`, `30m`, `2h` or `2d` (ValueError, with the expected form, otherwise)."""
    match = _DURATION.match(text)
    if match is None or float(match[1]) <= 0:
        raise ValueError(f"invalid duration {text!r} (expected e.g. 90s, 30m, 2h or 2d)")
    return timedelta(seconds=float(match[1]) * _SECONDS[match[2].lower()])


def parse_size(text: str) -> int:
    """Parse a size in bytes: `1GB` (10^9), `1GiB` (2^30), `500MB`, `2048`."""
    match = _SIZE.match(str(text))
    if match is None:
        raise ValueError(f"invalid size {text!r} (expected e.g. 500MB, 1GB or 2GiB)")
    unit = match[2].lower()
    base = 1024 if "i" in unit else 1000
    return int(float(match[1]) * base ** _POWERS[unit[:1] if unit[:1] in _POWERS else ""])


def age(delta: timedelta) -> str:
    """Return a duration for people: `45 s`, `12 min`, `5 h 20 min`, `3 d 4 h`."""
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 120:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 120:
        return f"{minutes} min"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h {minutes % 60} min"
    return f"{hours // 24} d {hours % 24} h"


def size(n: int) -> str:
    """Return a byte count for people: `734 MB`, `12.3 GB`."""
    value, unit = float(n), "B"
    for bigger in ("kB", "MB", "GB", "TB"):
        if value < 1000:
            break
        value, unit = value / 1000, bigger
    return f"{value:.0f} {unit}" if value >= 100 or unit == "B" else f"{value:.1f} {unit}"
