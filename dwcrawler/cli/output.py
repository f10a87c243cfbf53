"""Output for the archive subcommands: JSON lines, CSV, or an aligned table for people.

JSON keeps nested values; CSV writes lists and objects as JSON text in their cell; the table
shortens long cells to fit a terminal and joins lists with "; ".
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

DEFAULT_WIDTH = 48  # widest a table cell gets unless the caller says otherwise


def output_width(stream: TextIO | None = None) -> int | None:
    """Return the width lines must fit: `COLUMNS`, else the terminal's; None when piped.

    A pipe or a file gets whole lines: whatever reads them can cut them itself.
    """
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdecimal() and int(columns) > 0:
        return int(columns)
    out = stream or sys.stdout
    if out.isatty():
        return shutil.get_terminal_size().columns
    return None


def colour_wanted(stream: TextIO | None = None) -> bool:
    """Return True if the stream is a terminal and `NO_COLOR` is not set (no-color.org)."""
    return (stream or sys.stdout).isatty() and not os.environ.get("NO_COLOR")


def to_json(value: Any) -> str:
    """Return one line of JSON (UTF-8 text kept readable, datetimes as ISO 8601)."""
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot render {type(value).__name__} as JSON")


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list | dict | tuple):
        return to_json(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return "" if value is None else value


def _table_cell(value: Any, width: int) -> str:
    if value is None:
        text = ""
    elif isinstance(value, list | tuple):
        text = "; ".join(str(v) for v in value)
    elif isinstance(value, datetime):
        text = value.isoformat(timespec="minutes")
    elif isinstance(value, float):
        text = f"{value:.0%}" if 0 <= value <= 1 else f"{value:g}"
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def write_rows(
    rows: Iterable[dict[str, Any]],
    fmt: str,
    columns: Sequence[str],
    *,
    widths: dict[str, int] | None = None,
    stream: TextIO | None = None,
) -> int:
    """Write rows (dicts) as JSON lines, CSV or a table of `columns`; return how many.

    JSON lines carry every key of each row; CSV and the table show `columns`.
    """
    out = stream or sys.stdout
    if fmt == "json":
        count = 0
        for row in rows:
            out.write(to_json(row) + "\n")
            count += 1
        return count
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        count = 0
        for row in rows:
            writer.writerow({c: _csv_cell(row.get(c)) for c in columns})
            count += 1
        return count
    limits = widths or {}
    cells = [
        [_table_cell(row.get(c), limits.get(c, DEFAULT_WIDTH)) for c in columns] for row in rows
    ]
    write_table(list(columns), cells, out)
    return len(cells)


def write_table(header: list[str], cells: list[list[str]], out: TextIO) -> None:
    """Write an aligned plain-text table (header, rule, rows)."""
    if not cells:
        return
    sizes = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(header)]
    out.write("  ".join(h.upper().ljust(s) for h, s in zip(header, sizes, strict=True)).rstrip())
    out.write("\n" + "  ".join("-" * s for s in sizes) + "\n")
    out.writelines(
        "  ".join(c.ljust(s) for c, s in zip(row, sizes, strict=True)).rstrip() + "\n"
        for row in cells
    )
