"""Clean an extracted item: boilerplate out of every text field, captions and credits apart.

`clean_article` is pure and idempotent (cleaning a cleaned item changes nothing); the item
pipeline and `dwcrawler extract` / re-extraction call the same function.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from dwcrawler.cleaning.bylines import parse_byline, unique_names
from dwcrawler.cleaning.captions import (
    CREDIT_MARKER,
    clean_credit,
    has_credit_marker,
    is_credit_line,
    split_caption,
    strip_credits,
)
from dwcrawler.cleaning.text import (
    is_boilerplate,
    is_section_skip,
    normalize_inline,
    normalize_text,
    optional,
    remove_phrases,
    section_cut,
    strip_title_suffix,
)
from dwcrawler.items import ArticleItem, BodyBlock, MediaItem, PhotoItem, TopicItem

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["clean_article", "clean_body", "clean_photos", "furniture_only"]


def _caption_and_credit(caption: str | None, credit: str | None) -> tuple[str | None, str | None]:
    """Split caption and credit, then scrub them, until nothing changes.

    Removing a skip link can expose a credit marker ("PichaNenda kwenye maudhui: DW") and
    stripping a credit's edge can leave a new one, so a single pass is not idempotent.
    """
    for _ in range(5):
        new_caption, new_credit = split_caption(caption, credit)
        new_caption = optional(remove_phrases(new_caption)) if new_caption else None
        new_credit = clean_credit(remove_phrases(new_credit)) if new_credit else None
        if (new_caption, new_credit) == (caption, credit):
            break
        caption, credit = new_caption, new_credit
    return caption, credit


def clean_photos(photos: tuple[PhotoItem, ...]) -> tuple[PhotoItem, ...]:
    """Split captions from credits, normalise, drop repeats of one image, renumber positions."""
    seen: set[int] = set()
    cleaned: list[PhotoItem] = []
    for photo in photos:
        if photo.image_id is not None:
            if photo.image_id in seen:
                continue  # the hero repeated in the text, or one image embedded twice
            seen.add(photo.image_id)
        caption, credit = _caption_and_credit(photo.caption, photo.credit)
        alt = optional(photo.alt)
        if alt is not None and has_credit_marker(alt):
            alt, _ = split_caption(alt, None)
        cleaned.append(
            replace(photo, position=len(cleaned), alt=alt, caption=caption, credit=credit)
        )
    return tuple(cleaned)


def _not_text(text: str, photo_texts: set[str]) -> bool:
    """Return True for a block that is furniture, a stray caption/credit or an image alt."""
    return (
        is_boilerplate(text)
        or is_credit_line(text)
        or normalize_inline(text).casefold() in photo_texts
    )


def _block_text(kind: str, text: str) -> str:
    return normalize_inline(text) if kind == "subheading" else normalize_text(text)


def _scrubbed(kind: str, text: str, alts: list[str]) -> str:
    """Remove credits, skip links and alt texts glued into a block, until nothing changes."""
    for _ in range(5):
        cleaned = _block_text(kind, remove_phrases(strip_credits(text), alts))
        if cleaned == text:
            break
        text = cleaned
    return text


def clean_body(
    blocks: tuple[BodyBlock, ...], photos: tuple[PhotoItem, ...], teaser: str | None
) -> tuple[tuple[BodyBlock, ...], list[str], list[str]]:
    """Return (body, authors, editors): furniture out, byline lines turned into names.

    A section-skip line ("Ruka sehemu inayofuata …") ends the body: what follows it on a DW
    page is the top-story or more-stories furniture, never the article.
    """
    photo_texts = {
        normalize_inline(text).casefold()
        for photo in photos
        for text in (photo.alt, photo.caption)
        if text
    }
    alts = [normalize_inline(photo.alt) for photo in photos if photo.alt]
    body: list[BodyBlock] = []
    authors: list[str] = []
    editors: list[str] = []
    for block in blocks:
        text = _block_text(block.type, block.text)
        if is_section_skip(text):
            break
        cut = section_cut(text)
        if cut is not None:
            text = text[:cut]  # furniture glued to the end of the last text block
        if _not_text(text, photo_texts):
            if cut is not None:
                break
            continue
        # Decisions are taken on the scrubbed text too, so a second cleaning takes the same ones.
        scrubbed = _scrubbed(block.type, text, alts)
        keep = bool(scrubbed) and (scrubbed == text or not _not_text(scrubbed, photo_texts))
        byline = parse_byline(scrubbed) if keep else None
        if byline is not None:
            authors.extend(byline.authors)
            editors.extend(byline.editors)
        elif keep:
            body.append(BodyBlock(block.type, scrubbed))
        if cut is not None:
            break
    teaser_key = normalize_inline(teaser).casefold() if teaser else None
    while body and teaser_key and normalize_inline(body[0].text).casefold() == teaser_key:
        body.pop(0)  # video pages repeat the teaser as their text
    return tuple(body), authors, editors


def _clean_media(media: tuple[MediaItem, ...]) -> tuple[MediaItem, ...]:
    unique: dict[str, MediaItem] = {}
    for medium in media:
        url = medium.url.strip()
        if url and url not in unique:
            unique[url] = replace(medium, url=url, title=optional(medium.title))
    return tuple(unique.values())


def _clean_topics(topics: tuple[TopicItem, ...]) -> tuple[TopicItem, ...]:
    seen: set[tuple[int | None, str]] = set()
    result = []
    for topic in topics:
        name = normalize_inline(topic.name)
        key = (topic.topic_id, name.casefold())
        if name and key not in seen:
            seen.add(key)
            result.append(replace(topic, name=name))
    return tuple(result)


def _clean_line(text: str | None, *, credits: bool = True, alts: Sequence[str] = ()) -> str | None:
    """One-line field: normalised, never furniture, skip links, alts or (unless told) credits.

    Repeated until nothing changes: cutting a phrase can leave furniture (":" alone, a section
    title) that a second pass would drop, and cleaning must be idempotent.
    """
    for _ in range(5):
        cleaned = _clean_line_once(text, credits=credits, alts=alts)
        if cleaned == text:
            break
        text = cleaned
    return text


def _clean_line_once(text: str | None, *, credits: bool, alts: Sequence[str]) -> str | None:
    cleaned = optional(text)
    if cleaned is None or is_boilerplate(cleaned) or is_section_skip(cleaned):
        return None
    cut = section_cut(cleaned)
    cleaned = remove_phrases(cleaned[:cut] if cut is not None else cleaned, alts)
    if credits:
        return optional(strip_credits(cleaned))
    # Keep a leading "Picha:" ("Photos: …", a gallery's title); drop credits glued in later.
    lead = CREDIT_MARKER.match(cleaned)
    head = lead.group(0) if lead else ""
    return optional(head + strip_credits(cleaned[len(head) :]))


def _clean_names(names: list[str], alts: Sequence[str]) -> tuple[str, ...]:
    """Names without furniture, skip links, credits or alt texts glued to them (damaged pages)."""
    cleaned = (_clean_line(name, alts=alts) for name in names)
    return unique_names([name for name in cleaned if name])


def furniture_only(title: str) -> bool:
    """Return True if nothing of a title is left without site furniture (it is no title).

    `clean_article` never empties a title, so it keeps such a one as it was; extraction and
    the crawl's validation refuse the page instead of storing a skip link as its title.
    """
    return _clean_line(strip_title_suffix(normalize_inline(title)), credits=False) is None


def clean_article(item: ArticleItem) -> ArticleItem:
    """Return the item with clean text fields, bylines moved out of the body, photos split."""
    photos = clean_photos(item.photos)
    # An image's alt (DW's German archive name) glued into a text field is never text there.
    alts = [normalize_inline(photo.alt) for photo in photos if photo.alt]
    teaser = _clean_line(item.teaser, alts=alts)
    body, line_authors, line_editors = clean_body(item.body, photos, teaser)
    # A title may start with "Picha:" ("Photos: …" on a gallery); it keeps it.
    title = _clean_line(strip_title_suffix(normalize_inline(item.title)), credits=False, alts=alts)
    title = title or normalize_inline(item.title)
    return replace(
        item,
        title=title,
        teaser=teaser,
        kicker=_clean_line(item.kicker, alts=alts),
        authors=_clean_names([*item.authors, *line_authors], alts),
        editors=_clean_names([*item.editors, *line_editors], alts),
        topics=_clean_topics(item.topics),
        body=body,
        photos=photos,
        media=_clean_media(item.media),
        permalink=optional(item.permalink),
        links=tuple(dict.fromkeys(link for link in item.links if link)),
        warnings=tuple(dict.fromkeys(normalize_inline(w) for w in item.warnings if w.strip())),
    )
