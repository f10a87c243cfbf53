"""`dwcrawler export --format hf -o DIR`: a Hugging Face `datasets` dataset with its card.

The records go through the Parquet writer (same schema and types), `datasets` turns the file
into a dataset saved with `save_to_disk` (open it with `datasets.load_from_disk(DIR)`), and
DIR gets a README.md dataset card: source, rights, counts, date range and the fields. Nothing
is fetched from the Hugging Face Hub. `datasets` is optional (`pip install 'dwcrawler[hf]'`).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from dwcrawler import __version__
from dwcrawler.cli.export_formats import FIELDS, write_parquet
from dwcrawler.db.queries import RIGHTS

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

SOURCE = "https://www.dw.com/sw"
MEANINGS = {
    "dw_id": "DW's numeric content id (the `a-…`, `video-…`, `audio-…` of the URL)",
    "url": "canonical page URL",
    "kind": "article, video, audio, gallery or liveblog",
    "title": "headline",
    "teaser": "standfirst",
    "published_at": "publication time (UTC)",
    "modified_at": "last modification DW gave (UTC)",
    "authors": "authors (Mwandishi)",
    "editors": "editors (Mhariri)",
    "topics": "DW topics: name, topic_id, url",
    "body": "body blocks in order: type (paragraph, subheading, quote) and text",
    "photos": "photos: role, image id, URL, caption, credit, agencies, photographers",
    "media": "videos and audio of the page",
    "status": "live, or gone (the page answered 404/410)",
    "first_seen_at": "first archived (UTC)",
    "last_seen_at": "last seen by a crawl (UTC)",
    "changed_at": "when this record last changed in the archive (UTC)",
    "revisions": "each stored content version: number, time, cause, changed fields",
    "text": "plain text: the body blocks joined by blank lines, subheadings included",
    "rights": "the rights statement",
}


@dataclass
class CardFacts:
    """What the card says about the records: counts and the publication date range."""

    articles: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    gone: int = 0
    photos: int = 0
    first: datetime | None = None
    last: datetime | None = None

    def watch(self, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """Pass records through, counting them."""
        for record in records:
            self.articles += 1
            self.kinds[record["kind"]] += 1
            self.gone += record["status"] == "gone"
            self.photos += len(record["photos"])
            if record["published_at"] is not None:
                when = datetime.fromisoformat(record["published_at"])
                self.first = when if self.first is None else min(self.first, when)
                self.last = when if self.last is None else max(self.last, when)
            yield record


def _size(count: int) -> str:
    bounds = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K")]
    return next((name for bound, name in bounds if count < bound), "100K<n<1M")


def card(facts: CardFacts, filters: str) -> str:
    """Return the README.md dataset card."""
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(facts.kinds.items())) or "none"
    span = (
        f"{facts.first.date().isoformat()} to {facts.last.date().isoformat()}"
        if facts.first and facts.last
        else "no dated articles"
    )
    rows = "\n".join(f"| `{name}` | {MEANINGS.get(name, '')} |" for name in FIELDS)
    return f"""---
language:
- sw
license: other
license_name: dw-copyright-not-relicensed
pretty_name: DW Kiswahili archive
size_categories:
- {_size(facts.articles)}
tags:
- news
- swahili
---

# DW Kiswahili archive

Pages of Deutsche Welle's Kiswahili service ({SOURCE}) as archived by dwcrawler {__version__},
exported {datetime.now(UTC).isoformat(timespec="seconds")}.

## Rights

{RIGHTS}

## Contents

- {facts.articles} records ({kinds}); {facts.gone} gone from dw.com since they were archived
- published from {span}
- {facts.photos} photo uses, each with its caption, credit, agencies and photographers
- selection: {filters}

## Loading

```python
import datasets
archive = datasets.load_from_disk("PATH/TO/THIS/FOLDER")
```

## Fields

| field | meaning |
|---|---|
{rows}
"""


def write_hf(records: Iterable[dict[str, Any]], directory: Path, filters: str) -> int:
    """Write the dataset and its card to `directory` (replaced only when complete)."""
    # Everything is local: never ask the Hub (and never hang without a network).
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
    import datasets

    if not sys.stderr.isatty():
        datasets.disable_progress_bars()  # a log file gets no bars drawn with \r
    work = directory.with_name(f".{directory.name}.{os.getpid()}.work")
    partial = directory.with_name(f".{directory.name}.{os.getpid()}.partial")
    old = directory.with_name(f".{directory.name}.{os.getpid()}.old")
    facts = CardFacts()
    try:
        work.mkdir()
        count = write_parquet(facts.watch(records), work / "records.parquet")
        dataset = datasets.Dataset.from_parquet(
            str(work / "records.parquet"), cache_dir=str(work / "cache")
        )
        dataset.info.description = f"DW Kiswahili archive ({SOURCE}), dwcrawler {__version__}"
        dataset.info.license = RIGHTS
        dataset.info.homepage = SOURCE
        dataset.save_to_disk(str(partial))
        del dataset
        (partial / "README.md").write_text(card(facts, filters), encoding="utf-8")
        if directory.exists():
            directory.rename(old)  # --force, or an empty folder
        partial.rename(directory)
    finally:
        for leftover in (work, partial, old):
            shutil.rmtree(leftover, ignore_errors=True)
    return count
