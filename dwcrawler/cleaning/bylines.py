"""Byline lines ("Mwandishi: …", "Mhariri: …") become authors and editors, never body text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dwcrawler.cleaning.text import normalize_inline

# Labels of the author and editor lines that end DW texts: Swahili (seen on /sw/), plus the
# forms of the other samples (fr "Auteur :", "Edition :"; en "Author:"; de "Autor:").
_AUTHOR_LABELS = r"Mwandishi|Waandishi|Mtayarishaji|Imeandikwa na|Auteurs?|Authors?|Autorin|Autor"
_EDITOR_LABELS = r"Mhariri|Wahariri|Imehaririwa na|[EÉ]dition|Editors?|Redaktion"
_LINE = re.compile(
    rf"^\s*(?:(?P<author>{_AUTHOR_LABELS})|(?P<editor>{_EDITOR_LABELS}))\s*:\s*(?P<names>.+?)\s*$",
    re.IGNORECASE,
)
# A second label later on the same line: "Mwandishi: X Mhariri: Y".
_NEXT_LABEL = re.compile(rf"\s+(?=(?:{_AUTHOR_LABELS}|{_EDITOR_LABELS})\s*:)", re.IGNORECASE)
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|/|&|\s+na\s+|\s+und\s+|\s+and\s+|\s+et\s+)\s*")
# Names that are the broadcaster, never a person.
NOT_PERSONS = frozenset({"deutsche welle", "dw", "dw kiswahili", "idhaa ya kiswahili", "dw.com"})


@dataclass(frozen=True, slots=True)
class Byline:
    """Names found on byline lines."""

    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()


def split_names(names: str) -> list[str]:
    """Split "Caro Robi na Josephat Charo" into names; drop the broadcaster's own name."""
    found = []
    for part in _NAME_SEPARATORS.split(normalize_inline(names)):
        name = part.strip(" .,;:-\u2013")
        if name and name.casefold() not in NOT_PERSONS:
            found.append(name)
    return found


def parse_byline(text: str) -> Byline | None:
    """Return the names if every line of `text` is a byline line, else None."""
    if ":" not in text or len(text) > 400:
        return None  # byline lines are short "Label: names" lines
    authors: list[str] = []
    editors: list[str] = []
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return None
    for line in lines:
        for piece in _NEXT_LABEL.split(line):
            match = _LINE.match(piece)
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
