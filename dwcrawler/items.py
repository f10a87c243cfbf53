"""The item contract between layers: page objects produce these, pipelines clean and store them.

Every item is a frozen dataclass. `article_to_dict` / `article_from_dict` give the JSON schema
that `dwcrawler extract` prints and `dwcrawler export` writes, so the schema lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from typing import Any, Literal, get_args

Kind = Literal["article", "video", "audio", "gallery", "liveblog"]
Design = Literal["current", "classic"]
BlockType = Literal["paragraph", "subheading", "quote"]
PhotoRole = Literal["hero", "inline", "gallery"]
MediaType = Literal["video", "audio"]
DatePrecision = Literal["second", "day"]
# What the item was read from: a page's HTML, or a text rendering of it (a WET record, a copy
# from a browser), which carries less: no image URLs, no page data, dates without a time.
Capture = Literal["html", "text"]

KINDS: tuple[Kind, ...] = get_args(Kind)
CAPTURES: tuple[Capture, ...] = get_args(Capture)
PHOTO_ROLES: tuple[PhotoRole, ...] = get_args(PhotoRole)


@dataclass(frozen=True, slots=True)
class BodyBlock:
    """One block of article text, in page order."""

    type: BlockType
    text: str


@dataclass(frozen=True, slots=True)
class PhotoItem:
    """One photo as shown in one article: caption and credit kept apart, alt never in text."""

    position: int  # 0-based order of appearance in the article (hero first)
    role: PhotoRole
    image_id: int | None  # DW's numeric image id; None only where the page gives no id
    url: str  # a real image URL (the `${formatId}` template resolved to a size); "" from a text
    url_template: str | None = None  # DW's template with `${formatId}`, kept for other sizes
    alt: str | None = None  # often DW's German archive name: metadata, never body text
    caption: str | None = None
    credit: str | None = None  # without the "Picha:" / "Bild:" prefix


@dataclass(frozen=True, slots=True)
class MediaItem:
    """A video or audio stream attached to a page (the page's own media or an embed)."""

    type: MediaType
    url: str  # stream or file URL (HLS master, mp4, mp3)
    media_id: int | None = None
    title: str | None = None
    duration_seconds: int | None = None
    poster_url: str | None = None


@dataclass(frozen=True, slots=True)
class TopicItem:
    """A DW topic (`/t-<id>`) the article is filed under."""

    name: str
    topic_id: int | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class CaptureRef:
    """Where the bytes of a response are kept: one record of this project's WARC files.

    `file` is relative to the WARC folder (or absolute, for files kept elsewhere); `offset` is
    the record's byte offset in it; `date` its WARC-Date; `digest` its payload digest.
    """

    file: str
    offset: int
    date: datetime
    digest: str | None = None


@dataclass(frozen=True, slots=True)
class FetchInfo:
    """HTTP facts about the response an item came from; set by the spider, None offline."""

    fetched_at: datetime
    url: str | None = None  # the DW URL that was asked for (canonical), which the page must be
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None  # the raw Last-Modified header, sent back as-is
    sitemap_lastmod: datetime | None = None
    capture: CaptureRef | None = None  # the WARC record of the body (None: WARC off)


@dataclass(frozen=True, slots=True)
class ArticleItem:
    """One DW content page (article, video, audio, gallery or liveblog), cleaned and typed."""

    dw_id: int
    url: str  # canonical https://www.dw.com/sw/<slug>/<prefix>-<id>
    kind: Kind
    language: str  # "sw" for Kiswahili pages
    design: Design
    title: str
    teaser: str | None = None
    published_at: datetime | None = None  # timezone-aware
    modified_at: datetime | None = None
    date_precision: DatePrecision | None = None  # "day": the page gave a date without a time
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()  # "Mhariri: …" lines
    kicker: str | None = None
    topics: tuple[TopicItem, ...] = ()
    keywords: tuple[str, ...] = ()  # classic pages: the keyword list and <meta name=keywords>
    wire: WireItem | None = None  # the agency sign-off, moved out of the body
    body: tuple[BodyBlock, ...] = ()
    photos: tuple[PhotoItem, ...] = ()
    media: tuple[MediaItem, ...] = ()
    duration_seconds: int | None = None  # the page's own media length (video/audio pages)
    permalink: str | None = None  # https://p.dw.com/p/<code>
    # Page furniture: links to other DW pages (related, more on topic, in-text). Used for
    # discovery only; never part of the content hash, so it never makes a revision.
    links: tuple[str, ...] = ()
    # Disagreements between the page data and the rendered HTML, and other oddities worth a log
    # line; never stored as content.
    warnings: tuple[str, ...] = ()
    # What each furniture rule removed from this page: rule name → count (docs/extraction.md).
    # Problems go to `warnings`; this is the account of every removal, never content.
    cleaning: dict[str, int] = field(default_factory=dict)
    extractor_version: str = ""
    capture: Capture = "html"
    fetch: FetchInfo | None = field(default=None, compare=False)

    @property
    def body_text(self) -> str:
        """The body as plain text, blocks separated by blank lines."""
        return "\n\n".join(block.text for block in self.body)


@dataclass(frozen=True, slots=True)
class GoneItem:
    """A stored page that now answers 404 or 410: mark the article gone, delete nothing."""

    url: str
    dw_id: int
    status: int
    checked_at: datetime
    # The sitemap lastmod that made the crawler re-check: stored, so a page DW leaves listed
    # after taking it down is not re-checked for the same lastmod every run.
    sitemap_lastmod: datetime | None = None


@dataclass(frozen=True, slots=True)
class NotModifiedItem:
    """A stored page that answered 304: only `last_seen_at` (and the sitemap's lastmod) move."""

    url: str
    dw_id: int
    checked_at: datetime
    # The sitemap lastmod that made the crawler re-check: stored, so the same lastmod does not
    # trigger another re-check next run.
    sitemap_lastmod: datetime | None = None


@dataclass(frozen=True, slots=True)
class WireItem:
    """An agency sign-off ("nob/uh (dpa, afp)"): the agencies whose copy the text rests on."""

    agencies: tuple[str, ...]  # archive spelling: "Reuters" for "rtr", as in photo credits
    initials: tuple[str, ...] = ()  # the editors' initials, as printed


# --- JSON schema ---------------------------------------------------------------------------

_ISO_FIELDS = ("published_at", "modified_at")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def article_to_dict(item: ArticleItem) -> dict[str, Any]:
    """Render an item as the JSON object `dwcrawler extract` prints (JSON-safe values only)."""
    return {
        "dw_id": item.dw_id,
        "url": item.url,
        "kind": item.kind,
        "language": item.language,
        "design": item.design,
        "title": item.title,
        "teaser": item.teaser,
        "published_at": _iso(item.published_at),
        "modified_at": _iso(item.modified_at),
        "date_precision": item.date_precision,
        "authors": list(item.authors),
        "editors": list(item.editors),
        "kicker": item.kicker,
        "topics": [_plain(topic) for topic in item.topics],
        "keywords": list(item.keywords),
        "wire": _wire(item.wire),
        "body": [_plain(block) for block in item.body],
        "photos": [_plain(photo) for photo in item.photos],
        "media": [_plain(medium) for medium in item.media],
        "duration_seconds": item.duration_seconds,
        "permalink": item.permalink,
        "links": list(item.links),
        "warnings": list(item.warnings),
        "cleaning": dict(item.cleaning),
        "extractor_version": item.extractor_version,
        "capture": item.capture,
    }


def _wire(wire: WireItem | None) -> dict[str, list[str]] | None:
    if wire is None:
        return None
    return {"agencies": list(wire.agencies), "initials": list(wire.initials)}


def _plain(obj: BodyBlock | PhotoItem | MediaItem | TopicItem) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


def article_from_dict(data: dict[str, Any]) -> ArticleItem:
    """Rebuild an item from `article_to_dict` output (golden files, exports, benchmarks).

    Keys the item does not know (for example an export's `first_seen_at`) are ignored.
    """
    known = {f.name for f in fields(ArticleItem)}
    values: dict[str, Any] = {k: v for k, v in data.items() if k in known and k != "fetch"}
    for name in _ISO_FIELDS:
        if values.get(name) is not None:
            values[name] = datetime.fromisoformat(values[name])
    values["authors"] = tuple(values.get("authors", ()))
    values["editors"] = tuple(values.get("editors", ()))
    values["links"] = tuple(values.get("links", ()))
    values["keywords"] = tuple(values.get("keywords") or ())  # None: an older extractor's row
    values["cleaning"] = dict(values.get("cleaning") or {})
    values["capture"] = values.get("capture") or "html"  # None: a row from before text captures
    wire = values.get("wire")
    values["wire"] = (
        WireItem(tuple(wire["agencies"]), tuple(wire.get("initials", ()))) if wire else None
    )
    values["warnings"] = tuple(values.get("warnings", ()))
    values["topics"] = tuple(TopicItem(**t) for t in values.get("topics", ()))
    values["body"] = tuple(BodyBlock(**b) for b in values.get("body", ()))
    photo_fields = {f.name for f in fields(PhotoItem)}  # an export's photos carry more keys
    values["photos"] = tuple(
        PhotoItem(**{k: v for k, v in p.items() if k in photo_fields})
        for p in values.get("photos", ())
    )
    values["media"] = tuple(MediaItem(**m) for m in values.get("media", ()))
    return ArticleItem(**values)


def with_fetch(item: ArticleItem, fetch: FetchInfo) -> ArticleItem:
    """Return the item with the HTTP facts of the response it came from."""
    return replace(item, fetch=fetch)
