"""The classic design (before DW's React relaunch): `#bodyContent`, `div.longText`, `ul.smallList`.

No page data: everything comes from the HTML, and every query runs inside the content column
(`#bodyContent`), the only part of the page that is parsed. The metadata list's labels are
localised and the Swahili ones were never observed (docs/dw-site.md §5), so its items are classified by
their values and links.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from dwcrawler.cleaning.bylines import parse_byline, split_names
from dwcrawler.cleaning.dates import Precision, day_start, parse_day
from dwcrawler.cleaning.furniture import every
from dwcrawler.cleaning.text import normalize_inline, strip_title_suffix
from dwcrawler.items import ArticleItem, Kind, MediaItem, PhotoItem, TopicItem
from dwcrawler.pages import selectors as S
from dwcrawler.pages.classic_media import inputs_media, linked_own_media, player_inputs
from dwcrawler.pages.common import Notes, collect_links, resolve_ref, topic_item
from dwcrawler.pages.errors import BrokenPage
from dwcrawler.pages.html import (
    by_id,
    child_with_class,
    classes,
    find_with_class,
    has_class,
    text_of,
)
from dwcrawler.pages.media import parse_duration
from dwcrawler.pages.photos import classic_photo
from dwcrawler.pages.richtext import RichText, drop, parse_rich_text

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from lxml.html import HtmlElement
    from parsel import Selector

    from dwcrawler.pages.head import PageHead

_PERMALINK = re.compile(r"https?://p\.dw\.com/p/\w+")
# "Sikiliza sauti 42:35" (listen to audio) and its video sibling on classic media pages: the
# labels of the furniture tables, followed by the media's length.
_CLOCK = r"\s+(\d{1,2}:\d{2}(?::\d{2})?)"
_AUDIO_LABEL = re.compile(rf"(?:{'|'.join(every('audio_labels'))}){_CLOCK}", re.IGNORECASE)
_VIDEO_LABEL = re.compile(rf"(?:{'|'.join(every('video_labels'))}){_CLOCK}", re.IGNORECASE)


def _picture(box: HtmlElement, role: str, position: int) -> PhotoItem | None:
    """Read a `div.picBox`: the image, then its caption in a `<p>` (often empty)."""
    img = next(box.iter("img"), None)
    if img is None:
        return None
    caption = next((text_of(p).strip() for p in box.iter("p")), "") or None
    return classic_photo(img, caption, "hero" if role == "hero" else "inline", position)


def _slides(container: HtmlElement, result: RichText) -> None:
    """Read a slideshow in the text: each slide's image, "title: text" as its caption."""
    for slide in container.iter("li"):
        img = next(slide.iter("img"), None)
        if img is None:
            continue
        title = next((text_of(h).strip() for h in slide.iter("h2")), "")
        texts = [text_of(p).strip() for p in slide.iter("p")]
        text = next((t for t in texts if t and parse_byline(t) is None), "")
        separator = " " if title.endswith(("?", "!", ".", ":")) else ": "
        caption = separator.join(part for part in (title, text) if part) or None
        result.photos.append(classic_photo(img, caption, "gallery", len(result.photos)))


def classic_hook(element: HtmlElement, result: RichText) -> bool:
    """Read picture boxes and slideshows; skip embedded players (`div.col2` iframes)."""
    if not element.get("class") and element.get("id") != "sharing-bar":
        return False  # most blocks: a plain paragraph or heading
    names = classes(element)
    if "picBox" in names:
        photo = _picture(element, "inline", len(result.photos))
        if photo is not None:
            result.photos.append(photo)
        return True
    if "slideshow" in names or ("longText" in names and element.find(".//li") is not None):
        _slides(element, result)
        return True
    if names & {"col2", "mediaItem", "sharing-bar"} or element.get("id") == "sharing-bar":
        return drop(element, result, "embed")  # players and share bars: read, never text
    return False


def _is_long_text(element: HtmlElement) -> bool:
    """`div.group > div.longText`: the body (a slideshow nests another `div.longText`)."""
    parent = element.getparent()
    return has_class(element, "longText") and parent is not None and has_class(parent, "group")


class ClassicPage:
    """A classic-design DW page (article or `av-` media page)."""

    def __init__(
        self, selector: Selector, head: PageHead, url: str | None, more_links: Sequence[str] = ()
    ) -> None:
        self.head = head
        self.more_links = more_links  # the links of the columns after the parsed part
        self.notes = Notes()
        self.ref = resolve_ref(head.urls, url, self.notes)
        # `#bodyContent` is found once; every field is read inside it, by walking lxml's tree
        # (a selector query per field costs more than the page's whole body).
        content = by_id(selector.root, S.CLASSIC_ROOT_ID)
        self.root: HtmlElement = content if content is not None else selector.root
        self.column = child_with_class(self.root, "div", "col3") if content is not None else None
        body = next((d for d in self.root.iter("div") if _is_long_text(d)), None)
        self.text = parse_rich_text(body, classic_hook) if body is not None else RichText()
        own, self.embedded = player_inputs(self.root)
        self.inputs = own[0] if own else {}
        self.own_media = inputs_media(own) or linked_own_media(
            self.root, self.ref.dw_id, self.ref.canonical
        )
        self.keywords: list[str] = []  # the metadata list's, filled by `small_list`

    @functools.cached_property
    def column_text(self) -> str:
        """The content column's text, for the media link labels ("Sikiliza sauti 42:35")."""
        return normalize_inline(text_of(self.column)) if self.column is not None else ""

    def title(self) -> str:
        heading = child_with_class(self.column, "h1", None) if self.column is not None else None
        value = normalize_inline(text_of(heading)) if heading is not None else ""
        value = value or strip_title_suffix(self.head.title or "")
        if not value:
            raise BrokenPage("DW page without a title", self.ref.canonical)
        return value

    def teaser(self) -> str | None:
        intro = find_with_class(self.root, "p", S.CLASSIC_TEASER_CLASS)
        return text_of(intro).strip() or None if intro is not None else None

    def kicker(self) -> str | None:
        found = find_with_class(self.root, "h4", S.CLASSIC_KICKER_CLASS)
        return (found.text or "").strip() or None if found is not None else None

    def kind(self) -> Kind:
        if self.ref.kind not in {None, "article"}:
            return self.ref.kind
        # An `av-` page, or an article that is a report: the page decides (its own media's
        # player type, then the link label, then the file).
        player = self.inputs.get("player_type")
        if player in {"audio", "video"}:
            return player  # type: ignore[return-value]
        if self.ref.kind is None and _AUDIO_LABEL.search(self.column_text):
            return "audio"
        if self.ref.kind is None and _VIDEO_LABEL.search(self.column_text):
            return "video"
        if self.own_media:
            return self.own_media[0].type
        return self.ref.kind or "video"

    def small_list(
        self,
    ) -> tuple[datetime | None, tuple[str, ...], tuple[TopicItem, ...], str | None]:
        """Date, authors, topics and permalink from the first `ul.smallList`."""
        published, authors, topics, permalink = None, [], [], None
        found_list = find_with_class(self.root, "ul", S.CLASSIC_SMALL_LIST_CLASS)
        for li in found_list.iter("li") if found_list is not None else ():
            labels = "".join(text_of(strong) for strong in li.iter("strong"))
            value = normalize_inline(text_of(li).replace(labels, "", 1)).strip(" :")
            links = list(li.iter("a"))
            if found := _PERMALINK.search(value):
                permalink = found[0]
            elif topic_links := [a for a in links if "/t-" in (a.get("href") or "")]:
                topics += [topic_item(text_of(a), None, a.get("href")) for a in topic_links]
            elif words := [a for a in links if "/search/" in (a.get("href") or "")]:
                self.keywords += [text_of(a) for a in words]  # the keyword list
            elif links or not value:
                continue  # feedback, print
            elif published is None and (day := parse_day(value)) and len(value) <= 12:
                published = day_start(day)
            else:
                authors.extend(split_names(value))
        return published, tuple(authors), tuple(topics), permalink

    def photos(self) -> tuple[PhotoItem, ...]:
        column = self.column
        hero_box = child_with_class(column, "div", "picBox") if column is not None else None
        hero = _picture(hero_box, "hero", 0) if hero_box is not None else None
        return (*([hero] if hero else []), *self.text.photos)

    def to_item(self) -> ArticleItem:
        """Assemble the raw item."""
        published, authors, topics, permalink = self.small_list()
        precision: Precision | None = "day"
        if published is None:
            day = parse_day(self.inputs.get("display_date")) or parse_day(
                (self.head.title or "").rpartition("|")[2]
            )
            published = day_start(day) if day else None
        kind = self.kind()
        media: tuple[MediaItem, ...] = (*self.own_media, *inputs_media(self.embedded))
        return ArticleItem(
            dw_id=self.ref.dw_id,
            url=self.ref.canonical,
            kind=kind,
            language=self.ref.language,
            design="classic",
            title=self.title(),
            teaser=self.teaser(),
            published_at=published,
            date_precision=precision if published else None,
            authors=authors,
            kicker=self.kicker(),
            topics=topics,
            keywords=(*self.keywords, *self.head.keywords),
            body=tuple(self.text.blocks),
            photos=self.photos(),
            media=media,
            duration_seconds=self.duration() if kind in {"video", "audio"} else None,
            permalink=permalink,
            links=collect_links(
                [
                    *(href for a in self.root.iter("a") if (href := a.get("href"))),
                    *self.more_links,
                ],
                self.ref.dw_id,
            ),
            warnings=tuple(self.notes.items),
            cleaning=dict(self.text.removed),
        )

    def duration(self) -> int | None:
        """Return the length of the page's own media: its player's, else the link label's."""
        found = next((m.duration_seconds for m in self.own_media if m.duration_seconds), None)
        label = _AUDIO_LABEL.search(self.column_text) or _VIDEO_LABEL.search(self.column_text)
        return found or (parse_duration(label[1]) if label else None)
