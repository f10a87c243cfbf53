"""TEMPORARY phase-1 scaffold: placeholder article HTML and its extractor.

Stands in for the extraction engineer's `tests/sitegen` generator and `extract_page` until both
are merged; it is deleted then. Only navigation is tested with it.
"""

from __future__ import annotations

import html as htmllib
import re
from datetime import datetime

from dwcrawler.items import ArticleItem, BodyBlock, PhotoItem
from dwcrawler.urls import parse_content_url


def render(url: str, title: str, published: datetime, links: list[str], caption: str) -> str:
    anchors = "".join(f'<a class="rel" href="{htmllib.escape(u)}">x</a>' for u in links)
    return (
        f'<html lang="sw"><head><link rel="canonical" href="{htmllib.escape(url)}">'
        f'<meta name="published" content="{published.isoformat()}"></head><body>'
        f"<h1>{htmllib.escape(title)}</h1><p>Maandishi ya habari.</p>"
        f'<figure><figcaption data-caption="{htmllib.escape(caption)}"></figcaption></figure>'
        f"{anchors}</body></html>"
    )


def extract(html: str | bytes, url: str | None = None) -> ArticleItem:
    text = html.decode() if isinstance(html, bytes) else html
    canonical = re.search(r'rel="canonical" href="([^"]+)"', text)
    if canonical is None:
        raise ValueError("no canonical link")
    ref = parse_content_url(htmllib.unescape(canonical.group(1)))
    assert ref is not None
    title = htmllib.unescape(re.search(r"<h1>(.*?)</h1>", text).group(1))  # type: ignore[union-attr]
    published = re.search(r'name="published" content="([^"]+)"', text).group(1)  # type: ignore[union-attr]
    caption = htmllib.unescape(re.search(r'data-caption="([^"]*)"', text).group(1))  # type: ignore[union-attr]
    links = tuple(htmllib.unescape(u) for u in re.findall(r'class="rel" href="([^"]+)"', text))
    return ArticleItem(
        dw_id=ref.dw_id,
        url=ref.canonical,
        kind=ref.kind or "video",
        language=ref.language,
        design="current",
        title=title,
        published_at=datetime.fromisoformat(published),
        body=(BodyBlock("paragraph", "Maandishi ya habari."),),
        photos=(
            PhotoItem(
                0, "hero", 1, "https://static.dw.com/image/1_605.jpg", caption=caption or None
            ),
        ),
        links=links,
    )
