"""What DW prints on every language's pages: video.js's English player text, bare permalinks.

The classic design's quick-jump list is German on every language's pages, but it sits outside
the article's container, so no table needs it.
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
}
