"""Export writers: JSON lines, CSV and Parquet, one record per article, streamed in batches.

Parquet gets an explicit Arrow schema (nested lists of structs for body, photos, topics, media
and revisions), so every file has the same columns and types whatever its first rows hold;
timestamps stay ISO 8601 strings, exactly as in the JSON lines. The `cleaning` account (rule →
count, open-ended keys) is JSON text there: Arrow's map type does not load into pandas rows as
a dict nor into Hugging Face datasets at all. pyarrow is optional
(`pip install 'dwcrawler[parquet]'`).
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any, TextIO

from dwcrawler.cli.output import to_json

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

FORMATS = ("jsonl", "csv", "parquet")
PARQUET_BATCH = 1000


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write one JSON object per line; return the number written."""
    count = 0
    for record in records:
        out.write(to_json(record) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write CSV with a header from the first record; nested values as JSON text."""
    writer: csv.DictWriter[str] | None = None
    count = 0
    for record in records:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(record))
            writer.writeheader()
        writer.writerow(
            {k: to_json(v) if isinstance(v, list | dict) else v for k, v in record.items()}
        )
        count += 1
    return count


def parquet_schema() -> Any:
    """Return the Arrow schema of an export record."""
    import pyarrow as pa

    text, number = pa.string(), pa.int64()

    def structs(*fields: tuple[str, Any]) -> Any:
        return pa.list_(pa.struct(list(fields)))

    return pa.schema(
        [
            ("dw_id", number),
            ("url", text),
            ("kind", text),
            ("language", text),
            ("design", text),
            ("title", text),
            ("teaser", text),
            ("published_at", text),
            ("modified_at", text),
            ("date_precision", text),
            ("authors", pa.list_(text)),
            ("editors", pa.list_(text)),
            ("kicker", text),
            ("topics", structs(("name", text), ("topic_id", number), ("url", text))),
            ("keywords", pa.list_(text)),
            ("wire", pa.struct([("agencies", pa.list_(text)), ("initials", pa.list_(text))])),
            ("body", structs(("type", text), ("text", text))),
            (
                "photos",
                structs(
                    ("position", number),
                    ("role", text),
                    ("image_id", number),
                    ("url", text),
                    ("url_template", text),
                    ("alt", text),
                    ("caption", text),
                    ("credit", text),
                ),
            ),
            (
                "media",
                structs(
                    ("type", text),
                    ("url", text),
                    ("media_id", number),
                    ("title", text),
                    ("duration_seconds", number),
                    ("poster_url", text),
                ),
            ),
            ("duration_seconds", number),
            ("permalink", text),
            ("links", pa.list_(text)),
            ("warnings", pa.list_(text)),
            ("cleaning", text),  # JSON text: see the module docstring
            ("extractor_version", text),
            ("status", text),
            ("first_seen_at", text),
            ("last_seen_at", text),
            (
                "revisions",
                structs(
                    ("revision", number),
                    ("fetched_at", text),
                    ("content_hash", text),
                    ("changed_fields", pa.list_(text)),
                ),
            ),
        ]
    )


def write_parquet(records: Iterable[dict[str, Any]], path: Path) -> int:
    """Write a Parquet file (row groups of `PARQUET_BATCH` records); return the count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for record in records:
            batch.append(_parquet_row(record))
            if len(batch) == PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def _parquet_row(record: dict[str, Any]) -> dict[str, Any]:
    cleaning = record.get("cleaning")
    return {**record, "cleaning": to_json(cleaning) if cleaning is not None else None}


def have_pyarrow() -> bool:
    """Return True if pyarrow is installed (Parquet export needs it)."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True
