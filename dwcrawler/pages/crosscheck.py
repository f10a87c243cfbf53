"""The cheap cross-check of a current-design page's data against its head.

The page data is trusted without the rendered page when the head agrees with it: the same
title (the `<title>` without DW's "- DW - DD.MM.YYYY" suffix, en dashes), the same content id in the
canonical link, and the same date (one day's leeway for time zones). Anything missing or
different sends the page object to the rendered HTML, which reads and compares every field.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dwcrawler.cleaning.dates import parse_iso
from dwcrawler.cleaning.text import normalize_inline, strip_title_suffix
from dwcrawler.urls import parse_content_url

if TYPE_CHECKING:
    from dwcrawler.pages.data import PageData
    from dwcrawler.pages.head import PageHead
    from dwcrawler.urls import ContentRef

_TITLE_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
# The content each kind's page data must hold for the HTML to add nothing to it.
_CONTENT_KEYS = {"article": "text", "liveblog": "posts", "gallery": "extendedGalleryImages"}


def _same(a: str | None, b: str | None) -> bool:
    return (
        a is not None
        and b is not None
        and normalize_inline(a).casefold() == (normalize_inline(b).casefold())
    )


def _title_day(title: str) -> date | None:
    match = _TITLE_DATE.search(title)
    if match is None:
        return None
    try:
        return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


def head_disagrees(head: PageHead, data: PageData, ref: ContentRef) -> bool:
    """Return True unless the head confirms the page data's title, id and date."""
    title = head.title
    if title is None or not _same(strip_title_suffix(title), data.text(data.content, "title")):
        return True
    canonical = parse_content_url(head.canonical) if head.canonical else None
    data_id = data.integer(data.content, "id")
    if canonical is None or canonical.dw_id != ref.dw_id or data_id not in {None, ref.dw_id}:
        return True
    shown = parse_iso(data.content.get("contentDate")) or parse_iso(
        data.content.get("firstPublicationDate")
    )
    day = _title_day(title)
    return shown is None or day is None or abs(shown.date() - day) > timedelta(days=1)


def data_lacks_content(data: PageData, kind: str | None) -> bool:
    """Return True if the page data lacks the content its kind of page shows."""
    key = _CONTENT_KEYS.get(kind or "")
    if key is None:
        return False
    value = data.get(data.content, key)
    return not value or (isinstance(value, str) and not value.strip())
