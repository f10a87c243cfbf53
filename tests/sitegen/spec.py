"""The page spec: the truth a generated page is rendered from and checked against.

A spec says what the article *is* (title, teaser, paragraphs, photos with caption and credit,
authors, dates…) and how DW happened to render it this time (build hashes, `span` or `div`
time area, percent-encoded canonical, page data kind…). `render_page` turns it into HTML;
`expected_dict` derives what `dwcrawler extract` must print from the spec alone.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

Design = Literal["current", "classic"]
Kind = Literal["article", "video", "audio", "gallery", "liveblog"]
PageDataMode = Literal["apollo", "app", "none", "invalid"]
AuthorDisplay = Literal["header", "text", "both"]
ExtraKind = Literal["promo", "signoff", "readmore", "ad", "skip"]

PREFIXES: dict[str, str] = {
    "article": "a",
    "video": "video",
    "audio": "audio",
    "gallery": "g",
    "liveblog": "live",
}


@dataclass(frozen=True, slots=True)
class Link:
    """A link on a phrase of a paragraph (the phrase must occur in the text)."""

    phrase: str
    href: str  # "/sw/slug/a-123" (internal) or "https://…" (external, gets DW's svg icon)


@dataclass(frozen=True, slots=True)
class Text:
    """A body block the extractor must return: paragraph, sub-heading or quote."""

    type: Literal["paragraph", "subheading", "quote"]
    text: str
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class PhotoSpec:
    """One DW image: German archive alt, Swahili caption (or none), credit without "Picha:"."""

    image_id: int
    alt: str
    caption: str | None
    credit: str | None


@dataclass(frozen=True, slots=True)
class InlinePhoto:
    """A photo inside the text."""

    photo: PhotoSpec


@dataclass(frozen=True, slots=True)
class MediaSpec:
    """A video or audio (the page's own, or embedded in the text)."""

    type: Literal["video", "audio"]
    media_id: int
    title: str
    duration_seconds: int
    poster_url: str | None = None

    @property
    def urls(self) -> tuple[str, ...]:
        """Stream URLs in page order: HLS then mp4 for video, mp3 for audio."""
        if self.type == "audio":
            return (
                f"https://radiodownloaddw-a.akamaihd.net/Events/dwelle/dira/mp3/swa/{self.media_id}_sw.mp3",
            )
        base = f"sw{self.media_id}_swahili"
        return (
            f"https://hlsvod.dw.com/i/dwtv_video/flv/sw/{base}_,AVC_480x270,AVC_1280x720,.mp4.csmil/master.m3u8",
            f"https://tvdownloaddw-a.akamaihd.net/dwtv_video/flv/sw/{base}_AVC_1280x720.mp4",
        )


@dataclass(frozen=True, slots=True)
class Embed:
    """A video.js player inside the text."""

    media: MediaSpec


@dataclass(frozen=True, slots=True)
class Extra:
    """Text DW puts in the body that is not article text (promo, sign-off, "Soma pia", ad)."""

    kind: ExtraKind
    text: str = ""
    href: str | None = None  # the "Soma pia" link target


@dataclass(frozen=True, slots=True)
class Raw:
    """Markup written as it is (how a CMS editor wrote it), with what the page shows in it.

    `shows` are the blocks a reader sees in it; `removed` the furniture rules that must take
    the rest (a whole app promotion: "app_promo").
    """

    html: str
    shows: tuple[Text, ...] = ()
    removed: tuple[str, ...] = ()


BodyPart = Text | InlinePhoto | Embed | Extra | Raw


@dataclass(frozen=True, slots=True)
class TopicSpec:
    """A DW topic page the article is filed under."""

    name: str
    topic_id: int
    slug: str

    @property
    def path(self) -> str:
        """The topic's path on dw.com."""
        return f"/sw/{self.slug}/t-{self.topic_id}"


@dataclass(frozen=True, slots=True)
class Teaser:
    """A teaser card for another page (related, top story)."""

    title: str
    path: str  # "/sw/slug/a-123"


@dataclass(frozen=True, slots=True)
class PostSpec:
    """One liveblog post."""

    post_id: int
    title: str
    published_at: datetime
    body: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class PageSpec:
    """Everything a generated DW Kiswahili page shows, and how it is rendered."""

    dw_id: int
    slug: str
    title: str
    teaser: str | None
    published_at: datetime
    kind: Kind = "article"
    design: Design = "current"
    av_prefix: bool = False  # classic media pages live under /av-<id>
    modified_at: datetime | None = None
    kicker: str | None = "Afrika"
    region: TopicSpec | None = None
    authors: tuple[str, ...] = ()
    author_display: AuthorDisplay = "header"
    editors: tuple[str, ...] = ()
    hero: PhotoSpec | None = None
    body: tuple[BodyPart, ...] = ()
    topics: tuple[TopicSpec, ...] = ()
    related: tuple[Teaser, ...] = ()
    top_stories: tuple[Teaser, ...] = ()
    permalink_code: str = "4abcD"
    media: MediaSpec | None = None
    gallery: tuple[PhotoSpec, ...] = ()
    posts: tuple[PostSpec, ...] = ()
    # --- how DW rendered it (the extractor must not care) ---
    build: int = 0  # seeds the generated sc-* class hashes
    time_tag: Literal["span", "div"] = "span"
    relative_time: bool = False
    canonical_encoding: Literal["percent", "raw"] = "percent"
    aside_tracking: bool = True
    hero_in_text: bool = False
    page_data: PageDataMode = "apollo"
    data_title: str | None = None  # page data title differing from the HTML's (a disagreement)
    drop_captions: bool = False  # a "redesign": figcaptions and caption data are gone
    chrome: Literal["full", "lean"] = "full"  # "lean" skips navigation/CSS padding

    @property
    def prefix(self) -> str:
        """The URL prefix: a, video, audio, g, live; av for classic media pages."""
        return "av" if self.av_prefix else PREFIXES[self.kind]

    @property
    def path(self) -> str:
        """The page's path (Unicode slug)."""
        return f"/sw/{unicodedata.normalize('NFC', self.slug)}/{self.prefix}-{self.dw_id}"

    @property
    def url(self) -> str:
        """The canonical URL, as `dwcrawler extract` prints it."""
        return f"https://www.dw.com{self.path}"

    @property
    def lastmod(self) -> datetime:
        """When the page last changed (for sitemaps)."""
        return self.modified_at or self.published_at


def revise(spec: PageSpec, index: int, text: str, modified_at: datetime | None = None) -> PageSpec:
    """Return the spec with its `index`-th text block replaced (an edited article)."""
    texts = [i for i, part in enumerate(spec.body) if isinstance(part, Text)]
    position = texts[index]
    old = spec.body[position]
    assert isinstance(old, Text)
    body = (*spec.body[:position], replace(old, text=text, links=()), *spec.body[position + 1 :])
    return replace(spec, body=body, modified_at=modified_at or spec.lastmod + timedelta(hours=1))
