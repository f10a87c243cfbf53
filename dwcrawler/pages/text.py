"""Read a text rendering of a DW page into a raw item: what a WET record or a browser copy holds.

Articles DW no longer serves survive in web archives, sometimes only as text: Common Crawl's
WET `conversion` records, a page copied from a browser. `read_text(text, url)` recovers what
such a text holds: title, kicker, date (a day, UTC), authors, teaser, permalink, body
paragraphs and sub-headings, each photo's alt, caption and credit. The item is raw, like the
page objects' (`extraction.extract_text` cleans and validates it) and says `capture="text"`;
its photos have no image id and no URL, which a text never names.

The layout rules are in `textheader` (the head) and `textbody` (figures, blocks, what follows
the article). Never a word is lost: a line the reader cannot place goes to the body; only
furniture that fills a whole line is dropped, and every dropped line is counted in `cleaning`
under its rule (`skip_link`, `ad_label`, `player`, `page_title`, `section_skip`,
`section_title`, `section_end`, `repeated_photo`). Furniture inside the article (an ad label,
"Soma pia: …", a byline) stays in the body for cleaning, which counts it as for HTML.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from dwcrawler.cleaning.dates import day_start
from dwcrawler.cleaning.furniture import tables_for
from dwcrawler.cleaning.text import normalize_inline
from dwcrawler.items import ArticleItem, BodyBlock, Kind, PhotoItem
from dwcrawler.pages.errors import BrokenPage, NotDwPage
from dwcrawler.pages.textbody import article_end, read_body, read_tail
from dwcrawler.pages.textheader import Header, read_header
from dwcrawler.pages.textlines import clock
from dwcrawler.urls import ContentRef, parse_content_url

__all__ = ["MAX_TEXT_CHARS", "TextLayout", "find_url", "lay_out", "read_text"]

MAX_TEXT_CHARS = 5_000_000  # far above any article's text; a larger "text" is something else
# Control characters no text rendering holds (tab, line breaks and form feed excepted), and
# U+FFFD, which stands for bytes that were not text.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


@dataclass
class TextLayout:
    """A text's lines laid out: its head, its article, and every line dropped, with its rule."""

    header: Header
    blocks: tuple[BodyBlock, ...] = ()
    photos: tuple[PhotoItem, ...] = ()
    permalink: str | None = None
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (rule, line), in order

    @property
    def design(self) -> str:
        """The design the furniture shows ("current" when it shows neither)."""
        return self.header.design or "current"


def find_url(text: str) -> str | None:
    """Return the canonical URL of the first DW content URL on a line of its own, if any."""
    for line in text.splitlines():
        candidate = line.strip()
        if not candidate.startswith(("http://", "https://")) or not urlsplit(candidate).netloc:
            continue
        if (ref := parse_content_url(candidate)) is not None:
            return ref.canonical
    return None


def _check(text: str, url: str) -> None:
    """Refuse what is not a text rendering at all: binary data, or too much of it."""
    if not isinstance(text, str):
        raise NotDwPage(f"not a text ({type(text).__name__}); decode it first", url)
    if len(text) > MAX_TEXT_CHARS:
        raise BrokenPage(f"text too large ({len(text)} characters)", url)
    if "\x00" in text:
        raise NotDwPage("binary data (NUL characters), not a text rendering", url)
    odd = len(_NOT_TEXT.findall(text, 0, 100_000))
    if odd > max(8, min(len(text), 100_000) // 100):
        raise NotDwPage("binary or undecodable data, not a text rendering", url)


def lay_out(text: str, language: str, slug: str | None = None, *, media: bool = True) -> TextLayout:
    """Lay a text's lines out into head, article and dropped lines (see the module docstring).

    `slug` (the URL's) helps find the headline; `media` says the page may be a video or audio
    page (its URL says so, or cannot tell: `av-`).
    """
    lines = [line for raw in text.splitlines() if (line := normalize_inline(raw))]
    dropped: list[tuple[str, str]] = []

    def drop(rule: str, line: str) -> None:
        dropped.append((rule, line))

    header = read_header(lines, language, slug, drop, media=media)
    end = article_end(lines, header.next, language)
    body = read_body(
        lines[header.next : end],
        language,
        classic=header.design == "classic",
        drop=drop,
        lead=tuple(header.unplaced),
    )
    tail_link = read_tail(lines[end:], language, drop)
    return TextLayout(
        header,
        body.blocks,
        body.photos,
        header.permalink or body.permalink or tail_link,
        dropped,
    )


def _kind(ref: ContentRef, layout: TextLayout, language: str) -> Kind:
    """Return the URL's kind; an `av-` page is audio when its text shows an audio label."""
    if ref.kind is not None:
        return ref.kind
    audio = tuple(label.casefold() for t in tables_for(language) for label in t.audio_labels)
    texts = [block.text.casefold() for block in layout.blocks]
    return "audio" if any(text.startswith(audio) for text in texts if audio) else "video"


def _duration(layout: TextLayout, kind: Kind, language: str) -> int | None:
    """Return the page's own media length: the head's clock, or "Sikiliza sauti 42:35"."""
    if kind not in {"video", "audio"}:
        return None
    if layout.header.duration is not None:
        return layout.header.duration
    labels = tuple(
        label.casefold()
        for t in tables_for(language)
        for label in (*t.audio_labels, *t.video_labels)
    )
    for block in layout.blocks:
        head, _, shown = block.text.rpartition(" ")
        if head.casefold() in labels and (seconds := clock(shown)) is not None:
            return seconds
    return None


def read_text(text: str, url: str) -> ArticleItem:
    """Read a text rendering of a DW page into a raw item; raise `PageError` (one line) if not one.

    `url` is the page's DW content URL (a text rarely names it; `find_url` finds one that does):
    it gives the id, kind and canonical URL. A text that shows nothing of a DW page (no skip
    links, DW `<title>` line, dated head, permalink or photo credit) is refused, as is one
    without a headline.
    """
    ref = parse_content_url(url) if isinstance(url, str) else None
    if ref is None:
        raise NotDwPage(f"not a DW content URL: {url!r}", url if isinstance(url, str) else None)
    _check(text, url)
    layout = lay_out(text, ref.language, ref.slug, media=ref.kind in {None, "video", "audio"})
    header = layout.header
    if not (header.signals or layout.permalink or layout.photos):
        raise NotDwPage(
            "a text that shows nothing of a DW page (no skip links, DW title line, "
            "dated head, permalink or photo credit)",
            url,
        )
    if not header.title:
        raise BrokenPage("no title found in the text", url)
    kind = _kind(ref, layout, ref.language)
    photos = layout.photos
    if kind == "gallery":  # a gallery's pictures after the first are the gallery, not inline
        photos = tuple(p if p.role == "hero" else replace(p, role="gallery") for p in photos)
    warnings: tuple[str, ...] = ()
    if header.unplaced:
        warnings = (
            f"text-unplaced: {len(header.unplaced)} line(s) before the headline kept in the body",
        )
    return ArticleItem(
        dw_id=ref.dw_id,
        url=ref.canonical,
        kind=kind,
        language=ref.language,
        design="classic" if layout.design == "classic" else "current",
        title=header.title,
        teaser=header.teaser,
        published_at=day_start(header.day) if header.day else None,
        date_precision="day" if header.day else None,
        authors=tuple(header.authors),
        kicker=header.kicker,
        body=layout.blocks,
        photos=photos,
        duration_seconds=_duration(layout, kind, ref.language),
        permalink=layout.permalink,
        warnings=warnings,
        cleaning=dict(sorted(Counter(rule for rule, _ in layout.dropped).items())),
        capture="text",
    )
