"""What counts as an edit: the hashed content of an article, and the keys of photos and topics.

An article's content is exactly `CONTENT_FIELDS`: title, teaser, body blocks, authors, editors,
the photos shown (which images, in which role and order), their captions and their credits.
Text is compared after Unicode NFC and white-space folding, so a re-extraction that only
re-spaces text is not an edit. Everything else on the item (kicker, topics, keywords, the
agency sign-off `wire`, dates, media, URL slug, permalink, `links`, `warnings`, the `cleaning`
account, `extractor_version`, photo URLs and alt texts, `fetch`) is metadata or page furniture:
it is kept up to date on the article row but never makes a revision. `item_hash` covers the whole item, so an unchanged re-store can skip all writes.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from dwcrawler.items import article_to_dict

if TYPE_CHECKING:
    from dwcrawler.items import ArticleItem, PhotoItem, TopicItem

CONTENT_FIELDS = (
    "title",
    "teaser",
    "body",
    "authors",
    "editors",
    "photos",
    "captions",
    "credits",
)

_SPACE = re.compile(r"\s+")


def fold_text(text: str) -> str:
    """Return `text` in NFC with runs of white space folded to one space, stripped."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _fold_optional(text: str | None) -> str | None:
    if text is None:
        return None
    folded = fold_text(text)
    return folded or None


def photo_key(photo: PhotoItem) -> str:
    """Return the stable key of a photo: "dw:<image id>", or "url:<URL>" for id-less images.

    Classic pages sometimes give no image id; then the URL (scheme and host lower-cased, https,
    no query or fragment) identifies the image. A text rendering gives neither ("text:<hash of
    alt, caption and credit>").
    """
    if photo.image_id is not None:
        return f"dw:{photo.image_id}"
    if not photo.url.strip():
        # A text rendering names no image: the photo is known only by what the text says of it.
        said = "\x1f".join(part or "" for part in (photo.alt, photo.caption, photo.credit))
        return "text:" + hashlib.sha256(said.encode()).hexdigest()[:20]
    parts = urlsplit(photo.url.strip())
    scheme = "https" if parts.scheme.lower() in {"http", "https", ""} else parts.scheme.lower()
    return "url:" + urlunsplit((scheme, parts.netloc.lower(), parts.path, "", ""))


def topic_key(topic: TopicItem) -> str:
    """Return the stable key of a topic: "dw:<topic id>", or "name:<name>" without an id."""
    if topic.topic_id is not None:
        return f"dw:{topic.topic_id}"
    return f"name:{fold_text(topic.name)}"


def content_snapshot(item: ArticleItem) -> dict[str, Any]:
    """Return the article's content (the `CONTENT_FIELDS`), normalised, as JSON-safe data."""
    return {
        "title": fold_text(item.title),
        "teaser": _fold_optional(item.teaser),
        "body": [{"type": block.type, "text": fold_text(block.text)} for block in item.body],
        "authors": [fold_text(name) for name in item.authors],
        "editors": [fold_text(name) for name in item.editors],
        "photos": [{"photo": photo_key(p), "role": p.role} for p in item.photos],
        "captions": [_fold_optional(p.caption) for p in item.photos],
        "credits": [_fold_optional(p.credit) for p in item.photos],
    }


def _digest(data: Any) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def content_hash(snapshot: dict[str, Any]) -> str:
    """Return the SHA-256 (hex) of a content snapshot in canonical JSON."""
    return _digest(snapshot)


def item_hash(item: ArticleItem) -> str:
    """Return the SHA-256 of the whole item as `article_to_dict` renders it (not `fetch`)."""
    return rendered_hash(article_to_dict(item))


def rendered_hash(rendered: dict[str, Any]) -> str:
    """Return `item_hash` of an item from its `article_to_dict` rendering (made once)."""
    return _digest(rendered)


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Return the content fields whose values differ between two snapshots, in field order."""
    return [name for name in CONTENT_FIELDS if old.get(name) != new.get(name)]
