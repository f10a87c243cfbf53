"""Keep a photo's caption and its credit apart: strip "Picha:"/"Bild:", split glued text.

DW prints `CAPTION<small class="copyright">Picha: CREDIT</small>`; a text rendering glues the
two ("… baada ya kuwasili UrusiPicha: Reuters/S. Zhumatov"), so the marker is found without a
word boundary before it. Classic pages put the credit in the image's alt text, in parentheses.
"""

from __future__ import annotations

import re

from dwcrawler.cleaning.text import normalize_inline

# The credit prefix in DW's languages: Swahili "Picha:", German "Bild:", English "Image:" /
# "Photo:", French "Image :". Only these words followed by a colon count.
MARKER_WORDS = ("Picha", "Bild", "Foto", "Photo", "Image", "Picture")
_WORDS = "|".join(MARKER_WORDS)
CREDIT_MARKER = re.compile(rf"(?:{_WORDS})\s*:\s*")  # `.match` finds a leading one
_LEADING_MARKERS = re.compile(rf"^(?:(?:{_WORDS})\s*:\s*)+", re.IGNORECASE)
# Parenthesised words that describe a photo rather than credit it (classic alt texts).
_NOT_CREDITS = frozenset(
    {"symbolbild", "archivbild", "archiv", "picha ya maktaba", "file photo", "archive", "left"}
    | {"right", "links", "rechts", "kushoto", "kulia", "photo", "foto", "picha", "illustration"}
)
_TRAILING_PARENS = re.compile(r"^(?P<text>.*?)\s*\((?P<credit>[^()]{2,120})\)\s*$", re.DOTALL)


def clean_credit(credit: str | None) -> str | None:
    """Normalise a credit: no "Picha:" prefix (nor a stray one inside), one line, None if empty."""
    if credit is None:
        return None
    text = normalize_inline(credit)
    text = _LEADING_MARKERS.sub("", text)
    text = CREDIT_MARKER.sub("", text).strip(" ,;|")
    return text or None


def split_caption(caption: str | None, credit: str | None) -> tuple[str | None, str | None]:
    """Return (caption, credit) with any credit glued into the caption moved out of it.

    A structured credit (from `small.copyright` or the page data) wins over one found in the
    caption text; the caption never keeps a credit marker.
    """
    credit = clean_credit(credit)
    if caption is None:
        return None, credit
    text = normalize_inline(caption)
    match = CREDIT_MARKER.search(text)
    if match is not None:
        glued = clean_credit(text[match.end() :])
        text = text[: match.start()].strip()
        credit = credit or glued
    return text or None, credit


def split_alt_credit(alt: str | None) -> tuple[str | None, str | None]:
    """Split a classic alt text "Tahir Della (picture-alliance/dpa/L. Schwedes)" into parts.

    Returns (alt without the credit, credit). A trailing parenthesis that describes the photo
    ("(Symbolbild)") stays in the alt.
    """
    if alt is None:
        return None, None
    text = normalize_inline(alt)
    match = _TRAILING_PARENS.match(text)
    if match is None or match["credit"].strip().casefold() in _NOT_CREDITS:
        return text or None, None
    return match["text"].strip() or None, clean_credit(match["credit"])


def _marker(text: str) -> re.Match[str] | None:
    # Substring checks first: the regex alone is slow on long paragraphs.
    if ":" not in text or not any(word in text for word in MARKER_WORDS):
        return None
    return CREDIT_MARKER.search(text)


def has_credit_marker(text: str) -> bool:
    """Return True if `text` holds a "Picha:"-style credit marker."""
    return _marker(text) is not None


def is_credit_line(text: str) -> bool:
    """Return True for a caption-and-credit line that leaked into text ("…UrusiPicha: X").

    The credit after the marker is short and the whole line is caption-sized, so prose that
    merely contains "Bild:" in a long sentence stays.
    """
    match = _marker(text)
    return match is not None and len(text) - match.end() <= 120 and match.start() <= 400


def strip_credits(text: str) -> str:
    """Remove every credit marker from running text, with the credit after it on its line.

    A credit is short; when more than 120 characters follow the marker on its line only the
    marker goes, so prose is never cut.
    """
    while (match := _marker(text)) is not None:
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        cut = end if end - match.end() <= 120 else match.end()
        text = text[: match.start()].rstrip(" ") + text[cut:]
    return text
