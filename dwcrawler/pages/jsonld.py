"""JSON-LD of current-design pages: one NewsArticle (or a video/audio object) per page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from dwcrawler.cleaning.bylines import NOT_PERSONS

_CONTENT_TYPES = frozenset(
    {
        "NewsArticle",
        "Article",
        "ReportageNewsArticle",
        "VideoObject",
        "AudioObject",
        "ImageGallery",
        "LiveBlogPosting",
        "BlogPosting",
        "WebPage",
    }
)


@dataclass(frozen=True, slots=True)
class LinkedData:
    """The fields dwcrawler reads from a page's JSON-LD."""

    url: str | None = None
    headline: str | None = None
    date_published: str | None = None
    date_modified: str | None = None
    authors: tuple[str, ...] = ()
    type: str | None = None


def _objects(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    if isinstance(value, dict):
        graph = value.get("@graph")
        return _objects(graph) if isinstance(graph, list) else [value]
    return []


def _str(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _authors(value: Any) -> tuple[str, ...]:
    names = []
    for author in _objects(value) if not isinstance(value, str) else [{"name": value}]:
        name = _str(author.get("name"))
        # With no named person DW puts the Organization "Deutsche Welle" here: not an author.
        if name and author.get("@type") != "Organization" and name.casefold() not in NOT_PERSONS:
            names.append(name)
    return tuple(names)


def parse_linked_data(scripts: list[str]) -> tuple[LinkedData | None, list[str]]:
    """Return the page's content object from its JSON-LD scripts, and warnings."""
    warnings: list[str] = []
    for script in scripts:
        try:
            decoded = orjson.loads(script)
        except (orjson.JSONDecodeError, RecursionError):
            warnings.append("invalid-json-ld: a JSON-LD script is not valid JSON; ignored")
            continue
        for obj in _objects(decoded):
            kind = obj.get("@type")
            # "@type" is a string or a list of them; anything else names no content type.
            kinds = {k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)}
            if not kinds & _CONTENT_TYPES:
                continue
            page = obj.get("mainEntityOfPage")
            url = _str(page.get("@id")) if isinstance(page, dict) else _str(page)
            return LinkedData(
                url=url or _str(obj.get("url")),
                headline=_str(obj.get("headline")) or _str(obj.get("name")),
                date_published=_str(obj.get("datePublished")) or _str(obj.get("uploadDate")),
                date_modified=_str(obj.get("dateModified")),
                authors=_authors(obj.get("author")),
                type=next((k for k in kinds if isinstance(k, str)), None),
            ), warnings
    return None, warnings
