"""The article part of a text rendering: photos taken out of their lines, the rest as blocks.

A figure comes out of a rendering as two lines: the image's alt (DW's German archive name) and
its caption glued to its credit ("…kuwasili UrusiPicha: Reuters/S. Zhumatov"). A credit line
makes a photo; the line just before it is its alt when it could be one (short, not a sentence,
not furniture). A classic picture box shows "Alt (credit)" and then its caption. Every other
line is a body block: a short line that ends no sentence and is followed by prose is a
sub-heading, anything else a paragraph. What follows the article (DW's furniture sections, the
page footer) is read by `read_tail`: section-skip lines and their titles are counted as such,
the rest as `section_end`, as the HTML road counts the blocks after a section skip.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from dwcrawler.cleaning.bylines import parse_byline
from dwcrawler.cleaning.furniture.rules import rules_for
from dwcrawler.items import BodyBlock, PhotoItem, PhotoRole
from dwcrawler.pages import textlines as T

LONGEST_HEADING = 100  # characters; DW's sub-headings are a few words

Drop = Callable[[str, str], None]  # (rule, line): a line the reader removes, counted


class Body(NamedTuple):
    """The article's blocks and photos, in page order."""

    blocks: tuple[BodyBlock, ...]
    photos: tuple[PhotoItem, ...]
    permalink: str | None


def _alt_like(line: str, language: str) -> bool:
    return (
        len(line) <= T.LONGEST_ALT
        and not T.sentence_like(line)
        and rules_for(language).furniture(line) is None
    )


def _caption_like(line: str, language: str) -> bool:
    """Return True for the line after a classic "Alt (credit)" line that can be its caption."""
    return (
        _alt_like(line, language)
        and T.alt_with_credit(line) is None
        and T.credit_line(line, language) is None
        and parse_byline(line, language) is None
    )


def _repeats_hero(
    hero: PhotoItem, said: tuple[str | None, str | None, str | None], free: list[str], language: str
) -> bool:
    rules = rules_for(language)
    before_text = all(rules.furniture(line) is not None for line in free)
    return hero.role == "hero" and before_text and said == (hero.alt, hero.caption, hero.credit)


def _heading_like(line: str) -> bool:
    return len(line) <= LONGEST_HEADING and not T.sentence_like(line)


def blocks(lines: list[str], language: str) -> tuple[BodyBlock, ...]:
    """Type each body line: a short line ending no sentence, followed by prose, is a sub-heading.

    "Followed" skips furniture lines (an ad label between them), which cleaning removes; a
    last line, or one followed by another heading-like line, stays a paragraph.
    """
    rules = rules_for(language)
    result = []
    for index, text in enumerate(lines):
        after = next((t for t in lines[index + 1 :] if rules.furniture(t) is None), None)
        heading = _heading_like(text) and after is not None and not _heading_like(after)
        result.append(BodyBlock("subheading" if heading else "paragraph", text))
    return tuple(result)


def read_body(
    lines: list[str], language: str, *, classic: bool, drop: Drop, lead: tuple[str, ...] = ()
) -> Body:
    """Take the photos out of the article's lines; the rest, in order, become its blocks.

    The first photo before any body line is the hero. DW repeats the hero at the start of the
    text: a photo with the hero's alt, caption and credit before any text (furniture aside) is
    that repeat, counted (`repeated_photo`); later, two photos that read alike stay two (they
    may be two images). The first permalink line is the page's permalink. `lead` are lines the
    head could not place: they open the body, but a photo after them is still the hero.
    """
    free: list[str] = []  # lines no photo took, in order
    photos: list[PhotoItem] = []
    link: str | None = None
    after_free = False  # the line before went to `free`: it may be the alt of a credit line
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        alt = caption = credit = None
        if link is None and (found := T.permalink(line, language)) is not None:
            link, after_free = found, False
            continue
        if (split := T.credit_line(line, language)) is not None:
            caption, credit = split
            if after_free and _alt_like(free[-1], language):
                alt = free.pop()
        elif classic and (boxed := T.alt_with_credit(line)) is not None:
            alt, credit = boxed
            if index < len(lines) and _caption_like(lines[index], language):
                caption, index = lines[index], index + 1
        else:
            free.append(line)
            after_free = True
            continue
        after_free = False
        if photos and _repeats_hero(photos[0], (alt, caption, credit), free, language):
            drop("repeated_photo", line)
            continue
        role: PhotoRole = "hero" if not photos and not free else "inline"
        photos.append(PhotoItem(len(photos), role, None, "", None, alt, caption, credit))
    return Body(blocks([*lead, *free], language), tuple(photos), link)


def article_end(lines: list[str], start: int, language: str) -> int:
    """Index of the first line after the article: a section skip or title, or the page footer."""
    for index in range(start, len(lines)):
        line = lines[index]
        if (
            T.section_skip(line, language) is not None
            or T.section_title(line, language)
            or T.page_footer(line)
        ):
            return index
    return len(lines)


def read_tail(lines: list[str], language: str, drop: Drop) -> str | None:
    """Count the lines after the article; return the first permalink line's URL among them.

    A section-skip line names its section, and the line after it that is that title (or any
    table section title) is counted as `section_title`; classic pages list the permalink here.
    """
    expected: str | None = None
    link: str | None = None
    for line in lines:
        if (named := T.section_skip(line, language)) is not None:
            drop("section_skip", line)
            expected = named
            continue
        if (expected and line.casefold() == expected.casefold()) or T.section_title(line, language):
            drop("section_title", line)
        elif link is None and (found := T.permalink(line, language)) is not None:
            link = found
        else:
            drop("section_end", line)
        expected = None
    return link
