"""Byline lines ("Mwandishi: …", "Mhariri: …") become authors and editors, never body text.

The labels come from the furniture tables of the page's language; names are split on the
joining words of every table ("na", "und", "and", "et").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dwcrawler.cleaning.furniture import COMMON, TABLES, every, tables_for
from dwcrawler.cleaning.text import normalize_inline

_JOINERS = "|".join(rf"\s+{re.escape(word)}\s+" for word in every("name_joiners"))
_NAME_SEPARATORS = re.compile(rf"\s*(?:,|;|/|&|{_JOINERS})\s*")
# Names that are the broadcaster, never a person.
NOT_PERSONS = frozenset(name.casefold() for name in every("broadcaster"))


@dataclass(frozen=True, slots=True)
class Byline:
    """Names found on byline lines."""

    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()


def _labels(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=64)
def _patterns(language: str | None) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """(one byline line, a second label on the same line) for a language; None: no labels."""
    tables = tables_for(language) if language else (COMMON, *TABLES.values())
    authors = tuple(w for t in tables for w in t.author_labels)
    editors = tuple(w for t in tables for w in t.editor_labels)
    if not authors and not editors:
        return None
    author, editor = _labels(authors) or "(?!)", _labels(editors) or "(?!)"
    line = re.compile(
        rf"^\s*(?:(?P<author>{author})|(?P<editor>{editor}))\s*:\s*(?P<names>.+?)\s*$",
        re.IGNORECASE,
    )
    return line, re.compile(rf"\s+(?=(?:{author}|{editor})\s*:)", re.IGNORECASE)


def split_names(names: str) -> list[str]:
    """Split "Caro Robi na Josephat Charo" into names; drop the broadcaster's own name."""
    found = []
    for part in _NAME_SEPARATORS.split(normalize_inline(names)):
        name = part.strip(" .,;:-\u2013")
        if name and name.casefold() not in NOT_PERSONS:
            found.append(name)
    return found


def parse_byline(text: str, language: str | None = None) -> Byline | None:
    """Return the names if every line of `text` is a byline line, else None.

    `language` picks the labels (its table's); None accepts every table's labels.
    """
    patterns = _patterns(language)
    if patterns is None or ":" not in text or len(text) > 400:
        return None  # byline lines are short "Label: names" lines
    line_pattern, next_label = patterns
    authors: list[str] = []
    editors: list[str] = []
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return None
    for line in lines:
        for piece in next_label.split(line):
            match = line_pattern.match(piece)
            if match is None or len(match["names"]) > 120:
                return None
            target = authors if match["author"] else editors
            target.extend(split_names(match["names"]))
    return Byline(tuple(authors), tuple(editors))


def unique_names(names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Deduplicate names (case-insensitively, first spelling wins); drop the broadcaster."""
    seen: set[str] = set()
    result = []
    for raw in names:
        name = normalize_inline(raw)
        key = name.casefold()
        if name and key not in seen and key not in NOT_PERSONS:
            seen.add(key)
            result.append(name)
    return tuple(result)
