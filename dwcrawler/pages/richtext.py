"""Rich text → ordered body blocks, in-text photos, embedded media and links.

One walker serves both designs: the current design's `div.rich-text` (and the identical
`Article.text` of the page data) and the classic `div.longText`. Each design passes a hook for
the elements it knows (figures, players, picture boxes); everything else is read as text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement, fragment_fromstring

from dwcrawler.items import BlockType, BodyBlock, MediaItem, PhotoItem
from dwcrawler.pages import selectors as S
from dwcrawler.pages.html import classes, is_element, text_of
from dwcrawler.pages.media import player_media
from dwcrawler.pages.photos import current_figure

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCK_TAGS = frozenset(
    {"p", "blockquote", "ul", "ol", "table", "div", "section", "figure", "aside"} | _HEADINGS
)
_DROP_TAGS = S.RICH_TEXT_DROP_TAGS | S.RICH_TEXT_DROP_TAGS_AUDIO


@dataclass(slots=True)
class RichText:
    """What a rich-text element holds, in page order."""

    blocks: list[BodyBlock] = field(default_factory=list)
    photos: list[PhotoItem] = field(default_factory=list)
    media: list[MediaItem] = field(default_factory=list)
    links: list[str] = field(default_factory=list)

    def add(self, kind: BlockType, text: str) -> None:
        """Append a block unless its text is empty."""
        text = text.strip()
        if text:
            self.blocks.append(BodyBlock(kind, text))


# A hook reads an element it knows into the result and returns True, or returns False.
Hook = Callable[[HtmlElement, RichText], bool]


def current_hook(element: HtmlElement, result: RichText) -> bool:
    """Read current-design figures and video.js players; skip ads and other embeds."""
    names = classes(element)
    if element.tag == "figure":
        photo = current_figure(element, "inline", len(result.photos))
        if photo is not None:
            result.photos.append(photo)
        return True
    if "vjs-wrapper" in names:
        result.media.extend(player_media(element))
        return True
    return bool(names & S.RICH_TEXT_DROP_CLASSES)


def _only_strong(element: HtmlElement) -> bool:
    """Return True for `<p><strong>Heading</strong></p>`, the classic design's sub-heading."""
    children = [child for child in element if is_element(child) and child.tag != "br"]
    if len(children) != 1 or children[0].tag not in {"strong", "b"}:
        return False
    outside = (element.text or "") + "".join(child.tail or "" for child in element)
    return not outside.strip() and bool(text_of(children[0]).strip())


def _text(element: HtmlElement) -> str:
    return text_of(element, drop_tags=_DROP_TAGS, drop_classes=S.RICH_TEXT_DROP_CLASSES)


def _walk(container: HtmlElement, result: RichText, hook: Hook, strong_headings: bool) -> None:
    stray: list[str] = [container.text or ""]
    for child in container:
        if not is_element(child):
            stray.append(child.tail or "")
            continue
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag not in _BLOCK_TAGS and tag not in _DROP_TAGS and tag != "br":
            stray.append(_text(child))  # inline element directly in the container
            stray.append(child.tail or "")
            continue
        result.add("paragraph", "".join(stray))
        stray = [child.tail or ""]
        if hook(child, result) or tag in _DROP_TAGS:
            continue
        if tag in _HEADINGS:
            result.add("subheading", _text(child))
        elif tag == "p":
            kind: BlockType = (
                "subheading" if strong_headings and _only_strong(child) else "paragraph"
            )
            result.add(kind, _text(child))
        elif tag == "blockquote":
            result.add("quote", " ".join(_text(p) for p in child.iter("p")) or _text(child))
        elif tag in {"ul", "ol"}:
            for item in child.iter("li"):
                result.add("paragraph", _text(item))
        elif tag == "table":
            for row in child.iter("tr"):
                result.add("paragraph", " | ".join(_text(cell) for cell in row if is_element(cell)))
        else:
            _walk(child, result, hook, strong_headings)
    result.add("paragraph", "".join(stray))


def parse_rich_text(
    container: HtmlElement, hook: Hook = current_hook, *, strong_headings: bool = False
) -> RichText:
    """Read a rich-text element into blocks, photos, media and link targets."""
    result = RichText()
    _walk(container, result, hook, strong_headings)
    result.links = [a.get("href", "") for a in container.iter("a") if a.get("href")]
    return result


def parse_fragment(html: str) -> HtmlElement:
    """Parse an HTML fragment (the page data's `Article.text`) under one `<div>`."""
    try:
        root = fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        root = fragment_fromstring("", create_parent="div")
    return root
