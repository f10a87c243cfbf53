"""What DW prints on every language's pages: video.js's English player text, bare permalinks.

The classic design's quick-jump list is German on every language's pages. It sits outside the
article's container, so HTML cleaning never meets it; a text rendering starts with it, and the
text reader (`pages.text`) drops it there, at the top of the text only.
"""

from __future__ import annotations

from typing import Any

TABLE: dict[str, Any] = {
    # AMP video pages keep English player text on /sw/ (docs/dw-site.md §11).
    "player_lines": (
        "This browser does not support the video element.",
        "This browser does not support the audio element.",
    ),
    # The 2023-06 sample's video.js fallback paragraph.
    "player_patterns": (r"to view this video please enable javascript.{0,160}",),
    "share_labels": ("Share",),
    "broadcaster": ("Deutsche Welle", "DW", "dw.com"),
    # The classic quick-jump list, as the /sw/ text renderings show it (numbered 1. to 6.).
    "quick_jump": (
        "Inhalt",
        "Navigation",
        "Weitere Inhalte",
        "Metanavigation",
        "Suche",
        "Choose from 30 Languages",
    ),
}
