"""Video and audio: video.js players of the current design, hidden inputs of classic `av-` pages."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from dwcrawler.items import MediaItem, MediaType
from dwcrawler.pages.html import has_class, int_or_none, text_of

if TYPE_CHECKING:
    from lxml.html import HtmlElement

SITE = "https://www.dw.com/"
_CLOCK = re.compile(r"(?<![\d:])(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?![\d:])")


def absolute(url: str | None) -> str | None:
    """Return a media or poster URL made absolute against dw.com ("/image/…" → https://…)."""
    url = url.strip() if url else None
    if not url:
        return None
    if url.startswith(("https://", "http://")):
        return url  # the usual case, without urljoin's parsing
    return urljoin(SITE, url)


def parse_duration(text: str | int | None) -> int | None:
    """Parse "03:38", "1:02:03", "42:35 Min." or a number of seconds into seconds."""
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text if text >= 0 else None
    stripped = text.strip()
    if stripped.isdigit():
        return int(stripped)
    match = _CLOCK.search(stripped)
    if match is None:
        return None
    hours, minutes, seconds = int(match[1] or 0), int(match[2]), int(match[3])
    return hours * 3600 + minutes * 60 + seconds if seconds < 60 else None


def media_type_of(source_type: str | None, url: str, default: MediaType) -> MediaType:
    """Guess audio or video from a `<source type>` or the file extension."""
    if source_type and source_type.startswith("audio/"):
        return "audio"
    if source_type and source_type.startswith("video/"):
        return "video"
    return "audio" if url.lower().split("?")[0].endswith((".mp3", ".m4a", ".aac")) else default


def player_media(wrapper: HtmlElement) -> list[MediaItem]:
    """Read a `div.vjs-wrapper`: one item per source URL, sharing the media id and title."""
    found: list[MediaItem] = []
    headline = next((h for h in wrapper.iter("h2", "h3") if has_class(h, "headline")), None)
    title = text_of(headline).strip() if headline is not None else None
    for player in wrapper.iter("video", "audio"):
        kind: MediaType = "audio" if player.tag == "audio" else "video"
        media_id = int_or_none(player.get("data-id")) or int_or_none(
            (player.get("id") or "").rpartition("-")[2]
        )
        duration = parse_duration(player.get("data-duration"))
        poster = absolute(player.get("data-posterurl"))
        sources = [(s.get("src"), s.get("type")) for s in player.iter("source")]
        if player.get("src"):
            sources.insert(0, (player.get("src"), player.get("type")))
        for raw, source_type in sources:
            src = absolute(raw)
            if not src or not src.startswith(("http://", "https://")):
                continue
            found.append(
                MediaItem(
                    type=media_type_of(source_type, src, kind),
                    url=src,
                    media_id=media_id,
                    title=title or None,
                    duration_seconds=duration,
                    poster_url=poster,
                )
            )
    return found


def classic_inputs(inputs: list[HtmlElement]) -> dict[str, str]:
    """Collect a classic media page's hidden inputs (name → value), first value wins."""
    values: dict[str, str] = {}
    for element in inputs:
        name, value = element.get("name"), element.get("value")
        if name and value is not None and name not in values:
            values[name] = value.strip()
    return values


def classic_media(values: dict[str, str], title: str | None) -> list[MediaItem]:
    """Turn classic hidden inputs (file_name, player_type, file_duration…) into media."""
    url = absolute(values.get("file_name")) or ""
    if not url.startswith(("http://", "https://")):
        return []
    default: MediaType = "audio" if values.get("player_type") == "audio" else "video"
    return [
        MediaItem(
            type=media_type_of(None, url, default),
            url=url,
            media_id=int_or_none(values.get("media_id")),
            title=values.get("media_title") or title,
            duration_seconds=parse_duration(values.get("file_duration")),
            poster_url=absolute(values.get("preview_image")),
        )
    ]
