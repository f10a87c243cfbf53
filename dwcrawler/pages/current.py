"""The current (React) design: page data and JSON-LD first, the rendered HTML only when needed.

Every current-design page carries its content as page data (`__APOLLO_STATE__`, JSON-LD). The
page object reads that first and parses only the article's own HTML fragment (`Article.text`);
`needs_dom()` says when the rendered page must be parsed too: no page data, data that
disagrees with the head (`crosscheck`), or content the data lacks. With a DOM attached, every
field is read from both and a disagreement becomes a warning. One method per item field;
`to_item()` assembles the raw item (cleaning comes after).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any, Literal

from dwcrawler.cleaning.bylines import split_names
from dwcrawler.cleaning.dates import Precision, day_start, parse_day, parse_iso
from dwcrawler.cleaning.text import normalize_inline, strip_title_suffix
from dwcrawler.items import ArticleItem, Kind, MediaItem, PhotoItem, TopicItem
from dwcrawler.pages import selectors as S
from dwcrawler.pages.common import Notes, first_text, resolve_ref, scan_links, topic_item
from dwcrawler.pages.content import (
    enrich_inline,
    gallery_photos,
    hero_photo,
    liveblog_posts,
    page_media,
    rich_text,
)
from dwcrawler.pages.crosscheck import data_lacks_content, head_disagrees
from dwcrawler.pages.data import load_page_data
from dwcrawler.pages.errors import BrokenPage
from dwcrawler.pages.html import first, text_of
from dwcrawler.pages.jsonld import parse_linked_data
from dwcrawler.urls import parse_content_url

DomScope = Literal["none", "player", "all"]

if TYPE_CHECKING:
    from datetime import datetime

    from parsel import Selector

    from dwcrawler.pages.head import PageHead
    from dwcrawler.pages.richtext import RichText


class CurrentPage:
    """A current-design DW page (article, video, audio, gallery, liveblog)."""

    def __init__(self, head: PageHead, text: str, url: str | None) -> None:
        self.head = head
        self.text = text
        self.notes = Notes()
        self.ld, ld_notes = parse_linked_data(list(head.json_ld))
        self.notes.items.extend(ld_notes)
        own = [*head.urls, self.ld.url if self.ld else None]
        guess = next((r for r in map(parse_content_url, filter(None, [*own, url])) if r), None)
        self.data, data_notes = load_page_data(text, guess.dw_id if guess else None)
        self.notes.items.extend(data_notes)
        data_urls = []
        if self.data is not None:
            data_urls = [self.data.text(self.data.content, k) for k in ("canonicalUrl", "namedUrl")]
        self.ref = resolve_ref([*own, *data_urls], url, self.notes)
        self.sel: Selector | None = None  # the rendered page, once attached
        self.art: Selector | None = None  # its `<article>`
        self.player: Selector | None = None  # where the page's own player is read
        self._content: RichText | None = None

    # --- the rendered page -----------------------------------------------------------------
    def needs_dom(self) -> DomScope:
        """Say how much of the rendered HTML must be parsed (see the module docstring).

        "none": the page data, confirmed by the head, is the page; "player": a video or audio
        page's own player (its mp4 file is only in the rendered HTML), which sits in the article
        before its text; "all": the whole article and what follows it.
        """
        if self.data is None:
            return "all"
        kind = self.ref.kind or S.TYPENAME_KINDS.get(self._data("__typename") or "")
        if head_disagrees(self.head, self.data, self.ref) or data_lacks_content(self.data, kind):
            return "all"
        return "player" if kind in {"video", "audio", None} else "none"

    def attach(self, selector: Selector, scope: DomScope = "all") -> None:
        """Give the page object the rendered page (parsed from its `<article>` on).

        With scope "player" it is read for the page's own player only: the head confirmed the
        page data, so there is nothing else to compare.
        """
        # `is None`, not `or`: a parsel Selector's truth value serialises the whole element.
        art = found if (found := first(selector.css(S.ARTICLE))) is not None else selector
        self.player = art
        if scope == "all":
            self.sel, self.art = selector, art

    def _html(self, css: str) -> list[Selector]:
        return list(self.art.css(css)) if self.art is not None else []

    def _data(self, key: str, obj: Any = None) -> str | None:
        if self.data is None:
            return None
        return self.data.text(self.data.content if obj is None else obj, key)

    # --- identity ---------------------------------------------------------------------------
    def kind(self) -> Kind:
        typename = self._data("__typename")
        data_kind = S.TYPENAME_KINDS.get(typename or "")
        url_kind = self.ref.kind
        if url_kind and data_kind and url_kind != data_kind:
            self.notes.add("kind-mismatch", f"URL says {url_kind}, page data {typename}")
        if url_kind:
            return url_kind
        if data_kind in {"video", "audio"}:
            return data_kind  # type: ignore[return-value]
        media, _ = page_media(self.data, self.player)
        return "audio" if media and all(m.type == "audio" for m in media) else "video"

    def language(self) -> str:
        enum = self._data("language")
        from_data = S.LANGUAGE_ENUM.get(enum or "")
        if from_data and from_data != self.ref.language:
            self.notes.add("language-mismatch", f"URL /{self.ref.language}/, page data {enum}")
        return self.ref.language

    # --- header -------------------------------------------------------------------------------
    def title(self) -> str:
        heading = self._html(S.HEADER_TITLE)
        html = text_of(heading[0].root).strip() or None if heading else None
        value = self.notes.pick("title", self._data("title"), html)
        if value is None:
            fallback = (self.ld.headline if self.ld else None) or self.head.og_title
            value = strip_title_suffix(fallback or self.head.title or "")
        if not value or not value.strip():
            raise BrokenPage("DW page without a title", self.ref.canonical)
        return value

    def teaser(self) -> str | None:
        found = self._html(S.HEADER_TEASER)
        html = text_of(found[0].root).strip() or None if found else None
        return self.notes.pick("teaser", self._data("teaser"), html)

    def authors(self) -> tuple[str, ...]:
        data: tuple[str, ...] | None = None
        if self.data is not None:
            people = [
                self._data("fullName", p) for p in self.data.items(self.data.content, "persons")
            ]
            names = tuple(n for n in people if n) or tuple(
                split_names(self._data("legacyAuthor") or "")
            )
            data = names or None
        nodes = self._html(S.AUTHOR_NAMES) or self._html(S.AUTHOR_LINK_NAMES)
        html = tuple(t for t in (normalize_inline(text_of(n.root)) for n in nodes) if t) or None
        chosen = self.notes.pick("authors", data, html)
        return chosen or (self.ld.authors if self.ld else ())

    def kicker(self) -> str | None:
        data = None
        if self.data is not None:
            category = self.data.get(self.data.content, "thematicFocusCategory")
            data = self._data("kicker") or self._data("name", category)
        spans = self._html(S.KICKER_SPANS)
        html = normalize_inline(text_of(spans[0].root)) or None if spans else None
        return self.notes.pick("kicker", data, html)

    def topics(self) -> tuple[TopicItem, ...]:
        if self.data is not None:
            found = []
            for topic in self.data.items(self.data.content, "relatedAutoTopics"):
                name, path = self._data("name", topic), self._data("namedUrl", topic)
                if name:
                    found.append(topic_item(name, self.data.integer(topic, "id"), path))
            if found:
                return tuple(found)
        links = self.sel.css(S.RELATED_TOPIC_LINKS) if self.sel is not None else []
        return tuple(topic_item(text_of(a.root), None, a.attrib.get("href")) for a in links)

    def permalink(self) -> str | None:
        html = first_text(self.art, S.PERMALINK) if self.art is not None else None
        return self.notes.pick("permalink", self._data("permaLinkUrl"), html)

    # --- dates --------------------------------------------------------------------------------
    def dates(self) -> tuple[datetime | None, datetime | None, Precision | None]:
        content = self.data.content if self.data else {}
        ld = self.ld
        published = parse_iso(content.get("firstPublicationDate")) or parse_iso(
            ld.date_published if ld else None
        )
        shown = parse_iso(content.get("contentDate")) or published
        modified = parse_iso(content.get("lastModifiedDate")) or parse_iso(
            ld.date_modified if ld else None
        )
        html_day = None
        if self.art is not None:
            html_day = parse_day(first_text(self.art, S.TIME_VISIBLE)) or parse_day(
                first_text(self.art, S.TIME_LONG)
            )
        if html_day is not None and shown is not None:
            # The page shows a local date: allow one day of time-zone difference.
            near = [(d.date() - html_day) for d in (shown, published) if d is not None]
            if all(abs(delta) > timedelta(days=1) for delta in near):
                self.notes.add("date-mismatch", f"page data {shown.date()}, HTML {html_day}")
        if published is not None or shown is not None:
            return published or shown, modified, "second"
        if html_day is not None:
            return day_start(html_day), modified, "day"  # a date shown without a time
        return None, modified, None

    # --- content ------------------------------------------------------------------------------
    def content(self) -> RichText:
        if self._content is None:
            self._content = (
                liveblog_posts(self.data, self.art)
                if self.ref.kind == "liveblog"
                else rich_text(self.data, self.art, self.notes)
            )
        return self._content

    def photos(self, kind: Kind) -> tuple[PhotoItem, ...]:
        hero = hero_photo(self.data, self.art, self.notes)
        photos: list[PhotoItem] = [hero] if hero else []
        if kind == "gallery":
            photos.extend(gallery_photos(self.data, self.art, self.notes))
        photos.extend(enrich_inline(self.content().photos, self.data))
        return tuple(photos)

    def media(self, kind: Kind) -> tuple[tuple[MediaItem, ...], int | None]:
        own, duration = (
            page_media(self.data, self.player) if kind in {"video", "audio"} else ([], None)
        )
        return (*own, *self.content().media), duration

    def links(self) -> tuple[str, ...]:
        return scan_links(self.text, [*self.content().links], self.ref.dw_id, self.head.end)

    def to_item(self) -> ArticleItem:
        """Assemble the raw item from every field method."""
        kind = self.kind()
        published, modified, precision = self.dates()
        media, duration = self.media(kind)
        return ArticleItem(
            dw_id=self.ref.dw_id,
            url=self.ref.canonical,
            kind=kind,
            language=self.language(),
            design="current",
            title=self.title(),
            teaser=self.teaser(),
            published_at=published,
            modified_at=modified,
            date_precision=precision,
            authors=self.authors(),
            kicker=self.kicker(),
            topics=self.topics(),
            body=tuple(self.content().blocks),
            photos=self.photos(kind),
            media=media,
            duration_seconds=duration,
            permalink=self.permalink(),
            links=self.links(),
            warnings=tuple(self.notes.items),
            cleaning=dict(self.content().removed),
        )
