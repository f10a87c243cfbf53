"""Clean an extracted item: whole blocks of furniture out, bylines and sign-offs moved, counted.

`clean_article` is pure and idempotent (cleaning a cleaned item changes nothing); the crawl,
`dwcrawler extract` and re-extraction call the same function. It never deletes a word from
inside a text: a block goes only when a furniture rule of the page's language
(`cleaning.furniture`) matches it whole, and every removal is counted in the item's `cleaning`
field under the rule's name. Captions, credits and alt texts are taken apart by the page objects
by their place in the page, never by matching their text in the title, teaser or body.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from dwcrawler.cleaning.bylines import parse_byline, unique_names
from dwcrawler.cleaning.captions import clean_credit
from dwcrawler.cleaning.furniture import TABLES
from dwcrawler.cleaning.furniture.rules import Rules, every_rules, rules_for
from dwcrawler.cleaning.text import normalize_inline, normalize_text, optional
from dwcrawler.cleaning.wire import merge_wire, parse_sign_off
from dwcrawler.items import ArticleItem, BodyBlock, MediaItem, PhotoItem, TopicItem, WireItem

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["clean_article", "clean_body", "clean_photos", "furniture_only"]


def clean_photos(
    photos: tuple[PhotoItem, ...], rules: Rules, removed: Counter[str]
) -> tuple[PhotoItem, ...]:
    """Normalise captions, credits and alts; drop repeats of one image; renumber positions.

    A caption or credit that is nothing but furniture (a damaged page's skip link) goes whole.
    """
    seen: set[int] = set()
    cleaned: list[PhotoItem] = []
    for photo in photos:
        if photo.image_id is not None:
            if photo.image_id in seen:
                removed["repeated_photo"] += 1  # the hero repeated in the text
                continue
            seen.add(photo.image_id)
        position, alt = len(cleaned), optional(photo.alt)
        caption = _clean_field(photo.caption, rules, removed)
        credit = _clean_field(clean_credit(photo.credit), rules, removed)
        same = (position, alt, caption, credit) == (
            photo.position,
            photo.alt,
            photo.caption,
            photo.credit,
        )
        cleaned.append(  # replace() is not cheap: only when something changed
            photo
            if same
            else replace(photo, position=position, alt=alt, caption=caption, credit=credit)
        )
    return tuple(cleaned)


def _block_text(kind: str, text: str) -> str:
    return normalize_inline(text) if kind == "subheading" else normalize_text(text)


class _Body:
    """The body being cleaned, with what was moved out of it."""

    def __init__(self) -> None:
        self.blocks: list[BodyBlock] = []
        self.authors: list[str] = []
        self.editors: list[str] = []
        self.wire: WireItem | None = None


def clean_body(
    blocks: Iterable[BodyBlock], teaser: str | None, language: str, removed: Counter[str]
) -> _Body:
    """Return the body without furniture blocks, bylines and sign-offs moved out of it.

    A whole-block section-skip line ("Ruka sehemu inayofuata …") ends the body: on a DW page
    what follows it is the top-story or more-stories furniture; the blocks after it are counted
    (`section_end`).
    """
    rules = rules_for(language)
    body = _Body()
    texts = [(b.type, t) for b in blocks if (t := _block_text(b.type, b.text))]
    for index, (kind, text) in enumerate(texts):
        rule = rules.furniture(text)
        if rule == "section_skip":
            removed[rule] += 1
            if rest := len(texts) - index - 1:
                removed["section_end"] += rest
            break
        if rule is not None:
            removed[rule] += 1
        elif (wire := parse_sign_off(text)) is not None:
            removed["sign_off"] += 1
            body.wire = merge_wire(body.wire, wire)
        elif (byline := parse_byline(text, language)) is not None:
            removed["byline"] += 1
            body.authors.extend(byline.authors)
            body.editors.extend(byline.editors)
        else:
            body.blocks.append(BodyBlock(kind, text))
    teaser_key = normalize_inline(teaser).casefold() if teaser else None
    while body.blocks and teaser_key and body.blocks[0].text.casefold() == teaser_key:
        body.blocks.pop(0)  # video pages repeat the teaser as their text
        removed["teaser_repeat"] += 1
    return body


def _clean_media(media: tuple[MediaItem, ...]) -> tuple[MediaItem, ...]:
    unique: dict[str, MediaItem] = {}
    for medium in media:
        url = medium.url.strip()
        if url and url not in unique:
            title = optional(medium.title)
            same = (url, title) == (medium.url, medium.title)
            unique[url] = medium if same else replace(medium, url=url, title=title)
    return tuple(unique.values())


def _clean_topics(topics: tuple[TopicItem, ...]) -> tuple[TopicItem, ...]:
    seen: set[tuple[int | None, str]] = set()
    result = []
    for topic in topics:
        name = normalize_inline(topic.name)
        key = (topic.topic_id, name.casefold())
        if name and key not in seen:
            seen.add(key)
            result.append(topic if name == topic.name else replace(topic, name=name))
    return tuple(result)


def _clean_field(text: str | None, rules: Rules, removed: Counter[str]) -> str | None:
    """Normalise a one-line field; None if empty or if the whole of it is furniture."""
    cleaned = optional(text)
    if cleaned is None:
        return None
    rule = rules.furniture(cleaned)
    if rule is not None:
        removed[rule] += 1
        return None
    return cleaned


def _clean_names(names: Iterable[str], rules: Rules, removed: Counter[str]) -> tuple[str, ...]:
    cleaned = (_clean_field(name, rules, removed) for name in names)
    return unique_names([name for name in cleaned if name])


def _keywords(keywords: tuple[str, ...]) -> tuple[str, ...]:
    found: dict[str, str] = {}
    for word in keywords:
        if cleaned := normalize_inline(word):
            found.setdefault(cleaned.casefold(), cleaned)
    return tuple(found.values())


def furniture_only(title: str, language: str | None = None) -> bool:
    """Return True if a title is nothing but site furniture (a skip link): it is no title.

    `clean_article` never empties a title, so it keeps such a one as it was; validation refuses
    the page instead of storing a skip link as its title. Without a `language`, the furniture
    of every table counts.
    """
    rules = rules_for(language) if language is not None else every_rules()
    flat = normalize_inline(title)
    return not flat or rules.furniture(flat) is not None


def _notes(
    item: ArticleItem,
    body: tuple[BodyBlock, ...],
    media: tuple[MediaItem, ...],
    photos: tuple[PhotoItem, ...],
) -> tuple[str, ...]:
    """Warnings cleaning adds: an empty body, a language without a furniture table."""
    notes = [normalize_inline(w) for w in item.warnings if w.strip()]
    own_media = item.kind in {"video", "audio"} and media
    if not body and not own_media and not (item.kind == "gallery" and photos):
        notes.append(f"empty-body: no article text after cleaning ({item.kind} page)")
    if item.language not in TABLES:
        notes.append(
            f"no-furniture-table: no furniture table for {item.language!r}; "
            "only structure-based cleaning"
        )
    return tuple(dict.fromkeys(notes))


def clean_article(item: ArticleItem, extractor_version: str | None = None) -> ArticleItem:
    """Return the item with clean text fields, bylines and sign-offs moved, removals counted.

    `extractor_version`, when given, is stamped on the item.
    """
    rules = rules_for(item.language)
    removed: Counter[str] = Counter(item.cleaning)
    photos = clean_photos(item.photos, rules, removed)
    teaser = _clean_field(item.teaser, rules, removed)
    body = clean_body(item.body, teaser, item.language, removed)
    blocks = tuple(body.blocks)
    media = _clean_media(item.media)
    return replace(  # one replace(): each costs a pass over the item's 28 fields
        item,
        title=normalize_inline(item.title) or item.title,
        teaser=teaser,
        kicker=_clean_field(item.kicker, rules, removed),
        authors=_clean_names([*item.authors, *body.authors], rules, removed),
        editors=_clean_names([*item.editors, *body.editors], rules, removed),
        topics=_clean_topics(item.topics),
        keywords=_keywords(item.keywords),
        wire=merge_wire(item.wire, body.wire),
        body=blocks,
        photos=photos,
        media=media,
        permalink=optional(item.permalink),
        links=tuple(dict.fromkeys(link for link in item.links if link)),
        warnings=_notes(item, blocks, media, photos),
        cleaning=dict(sorted(removed.items())),
        extractor_version=extractor_version or item.extractor_version,
    )
