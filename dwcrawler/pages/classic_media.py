"""Classic design, media: the page's own video or audio, and players embedded in its text.

A classic `av-` page carries its media as hidden inputs in a `div.mediaItem` of the content
column (youtube-dl's DW extractor read the same). A classic article that *is* a report links
it instead: "Audios and videos on the topic" lists `/overlay/media/<lang>/<slug>/<media id>/
<page id>` for every related report, and the entry under the page's own slug (its title is the
page's) is its own media (the 2021 French sample). Players inside the text (`div.longText`)
are embeds, never the page's own.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from dwcrawler.items import MediaItem, MediaType
from dwcrawler.pages.html import classes, int_or_none, text_of
from dwcrawler.pages.media import absolute, classic_inputs, classic_media

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_OVERLAY = re.compile(r"^/overlay/media/[^/]+/(?P<slug>[^/]+)/(?P<media>\d+)/(?P<page>\d+)/?$")


def _slug(text: str) -> str:
    return unicodedata.normalize("NFC", unquote(text)).casefold()


def _in_text(element: HtmlElement) -> bool:
    return any("longText" in classes(parent) for parent in element.iterancestors())


def _player(element: HtmlElement) -> HtmlElement:
    """Return the `div.mediaItem` an input belongs to (the input's parent without one)."""
    for parent in element.iterancestors():
        if "mediaItem" in classes(parent):
            return parent
    own = element.getparent()
    return own if own is not None else element


def player_inputs(root: HtmlElement) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Hidden-input players of the content column: (the page's own, those in the text)."""
    groups: dict[HtmlElement, list[HtmlElement]] = {}
    for element in root.iter("input"):
        if (element.get("type") or "").lower() == "hidden":
            groups.setdefault(_player(element), []).append(element)
    own: list[dict[str, str]] = []
    embedded: list[dict[str, str]] = []
    for player, inputs in groups.items():
        (embedded if _in_text(player) else own).append(classic_inputs(inputs))
    return own, embedded


def linked_own_media(root: HtmlElement, page_id: int, page_url: str) -> list[MediaItem]:
    """Return the page's own report linked from its media list (its own slug, its own id)."""
    own_slug = _slug(urlsplit(page_url).path.rstrip("/").rsplit("/", 2)[-2])
    found: list[MediaItem] = []
    for link in root.iter("a"):
        href = (link.get("href") or link.get("link") or "").strip()
        if not href.startswith("/overlay/"):
            continue  # the cheap test first: a page has many links and few overlays
        match = _OVERLAY.match(href)
        if match is None or int(match["page"]) != page_id or _in_text(link):
            continue
        if _slug(match["slug"]) != own_slug:
            continue  # a related report, listed under its own slug
        icons = {name for span in link.iter("span") for name in classes(span)}
        kind: MediaType = "audio" if "audio" in icons else "video"
        found.append(
            MediaItem(
                type=kind,
                url=absolute(match.group(0)) or "",
                media_id=int_or_none(match["media"]),
                title=" ".join(text_of(link).split()) or None,
            )
        )
    return found


def inputs_media(players: list[dict[str, str]]) -> list[MediaItem]:
    """Return the media of hidden-input players, in page order."""
    return [medium for values in players for medium in classic_media(values, None)]
