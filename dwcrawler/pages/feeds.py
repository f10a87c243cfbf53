"""RSS feeds (RSS 1.0 RDF, RSS 2.0, Atom) → the content URLs they list, with their dates.

DW serves `rss.dw.com/rdf/<name>` (RSS 1.0) and `/xml/<name>` (RSS 2.0); links carry `?maca=`
tracking and raw UTF-8 slugs. Entries come back as canonical DW URLs; the parser is hardened
(no entity expansion, no network, no huge trees) because a feed is untrusted input.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from lxml import etree

from dwcrawler.urls import parse_content_url

_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rss1": "http://purl.org/rss/1.0/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "atom": "http://www.w3.org/2005/Atom",
    "dwsyn": "http://rss.dw.com/syndication/dwsyn/",
}


class FeedError(ValueError):
    """The document is not a feed this module can read; `str(e)` is one line."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One feed item that links to a DW content page."""

    url: str  # canonical https://www.dw.com/<lang>/<slug>/<prefix>-<id>
    dw_id: int
    title: str | None
    published_at: datetime | None  # timezone-aware


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
    )


def parse_date(text: str | None) -> datetime | None:
    """Parse an ISO 8601 (`dc:date`, Atom) or RFC 822 (`pubDate`) date; naive means UTC."""
    if not text or not text.strip():
        return None
    text = text.strip()
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _text(element: etree._Element, path: str) -> str | None:
    found = element.find(path, _NS)
    return found.text.strip() if found is not None and found.text else None


def _raw_entries(root: etree._Element) -> list[tuple[str | None, str | None, str | None]]:
    """Return (link, title, date) per item, whatever the feed format."""
    tag = etree.QName(root).localname
    if tag == "RDF":
        return [
            (
                _text(item, "rss1:link") or item.get(f"{{{_NS['rdf']}}}about"),
                _text(item, "rss1:title"),
                _text(item, "dc:date"),
            )
            for item in root.iterfind("rss1:item", _NS)
        ]
    if tag == "rss":
        return [
            (
                _text(item, "link") or _text(item, "guid"),
                _text(item, "title"),
                _text(item, "pubDate") or _text(item, "dc:date"),
            )
            for item in root.iterfind("channel/item")
        ]
    if tag == "feed":
        entries = []
        for entry in root.iterfind("atom:entry", _NS):
            link = entry.find("atom:link[@href]", _NS)
            entries.append(
                (
                    link.get("href") if link is not None else None,
                    _text(entry, "atom:title"),
                    _text(entry, "atom:published") or _text(entry, "atom:updated"),
                )
            )
        return entries
    raise FeedError(f"not an RSS or Atom feed (root element <{tag}>)")


def parse_feed(body: bytes) -> list[FeedEntry]:
    """Return the DW content pages a feed lists, in feed order, once each.

    Raises FeedError for a document that is not well-formed XML or not a feed.
    """
    # DW's RDF feeds are served with white space before the XML declaration, which XML forbids.
    try:
        root = etree.fromstring(body.lstrip(), _parser())
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"malformed feed XML: {exc}") from None
    if root is None:
        raise FeedError("empty feed document")
    entries: list[FeedEntry] = []
    seen: set[int] = set()
    for link, title, date in _raw_entries(root):
        ref = parse_content_url(link) if link else None
        if ref is None or ref.dw_id in seen:
            continue
        seen.add(ref.dw_id)
        entries.append(FeedEntry(ref.canonical, ref.dw_id, title, parse_date(date)))
    return entries
