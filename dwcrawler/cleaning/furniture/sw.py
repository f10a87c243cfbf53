"""Kiswahili (/sw/), the crawl's language.

Seen on /sw/ pages (docs/dw-site.md §11) unless a comment says otherwise.
"""

from __future__ import annotations

from typing import Any

LANGUAGE = "sw"
TABLE: dict[str, Any] = {
    "skip_links": ("Nenda kwenye maudhui", "Nenda kwenye orodha kuu", "Nenda tovuti zaidi za DW"),
    "section_skips": ("Ruka sehemu inayofuata ${sectionTitle}",),
    "section_titles": (
        "Taarifa kuu ya DW",
        "Taarifa zaidi kutoka DW",
        "Sauti na Vidio Kuhusu Mada",
    ),
    "ad_labels": ("Matangazo",),
    "audio_labels": ("Sikiliza sauti",),
    "video_labels": ("Tazama vidio",),  # unverified: the video sibling of "Sikiliza sauti"
    # The old mobile media pages (m.dw.com … /av-43066833).
    "player_lines": ("Sasa moja kwa moja", "Zaidi katika Media Center", "Tufuatilie"),
    "share_labels": ("Shiriki",),
    "permalink_labels": ("Kiungo cha kudumu",),
    # Unverified wording: an invitation to follow DW on a named platform ("follow us on …").
    "promos": (
        (
            r"(?:tufuatilie|fuatilia|jiunge na)\b.{0,80}\b(?:whatsapp|google|facebook|instagram"
            r"|youtube|tiktok|telegram|x)\b.{0,80}"
        ),
    ),
    "read_more_labels": ("Soma pia", "Soma zaidi"),
    "credit_labels": ("Picha",),
    "author_labels": ("Mwandishi", "Waandishi", "Mtayarishaji", "Imeandikwa na"),
    "editor_labels": ("Mhariri", "Wahariri", "Imehaririwa na"),
    "name_joiners": ("na",),
    "months": (
        "Januari",
        "Februari",
        "Machi",
        "Aprili",
        "Mei",
        "Juni",
        "Julai",
        "Agosti",
        "Septemba",
        "Oktoba",
        "Novemba",
        "Desemba",
    ),
    "broadcaster": ("DW Kiswahili", "Idhaa ya Kiswahili"),
    "photo_notes": ("picha ya maktaba", "kushoto", "kulia", "picha"),
}
