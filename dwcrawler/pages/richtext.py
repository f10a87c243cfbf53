"""Rich text → ordered body blocks, in-text photos, embedded media and links.

One walker serves both designs: the current design's `div.rich-text` (and the identical
`Article.text` of the page data) and the classic `div.longText`. Each design passes a hook for
the elements it knows (figures, players, picture boxes); everything else is read as text.
Structure decides what is furniture here: an element dropped by its class or tag (inline or
block), a paragraph that is only a link to an app store, or a list of skip links to the page's
own anchors, is counted in `removed` when it held text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from dwcrawler.items import BlockType, BodyBlock, MediaItem, PhotoItem
from dwcrawler.pages import selectors as S
from dwcrawler.pages.blocks import bold_heading, is_app_promo, is_skip_list
from dwcrawler.pages.html import classes, is_element, skipping, spaced, text_of, visible_text
from dwcrawler.pages.media import player_media
from dwcrawler.pages.photos import current_figure

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCK_TAGS = frozenset(
    {"p", "blockquote", "ul", "ol", "table", "div", "section", "figure", "aside"} | _HEADINGS
)
_DROP_TAGS = S.RICH_TEXT_DROP_TAGS | S.RICH_TEXT_DROP_TAGS_AUDIO
# Elements read by their place even out of it: a caption or credit is never text.
_PLACED = frozenset({"br", "figcaption"})
# Dropped tags whose text a reader could see (the rest hold none, or photos read elsewhere).
_COUNTED_DROPS = frozenset({"video", "audio", "button", "form", "noscript", "iframe"})


@dataclass(slots=True)
class RichText:
    """What a rich-text element holds, in page order."""

    blocks: list[BodyBlock] = field(default_factory=list)
    photos: list[PhotoItem] = field(default_factory=list)
    media: list[MediaItem] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    removed: Counter[str] = field(default_factory=Counter)  # rule → blocks dropped by structure

    def add(self, kind: BlockType, text: str) -> None:
        """Append a block unless its text is empty."""
        text = text.strip()
        if text:
            self.blocks.append(BodyBlock(kind, text))


# A hook reads an element it knows into the result and returns True, or returns False.
Hook = Callable[[HtmlElement, RichText], bool]


def drop(element: HtmlElement, result: RichText, rule: str) -> bool:
    """Skip a furniture element, counting it under `rule` if it held visible text."""
    if text_of(element).strip():
        result.removed[rule] += 1
    return True


def current_hook(element: HtmlElement, result: RichText) -> bool:
    """Read current-design figures and video.js players; skip ads and other embeds."""
    if element.tag != "figure" and not element.get("class"):
        return False  # most blocks: a plain paragraph or heading
    names = classes(element)
    if element.tag == "figure":
        photo = current_figure(element, "inline", len(result.photos))
        if photo is not None:
            result.photos.append(photo)
        return True
    if "vjs-wrapper" in names:
        result.media.extend(player_media(element))
        return True
    if names & S.RICH_TEXT_AD_CLASSES:
        return drop(element, result, "ad")
    if names & S.RICH_TEXT_DROP_CLASSES:
        return drop(element, result, "embed")
    return False


_SKIP_TAGS = skipping(_DROP_TAGS)


def _text(element: HtmlElement) -> str:
    return visible_text(element, _SKIP_TAGS, S.RICH_TEXT_DROP_CLASSES)


def _stray(text: str | None) -> str:
    return spaced(text) if text else ""


def _paragraph(element: HtmlElement, result: RichText) -> None:
    """Read a `<p>`: an app-store promo is dropped, an all-bold short line is a sub-heading."""
    if is_app_promo(element):
        result.removed["app_promo"] += 1
        return
    text = _text(element)
    kind: BlockType = "subheading" if bold_heading(element, text) else "paragraph"
    result.add(kind, text)


def _walk(container: HtmlElement, result: RichText, hook: Hook) -> None:
    stray: list[str] = [_stray(container.text)]
    for child in container:
        if not isinstance(child.tag, str):  # a comment or processing instruction
            stray.append(_stray(child.tail))
            continue
        tag = child.tag.lower()
        stray_caption = tag == "figcaption" or (
            S.FIGCAPTION_CREDIT in (child.get("class") or "")
            and S.FIGCAPTION_CREDIT in classes(child)
        )
        if tag not in _BLOCK_TAGS and tag not in _DROP_TAGS and tag not in _PLACED:
            if stray_caption:
                drop(child, result, "stray_caption")  # a credit without its figure
            elif not hook(child, result):  # an inline ad or player goes by its place too
                stray.append(_text(child))  # inline element directly in the container
            stray.append(_stray(child.tail))
            continue
        result.add("paragraph", "".join(stray))
        stray = [_stray(child.tail)]
        if stray_caption:
            drop(child, result, "stray_caption")  # a caption without its figure
            continue
        if hook(child, result):
            continue
        if tag in _DROP_TAGS:
            if tag in _COUNTED_DROPS:
                drop(child, result, "embed")
            continue
        if tag in _HEADINGS:
            result.add("subheading", _text(child))
        elif tag == "p":
            _paragraph(child, result)
        elif tag == "blockquote":
            result.add("quote", " ".join(_text(p) for p in child.iter("p")) or _text(child))
        elif tag in {"ul", "ol"}:
            if is_skip_list(child):
                drop(child, result, "skip_link")  # the page's own skip links, by structure
                continue
            for item in child.iter("li"):
                result.add("paragraph", _text(item))
        elif tag == "table":
            for row in child.iter("tr"):
                result.add("paragraph", " | ".join(_text(cell) for cell in row if is_element(cell)))
        else:
            _walk(child, result, hook)
    result.add("paragraph", "".join(stray))


def parse_rich_text(container: HtmlElement, hook: Hook = current_hook) -> RichText:
    """Read a rich-text element into blocks, photos, media and link targets."""
    result = RichText()
    _walk(container, result, hook)
    result.links = [a.get("href", "") for a in container.iter("a") if a.get("href")]
    return result
