"""Photo credits and captions read by their place: the credit element's label off, alt parts apart.

DW prints `CAPTION<small class="copyright">Picha: CREDIT</small>`: the page objects read the
caption and the credit element separately, so cleaning only takes the label ("Picha:", "Bild:")
off the front of the credit. Classic pages put the credit in the image's alt text, in
parentheses. A caption is never searched for a credit: that is a rule for text renderings only
(`cleaning.renderings`), where the two arrive glued together.
"""

from __future__ import annotations

import re

from dwcrawler.cleaning.furniture import every
from dwcrawler.cleaning.text import normalize_inline

# The credit labels of every table: "Picha", "Bild", "Foto", "Image", "Photo", "Picture".
MARKER_WORDS = every("credit_labels")
_WORDS = "|".join(MARKER_WORDS)
CREDIT_MARKER = re.compile(rf"(?:{_WORDS})\s*:\s*")  # `.match` finds a leading one
_LEADING_MARKERS = re.compile(rf"^(?:(?:{_WORDS})\s*:\s*)+", re.IGNORECASE)
# Parenthesised words that describe a photo rather than credit it (classic alt texts).
_NOT_CREDITS = frozenset(note.casefold() for note in every("photo_notes"))
_TRAILING_PARENS = re.compile(r"^(?P<text>.*?)\s*\((?P<credit>[^()]{2,120})\)\s*$", re.DOTALL)


def clean_credit(credit: str | None) -> str | None:
    """Normalise a credit element's text: its leading label off, one line, None if empty."""
    if credit is None:
        return None
    text = normalize_inline(credit)
    for _ in range(5):  # ", Picha: DW" loses its edge, then its label: repeat until stable
        cleaned = _LEADING_MARKERS.sub("", text).strip(" ,;|")
        if cleaned == text:
            break
        text = cleaned
    return text or None


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
