"""Parse DW's dates: ISO page data, numeric "DD.MM.YYYY", Swahili "24 Aprili 2019" and kin.

A date the page gives without a time keeps the calendar date it shows: it becomes midnight UTC
with precision "day", never a local midnight shifted across the date line by a UTC conversion.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Literal

from dwcrawler.cleaning.furniture import COMMON, TABLES

Precision = Literal["second", "day"]

# Month names DW prints in long dates, from every furniture table (sw, de, en, fr). Keys are
# casefolded and without a trailing dot.
MONTHS: dict[str, int] = {}
for _table in (COMMON, *TABLES.values()):
    for _number, _name in enumerate(_table.months, start=1):
        MONTHS.setdefault(_name.casefold(), _number)
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "aug": 8, "sep": 9, "sept": 9})
MONTHS.update({"oct": 10, "okt": 10, "nov": 11, "dec": 12, "dez": 12, "jun": 6, "jul": 7})

_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
_LONG = re.compile(r"(?<!\d)(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})(?!\d)")
_LONG_US = re.compile(r"\b([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")  # dataLayer / classic hidden input: 20240130
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def parse_iso(value: str | None) -> datetime | None:
    """Parse an ISO 8601 timestamp ("2024-01-30T14:13:12.269Z"); naive values count as UTC."""
    if not value or not isinstance(value, str):
        return None
    text = value.strip()
    if not _ISO_TIME.match(text):
        return None
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def day_start(day: date) -> datetime:
    """Return midnight UTC of a calendar date (a date shown without a time)."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_day(text: str | None) -> date | None:
    """Find a calendar date in DW's numeric, long (Swahili, German, …) or compact form."""
    if not text:
        return None
    flat = " ".join(text.split())
    match = _ISO_DAY.match(flat) or _COMPACT.match(flat)
    if match:
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    match = _NUMERIC.search(flat)
    if match:
        return _safe_date(int(match[3]), int(match[2]), int(match[1]))
    for found in _LONG.finditer(flat):
        month = MONTHS.get(found[2].casefold())
        if month:
            return _safe_date(int(found[3]), month, int(found[1]))
    for found in _LONG_US.finditer(flat):
        month = MONTHS.get(found[1].casefold())
        if month:
            return _safe_date(int(found[3]), month, int(found[2]))
    return None


def parse_date(text: str | None) -> tuple[datetime, Precision] | None:
    """Parse any DW date: ISO wins with precision "second", else a calendar date at "day"."""
    exact = parse_iso(text)
    if exact is not None:
        return exact, "second"
    day = parse_day(text)
    return (day_start(day), "day") if day is not None else None
