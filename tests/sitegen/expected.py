"""What `dwcrawler extract` must print for a spec, derived from the spec alone.

Nothing here calls the extractor: the expected values come from what the spec says the page
shows, by the rules a reader of the page would apply (photos in page order with the hero first
and its repeat in the text dropped, furniture never in the body, page data winning over HTML).
Warnings are compared by their stable code (the text before the first colon). The `cleaning`
account counts the furniture the spec put into the text, by what each part is.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, Any

from dwcrawler.extraction import EXTRACTOR_VERSION
from tests.sitegen import words as W
from tests.sitegen.richtext import byline_paragraphs
from tests.sitegen.spec import (
    Embed,
    Extra,
    InlinePhoto,
    MediaSpec,
    PageSpec,
    PhotoSpec,
    Raw,
    Text,
)

if TYPE_CHECKING:
    from datetime import datetime

FORMAT = "605"


def _iso(when: datetime | None) -> str | None:
    if when is None:
        return None
    return when.replace(microsecond=when.microsecond // 1000 * 1000).isoformat()


def _photo(spec: PageSpec, photo: PhotoSpec, role: str, position: int) -> dict[str, Any]:
    has_data = spec.page_data in {"apollo", "app"}
    caption = None if spec.drop_captions else photo.caption
    if spec.design == "classic":
        url = (
            f"https://static.dw.com/image/{photo.image_id}_303.jpg"
            if role == "hero"
            else f"https://www.dw.com/image/{photo.image_id}_404.jpg"
        )
        return {
            "position": position,
            "role": role,
            "image_id": photo.image_id,
            "url": url,
            "url_template": None,
            "alt": photo.alt,
            "caption": caption,
            "credit": photo.credit,
        }
    credit = photo.credit
    if spec.drop_captions:
        # Without figcaptions only the page data still names a credit: the hero's and a
        # gallery image's (`licenserSupplement`); in-text credits were only in the HTML.
        credit = photo.credit if has_data and role in {"hero", "gallery"} else None
    template = f"https://static.dw.com/image/{photo.image_id}_${{formatId}}.jpg"
    return {
        "position": position,
        "role": role,
        "image_id": photo.image_id,
        "url": template.replace("${formatId}", FORMAT),
        "url_template": template,
        "alt": photo.alt,
        "caption": caption,
        "credit": credit,
    }


def _media(media: MediaSpec, urls: tuple[str, ...]) -> list[dict[str, Any]]:
    return [
        {
            "type": media.type,
            "url": url,
            "media_id": media.media_id,
            "title": media.title,
            "duration_seconds": media.duration_seconds,
            "poster_url": media.poster_url,
        }
        for url in urls
    ]


def _blocks(parts: tuple[object, ...]) -> list[dict[str, str]]:
    texts = [t for p in parts for t in (p.shows if isinstance(p, Raw) else (p,))]
    return [{"type": p.type, "text": _spaced(p.text)} for p in texts if isinstance(p, Text)]


def _spaced(text: str) -> str:
    """White space as a reader sees it: runs are one space; a line break the spec gives stays."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def _links(spec: PageSpec) -> list[str]:
    paths: list[str] = []
    texts = [*spec.body, *(block for post in spec.posts for block in post.body)]
    for part in texts:
        if isinstance(part, Text):
            paths.extend(
                link.href
                for link in part.links
                if link.href.startswith("/sw/") and link.phrase in part.text
            )
        elif isinstance(part, Extra) and part.href:
            paths.append(part.href)
    paths.extend(t.path for t in spec.related)
    paths.extend(t.path for t in spec.top_stories)
    own = spec.path
    unique = dict.fromkeys(
        "https://www.dw.com" + unicodedata.normalize("NFC", p)
        for p in paths
        if p != own and "/t-" not in p
    )
    return list(unique)


# What each kind of body furniture is removed as; an in-text ad is an empty slot on current
# pages (nothing to remove) and the "Matangazo" label on classic ones.
_EXTRA_RULES = {
    "promo": "promo",
    "signoff": "sign_off",
    "readmore": "read_more",
    "skip": "skip_link",
}


def _wire(spec: PageSpec) -> dict[str, list[str]] | None:
    agencies: dict[str, None] = {}
    initials: dict[str, None] = {}
    for part in spec.body:
        if isinstance(part, Extra) and part.kind == "signoff":
            names, people = W.WIRE[part.text]
            agencies.update(dict.fromkeys(names))
            initials.update(dict.fromkeys(people))
    return {"agencies": list(agencies), "initials": list(initials)} if agencies else None


def _cleaning(spec: PageSpec, repeated_photos: int) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for part in spec.body if not spec.posts else ():
        if isinstance(part, Extra) and part.kind in _EXTRA_RULES:
            counts[_EXTRA_RULES[part.kind]] += 1
        elif isinstance(part, Extra) and part.kind == "ad" and spec.design == "classic":
            counts["ad_label"] += 1
        elif isinstance(part, Raw):
            counts.update(part.removed)
    if not spec.posts and (lines := len(byline_paragraphs(spec))):
        counts["byline"] += lines
    if repeated_photos:
        counts["repeated_photo"] += repeated_photos
    return dict(sorted(counts.items()))


def _keywords(spec: PageSpec) -> list[str]:
    """Classic pages list the first two topics as keywords and name all in their meta tag."""
    if spec.design != "classic":
        return []
    return list(dict.fromkeys(t.name for t in (*spec.topics[:2], *spec.topics)))


def expected_dict(spec: PageSpec) -> dict[str, Any]:
    """The JSON object `dwcrawler extract` prints for the page `render_page(spec)` renders."""
    current = spec.design == "current"
    photos: list[dict[str, Any]] = []
    if spec.hero:
        photos.append(_photo(spec, spec.hero, "hero", 0))
    for photo in spec.gallery:
        photos.append(_photo(spec, photo, "gallery", len(photos)))
    seen = {p["image_id"] for p in photos}
    inline = [p.photo for p in spec.body if isinstance(p, InlinePhoto)]
    if spec.hero_in_text and spec.hero is not None and current and not spec.posts:
        inline.insert(0, spec.hero)  # DW repeats the hero in the text; one photo, one repeat
    repeated = 0
    for photo in inline:
        if photo.image_id not in seen:
            seen.add(photo.image_id)
            photos.append(_photo(spec, photo, "inline", len(photos)))
        else:
            repeated += 1
    media: list[dict[str, Any]] = []
    if spec.media is not None and spec.kind in {"video", "audio"}:
        media.extend(_media(spec.media, spec.media.urls if current else spec.media.urls[-1:]))
    if current:
        for part in spec.body:
            if isinstance(part, Embed):
                media.extend(_media(part.media, part.media.urls))
    body = _blocks(spec.body)
    if spec.posts:
        body = []
        for post in spec.posts:
            body.append({"type": "subheading", "text": post.title})
            body.extend(_blocks(post.body))
    warnings = []
    title = spec.title
    if spec.page_data == "invalid" and current:
        warnings.append("invalid-page-data")
    if spec.data_title and current and spec.page_data in {"apollo", "app"}:
        title = spec.data_title
        warnings.append("title-mismatch")
    has_media = spec.kind in {"video", "audio"} and bool(media)
    if not body and not has_media and not (spec.kind == "gallery" and photos):
        warnings.append("empty-body")  # cleaning's warning comes after the page objects'
    day = spec.published_at.replace(hour=0, minute=0, second=0, microsecond=0)
    return {
        "dw_id": spec.dw_id,
        "url": spec.url,
        "kind": spec.kind,
        "language": "sw",
        "design": spec.design,
        "title": title,
        "teaser": spec.teaser,
        "published_at": _iso(spec.published_at) if current else _iso(day),
        "modified_at": _iso(spec.lastmod) if current else None,
        "date_precision": "second" if current else "day",
        "authors": list(spec.authors),
        "editors": list(spec.editors),
        "kicker": spec.kicker,
        "topics": [
            {"name": t.name, "topic_id": t.topic_id, "url": f"https://www.dw.com{t.path}"}
            for t in spec.topics
        ],
        "keywords": _keywords(spec),
        "wire": _wire(spec),
        "body": body,
        "photos": photos,
        "media": media,
        "duration_seconds": spec.media.duration_seconds
        if spec.media and spec.kind in {"video", "audio"}
        else None,
        "permalink": f"https://p.dw.com/p/{spec.permalink_code}",
        "links": _links(spec),
        "warnings": warnings,
        "cleaning": _cleaning(spec, repeated),
        "extractor_version": EXTRACTOR_VERSION,
        "capture": "html",
    }
