"""What both designs share: the page's URL and id, its language, links, cross-checks."""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from dwcrawler.cleaning.text import normalize_inline
from dwcrawler.items import TopicItem
from dwcrawler.pages.errors import BrokenPage, NotDwPage
from dwcrawler.urls import ContentRef, canonical_url, parse_content_url, path_kind, topic_id

if TYPE_CHECKING:
    from collections.abc import Iterable

    from parsel import Selector

T = TypeVar("T")


@dataclass(slots=True)
class Notes:
    """Warnings collected while reading one page (disagreements, fallbacks)."""

    items: list[str] = field(default_factory=list)

    def add(self, code: str, detail: str) -> None:
        """Record a warning as "code: detail" (the code is stable, the detail for humans)."""
        self.items.append(f"{code}: {detail}")

    def pick(self, name: str, data: T | None, html: T | None) -> T | None:
        """Prefer the page data's value; note a disagreement with the rendered HTML."""
        if data is not None and html is not None and _differs(data, html):
            self.add(f"{name}-mismatch", f"page data {_short(data)} but HTML {_short(html)}")
        return data if data is not None else html


def _differs(a: object, b: object) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return normalize_inline(a).casefold() != normalize_inline(b).casefold()
    if isinstance(a, tuple | list) and isinstance(b, tuple | list):
        return [normalize_inline(str(x)).casefold() for x in a] != [
            normalize_inline(str(x)).casefold() for x in b
        ]
    return a != b


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "…'"


def first_text(selector: Selector, css: str) -> str | None:
    """Return the first non-empty string a `::text`/`::attr` selector yields."""
    for value in selector.css(css).getall():
        if value.strip():
            return str(value.strip())
    return None


def resolve_ref(candidates: Iterable[str | None], url: str | None, notes: Notes) -> ContentRef:
    """Find the page's content URL: the page's own (canonical…) first, then the given `url`.

    Raises NotDwPage for a DW listing page (section, topic) and BrokenPage when neither the page
    nor the caller names a content URL.
    """
    candidates = list(candidates)
    given = parse_content_url(url) if url else None
    for candidate in candidates:
        ref = parse_content_url(candidate) if candidate else None
        if ref is not None:
            if given is not None and given.dw_id != ref.dw_id:
                notes.add("url-mismatch", f"page says {ref.canonical}, fetched as {url}")
            return ref
    if given is not None:
        return given
    for candidate in [*candidates, url]:
        if candidate and path_kind(candidate) in {"section", "topic", "person", "program"}:
            raise NotDwPage(f"not a DW content page: {path_kind(candidate)} page", candidate)
    raise BrokenPage("no DW content URL in the page (no canonical link); pass --url", url)


# Case-sensitive on purpose: a pattern starting with the literal "<a" is searched fast, and DW
# writes lower-case tags (the links feed discovery only; an odd page may lose some).
_HREF = re.compile(r"""<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
# Where DW's page footer (`<footer id="footer">`) or, without one, the page data starts.
# (The footer comes first on a page: without it, the page data ends the scan.)
_PAGE_ENDS = ('id="footer"', "window.__")


def scan_links(text: str, found: Iterable[str], self_id: int, start: int = 0) -> tuple[str, ...]:
    """Links from the page's `<article>` to its footer (related, more stories) and `found`.

    The links feed discovery only, so they are read from the page's text between its first
    `<article>` and DW's page footer, without a DOM: the article and the teaser sections after
    it, not the navigation before it nor the footer after. `start` is where to look for the
    article (the end of the head).
    """
    # Plain `find`, from the end of the head (`start`): far cheaper than a regex on a page.
    begin = max(text.find("<article", start), 0)
    end = next((i for i in (text.find(m, begin) for m in _PAGE_ENDS) if i >= 0), len(text))
    return collect_links([*found, *hrefs_in(text, begin, end)], self_id)


def hrefs_in(text: str, begin: int, end: int) -> list[str]:
    """Return the `href` of every `<a>` tag in `text[begin:end]`, entities decoded (no tree)."""
    hrefs = []
    for match in _HREF.finditer(text, begin, end):
        value = match[1] if match[1] is not None else match[2] or match[3] or ""
        hrefs.append(html.unescape(value) if "&" in value else value)
    return hrefs


@functools.lru_cache(maxsize=16384)
def _content_link(href: str) -> tuple[int, str] | None:
    """(DW id, canonical URL) of a link to a DW content page; cached: pages share their links."""
    ref = parse_content_url(href.strip())
    return (ref.dw_id, canonical_url(ref.canonical)) if ref is not None else None


def collect_links(hrefs: Iterable[str], self_id: int) -> tuple[str, ...]:
    """Canonical URLs of the DW content pages linked (document order, unique, not the page)."""
    found: dict[str, None] = {}
    for href in hrefs:
        link = _content_link(href)
        if link is not None and link[0] != self_id:
            found.setdefault(link[1], None)
    return tuple(found)


# Cached: a crawl meets the same few hundred topics on page after page (the item is immutable).
@functools.lru_cache(maxsize=4096)
def topic_item(name: str, dw_topic_id: int | None, href: str | None) -> TopicItem:
    """Return a topic from its shown name, its id (if the page data gives one) and its link."""
    if dw_topic_id is None and href:
        dw_topic_id = topic_id(href)
    url = canonical_url(href) if href else None
    return TopicItem(name=normalize_inline(name), topic_id=dw_topic_id, url=url)
