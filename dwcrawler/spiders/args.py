"""The dw_sw spider's `-a` arguments as one frozen, typed, validated dataclass.

`scrapy crawl dw_sw -a mode=backfill -a since=2019-01-01 -a until=2019-12-31`; a bad argument
raises SpiderArgumentError, whose one-line message the `crawl` command prints (no traceback).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args
from urllib.parse import urlsplit

from dwcrawler.urls import DW_ORIGIN, LANGUAGE, is_dw_origin, parse_content_url

if TYPE_CHECKING:
    from collections.abc import Mapping

    from dwcrawler.db.runs import CrawlRunInfo

Mode = Literal["update", "backfill", "urls"]
MODES: tuple[Mode, ...] = get_args(Mode)
KNOWN = ("mode", "since", "until", "urls")


class SpiderArgumentError(ValueError):
    """A spider argument is wrong; `str(e)` is the one line shown to the user."""


def _parse_date(name: str, value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise SpiderArgumentError(
            f"{name}={value!r} is not a date: use YYYY-MM-DD, e.g. -a {name}=2019-01-31"
        ) from None


def _parse_urls(value: str) -> tuple[str, ...]:
    """Split a comma- or space-separated list; `@FILE` reads one URL per line."""
    if value.startswith("@"):
        path = Path(value[1:]).expanduser()
        try:
            value = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise SpiderArgumentError(f"urls={value}: cannot read {path}: {exc.strerror}") from None
    lines = (line.split("#", 1)[0] for line in value.splitlines())  # `# …` comments in files
    urls = tuple(part for line in lines for part in line.replace(",", " ").split())
    for url in urls:
        ref = parse_content_url(url)
        if ref is None:
            raise SpiderArgumentError(
                f"urls: {url!r} is not a DW content page URL (…/<slug>/a-<id>, video-, audio-, …)"
            )
        if ref.language != LANGUAGE:
            raise SpiderArgumentError(f"urls: {url!r} is not a Kiswahili page (/{LANGUAGE}/…)")
    return urls


@dataclass(frozen=True, slots=True)
class CrawlArgs:
    """What one run crawls: `update` (default), `backfill` [since, until], or given `urls`."""

    mode: Mode = "update"
    since: date | None = None
    until: date | None = None
    urls: tuple[str, ...] = ()

    @classmethod
    def parse(cls, raw: Mapping[str, object]) -> CrawlArgs:
        """Validate the raw `-a` arguments; raise SpiderArgumentError with one clear line."""
        unknown = sorted(set(raw) - set(KNOWN))
        if unknown:
            raise SpiderArgumentError(
                f"unknown argument(s) {', '.join(unknown)}; dw_sw takes {', '.join(KNOWN)}"
            )
        values = {key: str(value) for key, value in raw.items()}
        mode = values.get("mode", "update").strip()
        if mode not in MODES:
            raise SpiderArgumentError(f"mode={mode!r}: use one of {', '.join(MODES)}")
        since = _parse_date("since", values["since"]) if "since" in values else None
        until = _parse_date("until", values["until"]) if "until" in values else None
        if (since or until) and mode != "backfill":
            raise SpiderArgumentError("since/until only apply to -a mode=backfill")
        if since and until and since > until:
            raise SpiderArgumentError(f"since={since} is after until={until}")
        urls = _parse_urls(values["urls"]) if "urls" in values else ()
        if mode == "urls" and not urls:
            raise SpiderArgumentError("mode=urls needs -a urls=URL[,URL…] (or urls=@FILE)")
        if urls and mode != "urls":
            raise SpiderArgumentError("urls=… needs -a mode=urls")
        return cls(mode=mode, since=since, until=until, urls=urls)

    def window(self) -> tuple[datetime | None, datetime | None]:
        """Return the backfill window as aware datetimes [since 00:00, until+1 00:00) in UTC."""
        start = datetime.combine(self.since, time(), tzinfo=UTC) if self.since else None
        end = (
            datetime.combine(self.until + timedelta(days=1), time(), tzinfo=UTC)
            if self.until
            else None
        )
        return start, end


def update_since(last: CrawlRunInfo | None, default_window: timedelta) -> datetime:
    """Return where an update run's lastmod window starts.

    At the start of the last successful run, less an hour of overlap (a page DW edited while
    that run read the sitemaps). If that run lost pages (requests that failed for good, invalid
    items, failed writes), its own window start is kept, so those pages are tried again. With no earlier success:
    `default_window` back from now.
    """
    if last is None:
        return datetime.now(UTC) - default_window
    counters = last.counters or {}
    kept = counters.get("window_since")
    if counters.get("lost") and isinstance(kept, str):
        return datetime.fromisoformat(kept)
    return last.started_at - timedelta(hours=1)


def check_base_url(value: object) -> str:
    """Validate DW_BASE_URL (an http(s) origin) and normalise it; SpiderArgumentError if bad.

    Any of DW's own page hosts (bare, www, amp, m; any case) means the real site,
    https://www.dw.com; another origin keeps its scheme and port, its host lower-cased.
    """
    text = str(value or "").strip()
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"} or not parts.netloc or parts.path.strip("/"):
        raise SpiderArgumentError(
            f"DW_BASE_URL={text!r} is not an origin like https://www.dw.com or http://127.0.0.1:8000"
        )
    netloc = parts.netloc.lower()
    return DW_ORIGIN if is_dw_origin(f"{scheme}://{netloc}") else f"{scheme}://{netloc}"
