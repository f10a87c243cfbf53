"""The head of a text rendering: `<title>` line, skip links, kicker, headline, byline, date, teaser.

A current-design page reads, line by line: three skip links, [kicker], headline, [authors], the
date ("24 Aprili 2019", or glued to its author: "Caro Robi2 Oktoba 2015"), teaser, permalink.
A video page puts its player's clock and fallback line between headline and date. A classic
page shows its German quick-jump list, [Matangazo], section (kicker), headline, teaser, and no
date: that is in the `<title>` line a WET record starts with ("… | DW | 04.02.2015").

The headline is the `<title>` line's title where a line repeats it; else the line before the
date (or before an author line, when the line before that matches the URL's slug better); a
page without a date line takes the first line, or the second when it matches the slug better.
The line before the headline is the kicker; lines before that cannot be placed and are handed
to the body. The `<title>` line is counted (`page_title`) unless it is the only headline.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import takewhile
from typing import TYPE_CHECKING

from dwcrawler.cleaning.bylines import parse_byline, split_names
from dwcrawler.cleaning.furniture.rules import rules_for
from dwcrawler.pages import textlines as T

if TYPE_CHECKING:
    from datetime import date

    from dwcrawler.pages.textbody import Drop

HEADER_WINDOW = 6  # lines after the skip links in which the header's date is looked for
LONGEST_NAMES = 100  # characters of an author line ("Caro Robi | Josephat Charo")


@dataclass
class Header:
    """What the head of a text says, and where the rest of the text starts."""

    title_line: T.TitleLine | None = None
    design: str | None = None  # "current"/"classic" when the furniture says so
    kicker: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    day: date | None = None
    duration: int | None = None
    teaser: str | None = None
    permalink: str | None = None
    unplaced: list[str] = field(default_factory=list)  # lines for the body, before its own
    next: int = 0  # index of the first line after the head
    signals: int = 0  # lines only a DW page shows: skip links, the DW `<title>` line, a date


def _words(text: str) -> set[str]:
    flat = unicodedata.normalize("NFKD", text.casefold())
    return set(re.findall(r"[a-z0-9]+", "".join(c for c in flat if c.isascii())))


def _names_like(line: str) -> bool:
    return (
        len(line) <= LONGEST_NAMES
        and not T.sentence_like(line)
        and not any(c.isdigit() for c in line)
    )


def _names(text: str) -> list[str]:
    return [name for part in text.split("|") for name in split_names(part)]


def _repeated(lines: list[str], header: Header) -> int | None:
    """Index of the line that repeats the `<title>` line's title, if there is one."""
    if header.title_line is None:
        return None
    wanted = header.title_line.title.casefold()
    return next((i for i, line in enumerate(lines) if line.casefold() == wanted), None)


def _closer(slug: set[str], first: str, second: str) -> bool:
    """Return True if `second` shares more words with the URL's slug than `first` does."""
    return len(slug & _words(second)) > len(slug & _words(first))


def _headline(lines: list[str], header: Header, slug: set[str]) -> int | None:
    """Index of the headline among the lines before the date (see the module docstring)."""
    if (found := _repeated(lines, header)) is not None or not lines:
        return found
    last = len(lines) - 1
    names = last and _names_like(lines[last])
    if names and (" | " in lines[last] or _closer(slug, lines[last], lines[last - 1])):
        return last - 1  # the last line is the byline
    return last


def _plain(line: str, language: str) -> bool:
    """Return True for a line that can be a kicker, headline or author line of the head."""
    return (
        rules_for(language).furniture(line) is None
        and T.credit_line(line, language) is None
        and T.section_skip(line, language) is None
        and not T.page_footer(line)
    )


def _top(lines: list[str], language: str, header: Header, drop: Drop) -> int:
    """Drop the furniture a text starts with; return the index of the first other line."""
    index = 0
    if lines and (found := T.title_line(lines[0])) is not None:
        header.title_line, header.design, index = found, found.design, 1
        header.signals += 1
    while index < len(lines) and (rule := T.top_furniture(lines[index], language)):
        if T.quick_jump(lines[index], language):
            header.design = "classic"
        elif rule == "skip_link":
            header.design = header.design or "current"
        drop(rule, lines[index])
        header.signals += 1
        index += 1
    return index


def _candidates(
    lines: list[str], language: str, header: Header, drop: Drop, *, media: bool
) -> list[str]:
    """Return the head's lines before its date: a player's clock read, its fallback dropped."""
    kept = []
    for line in lines:
        # A media page's own player shows its length; on other pages a clock is text.
        if media and header.duration is None and (seconds := T.clock(line)) is not None:
            header.duration = seconds
        elif rules_for(language).furniture(line) == "player":
            drop("player", line)
        else:
            kept.append(line)
    return kept


def _place(lines: list[str], at: int | None, header: Header) -> None:
    """Kicker, headline and author lines around the headline at `at`; the rest is unplaced."""
    if at is None:
        header.unplaced.extend(lines)
        return
    header.title = lines[at]
    if at >= 1:
        header.kicker = lines[at - 1]
        header.unplaced.extend(lines[: at - 1])
    for line in lines[at + 1 :]:
        if _names_like(line):
            header.authors.extend(_names(line))
        else:
            header.unplaced.append(line)


def _teaser_like(lines: list[str], index: int, language: str, classic: bool) -> bool:
    line = lines[index]
    follows = lines[index + 1] if index + 1 < len(lines) else ""
    return (
        _plain(line, language)
        and T.date_line(line, language) is None
        and parse_byline(line, language) is None
        and not (classic and T.alt_with_credit(line))
        and T.credit_line(follows, language) is None  # a line before a credit is an alt
    )


def read_header(
    lines: list[str], language: str, slug: str | None, drop: Drop, *, media: bool = True
) -> Header:
    """Read the head of a text rendering's lines (see the module docstring).

    `media` says the page may be a video or audio page, whose player's clock is its length.
    """
    header = Header()
    start = _top(lines, language, header, drop)
    slug_words = _words((slug or "").replace("-", " "))
    window = range(start, min(len(lines), start + HEADER_WINDOW))
    dated = next((i for i in window if T.date_line(lines[i], language)), None)
    if dated is not None:
        found = T.date_line(lines[dated], language)
        assert found is not None  # found by the same call above
        header.day, header.signals = found.day, header.signals + 1
        if found.who:
            header.authors.extend(_names(found.who))
        before = _candidates(lines[start:dated], language, header, drop, media=media)
        _place(before, _headline(before, header, slug_words), header)
        header.next = dated + 1
    else:
        ahead = list(takewhile(lambda line: _plain(line, language), lines[start : start + 4]))
        at: int | None = None
        if header.title_line is not None:
            at = _repeated(ahead, header)  # else the `<title>` line is the only headline
        elif ahead:
            at = 1 if ahead[1:] and _closer(slug_words, ahead[0], ahead[1]) else 0
        taken = ahead[: at + 1] if at is not None else []
        _place(taken, at, header)
        header.next = start + len(taken)
    if header.title_line is not None:
        if header.title is None:
            # The `<title>` line is all there is of the head; its section is the kicker.
            header.title = header.title_line.title
            header.kicker = header.kicker or header.title_line.section
        else:
            # DW's `<title>` form fills the line: furniture, whether or not the headline
            # repeats it word for word.
            drop("page_title", lines[0])
        header.day = header.day or header.title_line.day
    index = header.next
    classic = header.design == "classic"
    if index < len(lines) and _teaser_like(lines, index, language, classic):
        header.teaser, index = lines[index], index + 1
    if index < len(lines) and (link := T.permalink(lines[index], language)) is not None:
        header.permalink, index = link, index + 1
    header.next = index
    return header
