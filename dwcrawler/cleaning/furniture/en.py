"""English (/en/): the two trafilatura classic samples and DW's English labels."""

from __future__ import annotations

from typing import Any

LANGUAGE = "en"
TABLE: dict[str, Any] = {
    "skip_links": ("Skip to content", "Skip to main menu", "Skip to more DW sites"),
    "section_skips": ("Skip next section ${sectionTitle}",),
    "section_titles": ("Audios and videos on the topic", "DW recommends"),
    "ad_labels": ("Advertisement",),
    "share_labels": ("Share",),
    "permalink_labels": ("Permalink",),
    "feedback_lines": ("Send us your feedback.",),
    "promos": (
        # "Preferred source on Google" box (seen in public DW scrapers).
        r".{0,80}\bpreferred source on google\b.{0,80}",
        # The classic newsletter box, a link-only paragraph (2020 sample).
        (
            r"every day, dw's editors send out a selection of the day's hard news and quality"
            r" feature journalism\. sign up for the newsletter here\."
        ),
    ),
    "read_more_labels": ("Read more",),
    "credit_labels": ("Image", "Photo", "Picture"),
    "author_labels": ("Authors", "Author"),
    "editor_labels": ("Editors", "Editor"),
    "name_joiners": ("and",),
    "months": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "photo_notes": ("file photo", "archive", "left", "right", "photo", "illustration"),
}
