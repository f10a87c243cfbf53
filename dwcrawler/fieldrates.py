"""Field fill rates: notice when DW changes its markup under us (pure logic, no Scrapy).

A redesign rarely breaks a crawl loudly: pages still download, but fields come back empty. Each
run counts, per field, how many stored items had it filled. Fields every DW page has (title,
body, published date) get absolute minimum rates; fields that are often legitimately absent
(authors, captions, …) alarm only when they fall far below the mean of the last runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from dwcrawler.items import ArticleItem

FIELDS: tuple[str, ...] = (
    "title",
    "teaser",
    "body",
    "published_at",
    "authors",
    "photos",
    "captions",
    "credits",
)


def filled_fields(item: ArticleItem) -> set[str]:
    """Return the monitored fields this item has filled (captions/credits: on any photo)."""
    checks = {
        "title": bool(item.title and item.title.strip()),
        "teaser": bool(item.teaser and item.teaser.strip()),
        "body": any(block.text.strip() for block in item.body),
        "published_at": item.published_at is not None,
        "authors": bool(item.authors),
        "photos": bool(item.photos),
        "captions": any(photo.caption for photo in item.photos),
        "credits": any(photo.credit for photo in item.photos),
    }
    return {name for name, filled in checks.items() if filled}


def fill_rates(filled: Mapping[str, int], total: int) -> dict[str, float]:
    """Return each field's share of filled items (0.0 to 1.0); empty when nothing was stored."""
    if total <= 0:
        return {}
    return {name: filled.get(name, 0) / total for name in FIELDS}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a fill rate alarms: absolute minimums, and a drop relative to recent runs."""

    minimum: Mapping[str, float]  # field → lowest acceptable rate
    relative_drop: float = 0.5  # alarm below this share of the recent mean
    min_items: int = 5  # fewer stored items than this: rates say nothing, no alarm


@dataclass(frozen=True, slots=True)
class FieldAlarm:
    """A field whose fill rate fell below its threshold."""

    field: str
    rate: float
    threshold: float
    recent_mean: float | None  # set for relative alarms
    items: int

    def message(self) -> str:
        """Return the one log line that names the field and the rates."""
        base = f"field-rate alarm: '{self.field}' filled in {self.rate:.0%} of {self.items} items"
        if self.recent_mean is None:
            return f"{base}, below the minimum {self.threshold:.0%}"
        return (
            f"{base}, far below the mean of recent runs {self.recent_mean:.0%} "
            f"(alarm under {self.threshold:.0%}): has DW changed its pages?"
        )


def check_rates(
    rates: Mapping[str, float],
    items: int,
    history: Sequence[Mapping[str, float]],
    thresholds: Thresholds,
) -> list[FieldAlarm]:
    """Return the alarms for this run's rates, given earlier runs' rates (newest first)."""
    if items < thresholds.min_items:
        return []
    alarms: list[FieldAlarm] = []
    for name in FIELDS:
        rate = rates.get(name, 0.0)
        if name in thresholds.minimum:
            minimum = thresholds.minimum[name]
            if rate < minimum:
                alarms.append(FieldAlarm(name, rate, minimum, None, items))
            continue
        past = [run[name] for run in history if name in run]
        if not past:
            continue
        mean = fmean(past)
        threshold = mean * thresholds.relative_drop
        if mean > 0 and rate < threshold:
            alarms.append(FieldAlarm(name, rate, threshold, mean, items))
    return alarms
