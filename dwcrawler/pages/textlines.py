"""What one line of a text rendering of a DW page is: the recognisers `pages.text` lays out with.

A text rendering (a Common Crawl WET `conversion` record, a copy from a browser) has lost the
page's elements; what is left is lines. Each function here looks at one whole line: a skip link
with its list number, the `<title>` line, the header's date (maybe glued to an author), a
player clock, the permalink, a photo's credit line. The strings come from the furniture tables
of the page's language; nothing here looks for a phrase inside a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, NamedTuple

from dwcrawler.cleaning.captions import split_alt_credit
from dwcrawler.cleaning.dates import parse_day
from dwcrawler.cleaning.furniture import every, tables_for
from dwcrawler.cleaning.furniture.rules import SECTION_TITLE, rules_for
from dwcrawler.cleaning.renderings import split_glued_credit
from dwcrawler.cleaning.wire import parse_sign_off

if TYPE_CHECKING:
    from datetime import date

# A line that ends a sentence (or a quotation): prose, never a heading, an alt or a caption.
SENTENCE_END = tuple(".!?…:;\"”»'")
LONGEST_ALT = 300  # characters; DW's archive names are short, paragraphs are not
_LIST_NUMBER = re.compile(r"^\d{1,2}\.\s+")  # "1. Nenda kwenye maudhui": the renderer's numbering
_TITLE_LINE = re.compile(
    r"^(?P<title>.+?)(?:\s+[\u2013-]\s+DW\s+[\u2013-]\s+|\s+\|(?P<section>(?:[^|]*\|)*?)\s*DW\s*\|\s*)"
    r"(?P<date>\d{1,2}\.\d{1,2}\.\d{4})$"
)
_CLOCK = re.compile(r"^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})$")
_NUMERIC_DATE = r"\d{1,2}\.\d{1,2}\.\d{4}"
_PERMALINK = re.compile(r"https?://p\.dw\.com/p/\w+", re.IGNORECASE)


class TitleLine(NamedTuple):
    """The `<title>` line a WET record starts with: "Title - DW - 24.04.2019", "… | DW | …"."""

    title: str
    day: date | None
    design: Literal["current", "classic"]
    section: str | None = None  # the classic title's section: "Matukio ya Afrika"


class DateLine(NamedTuple):
    """The header's date line, with the author names glued before it ("Caro Robi2 Oktoba 2015")."""

    day: date
    who: str | None


def sentence_like(text: str) -> bool:
    """Return True if a line ends as prose does (a full stop, a question, a quotation)."""
    return text.rstrip().endswith(SENTENCE_END)


def title_line(line: str) -> TitleLine | None:
    """Read a `<title>` line with DW's suffix; None for any other line."""
    match = _TITLE_LINE.match(line)
    if match is None:
        return None
    design: Literal["current", "classic"] = "classic" if "|" in line else "current"
    section = " | ".join(s.strip() for s in (match["section"] or "").split("|") if s.strip())
    return TitleLine(match["title"].strip(), parse_day(match["date"]), design, section or None)


@lru_cache(maxsize=16)
def _date_pattern(language: str) -> re.Pattern[str]:
    months = tuple(m for t in tables_for(language) for m in t.months) or every("months")
    names = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
    # The numeric date a renderer may keep from the hidden `<time>` glues on the long one.
    long_form = rf"(?:{_NUMERIC_DATE})?(?P<long>\d{{1,2}}\s+(?:{names})\s+\d{{4}})"
    return re.compile(
        rf"^(?P<who>.{{0,80}}?)(?:{long_form}|(?P<numeric>{_NUMERIC_DATE}))$", re.IGNORECASE
    )


def date_line(line: str, language: str) -> DateLine | None:
    """Read a whole-line date ("24 Aprili 2019", "30.01.2024"), maybe after author names.

    What precedes the date must look like names (short, no sentence punctuation), so a
    sentence that ends in a date is never a date line.
    """
    match = _date_pattern(language).match(line)
    if match is None:
        return None
    day = parse_day(match["long"] or match["numeric"])
    who = match["who"].strip(" |,")
    if day is None or (who and (len(who.split()) > 8 or any(c in who for c in ".!?;:"))):
        return None
    return DateLine(day, who or None)


def clock(line: str) -> int | None:
    """Read a player's clock line ("01:05", "1:02:03") as seconds; None for another line."""
    match = _CLOCK.match(line)
    if match is None:
        return None
    return int(match[1] or 0) * 3600 + int(match[2]) * 60 + int(match[3])


def permalink(line: str, language: str) -> str | None:
    """Read a permalink line ("https://p.dw.com/p/17Ltz", "Kiungo cha kudumu https://…")."""
    if rules_for(language).furniture(line) != "permalink":
        return None
    found = _PERMALINK.search(line)
    return found.group(0) if found else None


def list_item(line: str) -> str:
    """Return the line without a renderer's list number ("1. Inhalt" → "Inhalt")."""
    return _LIST_NUMBER.sub("", line, count=1)


@lru_cache(maxsize=16)
def _quick_jump(language: str) -> frozenset[str]:
    return frozenset(s.casefold() for t in tables_for(language) for s in t.quick_jump)


def quick_jump(line: str, language: str) -> bool:
    """Return True for an entry of the classic design's German quick-jump list ("1. Inhalt")."""
    return list_item(line).casefold() in _quick_jump(language)


def top_furniture(line: str, language: str) -> str | None:
    """Name the rule of a line of the furniture a page starts with: skip links, ad label.

    The classic design's German quick-jump list counts as skip links; it is recognised only
    here, at the top of a text.
    """
    rule = rules_for(language).furniture(list_item(line))
    if rule in {"skip_link", "ad_label"}:
        return rule
    return "skip_link" if quick_jump(line, language) else None


@lru_cache(maxsize=16)
def _section_skips(language: str) -> tuple[re.Pattern[str], ...]:
    patterns = []
    for table in tables_for(language):
        for template in table.section_skips:
            before, _, after = template.partition(SECTION_TITLE)
            body = rf"{re.escape(before)}(?P<title>.{{1,80}}?){re.escape(after)}"
            patterns.append(re.compile(body, re.IGNORECASE))
    return tuple(patterns)


def section_skip(line: str, language: str) -> str | None:
    """Return the section title a "Ruka sehemu inayofuata <title>" line names; None if not one."""
    for pattern in _section_skips(language):
        if match := pattern.fullmatch(line):
            return match["title"].strip()
    return None


def section_title(line: str, language: str) -> bool:
    """Return True for a whole-line section title of the tables ("Taarifa kuu ya DW")."""
    return rules_for(language).furniture(line) == "section_title"


@lru_cache(maxsize=1)
def _footer() -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in every("broadcaster"))
    return re.compile(rf"^©\s*(?:\d{{4}}\s*)?(?:{names})", re.IGNORECASE)


def page_footer(line: str) -> bool:
    """Return True for the page footer's first line ("© 2024 Deutsche Welle …")."""
    return _footer().match(line) is not None


def credit_line(line: str, language: str) -> tuple[str | None, str] | None:
    """Split a figure's line into (caption, credit) at its credit label; None if it has none.

    The label must start the line or be glued to the caption's last word ("…UrusiPicha: DW"),
    as a rendering of DW's adjacent elements leaves it. After a space it counts only when the
    caption before it does not end a sentence: a paragraph that quotes "Picha: …" stays prose.
    """
    caption, credit = split_glued_credit(line, language)
    if credit is None:
        return None
    spaced = caption is not None and line[len(caption) : len(caption) + 1].isspace()
    if spaced and caption is not None and sentence_like(caption):
        return None
    return caption, credit


def alt_with_credit(line: str) -> tuple[str | None, str] | None:
    """Split a classic picture box's alt line "Alt (credit)" into (alt, credit); None if not one.

    Only a line that is short and ends in the parenthesised credit, not in a sentence, counts;
    an agency sign-off ("mh/ab (Reuters, AFP)") is no picture.
    """
    if len(line) > LONGEST_ALT or not line.endswith(")") or parse_sign_off(line) is not None:
        return None
    alt, credit = split_alt_credit(line)
    if credit is None or (alt is not None and sentence_like(alt)):
        return None
    return alt, credit
