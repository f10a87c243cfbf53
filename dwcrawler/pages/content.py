"""Current design, the content: body, photos and media from page data and HTML, cross-checked.

`Article.text` in the page data equals the inner HTML of `div.rich-text`, so both are read with
the same walker; the data wins, and a difference between the two becomes a warning.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from dwcrawler.items import MediaItem, MediaType, PhotoItem, PhotoRole
from dwcrawler.pages import selectors as S
from dwcrawler.pages.html import first, text_of
from dwcrawler.pages.media import absolute, parse_duration, player_media
from dwcrawler.pages.photos import current_figure, resolve, static_template
from dwcrawler.pages.richtext import RichText, parse_rich_text
from dwcrawler.pages.trees import parse_fragment

if TYPE_CHECKING:
    from parsel import Selector

    from dwcrawler.pages.common import Notes
    from dwcrawler.pages.data import PageData


def rich_text(data: PageData | None, selector: Selector | None, notes: Notes) -> RichText:
    """Read the article text from the page data and the HTML (if parsed); the data wins."""
    html_root = first(selector.css(S.RICH_TEXT)) if selector is not None else None
    from_html = parse_rich_text(html_root.root) if html_root is not None else None
    text = data.text(data.content, "text") if data is not None else None
    from_data = parse_rich_text(parse_fragment(text)) if text else None
    if from_data is not None and from_html is not None:
        data_texts = [b.text for b in from_data.blocks]
        html_texts = [b.text for b in from_html.blocks]
        if [" ".join(t.split()) for t in data_texts] != [" ".join(t.split()) for t in html_texts]:
            notes.add(
                "body-mismatch",
                f"page data has {len(data_texts)} blocks, HTML {len(html_texts)}; used the data",
            )
        # Links and media sources only the HTML renders (mp4 files) are kept from it too.
        from_data.media = _merge_media(from_data.media, from_html.media)
    return from_data or from_html or RichText()


def _merge_media(first_list: list[MediaItem], second: list[MediaItem]) -> list[MediaItem]:
    urls = {m.url for m in first_list}
    return [*first_list, *(m for m in second if m.url not in urls)]


def _image_fields(data: PageData, link: Any) -> dict[str, Any]:
    """Caption, alt, credit and template of a ContentLink → Image in the page data."""
    image = data.get(link, "target")
    image_id = data.integer(link, "targetId") or data.integer(image, "id")
    template = data.text(image, "staticUrl")
    if template is None and image_id is not None:
        template = static_template(image_id)
    return {
        "image_id": image_id,
        "url_template": template,
        "alt": data.text(link, "additionalInformation") or data.text(image, "name"),
        "caption": data.text(link, "description"),
        "credit": data.text(image, "licenserSupplement"),
    }


def _photo_from_data(fields: dict[str, Any], role: PhotoRole, position: int) -> PhotoItem | None:
    template = fields["url_template"]
    if template is None:
        return None
    return PhotoItem(position=position, role=role, url=resolve(template), **fields)


def _merge_photo(html: PhotoItem | None, data: PhotoItem | None, notes: Notes) -> PhotoItem | None:
    """Combine the HTML's view of a photo with the page data's; note disagreements."""
    if html is None or data is None:
        return html or data
    for name in ("caption", "credit"):
        h, d = getattr(html, name), getattr(data, name)
        if h and d and " ".join(h.split()) != " ".join(d.split()) and name == "caption":
            notes.add("caption-mismatch", f"image {data.image_id}: page data {d!r}, HTML {h!r}")
    return replace(
        data,
        alt=html.alt if html.alt is not None else data.alt,
        caption=data.caption or html.caption,
        credit=html.credit or data.credit,  # the HTML credit is what the reader sees
    )


def hero_photo(data: PageData | None, selector: Selector | None, notes: Notes) -> PhotoItem | None:
    """Read the main image: `mainContentImageLink` in the data, the first HTML figure."""
    figure = first(selector.xpath(S.HERO_FIGURE)) if selector is not None else None
    html = current_figure(figure.root, "hero", 0) if figure is not None else None
    from_data = None
    if data is not None:
        link = data.read("mainContentImageLink")
        if link is not None:
            from_data = _photo_from_data(_image_fields(data, link), "hero", 0)
    return _merge_photo(html, from_data, notes)


def enrich_inline(photos: list[PhotoItem], data: PageData | None) -> list[PhotoItem]:
    """Fill in-text photos' missing caption/alt/credit from the page data's content links."""
    if data is None:
        return photos
    links: dict[int, dict[str, Any]] = {}
    for link in data.items(data.content, "contentLinks"):
        target = data.integer(link, "targetId")
        if target is not None:
            links[target] = link
    result = []
    for photo in photos:
        found = links.get(photo.image_id) if photo.image_id is not None else None
        if found is None:
            result.append(photo)
            continue
        link = found
        fields = _image_fields(data, link)
        result.append(
            replace(
                photo,
                alt=photo.alt if photo.alt is not None else fields["alt"],
                caption=photo.caption or fields["caption"],
                credit=photo.credit or fields["credit"],
            )
        )
    return result


def gallery_photos(
    data: PageData | None, selector: Selector | None, notes: Notes
) -> list[PhotoItem]:
    """Images of a gallery page: `extendedGalleryImages` in the data, figures in the HTML."""
    figures = selector.css(S.GALLERY_FIGURES) if selector is not None else []
    html = [
        photo
        for i, figure in enumerate(figures)
        if (photo := current_figure(figure.root, "gallery", i)) is not None
    ]
    if data is None:
        return html
    from_data: list[PhotoItem] = []
    for entry in data.items(data.content, "extendedGalleryImages"):
        fields = _image_fields(data, {**entry, "target": entry.get("assignedImage")})
        photo = _photo_from_data(fields, "gallery", len(from_data))
        if photo is not None:
            from_data.append(photo)
    by_id = {p.image_id: p for p in html}
    merged = [_merge_photo(by_id.get(p.image_id), p, notes) for p in from_data]
    return [p for p in merged if p is not None] or html


def liveblog_posts(data: PageData | None, selector: Selector | None) -> RichText:
    """Read a liveblog's posts in page order: title as a sub-heading, then the text."""
    result = RichText()
    posts = data.items(data.content, "posts") if data is not None else []
    if posts and data is not None:
        for post in posts:
            result.add("subheading", data.text(post, "title") or "")
            _extend(result, parse_rich_text(parse_fragment(data.text(post, "text") or "")))
        return result
    for rendered in selector.css(S.LIVEBLOG_POSTS) if selector is not None else []:
        heading = first(rendered.css("h2"))
        result.add("subheading", text_of(heading.root) if heading is not None else "")
        body = first(rendered.css(".rich-text"))
        if body is not None:
            _extend(result, parse_rich_text(body.root))
    return result


def _extend(result: RichText, part: RichText) -> None:
    result.blocks.extend(part.blocks)
    result.photos.extend(part.photos)
    result.media.extend(part.media)
    result.links.extend(part.links)
    result.removed.update(part.removed)


def page_media(
    data: PageData | None, selector: Selector | None
) -> tuple[list[MediaItem], int | None]:
    """Read a video or audio page's own media (players outside the text) and duration."""
    found: list[MediaItem] = []
    for wrapper in selector.xpath(S.PAGE_PLAYER) if selector is not None else []:
        found.extend(player_media(wrapper.root))
    duration = next((m.duration_seconds for m in found if m.duration_seconds), None)
    if data is None:
        return found, duration
    seconds = parse_duration(data.read("duration")) or parse_duration(
        data.text(data.content, "formattedDuration")
    )
    media_id = data.integer(data.content, "id")
    title = data.text(data.content, "title") or data.text(data.content, "name")
    poster = absolute(data.text(data.content, "posterImageUrl"))
    from_data: list[MediaItem] = []
    sources: tuple[tuple[str, MediaType], ...] = (
        ("hlsVideoSrc", "video"),
        ("mp3Src", "audio"),
        ("mp4Src", "video"),
    )
    for key, kind in sources:
        url = data.text(data.content, key)
        if url:
            from_data.append(MediaItem(kind, url, media_id, title, seconds, poster))
    return _merge_media(from_data, found), seconds or duration
