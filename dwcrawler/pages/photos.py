"""Figures → photos: image ids, real URLs from DW's `${formatId}` templates, caption and credit.

DW's image URLs are templates, `https://static.dw.com/image/68059583_${formatId}.jpg`. The
stored `url` uses format 605, 1199 px wide: the largest size in every hero `srcset` of the
samples (docs/dw-site.md §6) and the one RSSHub uses, so it exists for every image that has a
template; `url_template` keeps the template for other sizes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from dwcrawler.cleaning.captions import split_alt_credit
from dwcrawler.items import PhotoItem, PhotoRole
from dwcrawler.pages import selectors as S
from dwcrawler.pages.html import has_class, int_or_none, is_element, text_of
from dwcrawler.pages.media import absolute

if TYPE_CHECKING:
    from lxml.html import HtmlElement

FORMAT_PLACEHOLDER = "${formatId}"
LARGE_FORMAT = "605"  # 1199 px wide (docs/dw-site.md §6)


def static_template(image_id: int) -> str:
    """Return the template DW uses for an image id (its `Image.staticUrl`)."""
    return f"https://static.dw.com/image/{image_id}_{FORMAT_PLACEHOLDER}.jpg"


_IMAGE_URL = re.compile(r"/image/(?P<id>\d+)_(?P<format>\d+)\.(?P<ext>jpe?g|webp|png|gif)")
SITE = "https://www.dw.com/"


def resolve(template: str, image_format: str = LARGE_FORMAT) -> str:
    """Replace `${formatId}` in a DW image template with a real format id."""
    return template.replace(FORMAT_PLACEHOLDER, image_format)


def image_id_of(url: str | None) -> int | None:
    """Return the image id of a DW image URL (template or real), or None."""
    if not url:
        return None
    match = _IMAGE_URL.search(url.replace(FORMAT_PLACEHOLDER, "0"))
    return int(match["id"]) if match else None


def template_of(url: str) -> str | None:
    """Turn a real DW image URL (`…/68059583_600.jpg`) back into its template."""
    match = _IMAGE_URL.search(url)
    if match is None:
        return None
    start, end = match.span("format")
    absolute = urljoin(SITE, url[:start] + FORMAT_PLACEHOLDER + url[end:])
    return absolute.replace(".webp", ".jpg") if absolute.endswith(".webp") else absolute


def first_srcset_url(srcset: str | None) -> str | None:
    """Return the first URL of a `srcset` attribute."""
    if not srcset:
        return None
    candidate = srcset.strip().split(",")[0].strip().split(" ")[0]
    return candidate or None


def caption_parts(figcaption: HtmlElement | None) -> tuple[str | None, str | None]:
    """Read a figcaption as (caption text, credit text): `small.copyright` is the credit."""
    if figcaption is None:
        return None, None
    credit = None
    for child in figcaption:
        if is_element(child) and child.tag == "small" and has_class(child, S.FIGCAPTION_CREDIT):
            credit = text_of(child)
    caption = text_of(figcaption, drop_classes=(S.FIGCAPTION_CREDIT,))
    return caption.strip() or None, credit


def current_figure(figure: HtmlElement, role: PhotoRole, position: int) -> PhotoItem | None:
    """Read a current-design figure: hero (`img[srcset]`) or in-text (`img[data-url]`)."""
    img = next((el for el in figure.iter("img")), None)
    if img is None:
        return None
    template = img.get(S.INLINE_IMG_TEMPLATE_ATTR)
    if not template or FORMAT_PLACEHOLDER not in template:
        real = img.get("src") or first_srcset_url(img.get("srcset") or img.get("srcSet"))
        template = template_of(real) if real else None
    image_id = int_or_none(img.get(S.INLINE_IMG_ID_ATTR)) or image_id_of(template)
    if template is None:
        return None
    figcaption = next((el for el in figure.iter("figcaption")), None)
    caption, credit = caption_parts(figcaption)
    return PhotoItem(
        position=position,
        role=role,
        image_id=image_id,
        url=resolve(template),
        url_template=template,
        alt=img.get("alt"),
        caption=caption,
        credit=credit,
    )


def classic_photo(
    img: HtmlElement, caption: str | None, role: PhotoRole, position: int
) -> PhotoItem:
    """Read a classic-design image: the credit sits in the alt text's parentheses."""
    src = img.get("src") or ""
    alt, credit = split_alt_credit(img.get("alt") or img.get("title"))
    return PhotoItem(
        position=position,
        role=role,
        image_id=image_id_of(src),
        url=absolute(src) or urljoin(SITE, src),
        url_template=None,  # classic pages show one fixed size; no template in the page
        alt=alt,
        caption=caption,
        credit=credit,
    )
