"""Rules for text renderings of DW pages (no HTML): what arrives glued together is split.

A text rendering of a page (a WET record, a reader's copy) has lost the element boundaries:
a figcaption and its credit arrive as one line, "… baada ya kuwasili UrusiPicha: Reuters/S.
Zhumatov". These rules are for such text only, never for HTML, where the page objects read
caption and credit by their place; the future text-rendering importer calls them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dwcrawler.cleaning.captions import clean_credit
from dwcrawler.cleaning.furniture import every, tables_for
from dwcrawler.cleaning.text import normalize_inline

MAX_CREDIT = 120  # characters after the label: a credit is short, prose is not cut


@lru_cache(maxsize=64)
def _label(language: str | None) -> re.Pattern[str]:
    """Return the credit label pattern: the language's labels, or every table's for None."""
    words = (
        every("credit_labels")
        if language is None
        else (
            tuple(w for t in tables_for(language) for w in t.credit_labels)
            or every("credit_labels")
        )
    )
    # No word boundary before the label: the caption's last word runs into it ("UrusiPicha:").
    return re.compile(rf"(?:{'|'.join(re.escape(w) for w in words)})\s*:\s*")


def split_glued_credit(line: str, language: str | None = None) -> tuple[str | None, str | None]:
    """Split one rendered line into (caption, credit) at its credit label.

    The credit is what follows the first label that leaves a short credit (at most
    `MAX_CREDIT` characters) on a caption-sized line; without one the line is returned whole as
    the caption, so prose is never cut. "Picha: DW" alone is (None, "DW").
    """
    text = normalize_inline(line)
    for match in _label(language).finditer(text):
        if len(text) - match.end() <= MAX_CREDIT and match.start() <= 400:
            caption = text[: match.start()].strip()
            return caption or None, clean_credit(text[match.end() :])
    return text or None, None
