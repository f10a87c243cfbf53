"""What a block's structure says: an app-store promotion, a skip-link list, a sub-heading.

Each is decided by the markup, in any language: a promotion is a paragraph that is only links
to app stores; a skip-link list is a list whose every item is only links to anchors of the page
itself (DW's "Nenda kwenye maudhui" list and the classic German quick-jump list both are); a
sub-heading is a short line whose text is all bold (CMS editors write one heading as several
`<strong>` runs), and that is neither a sentence nor a question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from dwcrawler.pages import selectors as S
from dwcrawler.pages.html import is_element

if TYPE_CHECKING:
    from collections.abc import Callable

    from lxml.html import HtmlElement

_BOLD = frozenset({"strong", "b"})
_INLINE = frozenset({"span", "em", "i", "u", "a", "small", "sup", "sub", "mark"})
MAX_HEADING = 120  # characters: a sub-heading is a line, not a paragraph
_SENTENCE_ENDS = (".", "!", "?", "…", ":", ";", ",")


def _all_bold(element: HtmlElement) -> bool:
    """Return True if every visible character under `element` sits inside `<strong>`/`<b>`."""
    if element.text and element.text.strip():
        return False
    for child in element:
        if is_element(child):
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag not in _BOLD and tag != "br" and not (tag in _INLINE and _all_bold(child)):
                return False
        if child.tail and child.tail.strip():
            return False
    return True


def bold_heading(paragraph: HtmlElement, text: str) -> bool:
    """Return True for `<p>` whose whole text is bold, short, and no sentence or question."""
    if len(text) > 4 * MAX_HEADING or next(paragraph.iter(*_BOLD), None) is None:
        return False  # a paragraph (the cheap tests first: most have no bold at all)
    flat = " ".join(text.split())
    if not flat or len(flat) > MAX_HEADING or flat.endswith(_SENTENCE_ENDS):
        return False
    return _all_bold(paragraph)


def _app_store(href: str | None) -> bool:
    if not href or "//" not in href:
        return False  # no host: a link within DW (most links in a text are)
    host = (urlsplit(href.strip()).hostname or "").removeprefix("www.")
    return host in S.APP_STORE_HOSTS


def _outside_links(element: HtmlElement) -> str:
    """Return the text of `element` that is not inside one of its links."""
    parts = [element.text or ""]
    for child in element:
        if is_element(child) and child.tag != "a":
            parts.append(_outside_links(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _in_page(href: str | None) -> bool:
    return (href or "").strip().startswith("#")


def _only_links_to(element: HtmlElement, target: Callable[[str | None], bool]) -> bool:
    """Return True if `element` holds links, all to `target`s, and no text outside them."""
    if next(element.iter("a"), None) is None:
        return False  # most blocks: no link at all
    if not all(target(a.get("href")) for a in element.iter("a")):
        return False
    return not _outside_links(element).strip()


def is_app_promo(paragraph: HtmlElement) -> bool:
    """Return True for a paragraph that is only links to app stores (text outside: blank)."""
    return _only_links_to(paragraph, _app_store)


def is_skip_list(element: HtmlElement) -> bool:
    """Return True for a list whose every item is only links to anchors of this page (`#…`)."""
    items = list(element.iter("li"))
    # An item with text of its own, or a link elsewhere, makes the list the article's.
    return bool(items) and all(_only_links_to(item, _in_page) for item in items)
