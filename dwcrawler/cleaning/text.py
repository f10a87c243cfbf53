"""Pure str → str normalisers: white space and Unicode as a reader sees them, DW's title suffix.

The strings DW prints around articles live in the furniture tables (`cleaning.furniture`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Zero-width characters DW's editor leaves; str.split() already treats no-break and other
# Unicode spaces as white space, but not these.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def _visible(text: str) -> str:
    if text.isascii():
        return text
    return _ZERO_WIDTH.sub("", text) if _ZERO_WIDTH.search(text) else text


def _nfc(text: str) -> str:
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


# Cached: one block's text is normalised again by each step that reads it, so most calls repeat
# an earlier one; a few thousand entries of at most a paragraph each.
@lru_cache(maxsize=4096)
def normalize_inline(text: str) -> str:
    """Return `text` in NFC on one line, every white-space run (nbsp included) one space."""
    return _nfc(" ".join(_visible(text).split()))


def normalize_text(text: str) -> str:
    """Return `text` in NFC with white-space runs as one space and line breaks kept single."""
    if "\n" not in text:
        return normalize_inline(text)
    lines = (" ".join(line.split()) for line in _visible(text).split("\n"))
    return _nfc("\n".join(line for line in lines if line))


def optional(text: str | None) -> str | None:
    """Normalise an optional one-line field; empty becomes None."""
    if text is None:
        return None
    cleaned = normalize_inline(text)
    return cleaned or None


_TITLE_SUFFIX_CURRENT = re.compile(r"\s+[\u2013-]\s+DW\s+[\u2013-]\s+\d{1,2}\.\d{1,2}\.\d{4}\s*$")
_TITLE_SUFFIX_CLASSIC = re.compile(r"\s+\|(?:[^|]*\|)*?\s*DW\s*\|\s*\d{1,2}\.\d{1,2}\.\d{4}\s*$")


def strip_title_suffix(title: str) -> str:
    """Remove DW's `<title>` suffix: " - DW - DD.MM.YYYY" or " | section | DW | DD.MM.YYYY"."""
    title = _TITLE_SUFFIX_CURRENT.sub("", title)
    return _TITLE_SUFFIX_CLASSIC.sub("", title).strip()
