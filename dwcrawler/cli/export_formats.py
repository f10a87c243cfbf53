"""Export writers: JSON lines, CSV and Parquet, one record per article, streamed in batches.

JSON lines keep dates as ISO 8601 text in the page's own UTC offset. CSV has one column per
field (`FIELDS`, always all of them), nested values as JSON text. Parquet gets an explicit
Arrow schema, so every file has the same columns and types whatever its first rows hold:
`timestamp[us, tz=UTC]` for every date (the page's offset is not kept: JSON lines have it),
64-bit integers for numbers, lists of structs for body, photos, topics, media and revisions;
the rights statement is also in the file's metadata. The `cleaning` account (rule → count,
open-ended keys) is JSON text there: Arrow's map type does not load into pandas rows as a dict
nor into Hugging Face datasets at all. pyarrow is optional
(`pip install 'dwcrawler[parquet]'`).
"""

from __future__ import annotations

import csv
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

from dwcrawler.cli.output import to_json
from dwcrawler.db.queries import RIGHTS

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

FORMATS = ("jsonl", "csv", "parquet", "hf")
EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
PARQUET_BATCH = 1000
DATES = ("published_at", "modified_at", "first_seen_at", "last_seen_at", "changed_at")
# Every field of an export record, in record order (see dwcrawler.db.records and .exports).
FIELDS = (
    "dw_id",
    "url",
    "kind",
    "language",
    "design",
    "title",
    "teaser",
    "published_at",
    "modified_at",
    "date_precision",
    "authors",
    "editors",
    "kicker",
    "topics",
    "keywords",
    "wire",
    "body",
    "photos",
    "media",
    "duration_seconds",
    "permalink",
    "links",
    "warnings",
    "cleaning",
    "extractor_version",
    "capture",
    "status",
    "first_seen_at",
    "last_seen_at",
    "changed_at",
    "revisions",
    "text",
    "rights",
)


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write one JSON object per line; return the number written."""
    count = 0
    for record in records:
        out.write(to_json(record) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write CSV with a header of every field; nested values as JSON text."""
    writer = csv.DictWriter(out, fieldnames=FIELDS)
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(
            {k: to_json(v) if isinstance(v, list | dict) else v for k, v in record.items()}
        )
        count += 1
    return count


def parquet_schema() -> Any:
    """Return the Arrow schema of an export record (with the rights statement as metadata)."""
    import pyarrow as pa

    text, number, when = pa.string(), pa.int64(), pa.timestamp("us", tz="UTC")

    def structs(*fields: tuple[str, Any]) -> Any:
        return pa.list_(pa.struct(list(fields)))

    photo = (
        ("position", number),
        ("role", text),
        ("image_id", number),
        ("url", text),
        ("url_template", text),
        ("alt", text),
        ("caption", text),
        ("credit", text),
        ("agencies", pa.list_(text)),
        ("photographers", pa.list_(text)),
    )
    medium = (
        ("type", text),
        ("url", text),
        ("media_id", number),
        ("title", text),
        ("duration_seconds", number),
        ("poster_url", text),
    )
    revision = (
        ("revision", number),
        ("fetched_at", when),
        ("cause", text),
        ("capture", text),
        ("content_hash", text),
        ("changed_fields", pa.list_(text)),
    )
    types: dict[str, Any] = {
        "dw_id": number,
        "authors": pa.list_(text),
        "editors": pa.list_(text),
        "topics": structs(("name", text), ("topic_id", number), ("url", text)),
        "keywords": pa.list_(text),
        "wire": pa.struct([("agencies", pa.list_(text)), ("initials", pa.list_(text))]),
        "body": structs(("type", text), ("text", text)),
        "photos": structs(*photo),
        "media": structs(*medium),
        "duration_seconds": number,
        "links": pa.list_(text),
        "warnings": pa.list_(text),
        "cleaning": text,  # JSON text: see the module docstring
        "revisions": structs(*revision),
    } | dict.fromkeys(DATES, when)
    return pa.schema(
        [(name, types.get(name, text)) for name in FIELDS], metadata={"rights": RIGHTS}
    )


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None


def arrow_row(record: dict[str, Any]) -> dict[str, Any]:
    """Return a record as Parquet holds it: dates as UTC instants, `cleaning` as JSON text."""
    row = dict(record)
    cleaning = record.get("cleaning")
    row["cleaning"] = to_json(cleaning) if cleaning is not None else None
    for name in DATES:
        row[name] = _when(record[name])
    row["revisions"] = [r | {"fetched_at": _when(r["fetched_at"])} for r in record["revisions"]]
    return row


def write_parquet(records: Iterable[dict[str, Any]], path: Path) -> int:
    """Write a Parquet file (row groups of `PARQUET_BATCH` records); return the count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for record in records:
            batch.append(arrow_row(record))
            if len(batch) == PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def have_module(name: str) -> bool:
    """Return True if an optional module (pyarrow, datasets) is installed."""
    from importlib.util import find_spec

    return find_spec(name) is not None
